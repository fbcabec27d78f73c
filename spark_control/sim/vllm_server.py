"""A fake vLLM OpenAI server speaking vLLM's wire format.

``/health`` (200, empty), ``/ping``, ``/version``, ``/v1/models`` (ModelCard), ``/v1/chat/
completions`` and ``/v1/completions`` (SSE streaming with ``[DONE]``, non-streaming, ``usage``,
``stream_options.include_usage``, ``max_tokens`` -> ``finish_reason: length``), vLLM's error
shapes and ``/metrics`` with vLLM's metric names. The text is deterministic: derived from the
prompt. Time to first token and tokens/second are real seconds (configurable).

It knows nothing about listening: ``LoopbackService`` makes the port refuse connections while
the fake container loads or is stopped. ``faults`` (``VllmFaults``) breaks it on purpose and
``stats`` counts in-flight, finished and cancelled requests.

Started with ``--api-key K`` (or ``VLLM_API_KEY`` in its container's environment) it answers every
``/v1/*`` request without ``Authorization: Bearer K`` with 401 ``{"error": "Unauthorized"}``, as
vLLM does; ``/health``, ``/ping``, ``/version`` and ``/metrics`` stay open."""

from __future__ import annotations

import asyncio
import hashlib
import json
import math
import time
import uuid
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass, field
from typing import Any

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse, Response, StreamingResponse

from spark_control.sim.host import FakeHost
from spark_control.sim.vllm_process import VLLM_VERSION, VllmProcess, stamp

# The histogram bucket bounds vLLM itself exports (kept compact: they are data, not code).
TTFT_BUCKETS = (
    0.001, 0.005, 0.01, 0.02, 0.04, 0.06, 0.08, 0.1, 0.25, 0.5, 0.75,
    1.0, 2.5, 5.0, 7.5, 10.0, 20.0, 40.0, 80.0, 160.0, 640.0, 2560.0,
)  # fmt: skip
LATENCY_BUCKETS = (
    0.3, 0.5, 0.8, 1.0, 1.5, 2.0, 2.5, 5.0, 10.0, 15.0, 20.0,
    30.0, 40.0, 50.0, 60.0, 120.0, 240.0, 480.0, 960.0, 1920.0, 7680.0,
)  # fmt: skip
ITL_BUCKETS = (
    0.01, 0.025, 0.05, 0.075, 0.1, 0.15, 0.2, 0.3, 0.4, 0.5,
    0.75, 1.0, 2.5, 5.0, 7.5, 10.0, 20.0, 40.0, 80.0,
)  # fmt: skip

_WORDS = (
    "the cluster keeps answering while the second spark holds speech and search so every request finds a "
    "warm model quickly and memory stays inside its budget because each swap waits for the previous weights "
    "to drain before the next launch begins and the gateway streams tokens as soon as they arrive from the "
    "engine with careful timeouts honest errors and a clear record of what happened"
).split()


class MidStreamKill(Exception):
    """Raised inside a stream to make the server drop the connection (fault)."""


@dataclass
class VllmFaults:
    """Switches tests flip on a running fake vLLM."""

    kill_after_chunks: int | None = None  # drop the TCP connection after N content chunks (streaming)
    error: tuple[int, str] | None = None  # every /v1 request answers this (status, message)
    engine_dead: bool = False  # /health answers 503 and /v1 requests 500 (EngineDeadError)
    slow_factor: float = 1.0  # multiplies time to first token and per-token time
    reasoning_field: str = "reasoning"  # delta key for reasoning models: "reasoning" or "reasoning_content"
    models_error: tuple[int, str] | None = None  # GET /v1/models answers this (status, message)


class Histogram:
    """Prometheus-style cumulative buckets (bounded memory however long the demo runs)."""

    def __init__(self, buckets: tuple[float, ...]):
        self.buckets = buckets
        self.counts = [0] * len(buckets)
        self.count = 0
        self.sum = 0.0

    def observe(self, v: float) -> None:
        self.count += 1
        self.sum += v
        for i, b in enumerate(self.buckets):
            if v <= b:
                self.counts[i] += 1


