"""A minimal vLLM stand-in for the gateway tests until/unless ``spark_control.sim`` provides one:
real HTTP (uvicorn on 127.0.0.1:0), vLLM's SSE wire format, and the hooks the tests need
(per-token delay, die mid-stream, counters of running / cancelled / finished requests)."""

from __future__ import annotations

import asyncio
import json
import time
import uuid

import uvicorn
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response, StreamingResponse
from starlette.routing import Route


class FakeVLLM:
    def __init__(self, served: str = "sim-model", *, tokens: int = 8, delay: float = 0.0) -> None:
        self.served = served
        self.tokens = tokens
        self.delay = delay
        self.die_after: int | None = None  # tokens sent before the connection is dropped
        self.running = 0
        self.cancelled = 0
        self.finished = 0
        self.requests: list[dict] = []
        self.app = Starlette(
            routes=[
                Route("/v1/models", self.models),
                Route("/v1/chat/completions", self.chat, methods=["POST"]),
                Route("/v1/completions", self.completions, methods=["POST"]),
            ]
        )
        self._server: uvicorn.Server | None = None
        self._task: asyncio.Task | None = None
        self.base_url = ""

    async def start(self) -> FakeVLLM:
        self._server = uvicorn.Server(
            uvicorn.Config(self.app, host="127.0.0.1", port=0, log_level="warning", lifespan="off")
        )
        self._task = asyncio.create_task(self._server.serve())
        while not self._server.started:  # noqa: ASYNC110 (uvicorn exposes a flag, not an event)
            await asyncio.sleep(0.01)
        port = self._server.servers[0].sockets[0].getsockname()[1]
        self.base_url = f"http://127.0.0.1:{port}"
        return self

    async def stop(self) -> None:
        if self._server is not None:
            self._server.should_exit = True
            self._server.force_exit = True
            await self._task

    async def kill(self) -> None:
        """Like a stopped container: running streams are cut at their next token, then the port closes."""
        self.die_after = 0
        await self.stop()

    async def models(self, request: Request) -> Response:
        return JSONResponse(
            {
                "object": "list",
                "data": [
                    {
                        "id": self.served,
                        "object": "model",
                        "created": int(time.time()),
                        "owned_by": "vllm",
                        "root": "org/" + self.served,
                        "parent": None,
                        "max_model_len": 4096,
                    }
                ],
            }
        )

    def _not_found(self, model: str) -> Response:
        return JSONResponse(
            {
                "error": {
                    "message": f"The model `{model}` does not exist.",
                    "type": "NotFoundError",
                    "param": "model",
                    "code": 404,
                }
            },
            status_code=404,
        )

    async def chat(self, request: Request) -> Response:
        return await self._serve(request, chat=True)

    async def completions(self, request: Request) -> Response:
        return await self._serve(request, chat=False)

    async def _serve(self, request: Request, chat: bool) -> Response:
        body = await request.json()
        self.requests.append(body)
        if body.get("model") != self.served:
            return self._not_found(body.get("model"))
        if (body.get("max_tokens") or 0) > 4096:
            return JSONResponse(
                {
                    "error": {
                        "message": "max_tokens is too large: this model's maximum context length is 4096 tokens.",
                        "type": "BadRequestError",
                        "param": None,
                        "code": 400,
                    }
                },
                status_code=400,
            )
        n = int(body.get("max_tokens") or self.tokens)
        rid = ("chatcmpl-" if chat else "cmpl-") + uuid.uuid4().hex
        created = int(time.time())
        obj = "chat.completion.chunk" if chat else "text_completion"

        def choice(i: int, finish: str | None = None) -> dict:
            if chat:
                return {
                    "index": 0,
                    "delta": {"content": f"tok{i} "} if i >= 0 else {"role": "assistant", "content": ""},
                    "logprobs": None,
                    "finish_reason": finish,
                }
            return {"index": 0, "text": f"tok{i} ", "logprobs": None, "finish_reason": finish}

        usage = {"prompt_tokens": 5, "completion_tokens": n, "total_tokens": n + 5}
        if not body.get("stream"):
            for _ in range(n):
                await asyncio.sleep(self.delay)
            text = "".join(f"tok{i} " for i in range(n))
            msg = (
                {"index": 0, "message": {"role": "assistant", "content": text}, "finish_reason": "length"}
                if chat
                else {"index": 0, "text": text, "finish_reason": "length"}
            )
            self.finished += 1
            return JSONResponse(
                {
                    "id": rid,
                    "object": "chat.completion" if chat else "text_completion",
                    "created": created,
                    "model": self.served,
                    "choices": [msg],
                    "usage": usage,
                }
            )

        include_usage = bool((body.get("stream_options") or {}).get("include_usage"))

        async def gen():
            self.running += 1
            done = False
            try:

                def ev(choices: list, **extra) -> bytes:
                    d = {"id": rid, "object": obj, "created": created, "model": self.served, "choices": choices}
                    d.update(extra)
                    return b"data: " + json.dumps(d, separators=(",", ":")).encode() + b"\n\n"

                if chat:
                    yield ev([choice(-1)])
                for i in range(n):
                    await asyncio.sleep(self.delay)
                    if self.die_after is not None and i >= self.die_after:
                        raise ConnectionAbortedError("fake vLLM killed mid-stream")
                    yield ev([choice(i, "length" if i == n - 1 else None)])
                if include_usage:
                    yield ev([], usage=usage)
                yield b"data: [DONE]\n\n"
                done = True
                self.finished += 1
            finally:
                self.running -= 1
                if not done:
                    self.cancelled += 1

        return StreamingResponse(gen(), media_type="text/event-stream")
