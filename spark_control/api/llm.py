"""OpenAI-compatible LLM routes: ``GET /v1/models``, ``POST /v1/chat/completions``,
``POST /v1/completions``. Thin: the gateway (``controller.llm``) does the work; this module reads
the body under the size limit and runs the response as raw ASGI so that bytes go from vLLM to
the client without re-encoding, and a client that disconnects (even while its request is still
held or waiting for the first token) cancels the upstream request at once."""

from __future__ import annotations

import asyncio
import logging
from typing import Any

from fastapi import APIRouter, Depends, Request
from pydantic import BaseModel, ConfigDict
from starlette.responses import Response
from starlette.types import Receive, Scope, Send

from spark_control.api.deps import Principal, require_app
from spark_control.api.errors import send_error
from spark_control.errors import BadRequest, PayloadTooLarge, SparkControlError
from spark_control.llm.gateway import LLMGateway

log = logging.getLogger(__name__)

router = APIRouter(tags=["llm"])


class ChatCompletionRequest(BaseModel):
    """Documents the body in the OpenAPI schema only: bodies are passed to vLLM unparsed (every
    other OpenAI/vLLM field works too), so pydantic stays off the hot path."""

    model_config = ConfigDict(extra="allow")
    model: str | None = None
    messages: list[dict[str, Any]]
    stream: bool = False
    stream_options: dict[str, Any] | None = None
    max_tokens: int | None = None
    temperature: float | None = None


class CompletionRequest(BaseModel):
    """Documents the body in the OpenAPI schema only (see ChatCompletionRequest)."""

    model_config = ConfigDict(extra="allow")
    model: str | None = None
    prompt: str | list[str]
    stream: bool = False
    stream_options: dict[str, Any] | None = None
    max_tokens: int | None = None
    temperature: float | None = None


class ModelList(BaseModel):
    """``GET /v1/models``: OpenAI's list shape. Each card is vLLM's own (passed through, with
    ``status``: serving | loading | alias) or the gateway's (id, object, created, owned_by, status,
    root, max_model_len; an alias also ``alias_of``)."""

    object: str  # "list"
    data: list[dict[str, Any]]


class ChatCompletion(BaseModel):
    """Documents vLLM's answer (passed through byte for byte; ``stream: true`` sends Server-Sent
    Events instead, ``data: {chunk}`` lines ending with ``data: [DONE]``)."""

    model_config = ConfigDict(extra="allow")
    id: str
    object: str  # "chat.completion"
    created: int
    model: str
    choices: list[dict[str, Any]]
    usage: dict[str, Any] | None = None


class Completion(ChatCompletion):
    """Documents vLLM's answer to ``/v1/completions`` (``object``: "text_completion"), passed
    through like chat completions."""


STREAMED = {"text/event-stream": {"schema": {"type": "string"}}}


def _body_doc(model: type[BaseModel]) -> dict:
    return {"requestBody": {"required": True, "content": {"application/json": {"schema": model.model_json_schema()}}}}


async def get_llm(request: Request) -> LLMGateway:
    # async on purpose: FastAPI runs a sync dependency in a worker thread, which cost ~2 ms here
    return request.app.state.controller.llm


def check_declared_length(declared: str | None, limit: int) -> None:
    if declared is not None:
        try:
            size = int(declared)
        except ValueError:
            raise BadRequest("invalid Content-Length") from None
        if size > limit:
            raise PayloadTooLarge(f"The request body is {size} bytes; the limit is {limit} bytes.")


def add_chunk(chunks: list[bytes], chunk: bytes, total: int, limit: int) -> int:
    total += len(chunk)
    if total > limit:
        raise PayloadTooLarge(f"The request body is larger than the limit of {limit} bytes.")
    if chunk:
        chunks.append(chunk)
    return total


async def read_body(request: Request, limit: int) -> bytes:
    check_declared_length(request.headers.get("content-length"), limit)
    chunks: list[bytes] = []
    total = 0
    async for chunk in request.stream():
        total = add_chunk(chunks, chunk, total, limit)
    return b"".join(chunks)


