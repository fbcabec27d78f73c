"""Body limits (declared and streamed), security headers, docs behind operator access, CORS,
secret scrubbing in logs, file modes and nothing served from the data directory."""

from __future__ import annotations

import logging
import os
import stat

import httpx
import pytest
from fastapi import FastAPI, Request
from starlette.staticfiles import StaticFiles

from spark_control.api.deps import SESSION_COOKIE
from spark_control.api.middleware.body_limits import BodySizeLimitMiddleware
from spark_control.api.middleware.data_dir import assert_data_dir_not_served
from spark_control.api.middleware.log_redaction import scrub
from spark_control.api.middleware.security_headers import ui_csp
from spark_control.auth import AuthSettings
from spark_control.auth.files import secure_data_dir
from spark_control.errors import ConfigError
from spark_control.settings import Settings

from .conftest import PASSWORD, _h, build_app


def _limited_app(limit: int) -> FastAPI:
    api = FastAPI()

    @api.post("/json")
    async def parse(body: dict) -> dict:
        return {"keys": len(body)}

    @api.post("/stream")
    async def stream(request: Request) -> dict:
        total = 0
        async for chunk in request.stream():
            total += len(chunk)
        return {"total": total}

    @api.post("/v1/audio/transcriptions")
    async def audio(request: Request) -> dict:
        return {"total": len(await request.body())}

    api.add_middleware(BodySizeLimitMiddleware, default_limit=limit, limits=[("/v1/audio/", limit * 10)])
    return api


async def _chunks(n: int, size: int):
    for _ in range(n):
        yield b"x" * size


@pytest.mark.parametrize("path", ["/json", "/stream"])
async def test_body_limit_by_content_length_and_streamed(path):
    app = _limited_app(1000)
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://t") as c:
        ok = await c.post(path, content=b'{"a": 1}', headers={"content-type": "application/json"})
        assert ok.status_code == 200
        big = await c.post(path, content=b"x" * 5000)
        assert big.status_code == 413
        assert "at most" in big.json()["error"]["message"]
        # Chunked: no Content-Length, the cap is enforced while reading.
        streamed = await c.post(path, content=_chunks(10, 400), headers={"content-type": "application/json"})
        assert "content-length" not in streamed.request.headers
        assert streamed.status_code == 413, streamed.text
        assert streamed.json()["error"]["type"] == "invalid_request_error"


async def test_body_limit_is_per_route_family():
    app = _limited_app(1000)
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://t") as c:
        r = await c.post("/v1/audio/transcriptions", content=_chunks(10, 900))
        assert r.status_code == 200 and r.json()["total"] == 9000
        assert (await c.post("/v1/audio/transcriptions", content=_chunks(12, 900))).status_code == 413


async def test_default_limits_in_the_real_stack(client, keys):
    # build_app uses MAX_BODY_MB=0.01 (~10 KiB) for the routes without a family cap.
    r = await client.post("/api/models/swap", headers=_h(keys["operator"]), content=b"{" + b" " * 20000 + b"}")
    assert r.status_code == 413
    r = await client.post("/api/models/swap", headers=_h(keys["operator"]), content=b"{}")
    assert r.status_code == 200


async def test_security_headers(client):
    r = await client.get("/health")
    assert r.headers["x-content-type-options"] == "nosniff"
    assert r.headers["x-frame-options"] == "DENY"
    assert r.headers["referrer-policy"] == "no-referrer"
    assert "content-security-policy" not in r.headers  # JSON, not UI


def test_ui_csp_allows_what_reflex_needs_and_little_else():
    csp = ui_csp("spark.lan:9999")
    assert "connect-src 'self' ws://spark.lan:9999 wss://spark.lan:9999" in csp
    assert "frame-ancestors 'none'" in csp and "object-src 'none'" in csp
    assert "style-src 'self' 'unsafe-inline'" in csp
    assert "ws://evil" not in ui_csp("evil.example\r\nX-Injected: 1")


async def test_html_gets_csp(auth):
    api = build_app(auth)

    @api.get("/page")
    async def page():
        from fastapi.responses import HTMLResponse

        return HTMLResponse("<html></html>")

    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=api), base_url="http://spark.lan") as c:
        r = await c.get("/page")
        assert "default-src 'self'" in r.headers["content-security-policy"]
        assert "ws://spark.lan" in r.headers["content-security-policy"]


