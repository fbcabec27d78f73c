"""Vault (TTL, encryption at rest, key file mode), service ownership, and the HTTP API."""

import os
import stat
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import httpx
import pytest
from fastapi import FastAPI

from spark_control.api.deps import Principal
from spark_control.api.errors import install_error_handlers
from spark_control.api.redaction import require_redaction, router
from spark_control.errors import NotFound, PayloadTooLarge
from spark_control.redaction.service import RedactionService
from tests.access import open_access

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
    app = open_access(FastAPI())
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


# ----- caps and locking (issue 14) -----


def _emails(n: int, start: int = 0) -> str:
    return " ".join(f"user{i}@example.org" for i in range(start, start + n))


def test_entity_cap_per_request_refuses_and_changes_nothing(service):
    service.max_text_bytes = 1_000_000
    service.max_entities_per_request = 20
    sid = service.scrub(_emails(5)).session_id
    before = service.db.one("SELECT blob FROM redaction_sessions WHERE id=?", (sid,))["blob"]
    with pytest.raises(PayloadTooLarge, match="21 new entities") as exc:
        service.scrub(_emails(21, start=100), sid)
    assert exc.value.status == 413 and exc.value.extra["param"] == "text"
    assert service.db.one("SELECT blob FROM redaction_sessions WHERE id=?", (sid,))["blob"] == before
    assert len(service.vault.load(sid).by_placeholder) == 5
    assert service.scrub(_emails(20, start=100), sid).entities  # at the cap: fine
    with pytest.raises(PayloadTooLarge):  # refused in a new session: no session is left behind
        service.scrub(_emails(21, start=200))
    assert service.db.one("SELECT COUNT(*) AS n FROM redaction_sessions")["n"] == 1


def test_entity_cap_per_session(service):
    service.max_entities_per_session = 30
    sid = service.scrub(_emails(20)).session_id
    with pytest.raises(PayloadTooLarge, match="would hold 31 entities") as exc:
        service.scrub(_emails(11, start=100), sid)
    assert exc.value.extra["param"] == "session_id"
    assert len(service.vault.load(sid).by_placeholder) == 20
    # known values do not count again: the same text scrubs fine into the full-ish session
    assert service.scrub(_emails(20), sid).text == service.scrub(_emails(20), sid).text


async def test_api_entity_cap_is_a_413(service):
    service.max_entities_per_request = 3
    async with _client(_app(service, Principal("app", "k", "key", frozenset({"redaction"})))) as c:
        r = await c.post("/scrub", json={"text": _emails(4)})
    assert r.status_code == 413
    assert "at most 3" in r.json()["error"]["message"]


def test_database_lock_is_free_while_scrubbing(service):
    """The scrub itself runs without the store's lock: another thread (the event loop, in the
    app) can use the database in the middle of it."""
    seen = []
    real = service.scrubber.scrub

    def scrub_and_probe(text, smap):
        probe = threading.Thread(target=lambda: seen.append(service.db.one("SELECT 1 AS x")["x"]))
        probe.start()
        probe.join(timeout=5)
        return real(text, smap)

    service.scrubber.scrub = scrub_and_probe
    try:
        service.scrub(SECRET)
    finally:
        service.scrubber.scrub = real
    assert seen == [1], "the database lock was held through the scrub"


def test_concurrent_scrubs_of_one_session_keep_every_placeholder(service):
    """Load, scrub, save is serialized per session: parallel scrubs into one session lose no
    placeholder and never give two values the same one."""
    service.max_text_bytes = 1_000_000
    sid = service.scrub("start").session_id
    texts = [_emails(10, start=100 * k) for k in range(6)]
    real = service.scrubber.scrub

    def slow_scrub(text, smap):
        time.sleep(0.05)  # widen the window between load and save
        return real(text, smap)

    service.scrubber.scrub = slow_scrub
    try:
        with ThreadPoolExecutor(max_workers=6) as pool:
            results = list(pool.map(lambda t: service.scrub(t, sid), texts))
    finally:
        service.scrubber.scrub = real
    smap = service.vault.load(sid)
    assert len(smap.by_placeholder) == 60
    for t, r in zip(texts, results, strict=True):
        assert service.rehydrate(r.text, sid).text == t
