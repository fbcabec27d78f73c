"""The gateway as apps on the LAN reach it: each client unchanged, configured the way its own
users configure it (base URL + API key), against the shipped stack (``create_api`` with real
access control, the LLM fast path in front, uvicorn) and the simulator's vLLM and embeddings
service. Streaming works, and every refusal comes out as the client's own typed error:

| case | status | openai / LangChain | LiteLLM | curl |
| --- | --- | --- | --- | --- |
| bad key | 401 | ``AuthenticationError`` | ``litellm.AuthenticationError`` | 401 + JSON |
| unknown model | 404 | ``NotFoundError`` | ``litellm.NotFoundError`` | 404 + JSON |
| busy (over ``LLM_MAX_CONCURRENCY``) | 429 | ``RateLimitError`` | ``litellm.RateLimitError`` | 429 + Retry-After |
| swap, hold queue full | 503 | ``InternalServerError`` | ``litellm.ServiceUnavailableError`` | 503 + Retry-After |

Sync clients run in a worker thread (``asyncio.to_thread``): the server shares the test's event
loop. Nothing here reaches the internet: LiteLLM gets the benchmark's offline switches before it
is imported, and ``OpenAIEmbeddings`` is told not to tokenize (no tiktoken download)."""

from __future__ import annotations

import asyncio
import contextlib
import json
from types import SimpleNamespace

import httpx
import openai
import pytest
from starlette.applications import Starlette
from starlette.middleware.cors import CORSMiddleware

from spark_control.api.app import create_api
from spark_control.api.fastpath import LLMFastPath
from spark_control.audit import AuditLog
from spark_control.auth import AuthService, AuthSettings
from spark_control.llm.gateway import LLMGateway
from spark_control.llm.serving import ManualServingTarget, Serving
from spark_control.settings import Settings
from spark_control.sim.embed_server import create_app as create_embed_app
from spark_control.sim.serving import LoopbackService
from spark_control.store import Database
from spark_control.upstreams.embed import EmbedClient
from tests.llm.conftest import OTHER, SERVED, Server, expected

MSG = [{"role": "user", "content": "hi"}]
CASES = ["bad key", "unknown model", "busy", "swap"]
STATUS = {"bad key": 401, "unknown model": 404, "busy": 429, "swap": 503}


@pytest.fixture
def config(config):
    config.max_concurrency = 1  # one running request fills the gateway: the next one gets 429
    return config


@pytest.fixture
async def gw(tmp_path, vllm, catalog, config):
    """The shipped stack over real HTTP: create_api (auth, hardening, every router) mounted as
    rx.App mounts it, the LLM fast path outermost, one app key with the llm and embed scopes."""
    db = Database(tmp_path / "spark.db")
    audit = AuditLog(db)
    auth = AuthService(db, audit, AuthSettings(), data_dir=tmp_path)
    target = ManualServingTarget(Serving(SERVED, vllm.base_url))
    gateway = LLMGateway(config, catalog, target)
    await gateway.start()
    embed_service = LoopbackService(create_embed_app(), name="embed")
    await embed_service.up()
    embed = EmbedClient(embed_service.url)
    await embed.start()
    controller = SimpleNamespace(
        llm=gateway, auth=auth, audit=audit, embed=embed, settings=Settings(data_dir=tmp_path, app_auth="on")
    )
    api = create_api(controller)
    top = Starlette()
    top.mount("", api)
    top.add_middleware(CORSMiddleware, allow_origins=[])
    try:
        async with Server(LLMFastPath(top, api)) as server:
            yield SimpleNamespace(
                url=server.url,
                base=server.url + "/v1",
                key=auth.create_app_key("lan-app", ["llm", "embed"], actor="operator").secret,
                vllm=vllm,
                target=target,
                gateway=gateway,
            )
    finally:
        await gateway.stop()
        await embed.stop()
        await embed_service.close()
        db.close()


async def _until(cond, within_s: float = 10.0) -> None:
    deadline = asyncio.get_running_loop().time() + within_s
    while not cond():
        assert asyncio.get_running_loop().time() < deadline, "condition not reached"
        await asyncio.sleep(0.02)


