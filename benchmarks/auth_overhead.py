"""What access control and hardening cost per request, measured in one run against a baseline:

- ``authenticate``: checking one bearer key (sha256 + one indexed SQLite lookup);
- a JSON request through the full stack (access dependency + body limit + headers + audit
  middleware) vs the same route with no access check and no middleware;
- a streamed response of 1000 chunks through the middleware vs bare (per-chunk cost).

Requests are driven straight through ASGI (no sockets) so the numbers are ours, not the network's.
Run: ``python benchmarks/auth_overhead.py``; writes ``benchmarks/results/auth_overhead.json``."""

from __future__ import annotations

import asyncio
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path
from types import SimpleNamespace

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from fastapi import Depends, FastAPI  # noqa: E402
from fastapi.responses import StreamingResponse  # noqa: E402

from spark_control.api.deps import require_app  # noqa: E402
from spark_control.api.hardening import install_hardening  # noqa: E402
from spark_control.audit import AuditLog  # noqa: E402
from spark_control.auth import AuthService, AuthSettings  # noqa: E402
from spark_control.settings import Settings  # noqa: E402
from spark_control.store import Database  # noqa: E402

REQUESTS = 3000
CHUNKS = 1000
ROUNDS = 5


def build(auth: AuthService, protected: bool) -> FastAPI:
    api = FastAPI()
    api.state.controller = SimpleNamespace(auth=auth, audit=auth.audit, settings=Settings())
    dep = [Depends(require_app("llm"))] if protected else []

    @api.post("/v1/chat/completions", dependencies=dep)
    async def chat(body: dict) -> dict:
        return {"ok": True}

    @api.get("/v1/stream", dependencies=dep)
    async def stream():
        async def gen():
            for _ in range(CHUNKS):
                yield b"data: {}\n\n"

        return StreamingResponse(gen(), media_type="text/event-stream")

    if protected:
        install_hardening(api, Settings(), AuthSettings())
    return api


async def call(app, method: str, path: str, headers: list, body: bytes = b"") -> int:
    scope = {
        "type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "method": method, "scheme": "http",
        "path": path, "raw_path": path.encode(), "query_string": b"", "root_path": "",
        "headers": headers + [(b"content-length", str(len(body)).encode()), (b"host", b"bench")],
        "client": ("127.0.0.1", 5000), "server": ("bench", 80),
    }  # fmt: skip
    sent = False
    chunks = 0

    async def receive():
        nonlocal sent
        if not sent:
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}
        await asyncio.sleep(3600)

    async def send(message):
        nonlocal chunks
        if message["type"] == "http.response.body":
            chunks += 1

    await app(scope, receive, send)
    return chunks


async def timed(app, n: int, method: str, path: str, headers: list, body: bytes = b"") -> float:
    start = time.perf_counter()
    for _ in range(n):
        await call(app, method, path, headers, body)
    return (time.perf_counter() - start) / n


async def main() -> dict:
    tmp = tempfile.mkdtemp()
    db = Database(Path(tmp) / "bench.db")
    auth = AuthService(db, AuditLog(db), AuthSettings(operator_password=None))
    keys = [auth.create_app_key(f"app{i}", ["llm"], actor="bench").secret for i in range(100)]
    start = time.perf_counter()
    for i in range(20000):
        auth.authenticate(keys[i % 100])
    authenticate_us = (time.perf_counter() - start) / 20000 * 1e6

    bare, full = build(auth, False), build(auth, True)
    hdr = [(b"authorization", f"Bearer {keys[0]}".encode()), (b"content-type", b"application/json")]
    body = b'{"model": "m", "messages": []}'
    await timed(bare, 200, "POST", "/v1/chat/completions", hdr, body)  # warm up
    await timed(full, 200, "POST", "/v1/chat/completions", hdr, body)
    json_bare, json_full, st_bare, st_full = [], [], [], []
    for _ in range(ROUNDS):
        json_bare.append(await timed(bare, REQUESTS, "POST", "/v1/chat/completions", hdr, body))
        json_full.append(await timed(full, REQUESTS, "POST", "/v1/chat/completions", hdr, body))
        st_bare.append(await timed(bare, 20, "GET", "/v1/stream", hdr))
        st_full.append(await timed(full, 20, "GET", "/v1/stream", hdr))
    jb, jf = statistics.median(json_bare) * 1e6, statistics.median(json_full) * 1e6
    sb, sf = statistics.median(st_bare) * 1e6, statistics.median(st_full) * 1e6
    return {
        "authenticate_us": round(authenticate_us, 1),
        "json_request_bare_us": round(jb, 1),
        "json_request_protected_us": round(jf, 1),
        "json_request_overhead_us": round(jf - jb, 1),
        "stream_1000_chunks_bare_us": round(sb, 1),
        "stream_1000_chunks_protected_us": round(sf, 1),
        "per_chunk_overhead_us": round((sf - sb) / CHUNKS, 3),
    }


if __name__ == "__main__":
    results = asyncio.run(main())
    out = Path(__file__).resolve().parent / "results" / "auth_overhead.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(results, indent=2) + "\n")
    print("| measure | value |\n| --- | --- |")
    for k, v in results.items():
        print(f"| {k} | {v} |")