async def test_openapi_docs_need_an_operator(client, keys, auth):
    for path in ("/openapi.json", "/docs"):
        assert (await client.get(path)).status_code == 401
        assert (await client.get(path, headers=_h(keys["llm"]))).status_code == 403
        assert (await client.get(path, headers=_h(keys["operator"]))).status_code == 200
    assert (await client.get("/redoc")).status_code == 404
    schema = (await client.get("/openapi.json", headers=_h(keys["operator"]))).json()
    assert "/api/keys" in schema["paths"]
    # A browser signed in to the UI opens the docs with its session cookie.
    session = (await client.post("/api/auth/login", json={"password": PASSWORD})).json()["token"]
    client.cookies.set(SESSION_COOKIE, session)
    assert (await client.get("/docs")).status_code == 200
    client.cookies.set(SESSION_COOKIE, "scs_forged")
    assert (await client.get("/docs")).status_code == 401


async def test_session_cookie_is_not_accepted_on_mutating_routes(client):
    session = (await client.post("/api/auth/login", json={"password": PASSWORD})).json()["token"]
    client.cookies.set(SESSION_COOKIE, session)
    assert (await client.post("/api/keys", json={"name": "x", "scopes": ["llm"]})).status_code == 401


async def test_cors_closed_by_default_open_when_configured(auth):
    preflight = {
        "Origin": "http://evil.example",
        "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": "authorization",
    }
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=build_app(auth)), base_url="http://t") as c:
        r = await c.options("/v1/chat/completions", headers=preflight)
        assert "access-control-allow-origin" not in r.headers
        r = await c.get("/health", headers={"Origin": "http://evil.example"})
        assert "access-control-allow-origin" not in r.headers

    api = build_app(auth)
    api.user_middleware.clear()
    api.middleware_stack = None
    from spark_control.api.hardening import install_hardening

    install_hardening(api, Settings(cors_origins="http://app.lan:8080"), AuthSettings())
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=api), base_url="http://t") as c:
        ok = dict(preflight, Origin="http://app.lan:8080")
        r = await c.options("/v1/chat/completions", headers=ok)
        assert r.headers["access-control-allow-origin"] == "http://app.lan:8080"
        r = await c.options("/v1/chat/completions", headers=preflight)
        assert r.headers.get("access-control-allow-origin") != "http://evil.example"


async def test_no_secret_in_any_log_line(client, auth, caplog):
    """Capture every log record (all loggers, DEBUG) while a password is set, a key is created
    and used, sign-ins succeed and fail and a key is revoked, then grep for the secrets."""
    caplog.set_level(logging.DEBUG)
    secrets_seen = [PASSWORD]
    session = (await client.post("/api/auth/login", json={"password": PASSWORD})).json()["token"]
    secrets_seen.append(session)
    await client.post("/api/auth/login", json={"password": "wrong-" + PASSWORD})
    secrets_seen.append("wrong-" + PASSWORD)
    created = (await client.post("/api/keys", headers=_h(session), json={"name": "k", "scopes": ["llm"]})).json()
    secrets_seen.append(created["key"])
    await client.post("/v1/chat/completions", headers=_h(created["key"]), json={})
    await client.post("/v1/audio/transcriptions", headers=_h(created["key"]), json={})  # 403
    tok = (await client.post("/api/auth/operator-tokens", headers=_h(session), json={"name": "ci"})).json()["key"]
    secrets_seen.append(tok)
    await client.delete(f"/api/keys/{created['id']}", headers=_h(tok))
    await client.post("/v1/chat/completions", headers=_h(created["key"]), json={})  # revoked
    await client.post("/api/auth/logout", headers=_h(session))
    # A careless library line is scrubbed too.
    logging.getLogger("some.library").debug("headers: Authorization: Bearer %s", created["key"])
    text = "\n".join(f"{r.name} {r.getMessage()} {r.exc_text or ''}" for r in caplog.records)
    assert caplog.records, "expected some log lines to check"
    for s in secrets_seen:
        assert s not in text
    # And none in the audit log or the database either.
    dump = "\n".join(auth.db._conn.iterdump())
    for s in secrets_seen:
        assert s not in dump


def test_scrub():
    assert "sck_<redacted>" in scrub("key sck_" + "a" * 43)
    assert scrub("Authorization: Bearer abcdefghijkl") == "Authorization: Bearer <redacted>"


def test_secret_files_get_0600(tmp_path):
    ssh = tmp_path / "ssh"
    ssh.mkdir()
    key, pub = ssh / "id_ed25519", ssh / "id_ed25519.pub"
    vault = tmp_path / "redaction" / "vault.key"
    vault.parent.mkdir()
    for p in (key, pub, vault):
        p.write_text("x")
        os.chmod(p, 0o644)
    fixed = secure_data_dir(tmp_path)
    assert set(fixed) == {key, vault}
    assert stat.S_IMODE(key.stat().st_mode) == 0o600
    assert stat.S_IMODE(vault.stat().st_mode) == 0o600
    assert stat.S_IMODE(pub.stat().st_mode) == 0o644
    assert stat.S_IMODE(tmp_path.stat().st_mode) == 0o700


def test_database_file_is_0600(auth):
    assert stat.S_IMODE(os.stat(auth.db.path).st_mode) == 0o600


