"""Requests during a model swap: held, then released to the model that serves; never dropped."""

from __future__ import annotations

import asyncio

import openai
import pytest

from spark_control.llm.serving import Serving
from tests.llm.conftest import OTHER, SERVED, SimVLLM, expected

MSG = [{"role": "user", "content": "hi"}]


async def _stream_text(client, model: str, max_tokens: int) -> str:
    stream = await client.chat.completions.create(model=model, messages=MSG, stream=True, max_tokens=max_tokens)
    out = ""
    async for chunk in stream:
        if chunk.choices:
            out += chunk.choices[0].delta.content or ""
    return out


def _expected(n: int, served: str = SERVED) -> str:
    return expected("hi", served, n)


async def _until(cond, within_s: float = 10.0) -> None:
    deadline = asyncio.get_running_loop().time() + within_s
    while not cond():
        assert asyncio.get_running_loop().time() < deadline, "condition not reached"
        await asyncio.sleep(0.02)


@pytest.fixture
def config(config):
    config.aliases = {"default": "@serving"}
    return config


async def test_swap_with_20_running_and_20_arriving(stack):
    """20 streams run on the old model when the swap starts; 20 more arrive during it (alias,
    incoming name, outgoing name). The swap job drains, stops the old vLLM, starts the new one.
    Every request completes or gets its documented error; none hangs."""
    stack.vllm.fake.tokens_per_s = 50
    running = [asyncio.create_task(_stream_text(stack.client, SERVED, 20)) for _ in range(20)]
    await _until(lambda: stack.vllm.stats.in_flight == 20)

    stack.target.begin_swap(OTHER, eta_s=3.0)
    arriving = (
        [asyncio.create_task(_stream_text(stack.client, "default", 5)) for _ in range(8)]
        + [asyncio.create_task(_stream_text(stack.client, OTHER, 5)) for _ in range(8)]
        + [asyncio.create_task(_stream_text(stack.client, SERVED, 5)) for _ in range(4)]
    )
    await _until(lambda: stack.gateway.held == 16)
    assert await stack.gateway.drain(10.0)  # what the swap job does before it stops vLLM
    assert stack.vllm.stats.completed == 20
    await stack.vllm.kill()  # the old vLLM stops

    new = await SimVLLM(OTHER).start()
    try:
        stack.target.finish_swap(Serving(OTHER, new.base_url))
        results = await asyncio.wait_for(asyncio.gather(*running, *arriving, return_exceptions=True), 20)
    finally:
        await new.close()

    assert results[:20] == [_expected(20)] * 20
    assert results[20:36] == [_expected(5, OTHER)] * 16  # released to the new model
    for r in results[36:]:  # named the outgoing model while it was being swapped out
        assert isinstance(r, openai.ConflictError), r
        assert "being swapped out" in r.message
    assert new.stats.completed == 16
    assert stack.gateway.in_flight == 0 and stack.gateway.held == 0


async def test_swap_that_kills_running_streams_ends_them_with_the_error_event(stack):
    stack.vllm.fake.tokens_per_s = 20
    running = [asyncio.create_task(_stream_text(stack.client, SERVED, 200)) for _ in range(5)]
    await _until(lambda: stack.vllm.stats.in_flight == 5)
    stack.target.begin_swap(OTHER, eta_s=3.0)
    held = [asyncio.create_task(_stream_text(stack.client, "default", 3)) for _ in range(5)]
    await _until(lambda: stack.gateway.held == 5)
    await stack.vllm.kill()  # no drain: the old container is stopped under the running streams
    new = await SimVLLM(OTHER).start()
    try:
        stack.target.finish_swap(Serving(OTHER, new.base_url))
        results = await asyncio.wait_for(asyncio.gather(*running, *held, return_exceptions=True), 20)
    finally:
        await new.close()
    for r in results[:5]:
        assert isinstance(r, openai.APIError) and r.body["code"] == 502, r
    assert results[5:] == [_expected(3, OTHER)] * 5


async def test_rollback_releases_held_requests_to_the_restored_model(stack):
    stack.target.begin_swap(OTHER, eta_s=3.0)
    follow = [asyncio.create_task(_stream_text(stack.client, "default", 4)) for _ in range(3)]
    named = asyncio.create_task(_stream_text(stack.client, OTHER, 4))
    await _until(lambda: stack.gateway.held == 4)
    stack.target.rollback(Serving(SERVED, stack.vllm.base_url))
    results = await asyncio.wait_for(asyncio.gather(*follow, named, return_exceptions=True), 10)
    assert results[:3] == [_expected(4)] * 3
    assert isinstance(results[3], openai.ConflictError) and "rolled back" in results[3].message


async def test_held_past_its_bound_is_503_with_retry_after_from_eta(stack):
    stack.gateway.config.hold_timeout_s = 0.3
    stack.target.begin_swap(OTHER, eta_s=42.0)
    with pytest.raises(openai.InternalServerError) as e:
        await stack.client.chat.completions.create(model=OTHER, messages=MSG)
    assert e.value.status_code == 503
    assert 40 <= int(e.value.response.headers["retry-after"]) <= 42
    assert "still running" in e.value.message


async def test_hold_queue_is_bounded(stack):
    stack.gateway.config.hold_max = 2
    stack.target.begin_swap(OTHER, eta_s=30.0)
    held = [asyncio.create_task(_stream_text(stack.client, "default", 2)) for _ in range(2)]
    await _until(lambda: stack.gateway.held == 2)
    with pytest.raises(openai.InternalServerError) as e:
        await stack.client.chat.completions.create(model="default", messages=MSG)
    assert e.value.status_code == 503 and e.value.response.headers["retry-after"]
    stack.target.rollback(Serving(SERVED, stack.vllm.base_url))
    assert await asyncio.wait_for(asyncio.gather(*held), 10) == [_expected(2)] * 2


async def test_alias_follows_the_serving_model(stack):
    assert await _stream_text(stack.client, "default", 3) == _expected(3)
    assert stack.vllm.stats.completed == 1  # the alias was rewritten to the served name vLLM knows
    ids = [m.id for m in (await stack.client.models.list()).data]
    assert ids == [SERVED, "default"]


async def test_held_client_that_disconnects_leaves_the_queue(stack):
    import httpx

    stack.target.begin_swap(OTHER, eta_s=30.0)
    async with httpx.AsyncClient(timeout=10) as c:
        task = asyncio.create_task(
            c.post(stack.url + "/v1/chat/completions", json={"model": "default", "messages": MSG, "stream": True})
        )
        await _until(lambda: stack.gateway.held == 1)
        task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await task
    await _until(lambda: stack.gateway.held == 0 and stack.gateway.in_flight == 0)
    stack.target.rollback(Serving(SERVED, stack.vllm.base_url))
    assert stack.vllm.stats.requests_total == 0  # it never reached vLLM


async def test_model_list_during_a_swap_shows_the_incoming_model_loading(stack):
    stack.target.begin_swap(OTHER, eta_s=30.0)
    cards = (await stack.client.models.list()).data
    assert [(m.id, m.status) for m in cards] == [(OTHER, "loading"), ("default", "alias")]
