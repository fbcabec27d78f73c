"""The LLM fast path in front of the real ``create_api`` (access control, hardening, request
metrics, audit), over real HTTP (uvicorn) to the simulator's vLLM: the same answers, headers,
counters and audit entries as the FastAPI routes it bypasses, and everything it should not take
(browsers' CORS requests, other routes) still goes through the full stack."""

from __future__ import annotations

import asyncio
import json
from types import SimpleNamespace

import httpx
import openai
import pytest
from starlette.applications import Starlette
from starlette.middleware.cors import CORSMiddleware

from spark_control.api.app import create_api
from spark_control.api.fastpath import LLMFastPath
from spark_control.audit import AuditLog
from spark_control.auth import AuthService, AuthSettings
from spark_control.llm.config import LLMConfig
from spark_control.llm.gateway import LLMGateway
from spark_control.llm.serving import ManualServingTarget, Serving
from spark_control.settings import Settings
from spark_control.store import Database
from tests.llm.conftest import SERVED, Server, expected

CHAT = "/v1/chat/completions"
BODY = {"model": SERVED, "messages": [{"role": "user", "content": "hello"}], "max_tokens": 4}


class Spy(LLMFastPath):
    """Counts the requests the fast path itself served."""

    served = 0

    async def _serve(self, *args) -> None:
        Spy.served += 1
        await super()._serve(*args)


@pytest.fixture
def llm_section(request) -> LLMConfig:
    """The settings' LLM section; the "too large" case sets LLM_MAX_BODY_BYTES to 2 KiB."""
    params = getattr(getattr(request.node, "callspec", None), "params", {})
    return LLMConfig(max_body_bytes=2048) if params.get("case") == "too large" else LLMConfig()


@pytest.fixture
async def wired(tmp_path, vllm, catalog, config, llm_section):
    """The real API (create_api: routes, error mapping, request metrics, hardening) with the
    real auth service, the gateway, and the fast path in front: two servers, with and without it."""
    db = Database(tmp_path / "spark.db")
    audit = AuditLog(db)
    auth = AuthService(db, audit, AuthSettings(), data_dir=tmp_path)
    gateway = LLMGateway(config, catalog, ManualServingTarget(Serving(SERVED, vllm.base_url)))
    settings = Settings(data_dir=tmp_path, app_auth="on", llm=llm_section)
    controller = SimpleNamespace(llm=gateway, auth=auth, audit=audit, settings=settings)
    keys = {
        "llm": auth.create_app_key("chat-app", ["llm"], actor="operator").secret,
        "embed": auth.create_app_key("embed-app", ["embed"], actor="operator").secret,
        "operator": auth.create_operator_token("script", actor="operator").secret,
    }
    revoked = auth.create_app_key("old", ["llm"], actor="operator")
    auth.revoke_key(revoked.info.id, actor="operator")
    keys["revoked"] = revoked.secret
    api = create_api(controller)
    # as rx.App serves it: its top-level app mounts ours and adds its CORS layer (closed, as
    # rxconfig leaves it without CORS_ORIGINS); the fast path sits in front of all of it
    top = Starlette()
    top.mount("", api)
    top.add_middleware(CORSMiddleware, allow_origins=[])
    Spy.served = 0
    async with Server(Spy(top, api)) as fast, Server(top) as full:
        yield SimpleNamespace(
            fast=fast.url,
            full=full.url,
            api=api,
            auth=auth,
            audit=audit,
            keys=keys,
            vllm=vllm,
            settings=settings,
            gateway=gateway,
        )
    await gateway.stop()
    db.close()


def _h(secret: str | None, **extra: str) -> dict:
    return ({"Authorization": f"Bearer {secret}"} if secret else {}) | extra


async def _post(url: str, body: bytes | dict, headers: dict) -> httpx.Response:
    content = body if isinstance(body, bytes) else json.dumps(body).encode()
    async with httpx.AsyncClient(timeout=20) as c:
        return await c.post(url + CHAT, content=content, headers={"content-type": "application/json", **headers})


