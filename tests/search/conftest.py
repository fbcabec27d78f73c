"""Fixtures: the simulated embeddings service on a real uvicorn server (127.0.0.1, ephemeral
port), and gateway apps built around it with the embedded search engine."""

from __future__ import annotations

import asyncio
import socket
import threading
import time
from collections.abc import AsyncIterator, Iterator
from types import SimpleNamespace

import httpx
import pytest
import uvicorn
from fastapi import FastAPI

from spark_control.api import embeddings as embeddings_api
from spark_control.api import search as search_api
from spark_control.api.errors import install_error_handlers
from spark_control.audit import AuditLog
from spark_control.search.edge import EdgeEngine
from spark_control.search.service import SearchService
from spark_control.sim.embed_server import create_app
from spark_control.store import Database
from spark_control.upstreams.embed import EmbedClient
from tests.access import open_access


class ServerThread:
    """A uvicorn server for ``app`` in a thread, on 127.0.0.1 and a free port."""

    def __init__(self, app: FastAPI) -> None:
        self.app = app
        sock = socket.socket()
        sock.bind(("127.0.0.1", 0))
        self.sock = sock
        self.port = sock.getsockname()[1]
        self.server = uvicorn.Server(uvicorn.Config(app, log_level="warning", lifespan="off"))
        self.thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        asyncio.run(self.server.serve(sockets=[self.sock]))

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def __enter__(self) -> ServerThread:
        self.thread.start()
        deadline = time.monotonic() + 10
        while not self.server.started:
            if time.monotonic() > deadline:
                raise RuntimeError("uvicorn did not start")
            time.sleep(0.01)
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=5)
        self.sock.close()


@pytest.fixture(scope="session")
def sim_embed() -> Iterator[SimpleNamespace]:
    ctx = SimpleNamespace(clock=None, faults={}, host="127.0.0.1", container=None)
    app = create_app(ctx)
    with ServerThread(app) as srv:
        yield SimpleNamespace(url=srv.url, ctx=ctx, app=app)


@pytest.fixture
def sim(sim_embed: SimpleNamespace) -> Iterator[SimpleNamespace]:
    """The session's simulator with a clean fault table and call counters."""
    sim_embed.ctx.faults.clear()
    sim_embed.app.state.calls.clear()
    yield sim_embed
    sim_embed.ctx.faults.clear()


def build_gateway(controller: object) -> FastAPI:
    api = FastAPI()
    api.state.controller = controller
    install_error_handlers(api)
    api.include_router(embeddings_api.router)
    api.include_router(search_api.router)
    return api


@pytest.fixture
async def gateway(sim: SimpleNamespace, tmp_path) -> AsyncIterator[SimpleNamespace]:
    """A gateway (ASGI, in-process) whose controller has ``embed`` (client of the simulator over
    real HTTP), ``search`` (embedded engine under tmp_path) and ``audit``."""
    embed = EmbedClient(sim.url, batch_size=8, timeout=5.0)
    await embed.start()
    db = Database(tmp_path / "gw.db")
    audit = AuditLog(db)
    search = SearchService(EdgeEngine(tmp_path / "search"), embed, audit=audit)
    await search.start()
    controller = SimpleNamespace(embed=embed, search=search, audit=audit)
    api = open_access(build_gateway(controller))
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=api), base_url="http://gw") as client:
        yield SimpleNamespace(client=client, controller=controller, sim=sim, data=tmp_path)
    await search.stop()
    await embed.stop()
    db.close()
