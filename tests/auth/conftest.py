from __future__ import annotations

from types import SimpleNamespace

import httpx
import pytest
from fastapi import APIRouter, Depends, FastAPI

from spark_control.api import auth as auth_routes
from spark_control.api.deps import APP_SCOPES, Principal, require_app, require_operator
from spark_control.api.errors import install_error_handlers
from spark_control.api.hardening import install_hardening
from spark_control.audit import AuditLog
from spark_control.auth import AuthService, AuthSettings
from spark_control.settings import Settings
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


@pytest.fixture(autouse=True)
def cheap_scrypt(monkeypatch):
    """Tests hash many passwords on a shared 2-core box: use a small scrypt cost. The cost is
    stored in each hash, so verification is exercised the same way."""
    from spark_control.auth import passwords

    monkeypatch.setattr(passwords, "LOG2_N", 10)


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


# ----- a small API using the real dependencies, the access router and the hardening -----

SCOPE_ROUTES = {
    "llm": ("POST", "/v1/chat/completions"),
    "audio": ("POST", "/v1/audio/transcriptions"),
    "embed": ("POST", "/v1/embeddings"),
    "search": ("POST", "/api/search/query"),
    "redaction": ("POST", "/scrub"),
}
OPERATOR_ROUTE = ("POST", "/api/models/swap")

routes = APIRouter()


def _echo(principal: Principal) -> dict:
    return {"kind": principal.kind, "id": principal.id, "name": principal.name}


for _scope, (_method, _path) in SCOPE_ROUTES.items():
    routes.add_api_route(
        _path, (lambda p=Depends(require_app(_scope)): _echo(p)), methods=[_method], name=f"scope_{_scope}"
    )


@routes.get("/v1/models")
async def models(_: Principal = Depends(require_app("llm"))) -> dict:
    return {"object": "list", "data": [{"id": "test-model", "object": "model", "created": 0, "owned_by": "x"}]}


@routes.post("/api/models/swap")
async def swap(p: Principal = Depends(require_operator)) -> dict:
    return _echo(p)


@routes.delete("/api/redaction/sessions/{sid}")
async def delete_session(sid: str, p: Principal = Depends(require_app("redaction"))) -> dict:
    return _echo(p)


@routes.get("/health")
async def health() -> dict:
    return {"status": "ok"}


def build_app(auth: AuthService, app_auth: str = "on") -> FastAPI:
    api = FastAPI()
    api.state.controller = SimpleNamespace(
        auth=auth, audit=auth.audit, settings=Settings(app_auth=app_auth, data_dir=auth.db.path + ".d")
    )
    install_error_handlers(api)
    api.include_router(auth_routes.router)
    api.include_router(routes)
    install_hardening(api, api.state.controller.settings, AuthSettings(max_body_mb=0.01))
    return api


@pytest.fixture
async def client(auth):
    transport = httpx.ASGITransport(app=build_app(auth), client=("198.51.100.4", 1234))
    async with httpx.AsyncClient(transport=transport, base_url="http://test") as c:
        yield c


@pytest.fixture
async def keys(auth):
    """One key per scope, one revoked key, one operator token."""
    out = {s: auth.create_app_key(f"app-{s}", [s], actor="operator").secret for s in APP_SCOPES}
    revoked = auth.create_app_key("old", list(APP_SCOPES), actor="operator")
    auth.revoke_key(revoked.info.id, actor="operator")
    out["revoked"] = revoked.secret
    out["operator"] = auth.create_operator_token("script", actor="operator").secret
    return out


def _h(secret: str | None) -> dict:
    return {"Authorization": f"Bearer {secret}"} if secret else {}
