"""End to end: a REAL swap job (the swap area's SwapManager over SSH to the simulated Sparks,
fake vLLM going down, loading and coming back) while 20 streams run through the gateway and
20 more arrive. Every request completes or gets its documented error; none hangs."""

from __future__ import annotations

import asyncio
from types import SimpleNamespace

import openai
import pytest

from spark_control.llm.config import LLMConfig
from spark_control.llm.gateway import LLMGateway
from spark_control.llm.serving import SwapManagerTarget
from tests.cluster.simenv import PREVIOUS, TARGET, make_env
from tests.llm.conftest import Server, build_api

MSG = [{"role": "user", "content": "tell me about the cluster"}]


@pytest.fixture
async def env(tmp_path):
    e = await make_env(tmp_path)
    try:
        yield e
    finally:
        await e.svc.stop()
        await e.sim.stop()
        e.db.close()


async def _stream(client, model: str) -> str:
    stream = await client.chat.completions.create(model=model, messages=MSG, stream=True, max_tokens=40)
    out = ""
    async for chunk in stream:
        if chunk.choices:
            out += chunk.choices[0].delta.content or ""
    return out


async def test_real_swap_with_20_running_and_20_arriving(env):
    old, new = env.catalog.get(PREVIOUS).served_name, env.catalog.get(TARGET).served_name
    env.sim.vllm.tokens_per_s = 40  # ~1 s streams: the swap's stop phase cuts them
    target = SwapManagerTarget(env.swaps, env.catalog, env.events)
    gateway = LLMGateway(LLMConfig(aliases={"default": "@serving"}, hold_timeout_s=20), env.catalog, target)
    async with Server(build_api(gateway)) as server:
        client = openai.AsyncOpenAI(base_url=server.url + "/v1", api_key="unused", max_retries=0, timeout=30)
        running = [asyncio.create_task(_stream(client, old)) for _ in range(20)]
        while env.sim.vllm.stats.in_flight < 20:  # noqa: ASYNC110 (a counter, not an event)
            await asyncio.sleep(0.01)

        job = env.swaps.request(TARGET, confirm=True, actor="tester", source="127.0.0.1")["job_id"]
        assert target.swap_status().in_progress and target.swap_status().incoming == new
        arriving = (
            [asyncio.create_task(_stream(client, "default")) for _ in range(8)]
            + [asyncio.create_task(_stream(client, new)) for _ in range(8)]
            + [asyncio.create_task(_stream(client, old)) for _ in range(4)]
        )
        results = await asyncio.wait_for(asyncio.gather(*running, *arriving, return_exceptions=True), 60)
        done = await env.swaps.wait_job(job, timeout=20)
        await client.close()
    await gateway.stop()

    assert done.state == "done", done.error
    outcome = SimpleNamespace(completed=0, cut=0, held_ok=0, conflict=0)
    for r in results[:20]:  # running when the swap stopped vLLM: whole, or ended by the error event
        if isinstance(r, str):
            outcome.completed += 1
        else:
            assert isinstance(r, openai.APIError) and r.body["code"] == 502, r
            outcome.cut += 1
    for r in results[20:36]:  # held during the swap, then served by the new model
        assert isinstance(r, str) and r, r
        outcome.held_ok += 1
    for r in results[36:]:  # named the outgoing model during the swap
        assert isinstance(r, openai.ConflictError) and "being swapped out" in r.message, r
        outcome.conflict += 1
    assert outcome.completed + outcome.cut == 20 and outcome.held_ok == 16 and outcome.conflict == 4
    assert gateway.in_flight == 0 and gateway.held == 0
    assert env.swaps.serving.served_name == new


async def test_swap_drains_running_streams_before_stopping_vllm(env):
    """With the gateway's drain registered (as the controller does), the swap's stop phase waits
    for running streams: every one of them completes whole, none is cut."""
    old = env.catalog.get(PREVIOUS).served_name
    env.sim.vllm.tokens_per_s = 40  # ~1 s streams
    target = SwapManagerTarget(env.swaps, env.catalog, env.events)
    gateway = LLMGateway(LLMConfig(hold_timeout_s=20), env.catalog, target)
    env.swaps.drainers.append(gateway.drain)
    async with Server(build_api(gateway)) as server:
        client = openai.AsyncOpenAI(base_url=server.url + "/v1", api_key="unused", max_retries=0, timeout=30)
        running = [asyncio.create_task(_stream(client, old)) for _ in range(20)]
        while env.sim.vllm.stats.in_flight < 20:  # noqa: ASYNC110 (a counter, not an event)
            await asyncio.sleep(0.01)
        job = env.swaps.request(TARGET, confirm=True, actor="tester", source="127.0.0.1")["job_id"]
        results = await asyncio.wait_for(asyncio.gather(*running, return_exceptions=True), 60)
        done = await env.swaps.wait_job(job, timeout=20)
        await client.close()
    await gateway.stop()
    assert done.state == "done", done.error
    assert all(isinstance(r, str) and r for r in results), [r for r in results if not isinstance(r, str)]
    assert env.sim.vllm.stats.killed == 0
    assert any("running requests finished" in line["line"] for line in done.to_dict()["log"])
