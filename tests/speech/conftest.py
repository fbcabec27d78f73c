"""Speech test rig: the simulated parakeet-asr and Kokoro as real uvicorn servers on 127.0.0.1,
and the gateway's audio router in front of them (reached through httpx's ASGI transport)."""

from __future__ import annotations

import asyncio
import contextlib
from types import SimpleNamespace

import httpx
import pytest
import uvicorn
from fastapi import FastAPI

from spark_control.api import audio as audio_api
from spark_control.api.errors import install_error_handlers
from spark_control.events import EventHub
from spark_control.sim import asr_server, tts_server
from spark_control.speech.service import SpeechService
from tests.access import open_access

from .speechgen import HAVE_ESPEAK

needs_espeak = pytest.mark.skipif(not HAVE_ESPEAK, reason="espeak-ng and ffmpeg are needed for speech fixtures")


@contextlib.asynccontextmanager
async def serve(app: FastAPI):
    """Run ``app`` with uvicorn on an ephemeral 127.0.0.1 port; yields its base URL."""
    config = uvicorn.Config(app, host="127.0.0.1", port=0, log_level="warning", lifespan="off")
    server = uvicorn.Server(config)
    task = asyncio.create_task(server.serve())
    while not server.started:
        if task.done():
            task.result()
        await asyncio.sleep(0.01)
    port = server.servers[0].sockets[0].getsockname()[1]
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        await task


class Rig(SimpleNamespace):
    pass


@contextlib.asynccontextmanager
async def make_rig(faults: dict | None = None, **service_kw):
    ctx = asr_server._StandaloneCtx(faults=faults if faults is not None else {})
    asr_app = asr_server.create_app(ctx)
    tts_app = tts_server.create_app(SimpleNamespace(clock=ctx.clock, faults=ctx.faults, host=None, container="kokoro"))
    async with serve(asr_app) as asr_url, serve(tts_app) as tts_url:
        events = EventHub()
        svc = SpeechService(asr_url, tts_url, events=events, **service_kw)
        await svc.start()
        gw = open_access(FastAPI())
        install_error_handlers(gw)
        gw.include_router(audio_api.router)
        gw.state.controller = SimpleNamespace(speech=svc, events=events)
        transport = httpx.ASGITransport(app=gw)
        async with httpx.AsyncClient(transport=transport, base_url="http://gateway", timeout=120) as client:
            yield Rig(
                client=client,
                svc=svc,
                asr=asr_app,
                tts=tts_app,
                faults=ctx.faults,
                events=events,
                asr_url=asr_url,
                tts_url=tts_url,
            )
        await svc.stop()


@pytest.fixture
async def rig():
    async with make_rig() as r:
        yield r
