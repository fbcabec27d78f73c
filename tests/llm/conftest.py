"""Real HTTP on both sides: the simulator's fake vLLM (``spark_control.sim``, vLLM's wire format,
served on a loopback port that can refuse or cut connections like a dying process) behind the
gateway's FastAPI routes (uvicorn), and the official ``openai`` SDK as the client."""

from __future__ import annotations

import asyncio
from pathlib import Path
from types import SimpleNamespace

import openai
import pytest
import uvicorn
from fastapi import FastAPI

from spark_control.api import llm as llm_api
from spark_control.api.errors import install_error_handlers
from spark_control.api.fastpath import LLMFastPath
from spark_control.audit import AuditLog
from spark_control.auth import AuthService, AuthSettings
from spark_control.catalog import load_catalog
from spark_control.llm.config import LLMConfig
from spark_control.llm.gateway import LLMGateway
from spark_control.llm.serving import ManualServingTarget, Serving
from spark_control.settings import Settings
from spark_control.sim.serving import LoopbackService
from spark_control.sim.vllm_server import FakeVLLM, generate_tokens
from spark_control.store import Database

ROOT = Path(__file__).resolve().parents[2]
SERVED = "llama-3.1-8b"  # a catalog entry's served name (models.yaml)
OTHER = "qwen3-30b-a3b"


class Server:
    def __init__(self, app) -> None:
        self.server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=0, log_level="warning", lifespan="off"))
        self.url = ""

    async def __aenter__(self) -> Server:
        self.task = asyncio.create_task(self.server.serve())
        while not self.server.started:  # noqa: ASYNC110 (uvicorn exposes a flag, not an event)
            await asyncio.sleep(0.01)
        self.url = f"http://127.0.0.1:{self.server.servers[0].sockets[0].getsockname()[1]}"
        return self

    async def __aexit__(self, *exc) -> None:
        self.server.should_exit = True
        self.server.force_exit = True
        await self.task


class SimVLLM:
    """The simulator's fake vLLM serving ``served`` on its own loopback port."""

    def __init__(self, served: str, *, ttft_s: float = 0.0, tokens_per_s: float = 2000.0) -> None:
        self.served = served
        process = SimpleNamespace(served_name=served, repo="org/" + served, max_model_len=4096, args=[])
        self.fake = FakeVLLM(process, ttft_s=ttft_s, tokens_per_s=tokens_per_s)
        self.service = LoopbackService(self.fake.app, name="vllm")
        self.base_url = self.service.url

    @property
    def stats(self):
        return self.fake.stats

    @property
    def faults(self):
        return self.fake.faults

    async def start(self) -> SimVLLM:
        await self.service.up()
        return self

    async def kill(self) -> None:
        """Like a stopped container: every connection is cut, then the port refuses."""
        await self.service.down()

    async def close(self) -> None:
        await self.service.close()


def expected(prompt: str, served: str, n: int) -> str:
    """What the simulator answers to ``prompt``, cut to ``n`` tokens."""
    return "".join(generate_tokens(prompt, served)[:n])


def build_api(gateway: LLMGateway) -> FastAPI:
    """The gateway's routes behind the real access check with ``APP_AUTH=off`` (the gateway open
    to any caller, as a LAN setup may run it): these tests are about proxying, tests/auth about keys."""
    api = FastAPI()
    install_error_handlers(api)
    api.include_router(llm_api.router)
    db = Database(":memory:")
    audit = AuditLog(db)
    auth = AuthService(db, audit, AuthSettings(operator_password=None))
    api.state.controller = SimpleNamespace(llm=gateway, auth=auth, audit=audit, settings=Settings(app_auth="off"))
    return api


@pytest.fixture
def catalog():
    return load_catalog(ROOT / "models.yaml")


@pytest.fixture
async def vllm():
    sim = await SimVLLM(SERVED).start()
    yield sim
    await sim.close()


@pytest.fixture
def config() -> LLMConfig:
    return LLMConfig(hold_timeout_s=10.0, read_timeout_s=5.0, connect_timeout_s=2.0)


@pytest.fixture(params=["routes", "fastpath"])
async def stack(request, vllm, catalog, config):
    """The gateway behind real HTTP, two ways: the FastAPI routes of ``api/llm.py`` ("routes"),
    and the LLM fast path in front of them as the shipped app has it ("fastpath"): every test
    using this fixture checks both answer the same."""
    target = ManualServingTarget(Serving(SERVED, vllm.base_url))
    gateway = LLMGateway(config, catalog, target)
    await gateway.start()
    api = build_api(gateway)
    app = LLMFastPath(api, api) if request.param == "fastpath" else api
    async with Server(app) as server:
        client = openai.AsyncOpenAI(base_url=server.url + "/v1", api_key="unused", max_retries=0, timeout=20)
        yield SimpleNamespace(vllm=vllm, target=target, gateway=gateway, url=server.url, client=client)
        await client.close()
    await gateway.stop()
