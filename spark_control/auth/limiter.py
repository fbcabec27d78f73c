"""Failed sign-in limiter, per source address, persisted so a restart does not reset it.

An attempt is counted as a failure *before* its password is checked (``begin_attempt``), so
parallel guesses cannot all slip in while the first checks are still running. The first
``free_failures`` attempts go ahead at once (typos); after that each one must wait twice as long
as the one before, up to a lock of ``max_delay`` seconds. Attempts refused for waiting are not
counted. A success clears the record; a source quiet for ``forget_after`` seconds starts over."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

from spark_control.store import Database

SCHEMA = """
CREATE TABLE IF NOT EXISTS auth_failures (
    source TEXT PRIMARY KEY,
    failures INTEGER NOT NULL,
    last_failure REAL NOT NULL
);
"""


@dataclass(frozen=True)
class LimiterPolicy:
    free_failures: int = 3
    base_delay: float = 1.0
    max_delay: float = 900.0
    forget_after: float = 24 * 3600.0

    def delay_after(self, failures: int) -> float:
        if failures <= self.free_failures:
            return 0.0
        return min(self.max_delay, self.base_delay * 2 ** (failures - self.free_failures - 1))


class SignInLimiter:
    def __init__(self, db: Database, policy: LimiterPolicy | None = None, clock: Callable[[], float] = time.time):
        self.db = db
        self.policy = policy or LimiterPolicy()
        self.clock = clock
        self._lock = threading.Lock()  # begin_attempt's read-then-write is one step
        db.migrate(SCHEMA)

    def _row(self, source: str) -> tuple[int, float]:
        row = self.db.one("SELECT failures, last_failure FROM auth_failures WHERE source=?", (source,))
        if row is None:
            return 0, 0.0
        if self.clock() - row["last_failure"] > self.policy.forget_after:
            return 0, 0.0
        return int(row["failures"]), float(row["last_failure"])

    def wait_seconds(self, source: str) -> float:
        """How long ``source`` must wait before its next attempt is checked (0 = go ahead)."""
        failures, last = self._row(source)
        if failures == 0:
            return 0.0
        return max(0.0, last + self.policy.delay_after(failures + 1) - self.clock())

    def failures(self, source: str) -> int:
        return self._row(source)[0]

    def begin_attempt(self, source: str) -> float:
        """Before checking a password: 0.0 when the attempt may go ahead (it is now counted as a
        failure until ``record_success``), else the seconds ``source`` must still wait (not counted)."""
        with self._lock:
            wait = self.wait_seconds(source)
            if wait > 0:
                return wait
            self.record_failure(source)
            return 0.0

    def record_failure(self, source: str) -> float:
        """Count a failure; returns the wait now imposed on ``source``."""
        failures, _ = self._row(source)
        failures += 1
        self.db.execute(
            "INSERT INTO auth_failures(source, failures, last_failure) VALUES (?,?,?) "
            "ON CONFLICT(source) DO UPDATE SET failures=excluded.failures, last_failure=excluded.last_failure",
            (source, failures, self.clock()),
        )
        return self.policy.delay_after(failures + 1)

    def record_success(self, source: str) -> None:
        self.db.execute("DELETE FROM auth_failures WHERE source=?", (source,))
