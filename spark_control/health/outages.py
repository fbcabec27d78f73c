"""The connectivity log in SQLite: one row per confirmed outage, plus the monitor's heartbeat so
a restart can close what was left open honestly.

An outage open when the controller stopped is closed at the next start with ``ended_at`` = the
monitor's last heartbeat (the last moment we *know* it was still down) and a note saying so.
The time the monitor was not running is itself recorded as a ``gap`` row (kind ``monitor``):
nothing was watched then, and the log says it."""

from __future__ import annotations

from dataclasses import dataclass

from spark_control.clock import SYSTEM_CLOCK, Clock
from spark_control.store import Database

SCHEMA = """
CREATE TABLE IF NOT EXISTS health_outages (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    target TEXT NOT NULL,            -- service kind ("vllm") or node name ("spark1")
    target_kind TEXT NOT NULL,       -- service | node | monitor
    node TEXT NOT NULL DEFAULT '',
    started_at REAL NOT NULL,        -- first failing probe (unix s)
    ended_at REAL,                   -- first successful probe; NULL while open
    duration_s REAL,
    last_ok_at REAL,                 -- last good probe before it (the outage began after this)
    confirmed_at REAL NOT NULL,
    failed TEXT NOT NULL,            -- what failed (first error)
    detected_by TEXT NOT NULL,       -- how (probe method, connection loss)
    note TEXT NOT NULL DEFAULT ''
);
CREATE INDEX IF NOT EXISTS health_outages_started ON health_outages(started_at);
CREATE INDEX IF NOT EXISTS health_outages_open ON health_outages(ended_at) WHERE ended_at IS NULL;
CREATE TABLE IF NOT EXISTS health_monitor (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    started_at REAL NOT NULL,
    heartbeat_at REAL NOT NULL,
    stopped_at REAL                  -- set on a clean stop; NULL after a crash
);
"""


@dataclass(frozen=True)
class Outage:
    id: int
    target: str
    target_kind: str
    node: str
    started_at: float
    ended_at: float | None
    duration_s: float | None
    last_ok_at: float | None
    confirmed_at: float
    failed: str
    detected_by: str
    note: str

    @property
    def open(self) -> bool:
        return self.ended_at is None

    def to_dict(self) -> dict:
        return {
            "id": self.id,
            "target": self.target,
            "target_kind": self.target_kind,
            "node": self.node,
            "started_at": _iso(self.started_at),
            "ended_at": _iso(self.ended_at),
            "duration_s": None if self.duration_s is None else round(self.duration_s, 3),
            "last_ok_at": _iso(self.last_ok_at),
            "open": self.open,
            "failed": self.failed,
            "detected_by": self.detected_by,
            "note": self.note,
        }


