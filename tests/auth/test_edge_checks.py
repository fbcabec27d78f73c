"""The shipped app's edge checks (``spark_control.spark_control``): Reflex's ``/_upload`` refuses
a caller without an operator session before reading one byte of the body; unknown Host names are
refused (DNS rebinding); the UI websocket's Origin must be the UI's own."""

from __future__ import annotations

import socket

import httpx
import pytest
from fastapi import Request
from starlette.testclient import TestClient
from starlette.websockets import WebSocketDisconnect

from spark_control.api.deps import SESSION_COOKIE
from spark_control.api.middleware.host_allowlist import (
    HostAllowlistMiddleware,
    HostPolicy,
    host_name,
    same_host_origins,
)
from spark_control.controller import set_controller

from .conftest import PASSWORD

shipped = pytest.importorskip("spark_control.spark_control")
MIB = 1024 * 1024


@pytest.fixture
def upload_route():
    """A stand-in for Reflex's upload handler on the shipped API (Reflex adds the real one at
    build time, under the same middleware): it reads the whole body and says how much it got."""
    if not any(getattr(r, "path", None) == "/_upload" for r in shipped.api.router.routes):

        async def upload(request: Request) -> dict:
            total = 0
            async for chunk in request.stream():
                total += len(chunk)
            return {"received": total}

        shipped.api.add_api_route("/_upload", upload, methods=["POST"])
    yield shipped.api


@pytest.fixture
async def wired(auth, upload_route):
    from types import SimpleNamespace

    set_controller(SimpleNamespace(auth=auth, audit=auth.audit))
    transport = httpx.ASGITransport(app=upload_route, client=("198.51.100.20", 4000))
    async with httpx.AsyncClient(transport=transport, base_url="http://127.0.0.1:9999") as c:
        yield c
    set_controller(None)


class CountingBody:
    """A 64 MiB request body that counts how many chunks the server pulled."""

    def __init__(self, chunks: int = 64) -> None:
        self.chunks = chunks
        self.pulled = 0

    async def __aiter__(self):
        for _ in range(self.chunks):
            self.pulled += 1
            yield b"\0" * MIB


async def test_anonymous_upload_is_refused_before_the_body_is_read(wired, auth):
    body = CountingBody()
    r = await wired.post(
        "/_upload", content=body, headers={"reflex-client-token": "made-up", "reflex-event-handler": "x"}
    )
    assert r.status_code == 401 and "sign" in r.json()["error"]["message"]
    assert body.pulled == 0
    denied = auth.audit.recent(5, "auth.denied")
    assert denied and denied[0].target == "POST /_upload" and denied[0].source == "198.51.100.20"

    forged = CountingBody(2)
    r = await wired.post("/_upload", content=forged, cookies={SESSION_COOKIE: "scs_not-a-real-session"})
    assert r.status_code == 401 and forged.pulled == 0
    assert (await wired.get("/_upload/some-file.wav")).status_code == 401  # uploaded files too


async def test_signed_in_operator_uploads_up_to_the_audio_cap(wired, auth):
    session = (await auth.sign_in(PASSWORD)).secret
    r = await wired.post("/_upload", content=CountingBody(3), cookies={SESSION_COOKIE: session})
    assert r.status_code == 200 and r.json() == {"received": 3 * MIB}


@pytest.mark.parametrize(
    ("host", "ok"),
    [
        ("127.0.0.1:9999", True),
        ("[::1]:9999", True),
        ("192.0.2.10", True),
        ("localhost:9999", True),
        ("ui.localhost", True),
        (socket.gethostname(), True),
        ("spark.lan:9999", True),  # ALLOWED_HOSTS entry
        ("box.home.arpa", True),  # ALLOWED_HOSTS ".home.arpa"
        ("cors.example:443", True),  # a CORS_ORIGINS host
        ("evil.example", False),
        ("evil.example:9999", False),
        ("127.0.0.1.evil.example", False),
        ("", False),
    ],
)
def test_host_policy(host, ok):
    policy = HostPolicy("spark.lan, .home.arpa", ["https://cors.example"])
    assert policy.allows(host) is ok
    assert HostPolicy("*").allows(host)


async def test_the_shipped_app_refuses_unknown_host_names(auth, upload_route):
    transport = httpx.ASGITransport(app=upload_route)
    async with httpx.AsyncClient(transport=transport, base_url="http://127.0.0.1:9999") as c:
        r = await c.get("/api/auth/status", headers={"Host": "rebound.evil.example:9999"})
        assert r.status_code == 400 and "ALLOWED_HOSTS" in r.json()["error"]["message"]
        assert (await c.get("/health", headers={"Host": "localhost:9999"})).status_code != 400


def test_websocket_with_an_unknown_host_is_refused():
    from starlette.applications import Starlette
    from starlette.routing import WebSocketRoute

    async def echo(ws):
        await ws.accept()
        await ws.send_text("hello")
        await ws.close()

    app = HostAllowlistMiddleware(Starlette(routes=[WebSocketRoute("/_event", echo)]), HostPolicy(machine=()))
    client = TestClient(app, base_url="http://127.0.0.1:9999")
    with client.websocket_connect("/_event", headers={"host": "127.0.0.1:9999"}) as ws:
        assert ws.receive_text() == "hello"
    with pytest.raises(WebSocketDisconnect), client.websocket_connect("/_event", headers={"host": "evil.example"}):
        pass


@pytest.mark.parametrize(
    ("origin", "host", "ok"),
    [
        ("http://127.0.0.1:9999", "127.0.0.1:9999", True),  # the UI's own origin
        ("http://localhost:3000", "localhost:8000", True),  # dev: frontend and backend ports differ
        ("http://evil.example", "127.0.0.1:9999", False),  # another site's page
        ("http://evil.example:9999", "evil.example:9999", False),  # DNS rebinding: Host not ours
        ("null", "127.0.0.1:9999", False),
    ],
)
def test_the_shipped_websocket_checks_the_origin(origin, host, ok):
    eio = shipped.app.sio.eio
    environ = {"HTTP_ORIGIN": origin, "HTTP_HOST": host, "wsgi.url_scheme": "http"}
    assert eio.cors_allowed_origins != []  # Reflex's "check off" when CORS_ORIGINS is empty
    assert (origin in (eio._cors_allowed_origins(environ) or [])) is ok


def test_cors_origins_and_our_names_are_accepted_by_the_websocket_check():
    check = same_host_origins(["https://dash.example"], HostPolicy("spark.lan", machine=()))
    assert check("https://dash.example", {"HTTP_HOST": "127.0.0.1:9999"})
    assert not check("https://other.example", {"HTTP_HOST": "127.0.0.1:9999"})
    # the page opened under our name, its socket at the baked API_URL's address
    assert check("http://spark.lan:9999", {"HTTP_HOST": "192.0.2.5:9999"})
    # but not a page served from some other address on the LAN
    assert not check("http://192.0.2.66", {"HTTP_HOST": "192.0.2.5:9999"})


def test_host_name_parsing():
    assert host_name("Example.LAN:9999") == "example.lan"
    assert host_name("[fe80::1]:80") == "fe80::1"
    assert host_name("::1") == "::1"
    assert host_name(None) == ""