class ProxiedResponse(Response):
    """The routes' response: runs ``proxy_call`` when the server sends it."""

    def __init__(self, gateway: LLMGateway, endpoint: str, body: bytes) -> None:
        super().__init__(status_code=200)
        self.gateway = gateway
        self.endpoint = endpoint
        self.request_body = body

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        await proxy_call(self.gateway, self.endpoint, self.request_body, receive, send)


async def proxy_call(
    gateway: LLMGateway, endpoint: str, body: bytes, receive: Receive, send: Send, extra_headers: list | tuple = ()
) -> int:
    """Open the upstream request and pump its chunks to ``send``, all while watching ``receive``
    for the client's disconnect; errors raised before the first byte go through the shared error
    mapping. ``extra_headers`` are added to the response head. Returns the status sent (500 if
    the client left before any)."""
    task = asyncio.current_task()
    flags = {"gone": False, "done": False}

    async def watch() -> None:
        while True:
            message = await receive()
            if message["type"] == "http.disconnect":
                if not flags["done"]:
                    flags["gone"] = True
                    task.cancel()
                return

    watcher = asyncio.ensure_future(watch())
    resp = None
    status = 500
    try:
        try:
            resp = await gateway.open(endpoint, body)
        except SparkControlError as exc:
            flags["done"] = True
            return await send_error(send, exc, extra_headers)
        status = resp.status
        headers = [*resp.headers, *extra_headers] if extra_headers else resp.headers
        await send({"type": "http.response.start", "status": status, "headers": headers})
        await resp.relay(send)
        flags["done"] = True  # the server may report "disconnect" as soon as the response is complete
        await send({"type": "http.response.body", "body": b"", "more_body": False})
    except asyncio.CancelledError:
        if not flags["gone"]:
            raise
        task.uncancel()  # the client left: nothing more to send, and not a server error
    except OSError:  # the server tells us the client is gone when we send (ASGI 2.4)
        pass
    finally:
        flags["done"] = True
        watcher.cancel()
        if resp is not None:
            await resp.aclose()
    return status


def body_limit(state, path: str, gateway: LLMGateway) -> int:
    """The cap of an LLM route: the hardening's table (``state.body_limits``, the one source); the
    gateway's own ``LLM_MAX_BODY_BYTES`` only when the API is served without the hardening."""
    limits = getattr(state, "body_limits", None)
    return limits.limit_for(path) if limits is not None else gateway.config.max_body_bytes


async def _proxy(endpoint: str, request: Request, gateway: LLMGateway) -> ProxiedResponse:
    body = await read_body(request, body_limit(request.app.state, request.url.path, gateway))
    return ProxiedResponse(gateway, endpoint, body)


@router.get("/v1/models", response_model=ModelList)
async def list_models(gateway: LLMGateway = Depends(get_llm), _: Principal = Depends(require_app("llm"))) -> Any:
    return await gateway.list_models()


@router.post(
    "/v1/chat/completions",
    response_class=Response,
    responses={200: {"model": ChatCompletion, "content": STREAMED}},
    openapi_extra=_body_doc(ChatCompletionRequest),
)
async def chat_completions(
    request: Request, gateway: LLMGateway = Depends(get_llm), _: Principal = Depends(require_app("llm"))
) -> Response:
    """OpenAI chat completions, proxied to the serving vLLM (``stream``, ``stream_options`` and
    every other field passed through unchanged)."""
    return await _proxy("chat/completions", request, gateway)


@router.post(
    "/v1/completions",
    response_class=Response,
    responses={200: {"model": Completion, "content": STREAMED}},
    openapi_extra=_body_doc(CompletionRequest),
)
async def completions(
    request: Request, gateway: LLMGateway = Depends(get_llm), _: Principal = Depends(require_app("llm"))
) -> Response:
    """OpenAI (legacy) text completions, proxied like chat completions."""
    return await _proxy("completions", request, gateway)
