"""The audit log: every mutation and every denied request (who, what, when, from where, result).
Never stores secrets: callers pass names and ids, not tokens or texts.

Refusals (``auth.denied``: anonymous 401s, refused UI events; throttled sign-ins) are what
anyone on the network can produce at will, so they are rate-limited per source address: at most
``refusals_per_minute`` rows per source and minute; the rest are counted (``suppressed``, per
source in the next row written for it, and in total on ``/metrics``). Mutations are never
limited. Rows older than ``retention_days`` are deleted by :meth:`prune` (the controller calls
it at start and hourly)."""

from __future__ import annotations

import asyncio
import json
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from spark_control.store import Database

log = logging.getLogger(__name__)

SCHEMA = """
CREATE TABLE IF NOT EXISTS audit (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    ts REAL NOT NULL,
    actor TEXT NOT NULL,
    source TEXT NOT NULL,
    action TEXT NOT NULL,
    target TEXT NOT NULL,
    result TEXT NOT NULL,
    detail TEXT NOT NULL DEFAULT '{}'
);
CREATE INDEX IF NOT EXISTS audit_ts ON audit(ts);
"""

DEFAULT_REFUSALS_PER_MINUTE = 30
DEFAULT_RETENTION_DAYS = 30.0
PRUNE_EVERY_S = 3600.0
WINDOW_S = 60.0
MAX_TRACKED_SOURCES = 10_000  # the per-source windows are forgotten past this (memory stays bounded)


def is_refusal(action: str, result: str) -> bool:
    """Rows an unauthenticated caller can cause at will (the rate-limited kind)."""
    return action == "auth.denied" or result == "throttled"


@dataclass(frozen=True)
class AuditEntry:
    id: int
    ts: float
    actor: str
    source: str
    action: str
    target: str
    result: str
    detail: dict[str, Any]


@dataclass
class _Window:
    start: float
    rows: int = 0
    suppressed: int = 0  # since the last row written for this source


class AuditLog:
    def __init__(
        self,
        db: Database,
        *,
        refusals_per_minute: int = DEFAULT_REFUSALS_PER_MINUTE,
        retention_days: float = DEFAULT_RETENTION_DAYS,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.db = db
        self.refusals_per_minute = refusals_per_minute
        self.retention_days = retention_days
        self.clock = clock
        self.suppressed_total = 0
        self.pruned_total = 0
        self._windows: dict[str, _Window] = {}
        db.migrate(SCHEMA)

    def record(
        self, *, actor: str, action: str, target: str = "", result: str = "ok", source: str = "", **detail: Any
    ) -> bool:
        """Write one row. Returns False when a refusal was suppressed by the per-source limit."""
        now = self.clock()
        if is_refusal(action, result):
            suppressed = self._admit(source, now)
            if suppressed is None:
                return False
            if suppressed:
                detail["suppressed_before"] = suppressed  # refusals from this source not written
        self.db.execute(
            "INSERT INTO audit(ts, actor, source, action, target, result, detail) VALUES (?,?,?,?,?,?,?)",
            (now, actor, source, action, target, result, json.dumps(detail, default=str)),
        )
        return True

    def _admit(self, source: str, now: float) -> int | None:
        """None: over the limit (counted). Else the number suppressed since the last admitted row."""
        if self.refusals_per_minute <= 0:
            return 0
        w = self._windows.get(source)
        if w is None or now - w.start >= WINDOW_S:
            if w is None and len(self._windows) >= MAX_TRACKED_SOURCES:
                self._windows = {s: x for s, x in self._windows.items() if now - x.start < WINDOW_S}
                if len(self._windows) >= MAX_TRACKED_SOURCES:
                    self._windows.clear()
            carried = w.suppressed if w is not None else 0
            w = self._windows[source] = _Window(start=now, suppressed=carried)
        if w.rows >= self.refusals_per_minute:
            w.suppressed += 1
            self.suppressed_total += 1
            return None
        w.rows += 1
        suppressed, w.suppressed = w.suppressed, 0
        return suppressed

    def prune(self) -> int:
        """Delete rows older than ``retention_days`` (0 or less: keep everything). Returns how many."""
        if self.retention_days <= 0:
            return 0
        cutoff = self.clock() - self.retention_days * 86400.0
        n = self.db.execute("DELETE FROM audit WHERE ts < ?", (cutoff,)).rowcount
        self.pruned_total += n
        return n

    def render_prometheus(self) -> str:
        return (
            "# HELP spark_control_audit_suppressed_total Refusal rows not written (per-source rate limit).\n"
            "# TYPE spark_control_audit_suppressed_total counter\n"
            f"spark_control_audit_suppressed_total {self.suppressed_total}\n"
            "# HELP spark_control_audit_pruned_total Audit rows deleted past the retention period.\n"
            "# TYPE spark_control_audit_pruned_total counter\n"
            f"spark_control_audit_pruned_total {self.pruned_total}\n"
        )

    def recent(self, limit: int = 200, action_prefix: str = "") -> list[AuditEntry]:
        rows = self.db.query(
            "SELECT * FROM audit WHERE action LIKE ? ORDER BY id DESC LIMIT ?", (action_prefix + "%", limit)
        )
        return [
            AuditEntry(
                r["id"],
                r["ts"],
                r["actor"],
                r["source"],
                r["action"],
                r["target"],
                r["result"],
                json.loads(r["detail"]),
            )
            for r in rows
        ]


class AuditPruner:
    """Prunes the audit log at start and every ``every_s`` (a controller service: start/stop)."""

    def __init__(self, audit: AuditLog, every_s: float = PRUNE_EVERY_S) -> None:
        self.audit = audit
        self.every_s = every_s
        self._task: asyncio.Task | None = None

    async def start(self) -> None:
        self._prune()
        self._task = asyncio.create_task(self._run(), name="audit-prune")

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            await asyncio.gather(self._task, return_exceptions=True)

    async def _run(self) -> None:
        while True:
            await asyncio.sleep(self.every_s)
            self._prune()

    def _prune(self) -> None:
        try:
            n = self.audit.prune()
        except Exception:  # a locked database must not end the loop
            log.exception("could not prune the audit log")
            return
        if n:
            log.info("audit log: %d rows older than %g days deleted", n, self.audit.retention_days)
