"""Persistence + events for jobs (SQLite via ``Database``, events via ``EventHub``).

Every move is a compare-and-swap (``advance(to, expect=...)``) that closes the current phase,
opens the next, persists both and publishes an event.
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterable, Mapping
from typing import Any

from spark_control.errors import NotFound
from spark_control.events import EventHub
from spark_control.jobs.machine import TERMINAL, InvalidTransition, Job, Phase, is_valid_transition
from spark_control.store import Database

SCHEMA = """
CREATE TABLE IF NOT EXISTS cluster_jobs (
    id TEXT PRIMARY KEY,
    kind TEXT NOT NULL,
    model TEXT NOT NULL DEFAULT '',
    previous_model TEXT,
    step TEXT NOT NULL,
    state TEXT NOT NULL,
    error TEXT,
    note TEXT,
    nodes TEXT NOT NULL DEFAULT '[]',
    actor TEXT NOT NULL DEFAULT '',
    source TEXT NOT NULL DEFAULT '',
    expected_s REAL,
    created_at REAL NOT NULL,
    finished_at REAL
);
CREATE INDEX IF NOT EXISTS cluster_jobs_created ON cluster_jobs(kind, created_at);
CREATE TABLE IF NOT EXISTS cluster_job_phases (
    job_id TEXT NOT NULL REFERENCES cluster_jobs(id) ON DELETE CASCADE,
    seq INTEGER NOT NULL,
    name TEXT NOT NULL,
    state TEXT NOT NULL,
    started_at REAL,
    finished_at REAL,
    duration_s REAL,
    PRIMARY KEY (job_id, seq)
);
CREATE TABLE IF NOT EXISTS cluster_job_log (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    job_id TEXT NOT NULL REFERENCES cluster_jobs(id) ON DELETE CASCADE,
    ts REAL NOT NULL,
    phase TEXT NOT NULL,
    line TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS cluster_job_log_job ON cluster_job_log(job_id, id);
CREATE TABLE IF NOT EXISTS cluster_load_times (
    model TEXT NOT NULL,
    ts REAL NOT NULL,
    load_s REAL NOT NULL
);
CREATE INDEX IF NOT EXISTS cluster_load_times_model ON cluster_load_times(model, ts);
"""


class JobStore:
    """Persistence + events for jobs. ``topic`` is the event prefix (``swap``, ``patches``)."""

    def __init__(self, db: Database, events: EventHub, topic: str) -> None:
        self.db = db
        self.events = events
        self.topic = topic
        db.migrate(SCHEMA)

    # --- writes -------------------------------------------------------------------------
    def create(self, job: Job, first_phases: Iterable[str]) -> None:
        now = time.time()
        job.phases = [Phase(n) for n in first_phases]
        job.phases[0].state, job.phases[0].started_at = "running", now
        with self.db.transaction() as tx:
            tx.execute(
                "INSERT INTO cluster_jobs(id, kind, model, previous_model, step, state, nodes, actor, source, "
                "expected_s, created_at) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
                (
                    job.id,
                    job.kind,
                    job.model,
                    job.previous_model,
                    job.step,
                    job.state,
                    json.dumps(job.nodes),
                    job.actor,
                    job.source,
                    job.expected_s,
                    job.created_at,
                ),
            )
            for i, p in enumerate(job.phases):
                tx.execute(
                    "INSERT INTO cluster_job_phases(job_id, seq, name, state, started_at) VALUES (?,?,?,?,?)",
                    (job.id, i, p.name, p.state, p.started_at),
                )
        self._publish_job(job)
        self.events.publish(f"{self.topic}.phase", job_id=job.id, phase=job.step, state="running", started_at=now)

    def advance(self, job: Job, to: str, *, expect: str | None = None, failed: bool = False) -> None:
        """Move ``job`` to step ``to``: close the current phase (done, or failed with
        ``failed=True``), open the next (unless terminal), persist, publish."""
        frm = job.step
        if expect is not None and frm != expect:
            raise InvalidTransition(f"job {job.id}: expected step {expect!r}, is {frm!r}")
        if not is_valid_transition(job.transitions, frm, to):
            raise InvalidTransition(f"job {job.id}: {frm} -> {to} is not a valid transition")
        now = time.time()
        cur = job.phase(frm)
        if cur is not None and cur.state == "running":
            cur.state = "failed" if failed else "done"
            cur.finished_at = now
            cur.duration_s = round(now - (cur.started_at or now), 3)
        job.step = to
        if to in TERMINAL:
            job.finished_at = now
            for p in job.phases:
                if p.state == "pending":
                    p.state = "skipped"
        else:
            nxt = next((p for p in job.phases if p.name == to and p.state == "pending"), None)
            if nxt is None:
                nxt = Phase(to)
                # keep pending phases after the newly inserted one (e.g. rollback before nothing)
                job.phases.append(nxt)
            nxt.state, nxt.started_at = "running", now
            if to in ("rollback", "failed", "reconcile"):
                for p in job.phases:
                    if p.state == "pending":
                        p.state = "skipped"
        self._save(job)
        if cur is not None:
            self.events.publish(
                f"{self.topic}.phase", job_id=job.id, phase=cur.name, state=cur.state, duration_s=cur.duration_s
            )
        if to not in TERMINAL:
            self.events.publish(f"{self.topic}.phase", job_id=job.id, phase=to, state="running", started_at=now)
        self._publish_job(job, error=job.error, note=job.note)

    def _publish_job(self, job: Job, **extra: Any) -> None:
        self.events.publish(
            f"{self.topic}.job",
            job_id=job.id,
            state=job.state,
            step=job.step,
            model=job.model,
            previous_model=job.previous_model,
            **extra,
        )

    def _save(self, job: Job) -> None:
        with self.db.transaction() as tx:
            tx.execute(
                "UPDATE cluster_jobs SET step=?, state=?, error=?, note=?, finished_at=?, expected_s=?, "
                "previous_model=? WHERE id=?",
                (job.step, job.state, job.error, job.note, job.finished_at, job.expected_s, job.previous_model, job.id),
            )
            tx.execute("DELETE FROM cluster_job_phases WHERE job_id=?", (job.id,))
            for i, p in enumerate(job.phases):
                tx.execute(
                    "INSERT INTO cluster_job_phases(job_id, seq, name, state, started_at, finished_at, duration_s) "
                    "VALUES (?,?,?,?,?,?,?)",
                    (job.id, i, p.name, p.state, p.started_at, p.finished_at, p.duration_s),
                )

    def log(self, job: Job, line: str, *, phase: str | None = None) -> None:
        ts = time.time()
        ph = phase or job.step
        line = line.rstrip()[:2000]
        job.log.append((ts, ph, line))
        if len(job.log) > 5000:
            del job.log[:1000]
        self.db.execute("INSERT INTO cluster_job_log(job_id, ts, phase, line) VALUES (?,?,?,?)", (job.id, ts, ph, line))
        self.events.publish(f"{self.topic}.log", job_id=job.id, phase=ph, line=line, ts=ts)

    def progress(self, job: Job, **data: Any) -> None:
        job.progress.update(data)
        self.events.publish(f"{self.topic}.progress", job_id=job.id, **job.progress)

    def record_load_time(self, model: str, load_s: float) -> None:
        self.db.execute(
            "INSERT INTO cluster_load_times(model, ts, load_s) VALUES (?,?,?)", (model, time.time(), load_s)
        )

    def measured_load_times(self, model: str, limit: int = 5) -> list[float]:
        rows = self.db.query(
            "SELECT load_s FROM cluster_load_times WHERE model=? ORDER BY ts DESC LIMIT ?", (model, limit)
        )
        return [r["load_s"] for r in rows]

    # --- reads --------------------------------------------------------------------------
    def load(self, job_id: str, transitions: Mapping[str, frozenset[str]], *, log_limit: int = 1000) -> Job:
        r = self.db.one("SELECT * FROM cluster_jobs WHERE id=?", (job_id,))
        if r is None:
            raise NotFound(f"no job {job_id!r}")
        return self._from_row(r, transitions, log_limit)

    def _from_row(self, r: Any, transitions: Mapping[str, frozenset[str]], log_limit: int) -> Job:
        job = Job(
            id=r["id"],
            kind=r["kind"],
            step=r["step"],
            transitions=transitions,
            model=r["model"],
            previous_model=r["previous_model"],
            error=r["error"],
            note=r["note"],
            nodes=json.loads(r["nodes"]),
            actor=r["actor"],
            source=r["source"],
            expected_s=r["expected_s"],
            created_at=r["created_at"],
            finished_at=r["finished_at"],
        )
        job.phases = [
            Phase(p["name"], p["state"], p["started_at"], p["finished_at"], p["duration_s"])
            for p in self.db.query("SELECT * FROM cluster_job_phases WHERE job_id=? ORDER BY seq", (job.id,))
        ]
        rows = self.db.query(
            "SELECT ts, phase, line FROM (SELECT * FROM cluster_job_log WHERE job_id=? ORDER BY id DESC LIMIT ?) "
            "ORDER BY id",
            (job.id, log_limit),
        )
        job.log = [(x["ts"], x["phase"], x["line"]) for x in rows]
        return job

    def running(self, kind: str, transitions: Mapping[str, frozenset[str]]) -> list[Job]:
        rows = self.db.query("SELECT * FROM cluster_jobs WHERE kind=? AND state='running' ORDER BY created_at", (kind,))
        return [self._from_row(r, transitions, 1000) for r in rows]

    def history(self, kind: str, transitions: Mapping[str, frozenset[str]], limit: int = 50) -> list[Job]:
        rows = self.db.query("SELECT * FROM cluster_jobs WHERE kind=? ORDER BY created_at DESC LIMIT ?", (kind, limit))
        return [self._from_row(r, transitions, 0) for r in rows]
