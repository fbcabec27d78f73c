"""A TTS client that leaves before its first byte gives the GPU turn back at once: tested with
real clients over TCP (uvicorn on 127.0.0.1) against the simulated Kokoro (real speech)."""

from __future__ import annotations

import asyncio
import contextlib
import json
import time
from types import SimpleNamespace

import httpx
from fastapi import FastAPI

from spark_control.api import audio as audio_api
from spark_control.api.errors import install_error_handlers
from tests.access import open_access

from .conftest import make_rig, needs_espeak, serve

pytestmark = needs_espeak


@contextlib.asynccontextmanager
async def served_gateway(svc):
    gw = open_access(FastAPI())
    install_error_handlers(gw)
    gw.include_router(audio_api.router)
    gw.state.controller = SimpleNamespace(speech=svc, events=svc.events)
    async with serve(gw) as url:
        yield url


async def _leaving_client(url: str, text: str) -> asyncio.StreamWriter:
    """Sends a speech request on a raw socket and returns the writer (close it to leave)."""
    port = int(url.rsplit(":", 1)[1])
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    body = json.dumps({"input": text, "response_format": "pcm"}).encode()
    writer.write(
        b"POST /v1/audio/speech HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
        + f"Content-Length: {len(body)}\r\n\r\n".encode()
        + body
    )
    await writer.drain()
    return writer


async def _until(cond, within_s: float = 10.0) -> None:
    deadline = time.monotonic() + within_s
    while not cond():
        assert time.monotonic() < deadline, "condition not reached"
        await asyncio.sleep(0.02)


async def _hold_turn(queue, release: asyncio.Event) -> None:
    async with queue.hold("blocker", label="test"):
        await release.wait()


async def test_client_gone_while_waiting_for_the_turn_releases_it():
    async with make_rig() as rig, served_gateway(rig.svc) as url:
        queue = rig.svc.queue
        release = asyncio.Event()
        blocker = asyncio.create_task(_hold_turn(queue, release))
        await _until(lambda: queue.stats().running == 1)

        writer = await _leaving_client(url, "Nobody will hear this sentence.")
        await _until(lambda: queue.stats().waiting == 1)
        writer.close()  # the client leaves while in line: before its first byte
        await asyncio.sleep(0.3)
        release.set()
        await blocker

        async with httpx.AsyncClient(base_url=url, timeout=30) as client:
            t0 = time.monotonic()
            r = await asyncio.wait_for(
                client.post("/v1/audio/speech", json={"input": "Next.", "response_format": "pcm"}), 30
            )
            assert r.status_code == 200 and len(r.content) > 1000
        assert time.monotonic() - t0 < 20  # promptly: not after the abandoned request's deadline
        await _until(lambda: queue.stats().running == 0 and queue.stats().waiting == 0)
        assert rig.tts.state.stats.calls == 1  # the abandoned request never reached the GPU


async def test_client_gone_before_the_first_chunk_releases_the_turn():
    """The turn was granted and Kokoro is working on a long first sentence when the client leaves."""
    async with make_rig() as rig, served_gateway(rig.svc) as url:
        queue = rig.svc.queue
        long_sentence = " ".join(["This sentence is long so that its audio takes a while to make"] * 6) + "."
        writer = await _leaving_client(url, long_sentence * 20)
        await _until(lambda: queue.stats().running == 1)
        writer.close()
        await _until(lambda: queue.stats().running == 0, within_s=10)

        async with httpx.AsyncClient(base_url=url, timeout=30) as client:
            r = await asyncio.wait_for(
                client.post("/v1/audio/speech", json={"input": "Next.", "response_format": "pcm"}), 30
            )
            assert r.status_code == 200


def _speech_scope(body: bytes) -> dict:
    """An HTTP scope as a server speaking ASGI spec 2.4 sends it (Starlette then stops watching
    for a disconnect itself and relies on ``send`` failing, which some servers never do)."""
    return {
        "type": "http",
        "asgi": {"version": "3.0", "spec_version": "2.4"},
        "http_version": "1.1",
        "method": "POST",
        "scheme": "http",
        "path": "/v1/audio/speech",
        "raw_path": b"/v1/audio/speech",
        "root_path": "",
        "query_string": b"",
        "headers": [
            (b"host", b"gateway"),
            (b"content-type", b"application/json"),
            (b"content-length", b"%d" % len(body)),
        ],
        "client": ("127.0.0.1", 50000),
        "server": ("127.0.0.1", 80),
    }


class LeavingClient:
    """ASGI receive/send of a client that leaves when ``left`` is set; its ``send`` never fails."""

    def __init__(self, body: bytes) -> None:
        self.body = body
        self.left = asyncio.Event()
        self.sent_body_chunks = 0
        self.status: int | None = None
        self._body_sent = False

    async def receive(self) -> dict:
        if not self._body_sent:
            self._body_sent = True
            return {"type": "http.request", "body": self.body, "more_body": False}
        await self.left.wait()
        return {"type": "http.disconnect"}

    async def send(self, message: dict) -> None:
        if message["type"] == "http.response.start":
            self.status = message["status"]
        elif message["type"] == "http.response.body" and message.get("body"):
            self.sent_body_chunks += 1
            self.left.set()  # gone right after the first chunk


def _gateway(svc) -> FastAPI:
    gw = open_access(FastAPI())
    install_error_handlers(gw)
    gw.include_router(audio_api.router)
    gw.state.controller = SimpleNamespace(speech=svc, events=svc.events)
    return gw


SENTENCES_30 = " ".join(f"This is sentence number {i} of a long reading." for i in range(30))
BODY_30 = json.dumps({"input": SENTENCES_30, "response_format": "pcm"}).encode()


async def test_spec_2_4_server_client_gone_in_line_never_reaches_kokoro():
    async with make_rig() as rig:
        queue, gw = rig.svc.queue, _gateway(rig.svc)
        release = asyncio.Event()
        blocker = asyncio.create_task(_hold_turn(queue, release))
        await _until(lambda: queue.stats().running == 1)
        in_line = LeavingClient(BODY_30)
        call = asyncio.create_task(gw(_speech_scope(BODY_30), in_line.receive, in_line.send))
        await _until(lambda: queue.stats().waiting == 1)
        in_line.left.set()
        await asyncio.sleep(0.2)
        release.set()
        await blocker
        await asyncio.wait_for(call, 10)
        assert rig.tts.state.stats.calls == 0 and in_line.sent_body_chunks == 0
        assert queue.stats().running == 0 and queue.stats().waiting == 0


async def test_spec_2_4_server_client_gone_after_the_first_chunk_stops_the_stream():
    async with make_rig() as rig:
        queue, gw = rig.svc.queue, _gateway(rig.svc)
        mid = LeavingClient(BODY_30)
        await asyncio.wait_for(gw(_speech_scope(BODY_30), mid.receive, mid.send), 30)
        assert mid.status == 200 and 1 <= mid.sent_body_chunks < 30  # not the whole reading
        assert queue.stats().running == 0 and queue.stats().waiting == 0
