"""The simulated vLLM for benchmarks/llm_proxy.py (runs in the bench venv, aiohttp): vLLM's SSE
wire format, 32 one-token chunks 5 ms apart, then the finish chunk (+usage if asked) and [DONE].
Same shape and timing as the LiteLLM anchor in research/proxy-bench.md.

    python upstream.py PORT [TOKENS] [DELAY_S]
"""

import asyncio
import json
import sys
import time
import uuid

from aiohttp import web

MODEL = "sim-model"
TOKENS = int(sys.argv[2]) if len(sys.argv) > 2 else 32
DELAY = float(sys.argv[3]) if len(sys.argv) > 3 else 0.005


def _event(d: dict) -> bytes:
    return b"data: " + json.dumps(d, separators=(",", ":")).encode() + b"\n\n"


async def models(_: web.Request) -> web.Response:
    return web.json_response(
        {
            "object": "list",
            "data": [
                {
                    "id": MODEL,
                    "object": "model",
                    "created": int(time.time()),
                    "owned_by": "vllm",
                    "root": MODEL,
                    "parent": None,
                    "max_model_len": 4096,
                }
            ],
        }
    )


async def chat(request: web.Request) -> web.StreamResponse:
    body = await request.json()
    rid, created = "chatcmpl-" + uuid.uuid4().hex, int(time.time())
    base = {"id": rid, "object": "chat.completion.chunk", "created": created, "model": MODEL}
    if not body.get("stream"):
        for _ in range(TOKENS):
            await asyncio.sleep(DELAY)
        text = "".join(f"tok{i:02d} " for i in range(TOKENS))
        return web.json_response(
            {
                "id": rid,
                "object": "chat.completion",
                "created": created,
                "model": MODEL,
                "choices": [{"index": 0, "message": {"role": "assistant", "content": text}, "finish_reason": "stop"}],
                "usage": {"prompt_tokens": 5, "completion_tokens": TOKENS, "total_tokens": TOKENS + 5},
            }
        )
    resp = web.StreamResponse(headers={"content-type": "text/event-stream", "cache-control": "no-cache"})
    await resp.prepare(request)
    for i in range(TOKENS):
        await asyncio.sleep(DELAY)
        delta = {"role": "assistant", "content": f"tok{i:02d} "} if i == 0 else {"content": f"tok{i:02d} "}
        await resp.write(
            _event({**base, "choices": [{"index": 0, "delta": delta, "logprobs": None, "finish_reason": None}]})
        )
    await resp.write(
        _event({**base, "choices": [{"index": 0, "delta": {}, "logprobs": None, "finish_reason": "stop"}]})
    )
    if (body.get("stream_options") or {}).get("include_usage"):
        await resp.write(
            _event(
                {
                    **base,
                    "choices": [],
                    "usage": {"prompt_tokens": 5, "completion_tokens": TOKENS, "total_tokens": TOKENS + 5},
                }
            )
        )
    await resp.write(b"data: [DONE]\n\n")
    await resp.write_eof()
    return resp


app = web.Application()
app.router.add_get("/v1/models", models)
app.router.add_post("/v1/chat/completions", chat)

if __name__ == "__main__":
    web.run_app(app, host="127.0.0.1", port=int(sys.argv[1]), print=None, access_log=None)
