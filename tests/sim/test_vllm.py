"""The fake vLLM server: refuses while loading, OpenAI wire format (checked with the official
SDK and raw SSE), errors, metrics, faults, cancellation; and the extra-service mechanism."""

from __future__ import annotations

import asyncio
import json
import shlex

import httpx
import openai
import pytest
from fastapi import FastAPI, Request

from spark_control.sim.cluster import SimCluster, SimServiceContext

from .conftest import connect


async def aget(url: str) -> httpx.Response:
    async with httpx.AsyncClient(timeout=5) as c:
        return await c.get(url)


@pytest.fixture
def oai(sim) -> openai.AsyncOpenAI:
    return openai.AsyncOpenAI(base_url=sim.url_for("vllm") + "/v1", api_key="sim", max_retries=0, timeout=10)


async def test_default_model_serves_at_start(sim, oai, catalog):
    default = next(m for m in catalog if m.tensor_parallel == 1)
    models = await oai.models.list()
    assert [m.id for m in models.data] == [default.served_name]
    raw = (await aget(sim.url_for("vllm") + "/v1/models")).json()["data"][0]
    assert raw["root"] == default.hf_repo and raw["max_model_len"] == default.max_model_len
    assert raw["owned_by"] == "vllm" and raw["permission"][0]["object"] == "model_permission"
    r = await aget(sim.url_for("vllm") + "/health")
    assert (r.status_code, r.content) == (200, b"")
    assert (await aget(sim.url_for("vllm") + "/ping")).status_code == 200


async def test_refuses_connections_while_loading_then_serves(sim, client_key, clock, catalog):
    spec = catalog.get("gpt-oss-20b")
    url = sim.url_for("vllm")
    async with await connect(sim, "spark1", client_key) as conn:
        r = await conn.run("cd ~/spark-vllm-docker && ./launch-cluster.sh stop")
        assert r.exit_status == 0
        with pytest.raises(httpx.ConnectError):
            await aget(url + "/health")
        r = await conn.run(f"cd ~/spark-vllm-docker && ./run-recipe.sh {shlex.quote(spec.name)} --solo -d")
        assert r.exit_status == 0, r.stderr
        for _ in range(5):
            clock.advance(spec.load_time_s / 6)
            await sim.sync()
            with pytest.raises(httpx.ConnectError):  # never a 503, never an early 200
                await aget(url + "/health")
        clock.advance(spec.load_time_s / 6 + 1)
        await sim.sync()
        assert (await aget(url + "/health")).status_code == 200
        assert (await aget(url + "/v1/models")).json()["data"][0]["id"] == spec.served_name


async def test_chat_non_streaming(oai, sim):
    served = (await oai.models.list()).data[0].id
    msgs = [{"role": "user", "content": "Tell me about unified memory"}]
    a = await oai.chat.completions.create(model=served, messages=msgs)
    b = await oai.chat.completions.create(model=served, messages=msgs)
    assert a.object == "chat.completion" and a.id.startswith("chatcmpl-")
    assert a.choices[0].message.role == "assistant" and a.choices[0].finish_reason == "stop"
    assert a.choices[0].message.content == b.choices[0].message.content  # deterministic
    assert "unified memory" in a.choices[0].message.content
    u = a.usage
    assert u.prompt_tokens > 0 and u.completion_tokens > 0 and u.total_tokens == u.prompt_tokens + u.completion_tokens
    c = await oai.chat.completions.create(model=served, messages=msgs, max_tokens=3)
    assert c.choices[0].finish_reason == "length" and c.usage.completion_tokens == 3


async def test_chat_streaming_wire_format(oai, sim):
    served = (await oai.models.list()).data[0].id
    stream = await oai.chat.completions.create(model=served, messages=[{"role": "user", "content": "hi"}], stream=True)
    chunks = [c async for c in stream]
    assert chunks[0].choices[0].delta.role == "assistant"
    assert all(c.object == "chat.completion.chunk" for c in chunks)
    assert chunks[-1].choices[0].finish_reason == "stop"
    assert all(c.usage is None for c in chunks)
    text = "".join(c.choices[0].delta.content or "" for c in chunks)
    full = await oai.chat.completions.create(model=served, messages=[{"role": "user", "content": "hi"}])
    assert text == full.choices[0].message.content
    stream = await oai.chat.completions.create(
        model=served,
        messages=[{"role": "user", "content": "hi"}],
        stream=True,
        stream_options={"include_usage": True},
        max_tokens=4,
    )
    chunks = [c async for c in stream]
    assert chunks[-1].choices == [] and chunks[-1].usage.completion_tokens == 4
    assert chunks[-2].choices[0].finish_reason == "length"