@contextlib.asynccontextmanager
async def refusal(gw, case: str):
    """Sets the gateway up so that the next chat request is refused for ``case``; yields the
    (model, api key) a client sends. Undone afterwards."""
    model, key = SERVED, gw.key
    if case == "bad key":
        key = "sck_this_key_does_not_exist"
    elif case == "unknown model":
        model = "no-such-model"
    elif case == "busy":
        gw.vllm.fake.tokens_per_s = 5  # the one slot stays taken while the client asks
        body = {"model": SERVED, "messages": MSG, "stream": True, "max_tokens": 100}
        headers = {"authorization": f"Bearer {gw.key}"}
        async with (
            httpx.AsyncClient(timeout=30) as c,
            c.stream("POST", gw.base + "/chat/completions", json=body, headers=headers) as r,
        ):
            assert r.status_code == 200
            await _until(lambda: gw.gateway.in_flight == 1)
            yield model, key
        return
    elif case == "swap":
        gw.gateway.config.hold_max = 0  # the hold queue is full at once: 503, not a wait
        gw.target.begin_swap(OTHER, eta_s=30.0)
        model = OTHER  # the incoming model: such requests are held during a swap
        try:
            yield model, key
        finally:
            gw.target.rollback(Serving(SERVED, gw.vllm.base_url))
        return
    yield model, key


def _check_status_error(e: Exception, case: str) -> None:
    """What every SDK error built on the openai SDK's ``APIStatusError`` carries."""
    assert e.status_code == STATUS[case]
    if case in ("busy", "swap"):
        assert int(e.response.headers["retry-after"]) >= 1


# --- OpenAI SDK ------------------------------------------------------------------------------

OPENAI_ERRORS = {
    "bad key": openai.AuthenticationError,
    "unknown model": openai.NotFoundError,
    "busy": openai.RateLimitError,
    "swap": openai.InternalServerError,
}


async def test_openai_sync_stream_not_streamed_and_raw_response(gw):
    def use() -> tuple:
        with openai.OpenAI(base_url=gw.base, api_key=gw.key, max_retries=0) as client:
            reply = client.chat.completions.create(model=SERVED, messages=MSG, max_tokens=4)
            stream = client.chat.completions.create(
                model=SERVED, messages=MSG, max_tokens=6, stream=True, stream_options={"include_usage": True}
            )
            text, usage = "", None
            for chunk in stream:
                if chunk.choices:
                    text += chunk.choices[0].delta.content or ""
                usage = chunk.usage or usage
            raw = client.chat.completions.with_raw_response.create(model=SERVED, messages=MSG, max_tokens=3)
            models = client.models.list()
            return reply, text, usage, raw, models

    reply, text, usage, raw, models = await asyncio.to_thread(use)
    assert reply.choices[0].message.content == expected("hi", SERVED, 4)
    assert text == expected("hi", SERVED, 6) and usage.completion_tokens == 6
    assert raw.http_response.status_code == 200
    assert raw.headers["x-content-type-options"] == "nosniff"  # the gateway's own headers reach the client
    assert raw.parse().choices[0].message.content == expected("hi", SERVED, 3)
    assert [m.id for m in models.data] == [SERVED]


async def test_openai_async_stream_and_raw_streaming_response(gw):
    async with openai.AsyncOpenAI(base_url=gw.base, api_key=gw.key, max_retries=0) as client:
        stream = await client.chat.completions.create(model=SERVED, messages=MSG, max_tokens=5, stream=True)
        text = "".join([c.choices[0].delta.content or "" async for c in stream if c.choices])
        raw = await client.chat.completions.with_raw_response.create(
            model=SERVED, messages=MSG, max_tokens=5, stream=True
        )
        assert raw.headers["content-type"].startswith("text/event-stream")
        raw_text = "".join([c.choices[0].delta.content or "" async for c in raw.parse() if c.choices])
        completion = await client.completions.create(model=SERVED, prompt="hi", max_tokens=3)
    assert text == raw_text == expected("hi", SERVED, 5)
    assert completion.choices[0].text == expected("hi", SERVED, 3)


@pytest.mark.parametrize("case", CASES)
async def test_openai_errors_are_its_typed_errors(gw, case):
    async with refusal(gw, case) as (model, key):
        async with openai.AsyncOpenAI(base_url=gw.base, api_key=key, max_retries=0) as client:
            with pytest.raises(OPENAI_ERRORS[case]) as e:
                await client.chat.completions.create(model=model, messages=MSG, max_tokens=3, stream=True)

        def sync_call() -> None:
            with openai.OpenAI(base_url=gw.base, api_key=key, max_retries=0) as client:
                client.chat.completions.create(model=model, messages=MSG, max_tokens=3)

        with pytest.raises(OPENAI_ERRORS[case]) as sync_e:
            await asyncio.to_thread(sync_call)
    for err in (e.value, sync_e.value):
        _check_status_error(err, case)
        assert set(err.body) >= {"message", "type", "code"}  # OpenAI's error shape, parsed by the SDK


# --- LiteLLM's SDK as a client ---------------------------------------------------------------