def _comparable(r: httpx.Response) -> tuple:
    drop = {"date", "server", "content-length"}  # the servers' own; lengths follow from the bodies compared
    headers = sorted((k, v) for k, v in r.headers.items() if k not in drop)
    return (
        r.status_code,
        r.json() if r.headers.get("content-type", "").startswith("application/json") else r.text,
        headers,
    )


@pytest.mark.parametrize(
    "case",
    ["ok", "no key", "revoked", "wrong scope", "unknown model", "bad json", "too large", "operator"],
)
async def test_same_answers_as_the_full_stack(wired, case):
    key, body = wired.keys["llm"], BODY
    if case == "no key":
        key = None
    elif case in ("revoked", "operator"):
        key = wired.keys[case]
    elif case == "wrong scope":
        key = wired.keys["embed"]
    elif case == "unknown model":
        body = {**BODY, "model": "no-such-model"}
    elif case == "bad json":
        body = b"{not json"
    elif case == "too large":
        # the LLM routes' cap is lowered to 2 KiB through the settings (``llm_section``)
        body = {**BODY, "messages": [{"role": "user", "content": "x" * 5000}]}
    fast = await _post(wired.fast, body, _h(key))
    full = await _post(wired.full, body, _h(key))
    assert Spy.served == 1  # the fast path served the first; the second server has none
    if case == "ok" or case == "operator":
        assert fast.status_code == full.status_code == 200
        f, g = fast.json(), full.json()
        assert (
            f["choices"][0]["message"]["content"]
            == g["choices"][0]["message"]["content"]
            == expected("hello", SERVED, 4)
        )
        assert sorted(k for k in fast.headers if k not in {"date", "server", "content-length"}) == sorted(
            k for k in full.headers if k not in {"date", "server", "content-length"}
        )
        return
    assert _comparable(fast) == _comparable(full)
    assert (
        fast.status_code
        == {
            "no key": 401,
            "revoked": 401,
            "wrong scope": 403,
            "unknown model": 404,
            "bad json": 400,
            "too large": 413,
        }[case]
    )
    assert wired.vllm.stats.requests_total == 0  # nothing refused ever reaches vLLM


async def test_streamed_body_over_the_cap_without_content_length_is_413(wired):
    async def chunks():
        yield b'{"model": "' + SERVED.encode() + b'", "messages": [{"role": "user", "content": "'
        for _ in range(150):  # 9.8 MB, over the 8 MiB cap
            yield b"x" * 65536
        yield b'"}]}'

    async with httpx.AsyncClient(timeout=20) as c:
        r = await c.post(wired.fast + CHAT, content=chunks(), headers=_h(wired.keys["llm"]))
    assert r.status_code == 413
    assert r.json()["error"]["type"] == "invalid_request_error"
    assert wired.vllm.stats.requests_total == 0


async def test_declared_body_over_the_cap_is_413_before_it_is_read(wired):
    """A Content-Length over the route family's cap (MAX_TEXT_BODY_MB) is refused from the head
    alone, with the hardening's message, and the connection is closed (the body is never read)."""
    host, port = wired.fast.removeprefix("http://").split(":")
    reader, writer = await asyncio.open_connection(host, int(port))
    writer.write(
        f"POST {CHAT} HTTP/1.1\r\nhost: x\r\nauthorization: Bearer {wired.keys['llm']}\r\n"
        f"content-type: application/json\r\ncontent-length: {9 * 1024 * 1024}\r\n\r\n".encode()
    )
    await writer.drain()
    raw = await asyncio.wait_for(reader.read(), 10)  # to EOF: the server closes
    writer.close()
    head, _, body = raw.partition(b"\r\n\r\n")
    assert head.startswith(b"HTTP/1.1 413")
    assert b"connection: close" in head.lower()
    assert json.loads(body)["error"]["message"] == f"Request body too large: {CHAT} accepts at most 8 MiB."
    assert Spy.served == 1 and wired.vllm.stats.requests_total == 0