@dataclass
class VllmStats:
    in_flight: int = 0
    requests_total: int = 0
    completed: int = 0
    cancelled: int = 0  # client went away before the end (vLLM aborts the request)
    killed: int = 0  # connections dropped by the kill_after_chunks fault
    errors: int = 0
    prompt_tokens: int = 0
    generation_tokens: int = 0
    finished: dict[str, int] = field(default_factory=lambda: {"stop": 0, "length": 0, "abort": 0})
    ttft: Histogram = field(default_factory=lambda: Histogram(TTFT_BUCKETS))
    e2e: Histogram = field(default_factory=lambda: Histogram(LATENCY_BUCKETS))
    itl: Histogram = field(default_factory=lambda: Histogram(ITL_BUCKETS))


@dataclass(frozen=True)
class Generation:
    """One completion as decided when the request arrives: what both answers (whole or streamed) send."""

    rid: str  # "chatcmpl-..." or "cmpl-..."
    created: int
    served: str
    chat: bool
    prompt_tokens: int
    think: list[str]  # reasoning tokens (reasoning models, chat only)
    tokens: list[str]
    finish: str  # stop | length


class ApiError(Exception):
    def __init__(self, status: int, message: str, kind: str | None = None, param: str | None = None):
        super().__init__(message)
        self.status, self.message, self.param = status, message, param
        self.kind = kind or {
            400: "BadRequestError",
            404: "NotFoundError",
            500: "InternalServerError",
            503: "ServiceUnavailableError",
        }.get(status, "BadRequestError")


def count_tokens(text: str) -> int:
    return max(1, math.ceil(len(text) / 4)) if text else 0


def generate_tokens(prompt: str, seed_extra: str = "") -> list[str]:
    """Deterministic completion for ``prompt``: same prompt, same text."""
    digest = hashlib.sha256((prompt + "\x00" + seed_extra).encode()).digest()
    n = 24 + digest[0] % 40
    words = [w.strip(".,?!") for w in prompt.split()][-6:]
    topic = " ".join(words) if words else "nothing"
    head = ["Simulated", " answer", " about", *[" " + w for w in topic.split()], "."]
    out = list(head)
    k = 0
    while len(out) < n:
        w = _WORDS[(digest[k % 32] + 7 * k) % len(_WORDS)]
        out.append((" " if len(out) else "") + (w.capitalize() if out[-1].endswith(".") else w))
        if k % 11 == 10:
            out[-1] += "."
        k += 1
    if not out[-1].endswith("."):
        out.append(".")
    return out


def _message_text(messages: list[dict[str, Any]]) -> str:
    parts = []
    for m in messages:
        c = m.get("content")
        if isinstance(c, str):
            parts.append(c)
        elif isinstance(c, list):
            parts += [p.get("text", "") for p in c if isinstance(p, dict) and p.get("type") == "text"]
    return "\n".join(parts)


class _ApiKeyGate:
    """vLLM's ``--api-key`` check on ``/v1/*`` (plain ASGI: streamed bodies and their faults pass
    through untouched)."""

    def __init__(self, app: Any, fake: FakeVLLM) -> None:
        self.app, self.fake = app, fake

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        keys = getattr(self.fake.process, "api_keys", ())  # tests may hand in a bare stand-in process
        if scope["type"] == "http" and scope["path"].startswith("/v1") and keys:
            auth = dict(scope["headers"]).get(b"authorization", b"").decode("latin-1")
            if not auth.startswith("Bearer ") or auth[7:] not in keys:
                self.fake._access(Request(scope), 401)
                await JSONResponse({"error": "Unauthorized"}, status_code=401)(scope, receive, send)
                return
        await self.app(scope, receive, send)