async def test_raw_sse_lines(sim):
    served = (await aget(sim.url_for("vllm") + "/v1/models")).json()["data"][0]["id"]
    body = {"model": served, "messages": [{"role": "user", "content": "hello"}], "stream": True}
    async with httpx.AsyncClient() as c, c.stream("POST", sim.url_for("vllm") + "/v1/chat/completions", json=body) as r:
        assert r.headers["content-type"].startswith("text/event-stream")
        raw = b"".join([part async for part in r.aiter_bytes()]).decode()
    events = raw.split("\n\n")
    assert events[-1] == "" and events[-2] == "data: [DONE]"
    assert all(e.startswith("data: ") for e in events[:-1])
    first = json.loads(events[0][6:])
    assert first["choices"][0]["delta"] == {"role": "assistant", "content": ""}
    assert first["choices"][0]["finish_reason"] is None and first["choices"][0]["logprobs"] is None


async def test_completions_endpoint(oai):
    served = (await oai.models.list()).data[0].id
    r = await oai.completions.create(model=served, prompt="The Spark is", max_tokens=5)
    assert r.object == "text_completion" and r.choices[0].finish_reason == "length" and r.usage.completion_tokens == 5
    stream = await oai.completions.create(model=served, prompt="The Spark is", stream=True)
    chunks = [c async for c in stream]
    assert "".join(c.choices[0].text for c in chunks).startswith("Simulated answer")
    assert chunks[-1].choices[0].finish_reason == "stop"


async def test_error_shapes(oai, sim):
    with pytest.raises(openai.NotFoundError) as e:
        await oai.chat.completions.create(model="nope", messages=[{"role": "user", "content": "x"}])
    assert e.value.body["message"] == "The model `nope` does not exist."
    assert e.value.body["type"] == "NotFoundError" and e.value.body["code"] == 404
    served = (await oai.models.list()).data[0].id
    with pytest.raises(openai.BadRequestError):
        await oai.chat.completions.create(model=served, messages=[{"role": "user", "content": "x"}], max_tokens=0)
    with pytest.raises(openai.BadRequestError):
        await oai.chat.completions.create(model=served, messages=[])
    with pytest.raises(openai.BadRequestError, match="maximum context length"):
        await oai.chat.completions.create(
            model=served, messages=[{"role": "user", "content": "x"}], max_tokens=10_000_000
        )


async def test_metrics_names(oai, sim):
    served = (await oai.models.list()).data[0].id
    await oai.chat.completions.create(model=served, messages=[{"role": "user", "content": "count me"}])
    text = (await aget(sim.url_for("vllm") + "/metrics")).text
    for name in (
        "vllm:num_requests_running",
        "vllm:num_requests_waiting",
        "vllm:kv_cache_usage_perc",
        "vllm:gpu_cache_usage_perc",
        "vllm:prompt_tokens_total",
        "vllm:generation_tokens_total",
        "vllm:request_success_total",
        "vllm:time_to_first_token_seconds_bucket",
        "vllm:time_to_first_token_seconds_count",
        "vllm:e2e_request_latency_seconds_sum",
    ):
        assert f"\n{name}{{" in text, name
    assert f'vllm:request_success_total{{engine="0",model_name="{served}",finished_reason="stop"}} 1.0' in text
    assert "# TYPE vllm:time_to_first_token_seconds histogram" in text
    assert f'vllm:time_to_first_token_seconds_count{{engine="0",model_name="{served}"}} 1.0' in text
    assert f'vllm:time_to_first_token_seconds_bucket{{engine="0",model_name="{served}",le="+Inf"}} 1.0' in text
    # the request also shows in the container log: uvicorn access line and the engine stats line
    logs = "\n".join(ln.text for ln in sim.hosts["spark1"].containers["vllm_node"].logs)
    assert '"POST /v1/chat/completions HTTP/1.1" 200 OK' in logs
    assert "Engine 000: Avg prompt throughput:" in logs


