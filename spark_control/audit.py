"""The audit log: every mutation and every denied request (who, what, when, from where, result).
Never stores secrets: callers pass names and ids, not tokens or texts."""

from __future__ import annotations

import json
import time
from dataclasses import dataclass
from typing import Any

from spark_control.store import Database

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


class AuditLog:
    def __init__(self, db: Database) -> None:
        self.db = db
        db.migrate(SCHEMA)

    def record(
        self, *, actor: str, action: str, target: str = "", result: str = "ok", source: str = "", **detail: Any
    ) -> None:
        self.db.execute(
            "INSERT INTO audit(ts, actor, source, action, target, result, detail) VALUES (?,?,?,?,?,?,?)",
            (time.time(), actor, source, action, target, result, json.dumps(detail, default=str)),
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