class FakeVLLM:
    """``FakeVLLM(process=..., host=..., container="vllm_node", ttft_s=0.02, tokens_per_s=200)``.
    ``process`` (a ``VllmProcess``, or a callable returning one) tells it which model it serves."""

    def __init__(
        self,
        process: VllmProcess | Callable[[], VllmProcess | None] | None = None,
        *,
        host: FakeHost | None = None,
        container: str = "vllm_node",
        ttft_s: float = 0.02,
        tokens_per_s: float = 200.0,
    ):
        self._process = process
        self.host = host
        self.container = container
        self.ttft_s = ttft_s
        self.tokens_per_s = tokens_per_s
        self.faults = VllmFaults()
        self.stats = VllmStats()
        self.created = int(time.time())
        self._last_stats: tuple[float, int, int] = (0.0, 0, 0)  # (sim time, prompt, generation) at last log
        self.app = self._build()

    # ----- model -----------------------------------------------------------------------------
    @property
    def process(self) -> VllmProcess | None:
        p = self._process
        return p() if callable(p) else p

    def model_info(self) -> tuple[str, str, int, bool]:
        p = self.process
        if p is None:
            return "sim-model", "sim/model", 32768, False
        reasoning = any(a == "--reasoning-parser" or a.startswith("--reasoning-parser=") for a in p.args)
        return p.served_name, p.repo, p.max_model_len, reasoning

    def reset_stats(self) -> None:
        """Fresh counters (the cluster calls this when a new vLLM process starts serving)."""
        self.stats = VllmStats()
        self.created = int(time.time())
        self._last_stats = (0.0, 0, 0)

    def _set_load(self) -> None:
        if self.host is not None:
            self.host.gpu_load = min(1.0, 0.35 * self.stats.in_flight) if self.stats.in_flight else 0.0

    def _access(self, request: Request, status: int) -> None:
        if self.host is not None:
            client = request.client
            who = f"{client.host}:{client.port}" if client else "-"
            phrase = {
                200: "OK",
                400: "Bad Request",
                401: "Unauthorized",
                404: "Not Found",
                500: "Internal Server Error",
            }.get(status, "")
            self.host.append_log(
                self.container, f'INFO:     {who} - "{request.method} {request.url.path} HTTP/1.1" {status} {phrase}'
            )

    # ----- app -------------------------------------------------------------------------------
    def _build(self) -> FastAPI:
        app = FastAPI(title="vLLM API (simulated)", docs_url=None, redoc_url=None, openapi_url=None)

        @app.exception_handler(ApiError)
        async def _api_error(request: Request, exc: ApiError) -> JSONResponse:
            self.stats.errors += 1
            self._access(request, exc.status)
            return JSONResponse(
                {"error": {"message": exc.message, "type": exc.kind, "param": exc.param, "code": exc.status}},
                status_code=exc.status,
            )

        app.add_middleware(_ApiKeyGate, fake=self)

        @app.get("/health")
        async def health() -> Response:
            return Response(status_code=503 if self.faults.engine_dead else 200)

        @app.api_route("/ping", methods=["GET", "POST"])
        async def ping() -> Response:
            return Response(status_code=503 if self.faults.engine_dead else 200)

        @app.get("/version")
        async def version() -> dict[str, str]:
            return {"version": VLLM_VERSION}

        @app.get("/v1/models")
        async def models() -> dict[str, Any]:
            if self.faults.models_error is not None:
                raise ApiError(*self.faults.models_error)
            served, root, max_len, _ = self.model_info()
            return {
                "object": "list",
                "data": [
                    {
                        "id": served,
                        "object": "model",
                        "created": self.created,
                        "owned_by": "vllm",
                        "root": root,
                        "parent": None,
                        "max_model_len": max_len,
                        "permission": [
                            {
                                "id": f"modelperm-{uuid.uuid5(uuid.NAMESPACE_URL, served).hex}",
                                "object": "model_permission",
                                "created": self.created,
                                "allow_create_engine": False,
                                "allow_sampling": True,
                                "allow_logprobs": True,
                                "allow_search_indices": False,
                                "allow_view": True,
                                "allow_fine_tuning": False,
                                "organization": "*",
                                "group": None,
                                "is_blocking": False,
                            }
                        ],
                    }
                ],
            }

        @app.get("/metrics")
        async def metrics() -> Response:
            return Response(self.metrics_text(), media_type="text/plain; version=0.0.4; charset=utf-8")

        @app.post("/v1/chat/completions")
        async def chat(request: Request) -> Response:
            return await self._complete(request, chat=True)

        @app.post("/v1/completions")
        async def completions(request: Request) -> Response:
            return await self._complete(request, chat=False)

        return app

    # ----- completions -----------------------------------------------------------------------
    async def _body(self, request: Request) -> dict[str, Any]:
        try:
            body = json.loads(await request.body() or b"null")
        except ValueError as e:
            raise ApiError(400, f"Invalid JSON body: {e}") from None
        if not isinstance(body, dict):
            raise ApiError(400, "Request body must be a JSON object")
        return body

    def _validate(self, body: dict[str, Any], chat: bool) -> tuple[str, int, int | None]:
        served, _, max_len, _ = self.model_info()
        model = body.get("model")
        if model is not None and model != served:
            raise ApiError(404, f"The model `{model}` does not exist.", param="model")
        if chat:
            msgs = body.get("messages")
            if not isinstance(msgs, list) or not msgs or not all(isinstance(m, dict) for m in msgs):
                raise ApiError(400, "messages: Field required (a non-empty list of messages)", param="messages")
            prompt = _message_text(msgs)
        else:
            p = body.get("prompt")
            if isinstance(p, list):
                p = " ".join(str(x) for x in p)
            if not isinstance(p, str) or p == "":
                raise ApiError(400, "prompt: Field required (a non-empty string)", param="prompt")
            prompt = p
        mt = body.get("max_completion_tokens", body.get("max_tokens"))
        if mt is not None:
            if not isinstance(mt, int) or isinstance(mt, bool) or mt < 1:
                raise ApiError(400, f"max_tokens must be at least 1, got {mt}.", param="max_tokens")
        temp = body.get("temperature")
        if temp is not None and (not isinstance(temp, int | float) or temp < 0 or temp > 2):
            raise ApiError(400, f"temperature must be in [0, 2], got {temp}.", param="temperature")
        n = body.get("n", 1)
        if n != 1:
            raise ApiError(400, "n > 1 is not supported by the simulator", param="n")
        ptoks = count_tokens(prompt)
        if ptoks >= max_len or (mt is not None and ptoks + mt > max_len):
            raise ApiError(
                400,
                f"'max_tokens' or 'max_completion_tokens' is too large: {mt}. This model's maximum context length "
                f"is {max_len} tokens and your request has {ptoks} input tokens ({mt} > {max_len} - {ptoks}).",
                param="max_tokens",
            )
        return prompt, ptoks, mt

    async def _complete(self, request: Request, *, chat: bool) -> Response:
        f = self.faults
        if f.engine_dead:
            raise ApiError(
                500,
                "EngineCore encountered an issue. See stack trace (above) for the root cause.",
                kind="EngineDeadError",
            )
        if f.error is not None:
            raise ApiError(f.error[0], f.error[1])
        body = await self._body(request)
        prompt, ptoks, max_tokens = self._validate(body, chat)
        served, _, _, reasoning = self.model_info()
        tokens = generate_tokens(prompt, served)
        think = generate_tokens("reason " + prompt, "think")[:8] if (reasoning and chat) else []
        finish = "stop"
        budget = max_tokens if max_tokens is not None else len(think) + len(tokens)
        if len(think) + len(tokens) > budget:
            finish = "length"
            keep_think = min(len(think), budget)
            tokens = tokens[: budget - keep_think]
            think = think[:keep_think]
        rid = ("chatcmpl-" if chat else "cmpl-") + uuid.uuid4().hex
        gen = Generation(rid, int(time.time()), served, chat, ptoks, think, tokens, finish)
        self._access(request, 200)
        if body.get("stream"):
            so = body.get("stream_options") or {}
            chunks = self._stream(request, gen, bool(so.get("include_usage")), bool(so.get("continuous_usage_stats")))
            return StreamingResponse(chunks, media_type="text/event-stream")
        return await self._unary(request, gen)

    def _usage(self, ptoks: int, ctoks: int) -> dict[str, Any]:
        return {
            "prompt_tokens": ptoks,
            "total_tokens": ptoks + ctoks,
            "completion_tokens": ctoks,
            "prompt_tokens_details": None,
        }

    def _begin(self) -> float:
        self.stats.in_flight += 1
        self.stats.requests_total += 1
        self._set_load()
        return time.monotonic()

    def _end(self, t0: float, ptoks: int, ctoks: int, reason: str, first: float | None) -> None:
        st = self.stats
        st.prompt_tokens += ptoks
        st.generation_tokens += ctoks
        st.finished[reason] = st.finished.get(reason, 0) + 1
        if first is not None:
            st.ttft.observe(first - t0)
        st.e2e.observe(time.monotonic() - t0)
        self._log_stats()

    def _log_stats(self) -> None:
        """vLLM's periodic engine line (it logs every 10 s while there is traffic)."""
        p = self.process
        if self.host is None or p is None:
            return
        now = self.host.now()
        last, p_tok, g_tok = self._last_stats
        if now - last < 10.0:
            return
        span = max(now - last, 10.0) if last else 10.0
        st = self.stats
        self._last_stats = (now, st.prompt_tokens, st.generation_tokens)
        self.host.append_log(
            self.container,
            f"(APIServer pid={p.pid}) {stamp(now)} [loggers.py:127] Engine 000: Avg prompt throughput: "
            f"{(st.prompt_tokens - p_tok) / span:.1f} tokens/s, Avg generation throughput: "
            f"{(st.generation_tokens - g_tok) / span:.1f} tokens/s, Running: {st.in_flight} reqs, Waiting: 0 reqs, "
            f"GPU KV cache usage: {min(100.0, st.in_flight * 4.0):.1f}%, Prefix cache hit rate: 0.0%",
        )

    async def _unary(self, request: Request, gen: Generation) -> Response:
        rid, created, served, chat = gen.rid, gen.created, gen.served, gen.chat
        ptoks, think, tokens, finish = gen.prompt_tokens, gen.think, gen.tokens, gen.finish
        t0 = self._begin()
        f = self.faults
        work = asyncio.ensure_future(
            asyncio.sleep(f.slow_factor * (self.ttft_s + (len(think) + len(tokens)) / self.tokens_per_s))
        )
        gone = asyncio.ensure_future(_wait_disconnect(request))
        try:
            done, _ = await asyncio.wait({work, gone}, return_when=asyncio.FIRST_COMPLETED)
            if work not in done:  # like vLLM's with_cancellation: abort the request
                work.cancel()
                self.stats.cancelled += 1
                self._end(t0, ptoks, 0, "abort", None)
                return Response(status_code=499)
        except asyncio.CancelledError:
            self.stats.cancelled += 1
            self._end(t0, ptoks, 0, "abort", None)
            raise
        finally:
            gone.cancel()
            self.stats.in_flight -= 1
            self._set_load()
        ctoks = len(think) + len(tokens)
        self.stats.completed += 1
        self._end(t0, ptoks, ctoks, finish, t0 + f.slow_factor * self.ttft_s)
        text = "".join(tokens)
        if chat:
            msg: dict[str, Any] = {
                "role": "assistant",
                "content": text,
                "refusal": None,
                "annotations": None,
                "audio": None,
                "function_call": None,
                "tool_calls": [],
            }
            if think:
                msg[f.reasoning_field] = "".join(think)
            choice = {"index": 0, "message": msg, "logprobs": None, "finish_reason": finish, "stop_reason": None}
            obj = "chat.completion"
        else:
            choice = {
                "index": 0,
                "text": text,
                "logprobs": None,
                "finish_reason": finish,
                "stop_reason": None,
                "prompt_logprobs": None,
            }
            obj = "text_completion"
        return JSONResponse(
            {
                "id": rid,
                "object": obj,
                "created": created,
                "model": served,
                "choices": [choice],
                "service_tier": None,
                "system_fingerprint": None,
                "usage": self._usage(ptoks, ctoks),
                "prompt_logprobs": None,
                "kv_transfer_params": None,
            }
        )

    async def _stream(
        self, request: Request, gen: Generation, include_usage: bool, continuous: bool
    ) -> AsyncIterator[bytes]:
        rid, created, served, chat = gen.rid, gen.created, gen.served, gen.chat
        ptoks, think, tokens, finish = gen.prompt_tokens, gen.think, gen.tokens, gen.finish
        f = self.faults
        obj = "chat.completion.chunk" if chat else "text_completion"
        t0 = self._begin()
        sent = 0
        first: float | None = None
        ended = False

        def chunk(choice: dict[str, Any] | None, usage: dict[str, Any] | None = None) -> bytes:
            d: dict[str, Any] = {
                "id": rid,
                "object": obj,
                "created": created,
                "model": served,
                "choices": [choice] if choice is not None else [],
            }
            if usage is not None:
                d["usage"] = usage
            return b"data: " + json.dumps(d, ensure_ascii=False, separators=(",", ":")).encode() + b"\n\n"

        def piece(text: str, key: str = "content") -> dict[str, Any]:
            if chat:
                return {"index": 0, "delta": {key: text}, "logprobs": None, "finish_reason": None}
            return {"index": 0, "text": text, "logprobs": None, "finish_reason": None, "stop_reason": None}

        try:
            await asyncio.sleep(f.slow_factor * self.ttft_s)
            if chat:
                yield chunk(
                    {
                        "index": 0,
                        "delta": {"role": "assistant", "content": ""},
                        "logprobs": None,
                        "finish_reason": None,
                    },
                    self._usage(ptoks, 0) if continuous else None,
                )
            first = time.monotonic()
            last = first
            for key, seq in ((f.reasoning_field, think), ("content", tokens)):
                for tok in seq:
                    if f.kill_after_chunks is not None and sent >= f.kill_after_chunks:
                        self.stats.killed += 1
                        raise MidStreamKill(f"fault: connection dropped after {sent} chunks")
                    if sent:
                        await asyncio.sleep(f.slow_factor / self.tokens_per_s)
                        now = time.monotonic()
                        self.stats.itl.observe(now - last)
                        last = now
                    sent += 1
                    yield chunk(
                        piece(tok, key if chat else "content"), self._usage(ptoks, sent) if continuous else None
                    )
            end = (
                {"index": 0, "delta": {}, "logprobs": None, "finish_reason": finish, "stop_reason": None}
                if chat
                else {"index": 0, "text": "", "logprobs": None, "finish_reason": finish, "stop_reason": None}
            )
            yield chunk(end, self._usage(ptoks, sent) if continuous else None)
            if include_usage:
                yield chunk(None, self._usage(ptoks, sent))
            yield b"data: [DONE]\n\n"
            ended = True
            self.stats.completed += 1
            self._end(t0, ptoks, sent, finish, first)
        except (asyncio.CancelledError, GeneratorExit):
            if not ended:
                self.stats.cancelled += 1
                self._end(t0, ptoks, sent, "abort", first)
            raise
        finally:
            self.stats.in_flight -= 1
            self._set_load()

    # ----- metrics ---------------------------------------------------------------------------
    def metrics_text(self) -> str:
        served, _, _, _ = self.model_info()
        st = self.stats
        lab = f'engine="0",model_name="{served}"'
        out: list[str] = []

        def meta(name: str, kind: str, help_: str) -> None:
            out.append(f"# HELP {name} {help_}")
            out.append(f"# TYPE {name} {kind}")

        def gauge(name: str, value: float, help_: str) -> None:
            meta(name, "gauge", help_)
            out.append(f"{name}{{{lab}}} {float(value)}")

        def counter(name: str, value: float, help_: str, extra: str = "") -> None:
            out.append(f"{name}{{{lab}{extra}}} {float(value)}")

        def hist(name: str, h: Histogram, help_: str) -> None:
            meta(name, "histogram", help_)
            for b, n in zip(h.buckets, h.counts, strict=True):
                out.append(f'{name}_bucket{{{lab},le="{b}"}} {float(n)}')
            out.append(f'{name}_bucket{{{lab},le="+Inf"}} {float(h.count)}')
            out.append(f"{name}_count{{{lab}}} {float(h.count)}")
            out.append(f"{name}_sum{{{lab}}} {float(h.sum)}")

        kv = min(1.0, st.in_flight * 0.04)
        gauge("vllm:num_requests_running", st.in_flight, "Number of requests in model execution batches.")
        gauge("vllm:num_requests_waiting", 0, "Number of requests waiting to be processed.")
        gauge("vllm:kv_cache_usage_perc", kv, "KV-cache usage. 1 means 100 percent usage.")
        gauge(
            "vllm:gpu_cache_usage_perc",
            kv,
            "GPU KV-cache usage. 1 means 100 percent usage.(DEPRECATED: Use vllm:kv_cache_usage_perc instead.)",
        )
        meta("vllm:engine_sleep_state", "gauge", "Engine sleep state; awake = 0 means engine is sleeping.")
        for state, v in (("awake", 1), ("weights_offloaded", 0), ("discard_all", 0)):
            out.append(f'vllm:engine_sleep_state{{{lab},sleep_state="{state}"}} {float(v)}')
        meta("vllm:cache_config_info", "gauge", "Information of the LLMEngine CacheConfig")
        out.append(
            f'vllm:cache_config_info{{block_size="16",cache_dtype="auto",engine="0",'
            f'gpu_memory_utilization="{self.process.gpu_mem_util if self.process else 0.9}",'
            f'enable_prefix_caching="True"}} 1.0'
        )
        meta("vllm:num_preemptions_total", "counter", "Cumulative number of preemption from the engine.")
        counter("vllm:num_preemptions_total", 0, "")
        meta("vllm:prompt_tokens_total", "counter", "Number of prefill tokens processed.")
        counter("vllm:prompt_tokens_total", st.prompt_tokens, "")
        meta("vllm:generation_tokens_total", "counter", "Number of generation tokens processed.")
        counter("vllm:generation_tokens_total", st.generation_tokens, "")
        meta(
            "vllm:prefix_cache_queries_total", "counter", "Prefix cache queries, in terms of number of queried tokens."
        )
        counter("vllm:prefix_cache_queries_total", st.prompt_tokens, "")
        meta("vllm:prefix_cache_hits_total", "counter", "Prefix cache hits, in terms of number of cached tokens.")
        counter("vllm:prefix_cache_hits_total", 0, "")
        meta("vllm:request_success_total", "counter", "Count of successfully processed requests.")
        for reason in ("stop", "length", "abort"):
            counter("vllm:request_success_total", st.finished.get(reason, 0), "", f',finished_reason="{reason}"')
        hist("vllm:time_to_first_token_seconds", st.ttft, "Histogram of time to first token in seconds.")
        hist("vllm:inter_token_latency_seconds", st.itl, "Histogram of inter-token latency in seconds.")
        hist("vllm:e2e_request_latency_seconds", st.e2e, "Histogram of e2e request latency in seconds.")
        return "\n".join(out) + "\n"


async def _wait_disconnect(request: Request) -> None:
    while True:
        msg = await request.receive()
        if msg["type"] == "http.disconnect":
            return
