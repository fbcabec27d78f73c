"""Closed-loop streaming load (runs in the bench venv, aiohttp): C workers send streamed chat
requests back to back over one keep-alive pool of C connections. Prints one JSON line.

TTFT = time to the first SSE event with non-empty delta.content; total = until [DONE].

    python loadgen.py BASE_URL CONCURRENCY REQUESTS WARMUP [API_KEY]
"""

import asyncio
import json
import os
import sys
import time

import aiohttp

BODY = {
    "model": "sim-model",
    "messages": [{"role": "user", "content": "Say something."}],
    "stream": True,
    "max_tokens": 64,
}


async def one(session: aiohttp.ClientSession, url: str, headers: dict) -> tuple[float, float, int, str | None]:
    t0 = time.perf_counter()
    ttft = None
    tokens = 0
    done = False
    async with session.post(url, json=BODY, headers=headers) as resp:
        if resp.status != 200:
            return 0.0, 0.0, 0, f"HTTP {resp.status}: {(await resp.text())[:200]}"
        async for raw in resp.content:
            line = raw.strip()
            if not line.startswith(b"data:"):
                continue
            payload = line[5:].strip()
            if payload == b"[DONE]":
                done = True
                break
            data = json.loads(payload)
            if "error" in data:
                return 0.0, 0.0, tokens, f"stream error: {data['error']}"
            for ch in data.get("choices") or ():
                if (ch.get("delta") or {}).get("content"):
                    tokens += 1
                    if ttft is None:
                        ttft = time.perf_counter() - t0
    if not done:
        return 0.0, 0.0, tokens, "no [DONE]"
    return ttft or 0.0, time.perf_counter() - t0, tokens, None


async def main() -> None:
    base, c, n, warmup = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
    headers = {"authorization": f"Bearer {sys.argv[5]}"} if len(sys.argv) > 5 else {}
    url = base + "/v1/chat/completions"
    conn = aiohttp.TCPConnector(limit=c, force_close=False)
    timeout = aiohttp.ClientTimeout(total=120)
    async with aiohttp.ClientSession(connector=conn, timeout=timeout) as session:

        async def run(count: int, out: list) -> None:
            left = [count]

            async def worker() -> None:
                while left[0] > 0:
                    left[0] -= 1
                    try:
                        out.append(await one(session, url, headers))
                    except Exception as e:  # noqa: BLE001 - counted, reported
                        out.append((0.0, 0.0, 0, repr(e)))

            await asyncio.gather(*(worker() for _ in range(c)))

        await run(warmup, [])
        results: list = []
        t0 = time.perf_counter()
        await run(n, results)
        wall = time.perf_counter() - t0
    ok = [r for r in results if r[3] is None]
    errors = [r[3] for r in results if r[3] is not None]
    print(
        json.dumps(
            {
                "c": c,
                "n": n,
                "wall_s": wall,
                "req_s": len(ok) / wall,
                "ttft": [r[0] for r in ok],
                "total": [r[1] for r in ok],
                "tokens": sorted({r[2] for r in ok}),
                "errors": len(errors),
                "first_errors": errors[:3],
                "cpus": sorted(os.sched_getaffinity(0)),  # the placement it really ran with
            }
        )
    )


asyncio.run(main())