@pytest.fixture(scope="module")
def litellm():
    """LiteLLM imported offline: the benchmark's switches (local cost map, telemetry off, every
    remote fetch local, a closed port as the backstop) are set before the first import."""
    from benchmarks.llm_proxy import LITELLM_ENV

    with pytest.MonkeyPatch.context() as mp:
        for name, value in LITELLM_ENV.items():
            mp.setenv(name, value)
        import litellm  # telemetry is opt-in (off) in this version; LITELLM_TELEMETRY_DISABLED says so again

        yield litellm


def _litellm_kwargs(gw, model: str = SERVED, key: str | None = None) -> dict:
    """How LiteLLM's docs configure an OpenAI-compatible server: the ``openai/`` prefix plus
    ``api_base`` and ``api_key``."""
    return {"model": f"openai/{model}", "api_base": gw.base, "api_key": key or gw.key, "max_retries": 0}


async def test_litellm_completion_streamed_and_not(gw, litellm):
    def use() -> tuple[str, str]:
        reply = litellm.completion(messages=MSG, max_tokens=4, **_litellm_kwargs(gw))
        stream = litellm.completion(messages=MSG, max_tokens=6, stream=True, **_litellm_kwargs(gw))
        text = "".join(chunk.choices[0].delta.content or "" for chunk in stream if chunk.choices)
        return reply.choices[0].message.content, text

    reply, text = await asyncio.to_thread(use)
    assert reply == expected("hi", SERVED, 4)
    assert text == expected("hi", SERVED, 6)
    stream = await litellm.acompletion(messages=MSG, max_tokens=5, stream=True, **_litellm_kwargs(gw))
    assert "".join([c.choices[0].delta.content or "" async for c in stream if c.choices]) == expected("hi", SERVED, 5)


@pytest.mark.parametrize("case", CASES)
async def test_litellm_errors_are_its_typed_errors(gw, litellm, case):
    errors = {
        "bad key": litellm.AuthenticationError,
        "unknown model": litellm.NotFoundError,
        "busy": litellm.RateLimitError,
        "swap": litellm.ServiceUnavailableError,
    }
    async with refusal(gw, case) as (model, key):
        with pytest.raises(errors[case]) as e:
            await asyncio.to_thread(
                lambda: litellm.completion(messages=MSG, max_tokens=3, **_litellm_kwargs(gw, model, key))
            )
        with pytest.raises(errors[case]) as streamed:
            await litellm.acompletion(messages=MSG, max_tokens=3, stream=True, **_litellm_kwargs(gw, model, key))
    for err in (e.value, streamed.value):
        assert err.status_code == STATUS[case]
        assert case != "unknown model" or "no-such-model" in err.message  # the gateway's message, passed on


# --- LangChain -------------------------------------------------------------------------------


def _chat_model(gw, model: str = SERVED, key: str | None = None):
    from langchain_openai import ChatOpenAI

    return ChatOpenAI(model=model, base_url=gw.base, api_key=key or gw.key, max_tokens=5, max_retries=0)


async def test_langchain_chat_invoke_and_stream(gw):
    llm = _chat_model(gw)

    def use() -> tuple:
        return llm.invoke("hi"), "".join(chunk.content for chunk in llm.stream("hi"))

    message, streamed = await asyncio.to_thread(use)
    assert message.content == streamed == expected("hi", SERVED, 5)
    assert message.response_metadata["model_name"] == SERVED
    assert "".join([c.content async for c in llm.astream("hi")]) == expected("hi", SERVED, 5)


@pytest.mark.parametrize("case", CASES)
async def test_langchain_errors_are_openai_typed_errors(gw, case):
    """LangChain's ChatOpenAI raises the openai SDK's errors as they are."""
    async with refusal(gw, case) as (model, key):
        llm = _chat_model(gw, model, key)
        with pytest.raises(OPENAI_ERRORS[case]) as e:
            await asyncio.to_thread(llm.invoke, "hi")
        with pytest.raises(OPENAI_ERRORS[case]):
            await asyncio.to_thread(lambda: list(llm.stream("hi")))
    _check_status_error(e.value, case)


