"""Failure paths over real HTTP: client disconnects, vLLM dying mid-stream, limits and timeouts."""

from __future__ import annotations

import asyncio
import json

import httpx
import openai
import pytest

from spark_control.llm.serving import Serving
from tests.llm.conftest import SERVED, expected

CHAT = {"model": SERVED, "messages": [{"role": "user", "content": "hi"}], "stream": True}


async def _until(cond, within_s: float = 5.0) -> None:
    deadline = asyncio.get_running_loop().time() + within_s
    while not cond():
        assert asyncio.get_running_loop().time() < deadline, "condition not reached"
        await asyncio.sleep(0.02)


async def test_client_disconnect_cancels_upstream(stack):
    stack.vllm.fake.tokens_per_s = 20
    async with httpx.AsyncClient(timeout=10) as c:
        async with c.stream("POST", stack.url + "/v1/chat/completions", json={**CHAT, "max_tokens": 200}) as r:
            assert r.status_code == 200
            got = 0
            async for _ in r.aiter_raw():
                got += 1
                if got >= 3:
                    break
            assert stack.vllm.stats.in_flight == 1
    # the client is gone: vLLM must abort long before its tokens (seconds at 20 tokens/s) are done
    await _until(lambda: stack.vllm.stats.cancelled == 1 and stack.vllm.stats.in_flight == 0)
    await _until(lambda: stack.gateway.in_flight == 0)
    assert stack.vllm.stats.completed == 0
    assert 'reason="client_disconnected"' in stack.gateway.render_prometheus()


async def test_client_disconnect_while_waiting_for_first_token(stack):
    stack.vllm.fake.ttft_s = 2.0  # vLLM is slow to the first token
    async with httpx.AsyncClient(timeout=10) as c:
        task = asyncio.create_task(c.post(stack.url + "/v1/chat/completions", json={**CHAT, "max_tokens": 50}))
        await _until(lambda: stack.vllm.stats.in_flight == 1)
        task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await task
    await _until(lambda: stack.vllm.stats.cancelled == 1 and stack.gateway.in_flight == 0)


async def test_upstream_killed_mid_stream_ends_with_error_event(stack):
    stack.vllm.faults.kill_after_chunks = 3
    stream = await stack.client.chat.completions.create(
        model=SERVED, messages=[{"role": "user", "content": "x"}], stream=True, max_tokens=10
    )
    text = ""
    with pytest.raises(openai.APIError) as e:
        async for chunk in stream:
            text += chunk.choices[0].delta.content or ""
    assert text == expected("x", SERVED, 3)
    assert "closed the stream before it was complete" in e.value.message
    assert e.value.body["type"] == "upstream_error" and e.value.body["code"] == 502

    # the raw wire: the error event is the last one and there is no [DONE]
    async with httpx.AsyncClient(timeout=10) as c:
        r = await c.post(stack.url + "/v1/chat/completions", json={**CHAT, "max_tokens": 10})
    events = [e for e in r.text.split("\n\n") if e]
    assert "[DONE]" not in r.text
    assert json.loads(events[-1].removeprefix("data: "))["error"]["code"] == 502
    await _until(lambda: stack.gateway.in_flight == 0)
    assert 'reason="upstream_died"' in stack.gateway.render_prometheus()


async def test_concurrency_limit_is_429_with_retry_after(stack):
    stack.gateway.config.max_concurrency = 2
    stack.gateway._slots = asyncio.Semaphore(2)
    stack.vllm.fake.tokens_per_s = 20
    async with httpx.AsyncClient(timeout=10) as c:
        running = [
            asyncio.create_task(c.post(stack.url + "/v1/chat/completions", json={**CHAT, "max_tokens": 20}))
            for _ in range(2)
        ]
        await _until(lambda: stack.vllm.stats.in_flight == 2)
        r = await c.post(stack.url + "/v1/chat/completions", json={**CHAT, "max_tokens": 2})
        assert r.status_code == 429
        assert int(r.headers["retry-after"]) >= 1
        assert r.json()["error"]["type"] == "rate_limit_error"
        assert [(await t).status_code for t in running] == [200, 200]
        assert (await c.post(stack.url + "/v1/chat/completions", json={**CHAT, "max_tokens": 2})).status_code == 200


async def test_read_timeout_is_504(stack):
    stack.gateway.upstream.set_timeouts(read=0.3)
    stack.vllm.fake.ttft_s = 1.0
    with pytest.raises(openai.APIStatusError) as e:  # not streamed: no headers in time
        await stack.client.chat.completions.create(
            model=SERVED, messages=[{"role": "user", "content": "x"}], max_tokens=3
        )
    assert e.value.status_code == 504
    stream = await stack.client.chat.completions.create(
        model=SERVED, messages=[{"role": "user", "content": "x"}], stream=True, max_tokens=3
    )
    with pytest.raises(openai.APIError) as e2:  # streamed: headers came, then silence
        async for _ in stream:
            pass
    assert e2.value.body["code"] == 504


async def test_refused_connection_is_503_with_retry_after(stack):
    await stack.vllm.kill()  # the port now refuses connections, like vLLM while it loads
    stack.target.set_serving(Serving(SERVED, stack.vllm.base_url))
    with pytest.raises(openai.InternalServerError) as e:
        await stack.client.chat.completions.create(model=SERVED, messages=[{"role": "user", "content": "x"}])
    assert e.value.status_code == 503
    assert e.value.response.headers["retry-after"]
    assert "refused the connection" in e.value.message
