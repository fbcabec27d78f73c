from __future__ import annotations

import pytest

from spark_control.audit import AuditLog
from spark_control.auth import AuthService, AuthSettings
from spark_control.store import Database

PASSWORD = "correct horse battery"


class FakeClock:
    """A clock the tests move by hand (sessions and the limiter read it)."""

    def __init__(self, t: float = 1_000_000.0) -> None:
        self.t = t

    def __call__(self) -> float:
        return self.t

    def advance(self, seconds: float) -> None:
        self.t += seconds


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def db(tmp_path):
    d = Database(tmp_path / "auth.db")
    yield d
    d.close()


@pytest.fixture
def audit(db) -> AuditLog:
    return AuditLog(db)


@pytest.fixture
async def auth(db, audit, clock) -> AuthService:
    svc = AuthService(db, audit, AuthSettings(operator_password=PASSWORD, session_hours=12), clock=clock)
    await svc.start()
    return svc