async def test_langchain_openai_embeddings(gw):
    """``check_embedding_ctx_length=False``: LangChain's default tokenizes with tiktoken first
    (an OpenAI-only step that downloads its vocabulary and sends token ids, not text)."""
    from langchain_openai import OpenAIEmbeddings

    emb = OpenAIEmbeddings(
        model="bge-m3", base_url=gw.base, api_key=gw.key, check_embedding_ctx_length=False, max_retries=0
    )
    docs, query = await asyncio.to_thread(lambda: (emb.embed_documents(["a cat", "a dog"]), emb.embed_query("a cat")))
    assert len(docs) == 2 and all(len(v) == 1024 for v in docs)
    assert query == pytest.approx(docs[0], abs=1e-6)  # the same text, the same vector
    assert docs[0] != pytest.approx(docs[1], abs=1e-3)
    adocs = await emb.aembed_documents(["a cat"])
    assert adocs[0] == pytest.approx(docs[0], abs=1e-6)
    async with openai.AsyncOpenAI(base_url=gw.base, api_key=gw.key, max_retries=0) as client:
        with pytest.raises(openai.UnprocessableEntityError):  # what LangChain's default would send
            await client.embeddings.create(model="bge-m3", input=[[1820, 8415]])
    bad = OpenAIEmbeddings(model="bge-m3", base_url=gw.base, api_key="sck_nope", check_embedding_ctx_length=False)
    with pytest.raises(openai.AuthenticationError):
        await asyncio.to_thread(bad.embed_query, "x")


# --- curl ------------------------------------------------------------------------------------


async def _curl(*args: str, stdin: bytes | None = None) -> tuple[int, int, dict, str]:
    """curl as a shell script would run it; returns (exit code, status, headers, body)."""
    proc = await asyncio.create_subprocess_exec(
        "curl", "-sS", "-i", *args, stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE
    )
    out, err = await proc.communicate(stdin)
    head, _, body = out.decode().partition("\r\n\r\n")
    lines = head.split("\r\n")
    assert lines[0].startswith("HTTP/1.1 "), (out, err)
    headers = dict(line.split(": ", 1) for line in lines[1:])
    return proc.returncode, int(lines[0].split()[1]), {k.lower(): v for k, v in headers.items()}, body


def _curl_chat(gw, body: dict, key: str | None = None) -> list[str]:
    return [
        *("-H", f"Authorization: Bearer {key or gw.key}", "-H", "Content-Type: application/json"),
        *("-d", json.dumps(body), gw.base + "/chat/completions"),
    ]


def _sse_text(body: str) -> tuple[str, bool]:
    text, done = "", False
    for line in body.splitlines():
        if line.startswith("data: "):
            payload = line.removeprefix("data: ")
            if payload == "[DONE]":
                done = True
                continue
            for choice in json.loads(payload)["choices"]:
                text += choice["delta"].get("content") or ""
    return text, done


async def test_curl_not_streamed_and_models(gw):
    rc, status, _, body = await _curl(*_curl_chat(gw, {"model": SERVED, "messages": MSG, "max_tokens": 4}))
    assert (rc, status) == (0, 200)
    assert json.loads(body)["choices"][0]["message"]["content"] == expected("hi", SERVED, 4)
    rc, status, _, body = await _curl(gw.base + "/models", "-H", f"Authorization: Bearer {gw.key}")
    assert status == 200 and [m["id"] for m in json.loads(body)["data"]] == [SERVED]


async def test_curl_n_streams_each_event_as_it_comes(gw):
    """``curl -N``: the first events reach curl's output while vLLM is still generating (the
    gateway does not buffer the stream); the whole stream ends with ``[DONE]``."""
    gw.vllm.fake.tokens_per_s = 20
    body = {"model": SERVED, "messages": MSG, "max_tokens": 30, "stream": True}
    proc = await asyncio.create_subprocess_exec(
        "curl", "-sS", "-N", *_curl_chat(gw, body), stdout=asyncio.subprocess.PIPE
    )
    first = await asyncio.wait_for(proc.stdout.readline(), 10)
    assert first.startswith(b"data: {")
    assert gw.vllm.stats.in_flight == 1  # still generating when the first event was already out
    rest = await asyncio.wait_for(proc.stdout.read(), 20)
    assert await proc.wait() == 0
    text, done = _sse_text((first + rest).decode())
    assert text == expected("hi", SERVED, 30) and done


@pytest.mark.parametrize("case", CASES)
async def test_curl_errors(gw, case):
    async with refusal(gw, case) as (model, key):
        body = {"model": model, "messages": MSG, "max_tokens": 3, "stream": True}
        rc, status, headers, text = await _curl("--fail-with-body", "-N", *_curl_chat(gw, body, key))
    assert rc == 22 and status == STATUS[case]  # curl's own "HTTP error" exit code
    error = json.loads(text)["error"]
    assert error["code"] == STATUS[case] and error["message"]
    assert (
        error["type"]
        == {
            "bad key": "authentication_error",
            "unknown model": "not_found_error",
            "busy": "rate_limit_error",
            "swap": "service_unavailable",
        }[case]
    )
    assert ("retry-after" in headers) == (case in ("busy", "swap"))
