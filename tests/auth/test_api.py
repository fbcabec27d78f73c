"""Every route class (an app route of each scope, an operator route) with no key, a wrong key,
a revoked key, a key of the wrong scope and the right key, over real HTTP semantics (ASGI)."""

from __future__ import annotations

import asyncio

import httpx
import openai
import pytest

from spark_control.api.deps import APP_SCOPES
from spark_control.auth import AuthService, AuthSettings

from .conftest import OPERATOR_ROUTE, PASSWORD, SCOPE_ROUTES, _h, build_app


@pytest.mark.parametrize("scope", APP_SCOPES)
async def test_app_route_matrix(client, keys, auth, scope):
    method, path = SCOPE_ROUTES[scope]
    other = next(s for s in APP_SCOPES if s != scope)
    cases = [
        (None, 401, "Missing API key"),
        ("sck_" + "x" * 43, 401, "Invalid API key"),
        ("garbage", 401, "Invalid API key"),
        (keys["revoked"], 401, "revoked"),
        (keys[other], 403, f"'{scope}' scope"),
    ]
    for secret, status, text in cases:
        r = await client.request(method, path, headers=_h(secret), json={})
        assert r.status_code == status, (secret, r.text)
        err = r.json()["error"]
        assert text in err["message"]
        assert err["type"] in ("authentication_error", "permission_error")
        if secret:
            assert secret not in r.text
    r = await client.request(method, path, headers=_h(keys[scope]), json={})
    assert r.status_code == 200 and r.json()["kind"] == "app"
    assert r.json()["id"] == auth.authenticate(keys[scope]).id  # stable per key
    # An operator token passes every app scope.
    r = await client.request(method, path, headers=_h(keys["operator"]), json={})
    assert r.status_code == 200 and r.json()["kind"] == "operator"


async def test_operator_route_matrix(client, keys, auth):
    method, path = OPERATOR_ROUTE
    for secret, status in [(None, 401), ("sco_" + "y" * 43, 401), (keys["llm"], 403), (keys["revoked"], 401)]:
        r = await client.request(method, path, headers=_h(secret))
        assert r.status_code == status, (secret, r.text)
    revoked_op = auth.create_operator_token("gone", actor="operator")
    auth.revoke_key(revoked_op.info.id, actor="operator")
    assert (await client.request(method, path, headers=_h(revoked_op.secret))).status_code == 401
    r = await client.request(method, path, headers=_h(keys["operator"]))
    assert r.status_code == 200 and r.json()["kind"] == "operator"
    session = (await client.post("/api/auth/login", json={"password": PASSWORD})).json()["token"]
    assert (await client.request(method, path, headers=_h(session))).status_code == 200


async def test_denials_and_mutations_are_audited_without_secrets(client, keys, auth):
    await client.post("/v1/embeddings", headers=_h(keys["llm"]), json={})
    await client.post("/api/models/swap")
    await client.post("/api/models/swap", headers=_h(keys["operator"]))
    await client.delete("/api/redaction/sessions/abc", headers=_h(keys["redaction"]))
    entries = auth.audit.recent()
    denied = [e for e in entries if e.action == "auth.denied"]
    assert {e.target for e in denied} >= {"POST /v1/embeddings", "POST /api/models/swap"}
    llm_id = auth.authenticate(keys["llm"]).id
    assert any(llm_id in e.actor and e.result == "403 scope" and e.source == "198.51.100.4" for e in denied)
    done = [e for e in entries if e.action == "api.request"]
    assert any(e.target == "POST /api/models/swap" and e.result == "200" and "script" in e.actor for e in done)
    assert any(e.target == "DELETE /api/redaction/sessions/abc" for e in done)
    dump = repr(entries)
    for secret in keys.values():
        assert secret not in dump


async def test_key_crud_over_api(client, auth):
    session = (await client.post("/api/auth/login", json={"password": PASSWORD})).json()["token"]
    op = _h(session)
    assert (await client.post("/api/keys", json={"name": "crm", "scopes": ["llm"]})).status_code == 401
    r = await client.post("/api/keys", headers=op, json={"name": "crm", "scopes": ["llm", "embed"]})
    assert r.status_code == 201
    created = r.json()
    key = created["key"]
    assert key.startswith("sck_") and created["scopes"] == ["llm", "embed"]
    assert (await client.post("/v1/chat/completions", headers=_h(key), json={})).status_code == 200
    listed = (await client.get("/api/keys", headers=op)).json()
    assert [k["id"] for k in listed] == [created["id"]]
    assert "key" not in listed[0] and key not in str(listed)
    assert listed[0]["last_used_at"] is not None
    r = await client.post("/api/keys", headers=op, json={"name": "bad", "scopes": ["admin"]})
    assert r.status_code == 400 and "unknown scope" in r.json()["error"]["message"]
    r = await client.delete(f"/api/keys/{created['id']}", headers=op)
    assert r.status_code == 200 and r.json()["active"] is False
    assert (await client.post("/v1/chat/completions", headers=_h(key), json={})).status_code == 401
    assert (await client.delete("/api/keys/key_nope", headers=op)).status_code == 404
    audit = (await client.get("/api/audit?action=auth.app", headers=op)).json()
    assert [a["action"] for a in audit] == ["auth.app.revoke", "auth.app.create"]
    assert (await client.get("/api/audit")).status_code == 401


