"""Real HTTP on both sides: a fake vLLM (uvicorn) behind the gateway's FastAPI routes (uvicorn),
and the official ``openai`` SDK as the client."""

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
from spark_control.catalog import load_catalog
from spark_control.llm.config import LLMConfig
from spark_control.llm.gateway import LLMGateway
from spark_control.llm.serving import ManualServingTarget, Serving
from tests.llm.fake_vllm import FakeVLLM

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


def build_api(gateway: LLMGateway) -> FastAPI:
    api = FastAPI()
    install_error_handlers(api)
    api.include_router(llm_api.router)
    api.state.controller = SimpleNamespace(llm=gateway)
    return api


@pytest.fixture
def catalog():
    return load_catalog(ROOT / "models.yaml")


@pytest.fixture
async def vllm():
    fake = await FakeVLLM(SERVED, tokens=8).start()
    yield fake
    await fake.stop()


@pytest.fixture
def config() -> LLMConfig:
    return LLMConfig(hold_timeout_s=10.0, read_timeout_s=5.0, connect_timeout_s=2.0)


@pytest.fixture
async def stack(vllm, catalog, config):
    target = ManualServingTarget(Serving(SERVED, vllm.base_url))
    gateway = LLMGateway(config, catalog, target)
    await gateway.start()
    async with Server(build_api(gateway)) as server:
        client = openai.AsyncOpenAI(base_url=server.url + "/v1", api_key="unused", max_retries=0, timeout=20)
        yield SimpleNamespace(vllm=vllm, target=target, gateway=gateway, url=server.url, client=client)
        await client.close()
    await gateway.stop()