def _iso(ts: float | None) -> str | None:
    if ts is None:
        return None
    from datetime import UTC, datetime

    return datetime.fromtimestamp(ts, UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


class OutageLog:
    def __init__(self, db: Database, *, clock: Clock = SYSTEM_CLOCK) -> None:
        self.db = db
        self.clock = clock  # stamps confirmed_at, heartbeats, starts and stops
        db.migrate(SCHEMA)

    # --- outages -----------------------------------------------------------------------------
    def open(
        self,
        *,
        target: str,
        target_kind: str,
        node: str,
        started_at: float,
        last_ok_at: float | None,
        failed: str,
        detected_by: str,
        note: str = "",
    ) -> int:
        cur = self.db.execute(
            "INSERT INTO health_outages (target, target_kind, node, started_at, last_ok_at, confirmed_at, failed,"
            " detected_by, note) VALUES (?,?,?,?,?,?,?,?,?)",
            (
                target,
                target_kind,
                node,
                started_at,
                last_ok_at,
                self.clock.now(),
                failed[:500],
                detected_by[:200],
                note,
            ),
        )
        return int(cur.lastrowid)

    def close(self, outage_id: int, ended_at: float, note: str = "") -> None:
        self.db.execute(
            "UPDATE health_outages SET ended_at = ?, duration_s = ? - started_at,"
            " note = CASE WHEN ? = '' THEN note ELSE ? END WHERE id = ? AND ended_at IS NULL",
            (ended_at, ended_at, note, note, outage_id),
        )

    def record_closed(self, **kw) -> int:
        ended_at = kw.pop("ended_at")
        oid = self.open(**kw)
        self.close(oid, ended_at)
        return oid

    def list(self, since: float | None = None, target: str | None = None, limit: int = 1000) -> list[Outage]:
        """Outages that overlap [since, now]: started after ``since`` or still open / ended after it."""
        sql = "SELECT * FROM health_outages WHERE 1=1"
        params: list = []
        if since is not None:
            sql += " AND (started_at >= ? OR ended_at IS NULL OR ended_at >= ?)"
            params += [since, since]
        if target:
            sql += " AND target = ?"
            params.append(target)
        sql += " ORDER BY started_at DESC LIMIT ?"
        params.append(int(limit))
        return [_row(r) for r in self.db.query(sql, params)]

    def open_outages(self) -> list[Outage]:
        return [_row(r) for r in self.db.query("SELECT * FROM health_outages WHERE ended_at IS NULL")]

    def counts(self) -> dict[tuple[str, str], int]:
        rows = self.db.query(
            "SELECT target, target_kind, COUNT(*) AS n FROM health_outages GROUP BY target, target_kind"
        )
        return {(r["target"], r["target_kind"]): int(r["n"]) for r in rows}

    # --- heartbeat / restart honesty ------------------------------------------------------------
    def recover_after_restart(self, now: float | None = None) -> list[int]:
        """Called once at monitor start. Closes outages left open by the previous run at its last
        heartbeat (with a note) and records the unwatched gap. Returns the closed ids."""
        now = now or self.clock.now()
        prev = self.db.one("SELECT * FROM health_monitor WHERE id = 1")
        closed: list[int] = []
        if prev is not None:
            last_alive = prev["stopped_at"] or prev["heartbeat_at"]
            how = "stopped" if prev["stopped_at"] else "stopped without a clean shutdown"
            note = (
                f"closed at controller restart: the controller {how} at {_iso(last_alive)} while this outage was "
                f"open; the end is that time, not an observed recovery"
            )
            for o in self.open_outages():
                self.close(o.id, max(last_alive, o.started_at), note)
                closed.append(o.id)
            if now - last_alive > 1.0:
                self.record_closed(
                    target="monitor",
                    target_kind="monitor",
                    node="",
                    started_at=last_alive,
                    ended_at=now,
                    last_ok_at=last_alive,
                    failed="not monitoring: controller not running",
                    detected_by="controller restart",
                    note="gap: nothing was watched in this interval",
                )
        self.db.execute(
            "INSERT INTO health_monitor (id, started_at, heartbeat_at, stopped_at) VALUES (1, ?, ?, NULL)"
            " ON CONFLICT(id) DO UPDATE SET started_at = excluded.started_at, heartbeat_at = excluded.heartbeat_at,"
            " stopped_at = NULL",
            (now, now),
        )
        return closed

    def heartbeat(self, now: float | None = None) -> None:
        self.db.execute("UPDATE health_monitor SET heartbeat_at = ? WHERE id = 1", (now or self.clock.now(),))

    def mark_stopped(self, now: float | None = None) -> None:
        now = now or self.clock.now()
        self.db.execute("UPDATE health_monitor SET heartbeat_at = ?, stopped_at = ? WHERE id = 1", (now, now))


def _row(r) -> Outage:
    return Outage(
        id=r["id"],
        target=r["target"],
        target_kind=r["target_kind"],
        node=r["node"],
        started_at=r["started_at"],
        ended_at=r["ended_at"],
        duration_s=r["duration_s"],
        last_ok_at=r["last_ok_at"],
        confirmed_at=r["confirmed_at"],
        failed=r["failed"],
        detected_by=r["detected_by"],
        note=r["note"],
    )
