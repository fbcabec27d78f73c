"""The gateway through the official OpenAI SDK: streaming and not, chat and completions, the model
list, and OpenAI-shaped errors."""

from __future__ import annotations

import httpx
import openai
import pytest

from tests.llm.conftest import OTHER, SERVED, expected


async def test_chat_stream_passes_every_chunk(stack):
    stream = await stack.client.chat.completions.create(
        model=SERVED,
        messages=[{"role": "user", "content": "hi"}],
        stream=True,
        max_tokens=6,
        stream_options={"include_usage": True},
    )
    text, usage = "", None
    async for chunk in stream:
        if chunk.choices:
            text += chunk.choices[0].delta.content or ""
        if chunk.usage:
            usage = chunk.usage
    assert text == expected("hi", SERVED, 6)
    assert usage is not None and usage.completion_tokens == 6  # stream_options reached vLLM


async def test_chat_not_streamed(stack):
    resp = await stack.client.chat.completions.create(
        model=SERVED, messages=[{"role": "user", "content": "x"}], max_tokens=3
    )
    assert resp.choices[0].message.content == expected("x", SERVED, 3)
    assert resp.usage.completion_tokens == 3
    assert resp.model == SERVED


async def test_completions_streamed_and_not(stack):
    resp = await stack.client.completions.create(model=SERVED, prompt="x", max_tokens=4)
    assert resp.choices[0].text == expected("x", SERVED, 4)
    stream = await stack.client.completions.create(model=SERVED, prompt="x", max_tokens=4, stream=True)
    assert "".join([c.choices[0].text async for c in stream]) == expected("x", SERVED, 4)


async def test_model_list(stack):
    models = await stack.client.models.list()
    ids = [m.id for m in models.data]
    assert ids == [SERVED]
    assert models.data[0].max_model_len == 4096  # vLLM's own card is passed on


async def test_unknown_model_is_404_in_openai_shape(stack):
    stack.vllm.faults.error = (500, "must not be reached")
    with pytest.raises(openai.NotFoundError) as e:
        await stack.client.chat.completions.create(model="no-such-model", messages=[{"role": "user", "content": "x"}])
    assert e.value.status_code == 404
    assert "no-such-model" in e.value.message
    assert set(e.value.body) >= {"message", "type", "param", "code"}
    assert stack.vllm.stats.requests_total == 0  # answered by the gateway, not vLLM


async def test_catalog_model_not_serving_is_409_and_never_swaps(stack):
    with pytest.raises(openai.ConflictError) as e:
        await stack.client.chat.completions.create(model=OTHER, messages=[{"role": "user", "content": "x"}])
    assert "not being served" in e.value.message
    assert stack.target.current().model == SERVED and not stack.target.swap_status().in_progress


async def test_vllm_error_is_passed_on(stack):
    with pytest.raises(openai.BadRequestError) as e:
        await stack.client.chat.completions.create(
            model=SERVED, messages=[{"role": "user", "content": "x"}], max_tokens=100000
        )
    assert "maximum context length" in e.value.message
    assert e.value.body["type"] == "BadRequestError"


async def test_invalid_json_is_400(stack):
    async with httpx.AsyncClient() as c:
        r = await c.post(
            stack.url + "/v1/chat/completions", content=b"{nope", headers={"content-type": "application/json"}
        )
    assert r.status_code == 400
    assert r.json()["error"]["type"] == "invalid_request_error"


async def test_body_too_large_is_413(stack):
    stack.gateway.config.max_body_bytes = 2048
    with pytest.raises(openai.APIStatusError) as e:
        await stack.client.chat.completions.create(model=SERVED, messages=[{"role": "user", "content": "x" * 5000}])
    assert e.value.status_code == 413
    assert stack.vllm.stats.requests_total == 0


async def test_metrics_render(stack):
    stream = await stack.client.chat.completions.create(
        model=SERVED, messages=[{"role": "user", "content": "x"}], stream=True, max_tokens=5
    )
    async for _ in stream:
        pass
    text = stack.gateway.render_prometheus()
    assert f'spark_llm_requests_total{{model="{SERVED}",endpoint="chat/completions",status="200"}} 1' in text
    assert f'spark_llm_time_to_first_token_seconds_count{{model="{SERVED}"}} 1' in text
    assert f'spark_llm_completion_tokens_total{{model="{SERVED}"}} 5' in text
    assert f'spark_llm_queue_wait_seconds_count{{model="{SERVED}"}} 1' in text


async def test_in_process_stream_as_the_chat_page_uses_it(stack):
    import json

    from spark_control.llm.stream import iter_sse_deltas
    from spark_control.sim.vllm_server import generate_tokens

    body = {"messages": [{"role": "user", "content": "hi"}], "stream": True, "stream_options": {"include_usage": True}}
    resp = await stack.gateway.open("chat/completions", json.dumps(body).encode())  # no model: the serving one
    try:
        text = "".join([d async for d in iter_sse_deltas(resp)])
    finally:
        await resp.aclose()
    assert text == expected("hi", SERVED, 1000)
    assert resp.model == SERVED and resp.ttft is not None
    assert resp.tokens == len(generate_tokens("hi", SERVED))  # from usage
    assert stack.gateway.in_flight == 0


async def test_openapi_documents_the_request_bodies(stack):
    import httpx

    async with httpx.AsyncClient() as c:
        schema = (await c.get(stack.url + "/openapi.json")).json()
    body = schema["paths"]["/v1/chat/completions"]["post"]["requestBody"]["content"]["application/json"]["schema"]
    assert {"model", "messages", "stream"} <= set(body["properties"])
    assert (
        "prompt"
        in schema["paths"]["/v1/completions"]["post"]["requestBody"]["content"]["application/json"]["schema"][
            "properties"
        ]
    )