async def test_kill_mid_stream_drops_the_connection(oai, sim):
    served = (await oai.models.list()).data[0].id
    sim.vllm.faults.kill_after_chunks = 3
    got = []
    with pytest.raises((openai.APIConnectionError, httpx.RemoteProtocolError, httpx.ReadError)):
        stream = await oai.chat.completions.create(
            model=served, messages=[{"role": "user", "content": "x"}], stream=True
        )
        async for c in stream:
            got.append(c)
    assert len(got) <= 4 and sim.vllm.stats.killed == 1  # never the whole answer
    sim.vllm.faults.kill_after_chunks = None
    sim.vllm.faults.error = (500, "injected")
    with pytest.raises(openai.InternalServerError):
        await oai.chat.completions.create(model=served, messages=[{"role": "user", "content": "x"}])


async def test_client_disconnect_cancels_upstream(sim):
    v = sim.vllm
    v.faults.slow_factor = 20.0  # 0.1 s per token
    served = (await aget(sim.url_for("vllm") + "/v1/models")).json()["data"][0]["id"]
    body = {"model": served, "messages": [{"role": "user", "content": "long"}], "stream": True}
    async with httpx.AsyncClient() as c:
        async with c.stream("POST", sim.url_for("vllm") + "/v1/chat/completions", json=body) as r:
            it = r.aiter_lines()
            await it.__anext__()
            assert v.stats.in_flight == 1
        for _ in range(100):
            if v.stats.cancelled:
                break
            await asyncio.sleep(0.02)
    assert v.stats.cancelled == 1 and v.stats.in_flight == 0 and v.stats.completed == 0
    # non-streaming: vLLM aborts too when the client goes away
    with pytest.raises(httpx.ReadTimeout):
        async with httpx.AsyncClient(timeout=0.2) as c:
            await c.post(sim.url_for("vllm") + "/v1/chat/completions", json={**body, "stream": False})
    for _ in range(100):
        if v.stats.cancelled == 2:
            break
        await asyncio.sleep(0.02)
    assert v.stats.cancelled == 2 and v.stats.in_flight == 0


async def test_stopping_the_container_drops_open_streams(sim, client_key):
    v = sim.vllm
    v.faults.slow_factor = 20.0
    served = (await aget(sim.url_for("vllm") + "/v1/models")).json()["data"][0]["id"]
    body = {"model": served, "messages": [{"role": "user", "content": "long"}], "stream": True}
    async with httpx.AsyncClient() as c, await connect(sim, "spark1", client_key) as conn:
        with pytest.raises((httpx.RemoteProtocolError, httpx.ReadError)):
            async with c.stream("POST", sim.url_for("vllm") + "/v1/chat/completions", json=body) as r:
                async for _ in r.aiter_lines():
                    if v.stats.in_flight:
                        await conn.run("docker stop vllm_node")
    with pytest.raises(httpx.ConnectError):
        await aget(sim.url_for("vllm") + "/health")


def _echo_factory(ctx: SimServiceContext) -> FastAPI:
    from contextlib import asynccontextmanager

    started = []

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        started.append(True)  # the app's startup runs (once) before it serves
        yield {"ready": "yes"}

    app = FastAPI(lifespan=lifespan)

    @app.get("/health")
    async def health(request: Request) -> dict:
        return {
            "container": ctx.container,
            "host": ctx.host.name,
            "flag": ctx.faults.get("flag"),
            "started": len(started),
            "state": request.state.ready,
        }

    return app


