"""The floor for benchmarks/llm_proxy.py: the least a proxy can do under the same server (granian,
uvloop, one worker) with the same upstream client: a raw ASGI app that reads the body, sends it to
the upstream and relays every chunk. No access check, no limits, no routing, no metrics, no error
handling: what the server and one extra hop cost by themselves, measured in the same run, so
the table shows how much of "ours" is the gateway's own work.

    granian --interface asgi --factory benchmarks._llm_proxy.floor_app:build  (env BENCH_UPSTREAM)
"""

from __future__ import annotations

import os

from spark_control.upstreams.http1 import HTTP1Pool


def build():
    upstream = os.environ["BENCH_UPSTREAM"]
    pool = HTTP1Pool()

    async def app(scope, receive, send):
        if scope["type"] == "lifespan":
            while True:
                message = await receive()
                if message["type"] == "lifespan.startup":
                    await send({"type": "lifespan.startup.complete"})
                elif message["type"] == "lifespan.shutdown":
                    await pool.aclose()
                    await send({"type": "lifespan.shutdown.complete"})
                    return
        body = b""
        while True:
            message = await receive()
            body += message.get("body", b"")
            if not message.get("more_body"):
                break
        if scope["method"] == "GET":
            resp = await pool.request("GET", upstream, scope["path"])
        else:
            resp = await pool.request("POST", upstream, scope["path"], body, {"content-type": "application/json"})
        ctype = resp.headers.get("content-type", "application/json").encode()
        await send({"type": "http.response.start", "status": resp.status, "headers": [(b"content-type", ctype)]})
        async for chunk in resp.aiter_raw():
            await send({"type": "http.response.body", "body": chunk, "more_body": True})
        await send({"type": "http.response.body", "body": b""})
        await resp.aclose()

    return app