async def test_streaming_through_the_openai_sdk_with_an_app_key(wired):
    client = openai.AsyncOpenAI(base_url=wired.fast + "/v1", api_key=wired.keys["llm"], max_retries=0)
    stream = await client.chat.completions.create(
        model=SERVED, messages=[{"role": "user", "content": "hi"}], stream=True, max_tokens=7
    )
    text = "".join([c.choices[0].delta.content or "" async for c in stream if c.choices])
    await client.close()
    assert text == expected("hi", SERVED, 7)
    assert Spy.served == 1


async def test_security_headers_metrics_and_audit(wired):
    r = await _post(wired.fast, BODY, _h(wired.keys["llm"]))
    assert r.status_code == 200
    assert r.headers["x-content-type-options"] == "nosniff"
    assert r.headers["x-frame-options"] == "DENY"
    assert r.headers["vary"] == "Origin"
    denied = await _post(wired.fast, BODY, _h("sck_not_a_real_key_at_all"))
    assert denied.status_code == 401 and denied.headers["x-content-type-options"] == "nosniff"
    by_operator = await _post(wired.fast, BODY, _h(wired.keys["operator"]))
    assert by_operator.status_code == 200

    counts = wired.api.state.request_counter.counts
    assert counts[("POST", CHAT, 200)] == 2
    assert counts[("POST", CHAT, 401)] == 1
    actions = [(e.action, e.target, e.result) for e in wired.audit.recent()]
    assert ("auth.denied", f"POST {CHAT}", "401 unknown") in actions
    # an operator's POST is audited (as the audit middleware does), an app's chat request is not
    audited = [a for a in actions if a[0] == "api.request"]
    assert audited == [("api.request", f"POST {CHAT}", "200")]
    assert all(wired.keys["llm"] not in json.dumps(e.__dict__, default=str) for e in wired.audit.recent())


async def test_revoking_a_key_takes_effect_at_once(wired):
    assert (await _post(wired.fast, BODY, _h(wired.keys["llm"]))).status_code == 200
    key_id = next(k.id for k in wired.auth.list_keys() if k.name == "chat-app")
    wired.auth.revoke_key(key_id, actor="operator")
    r = await _post(wired.fast, BODY, _h(wired.keys["llm"]))
    assert r.status_code == 401
    assert "revoked" in r.json()["error"]["message"]


async def test_app_auth_off_lets_requests_in_without_a_key(wired):
    wired.settings.app_auth = "off"
    r = await _post(wired.fast, BODY, {})
    assert r.status_code == 200


async def test_browsers_and_other_routes_take_the_full_stack(wired):
    """A request with an Origin header (a browser: CORS decides) and every other route are not
    the fast path's: they reach the app below unchanged."""
    r = await _post(wired.fast, BODY, _h(wired.keys["llm"], origin="http://elsewhere.example"))
    assert r.status_code == 200
    async with httpx.AsyncClient() as c:
        models = await c.get(wired.fast + "/v1/models", headers=_h(wired.keys["llm"]))
        health = await c.get(wired.fast + "/health")
    assert models.status_code == 200 and health.status_code in (200, 503)
    assert Spy.served == 0
    assert wired.api.state.request_counter.counts[("POST", CHAT, 200)] == 1  # counted by the stack's middleware


def test_the_shipped_app_puts_the_fast_path_outermost(monkeypatch):
    """``SparkControlApp.__call__`` (what granian calls for the backend) wraps everything Reflex
    builds in the fast path, with the project's API behind it."""
    import reflex as rx

    import spark_control.spark_control as shipped

    built = object()
    monkeypatch.setattr(rx.App, "__call__", lambda self: built)
    backend = shipped.app()
    assert isinstance(backend, LLMFastPath)
    assert backend.app is built and backend.api is shipped.api