async def test_extra_services_follow_their_container(tmp_path, catalog, client_key, clock):
    sim = SimCluster(
        tmp_path,
        catalog,
        client_key.export_public_key().decode(),
        clock=clock,
        extra_services={"asr": _echo_factory, "tts": _echo_factory, "embed": _echo_factory},
    )
    async with sim:
        sim.service_faults["asr"]["flag"] = "x"
        assert (await aget(sim.url_for("asr") + "/health")).json() == {
            "container": "parakeet-asr",
            "host": "spark2",
            "flag": "x",
            "started": 1,
            "state": "yes",
        }
        assert (await aget(sim.url_for("embed") + "/health")).json()["container"] == "spark-embed"
        assert sim.cluster_config.url_for("tts") == sim.url_for("tts")
        async with await connect(sim, "spark2", client_key) as conn:
            assert (await conn.run("docker stop kokoro")).exit_status == 0
            with pytest.raises(httpx.ConnectError):
                await aget(sim.url_for("tts") + "/health")
            assert (await conn.run("docker start kokoro")).exit_status == 0
            clock.advance(2.5)
            await sim.sync()
            assert (await aget(sim.url_for("tts") + "/health")).status_code == 200
        await sim.host_down("spark2")
        with pytest.raises(httpx.ConnectError):
            await aget(sim.url_for("asr") + "/health")


async def test_scaled_clock_swap_end_to_end(tmp_path, catalog, client_key):
    """Real time, as demo mode runs it: a polling client sees refused -> serving the new model."""
    sim = SimCluster(tmp_path, catalog, client_key.export_public_key().decode(), speed=200.0)
    spec = catalog.get("llama-3.1-8b-instruct")  # 60 simulated seconds = 0.3 s real
    async with sim, await connect(sim, "spark1", client_key) as conn:
        r = await conn.run(
            f"cd ~/spark-vllm-docker && ./launch-cluster.sh stop && ./run-recipe.sh {spec.name} --solo -d", timeout=10
        )
        assert r.exit_status == 0, r.stderr
        refused = 0
        async with httpx.AsyncClient(timeout=2) as c:
            for _ in range(200):
                try:
                    models = (await c.get(sim.url_for("vllm") + "/v1/models")).json()
                    break
                except httpx.ConnectError:
                    refused += 1
                    await asyncio.sleep(0.02)
        assert refused > 0 and models["data"][0]["id"] == spec.served_name
        r = await conn.run("docker inspect -f '{{.State.Health.Status}}' vllm_node")
        assert r.stdout == "healthy\n"


async def test_from_settings_uses_data_dir_and_speed(tmp_path, catalog, client_key):
    from spark_control.settings import load_settings

    settings = load_settings(data_dir=tmp_path, demo=True, sim_speed=50)
    sim = SimCluster.from_settings(settings, catalog, client_key.export_public_key().decode())
    assert sim.clock.speed == 50
    async with sim:
        assert (tmp_path / "sim" / "sim-host-keys" / "spark1_ed25519").is_file()
        first = sim.known_hosts_lines()
    async with SimCluster.from_settings(settings, catalog, client_key.export_public_key().decode()) as again:
        # same host keys across restarts (ports may differ)
        assert [ln.split(" ", 1)[1] for ln in again.known_hosts_lines()] == [ln.split(" ", 1)[1] for ln in first]


async def test_reasoning_model_streams_reasoning_deltas(tmp_path, catalog, client_key, clock):
    sim = SimCluster(
        tmp_path, catalog, client_key.export_public_key().decode(), clock=clock, default_model="gpt-oss-20b"
    )
    async with sim:
        oai = openai.AsyncOpenAI(base_url=sim.url_for("vllm") + "/v1", api_key="sim", max_retries=0, timeout=10)
        stream = await oai.chat.completions.create(
            model="gpt-oss-20b", messages=[{"role": "user", "content": "why"}], stream=True
        )
        deltas = [c.choices[0].delta.model_dump() async for c in stream if c.choices]
        assert any(d.get("reasoning") for d in deltas) and any(d.get("content") for d in deltas)
        sim.vllm.faults.reasoning_field = "reasoning_content"
        full = await oai.chat.completions.create(model="gpt-oss-20b", messages=[{"role": "user", "content": "why"}])
        assert full.choices[0].message.model_dump().get("reasoning_content")
        assert (await aget(sim.url_for("vllm") + "/version")).json() == {"version": "0.11.1"}
