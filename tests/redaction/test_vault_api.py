"""Vault (TTL, encryption at rest, key file mode), service ownership, and the HTTP API."""

import os
import stat

import httpx
import pytest
from fastapi import FastAPI

from spark_control.api.deps import Principal
from spark_control.api.errors import install_error_handlers
from spark_control.api.redaction import require_redaction, router
from spark_control.errors import NotFound
from spark_control.redaction.service import RedactionService

SECRET = "Siobhan Kowalski wrote from siobhan.kowalski@example.com, card 4111 1111 1111 1111."


@pytest.fixture
def service(tmp_path, clock, scrubber):
    svc = RedactionService(tmp_path / "app.db", tmp_path / "keys" / "redaction.key", ttl_s=60, clock=clock,
                           scrubber=scrubber, max_text_bytes=10_000)  # fmt: skip
    yield svc
    svc.db.close()


def test_key_file_created_0600(service, tmp_path):
    mode = stat.S_IMODE(os.stat(tmp_path / "keys" / "redaction.key").st_mode)
    assert mode == 0o600


def test_originals_are_encrypted_at_rest(service, tmp_path):
    r = service.scrub(SECRET)
    assert "Kowalski" not in r.text
    service.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    raw = b"".join(p.read_bytes() for p in tmp_path.glob("app.db*"))
    for secret in (b"Siobhan", b"Kowalski", b"siobhan.kowalski@example.com", b"4111 1111"):
        assert secret not in raw
    assert service.rehydrate(r.text, r.session_id).text == SECRET


def test_ttl_expiry_and_purge(service, clock):
    r = service.scrub(SECRET)
    clock.t += 59
    service.rehydrate(r.text, r.session_id)  # still alive
    clock.t += 61
    with pytest.raises(NotFound):
        service.rehydrate(r.text, r.session_id)
    r2 = service.scrub(SECRET)
    clock.t += 120
    assert service.purge_expired() == 1
    assert service.db.one("SELECT COUNT(*) AS n FROM redaction_sessions")["n"] == 0
    with pytest.raises(NotFound):
        service.scrub("more text", r2.session_id)


def test_ownership(service):
    r = service.scrub(SECRET, owner="app-a")
    with pytest.raises(NotFound):
        service.rehydrate(r.text, r.session_id, owner="app-b")
    with pytest.raises(NotFound):
        service.scrub("Hello Siobhan", r.session_id, owner="app-b")
    with pytest.raises(NotFound):
        service.delete_session(r.session_id, owner="app-b")
    service.check_owner(r.session_id, "app-a")
    service.delete_session(r.session_id, owner="app-a")
    with pytest.raises(NotFound):
        service.rehydrate(r.text, r.session_id, owner="app-a")


# ------------------------------------------------------------------ HTTP
class _Ctl:
    def __init__(self, redaction):
        self.redaction = redaction


def _app(service, principal: Principal) -> FastAPI:
    app = FastAPI()
    install_error_handlers(app)
    app.include_router(router)
    app.state.controller = _Ctl(service)

    async def who() -> Principal:
        return principal

    app.dependency_overrides[require_redaction] = who
    return app


def _client(app: FastAPI) -> httpx.AsyncClient:
    return httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://test")


APP_A = Principal(kind="app", id="key-a", name="a", scopes=frozenset({"redaction"}))
APP_B = Principal(kind="app", id="key-b", name="b", scopes=frozenset({"redaction"}))
OPERATOR = Principal(kind="operator", id="operator", name="operator")


async def test_api_scrub_rehydrate_and_stream(service):
    async with _client(_app(service, APP_A)) as c:
        for prefix in ("", "/api/redaction"):
            r = await c.post(f"{prefix}/scrub", json={"text": SECRET, "session_id": None})
            assert r.status_code == 200, r.text
            body = r.json()
            assert set(body) == {"text", "session_id", "entities"}
            assert "Kowalski" not in body["text"]
            assert all(set(e) == {"placeholder", "type"} for e in body["entities"])
            sid = body["session_id"]
            r = await c.post(f"{prefix}/rehydrate", json={"text": body["text"], "session_id": sid})
            assert r.json() == {"text": SECRET, "unresolved": []}
        ph = body["entities"][0]["placeholder"]
        out, unresolved = "", []
        for i, chunk in enumerate(["Answer: ", ph[:4], ph[4:], " and [PERSON_99]"]):
            r = await c.post("/rehydrate", json={"text": chunk, "session_id": sid, "stream_id": "s1", "final": False})
            assert r.status_code == 200
            out += r.json()["text"]
            unresolved += r.json()["unresolved"]
            if i == 1:
                assert r.json()["text"] == ""  # the split placeholder is held back
        r = await c.post("/rehydrate", json={"text": "", "session_id": sid, "stream_id": "s1", "final": True})
        out += r.json()["text"]
        unresolved += r.json()["unresolved"]
        assert out == "Answer: Siobhan Kowalski and [PERSON_99]"
        assert unresolved == ["[PERSON_99]"]


async def test_api_errors(service):
    async with _client(_app(service, APP_A)) as c:
        r = await c.post("/scrub", json={"text": ""})
        assert r.status_code == 400 and r.json()["error"]["type"] == "invalid_request_error"
        r = await c.post("/scrub", json={"text": "x" * 10_001})
        assert r.status_code == 413
        r = await c.post("/scrub", json={"text": "hello", "session_id": "nope"})
        assert r.status_code == 404
        r = await c.post("/rehydrate", json={"text": "hello", "session_id": "nope"})
        assert r.status_code == 404
        r = await c.delete("/api/redaction/sessions/nope")
        assert r.status_code == 404


async def test_api_delete_ownership(service):
    sid = service.scrub(SECRET, owner="key-a").session_id
    async with _client(_app(service, APP_B)) as c:
        assert (await c.delete(f"/api/redaction/sessions/{sid}")).status_code == 404
        assert (await c.post("/rehydrate", json={"text": "x", "session_id": sid})).status_code == 404
    async with _client(_app(service, APP_A)) as c:
        assert (await c.post("/rehydrate", json={"text": "x", "session_id": sid})).status_code == 200
        assert (await c.delete(f"/api/redaction/sessions/{sid}")).status_code == 204
        assert (await c.post("/rehydrate", json={"text": "x", "session_id": sid})).status_code == 404
    sid2 = service.scrub(SECRET, owner="key-a").session_id
    async with _client(_app(service, OPERATOR)) as c:
        assert (await c.delete(f"/api/redaction/sessions/{sid2}")).status_code == 204


async def test_service_start_stop(service):
    await service.start()
    await service.stop()