async def test_sign_in_out_and_settings(client, auth):
    assert (await client.get("/api/auth/status")).json() == {"password_set": True, "app_auth": "on"}
    assert (await client.post("/api/auth/login", json={"password": "nope nope nope"})).status_code == 401
    token = (await client.post("/api/auth/login", json={"password": PASSWORD})).json()["token"]
    me = await client.get("/api/auth/me", headers=_h(token))
    assert me.json()["kind"] == "operator"
    r = await client.put("/api/auth/settings", headers=_h(token), json={"session_ttl_seconds": 3600})
    assert r.json()["session_ttl_seconds"] == 3600
    assert (await client.post("/api/auth/logout", headers=_h(token))).status_code == 204
    r = await client.get("/api/auth/me", headers=_h(token))
    assert r.status_code == 401 and "revoked" in r.json()["error"]["message"].lower()


async def test_first_start_setup_route(db, audit, clock):
    auth = AuthService(db, audit, AuthSettings(operator_password=None), clock=clock)
    await auth.start()
    transport = httpx.ASGITransport(app=build_app(auth))
    async with httpx.AsyncClient(transport=transport, base_url="http://test") as c:
        assert (await c.get("/api/auth/status")).json()["password_set"] is False
        assert (await c.post("/api/auth/login", json={"password": "whatever12"})).status_code == 409
        r = await c.post("/api/auth/setup", json={"password": "first password!"})
        assert r.status_code == 201
        assert (await c.get("/api/auth/me", headers=_h(r.json()["token"]))).status_code == 200
        assert (await c.post("/api/auth/setup", json={"password": "second password"})).status_code == 409


async def test_brute_force_over_http_gets_429(client, auth):
    statuses = []
    for _ in range(6):
        r = await client.post("/api/auth/login", json={"password": "guess guess guess"})
        statuses.append(r.status_code)
    assert statuses[:3] == [401, 401, 401]
    assert statuses[3:] == [429, 429, 429]
    assert int(r.headers["retry-after"]) >= 1
    # Even the right password is refused while the source is locked.
    assert (await client.post("/api/auth/login", json={"password": PASSWORD})).status_code == 429


async def test_parallel_wrong_passwords_over_http_check_at_most_three(client, auth, monkeypatch):
    """The issue's row: 20 parallel wrong passwords to POST /api/auth/login."""
    from spark_control.auth import passwords

    checks = []
    real = passwords.verify_password
    monkeypatch.setattr(passwords, "verify_password", lambda p, e: checks.append(1) or real(p, e))
    rs = await asyncio.gather(
        *(client.post("/api/auth/login", json={"password": "guess guess guess"}) for _ in range(20))
    )
    assert len(checks) <= 3
    assert sorted(r.status_code for r in rs) == [401] * 3 + [429] * 17
    assert all(int(r.headers["retry-after"]) >= 1 for r in rs if r.status_code == 429)


async def test_app_auth_off_keeps_gateway_open_but_not_operator_routes(auth, keys):
    transport = httpx.ASGITransport(app=build_app(auth, app_auth="off"))
    async with httpx.AsyncClient(transport=transport, base_url="http://test") as c:
        r = await c.post("/v1/chat/completions", json={})
        assert r.status_code == 200 and r.json()["kind"] == "anonymous"
        r = await c.post("/v1/chat/completions", headers=_h("anything"), json={})
        assert r.status_code == 200
        r = await c.post("/scrub", headers=_h(keys["redaction"]), json={})
        assert r.json()["kind"] == "app"  # a valid key still identifies its owner
        assert (await c.post("/api/models/swap")).status_code == 401
        assert (await c.get("/api/audit")).status_code == 401
        assert (await c.get("/api/auth/status")).json()["app_auth"] == "off"


async def test_health_stays_open(client):
    assert (await client.get("/health")).status_code == 200


async def test_openai_sdk_api_key_works(auth, keys):
    app = build_app(auth)
    http = httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://test")
    good = openai.AsyncOpenAI(base_url="http://test/v1", api_key=keys["llm"], http_client=http, max_retries=0)
    models = await good.models.list()
    assert [m.id for m in models.data] == ["test-model"]
    bad = openai.AsyncOpenAI(base_url="http://test/v1", api_key="sck_wrong", http_client=http, max_retries=0)
    with pytest.raises(openai.AuthenticationError) as exc:
        await bad.models.list()
    assert "Invalid API key" in str(exc.value)
    wrong_scope = openai.AsyncOpenAI(base_url="http://test/v1", api_key=keys["audio"], http_client=http, max_retries=0)
    with pytest.raises(openai.PermissionDeniedError):
        await wrong_scope.models.list()
    await http.aclose()


async def test_a_controller_without_auth_fails_closed_and_tests_open_routes_by_override(tmp_path):
    """No seam in the access check: any controller without its auth service (the real one
    unwired, or an area test's namespace) is a wiring error, 500 and never open. An area's
    router tests open the routes with FastAPI's ``dependency_overrides`` (``tests.access``)."""
    from types import SimpleNamespace

    from fastapi import FastAPI

    from spark_control.api.errors import install_error_handlers
    from spark_control.controller import Controller
    from spark_control.settings import load_settings
    from tests.access import open_access

    from .conftest import routes

    unwired = Controller(load_settings(data_dir=tmp_path, demo=True))
    unwired.__dict__.pop("auth", None)  # as if the lead forgot to wire it
    cases = [(SimpleNamespace(models="a service"), False, False), (unwired, False, False)]
    cases.append((SimpleNamespace(models="a service"), True, True))
    for controller, overridden, expect_open in cases:
        api = FastAPI()
        api.state.controller = controller
        install_error_handlers(api)
        api.include_router(routes)
        if overridden:
            open_access(api)
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=api), base_url="http://t") as c:
            app_route = await c.post("/v1/chat/completions", json={})
            op_route = await c.post("/api/models/swap")
        if expect_open:
            assert app_route.json()["kind"] == "anonymous" and op_route.json()["kind"] == "operator"
        else:
            assert app_route.status_code == 500 and op_route.status_code == 500
            assert "not wired" in op_route.json()["error"]["message"]