def test_data_dir_never_served(tmp_path, auth):
    api = build_app(auth)
    assert_data_dir_not_served(api, tmp_path / "data")
    (tmp_path / "data").mkdir()
    (tmp_path / "public").mkdir()
    api.mount("/static", StaticFiles(directory=tmp_path / "public"))
    assert_data_dir_not_served(api, tmp_path / "data")
    api.mount("/files", StaticFiles(directory=tmp_path))  # a parent of the data dir
    with pytest.raises(ConfigError):
        assert_data_dir_not_served(api, tmp_path / "data")


def test_real_api_serves_nothing_from_data_dir(tmp_path):
    from spark_control.api.app import create_api

    assert_data_dir_not_served(create_api(), tmp_path)


def test_rxconfig_keeps_cors_closed_unless_configured(monkeypatch):
    """Reflex wraps the whole app (API included) in a CORS middleware built from
    rxconfig.cors_allowed_origins; its default '*' would open the API to any web page."""
    import importlib

    import rxconfig

    monkeypatch.delenv("CORS_ORIGINS", raising=False)
    assert list(importlib.reload(rxconfig).config.cors_allowed_origins) == []
    monkeypatch.setenv("CORS_ORIGINS", "http://app.lan:8080/, http://<spark-1-ip>:9999")
    assert list(importlib.reload(rxconfig).config.cors_allowed_origins) == [
        "http://app.lan:8080",
        "http://<spark-1-ip>:9999",
    ]
    monkeypatch.delenv("CORS_ORIGINS")
    importlib.reload(rxconfig)


async def test_reflex_cors_layer_with_closed_config_refuses_other_origins(auth):
    from reflex.app import App
    from reflex_base.config import get_config

    api = build_app(auth)
    cfg = get_config()
    monkey_origins = cfg.cors_allowed_origins
    try:
        object.__setattr__(cfg, "cors_allowed_origins", [])
        App._add_cors(api)  # exactly what rx.App does to the api_transformer
    finally:
        object.__setattr__(cfg, "cors_allowed_origins", monkey_origins)
    preflight = {"Origin": "http://evil.example", "Access-Control-Request-Method": "POST"}
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=api), base_url="http://t") as c:
        r = await c.options("/v1/chat/completions", headers=preflight)
        assert r.status_code == 400 and "access-control-allow-origin" not in r.headers


@pytest.mark.parametrize(
    "body",
    [
        b'{"password": "hunter2-secret-value",',  # broken JSON
        b'{"password": ["hunter2-secret-value"]}',  # wrong type
        b'{"pass": "hunter2-secret-value"}',  # missing field
    ],
)
async def test_errors_never_echo_the_submitted_secret(client, body):
    r = await client.post("/api/auth/login", content=body, headers={"content-type": "application/json"})
    assert r.status_code in (400, 422)
    assert "hunter2" not in r.text


@pytest.mark.parametrize(
    ("path", "mib"),
    [("/v1/chat/completions", 8), ("/scrub", 8), ("/api/redaction/rehydrate", 8), ("/api/search/docs/documents", 8),
     ("/v1/audio/transcriptions", 513), ("/_upload", 513), ("/api/models/swap", 1), ("/api/keys", 1)],
)  # fmt: skip
def test_default_body_caps_per_route_family(path, mib):
    from spark_control.api.middleware.body_limits import MIB, default_body_limits

    limiter = BodySizeLimitMiddleware(None, int(AuthSettings().max_body_mb * MIB), default_body_limits(AuthSettings()))
    assert limiter.limit_for(path) == mib * MIB


@pytest.mark.parametrize(
    ("text_mb", "llm_bytes", "chat", "embeddings"),
    [
        (8.0, 8 * 1024 * 1024, 8 * 1024 * 1024, 8 * 1024 * 1024),  # the defaults
        (8.0, 2048, 2048, 8 * 1024 * 1024),  # LLM_MAX_BODY_BYTES lowers only the LLM routes
        (2.0, 8 * 1024 * 1024, 2 * 1024 * 1024, 2 * 1024 * 1024),  # MAX_TEXT_BODY_MB caps them all
        (16.0, 8 * 1024 * 1024, 8 * 1024 * 1024, 16 * 1024 * 1024),  # the smaller of the two wins
    ],
)
def test_one_table_holds_the_text_cap_of_the_llm_routes(text_mb, llm_bytes, chat, embeddings):
    from spark_control.api.middleware.body_limits import BodyLimits, default_body_limits

    limits = BodyLimits(1024, default_body_limits(AuthSettings(max_text_body_mb=text_mb), llm_bytes))
    assert limits.limit_for("/v1/chat/completions") == limits.limit_for("/v1/completions") == chat
    assert limits.limit_for("/v1/embeddings") == embeddings
