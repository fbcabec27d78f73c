"""Audio queue: throughput and p99 latency at 1/4/16 concurrent clients against the simulated
single-GPU parakeet-asr (which answers 503 to a concurrent request, like the real one).

- **gateway queue**: every client sends through ``SpeechService`` (one queue, fair, retries).
- **old client-side cap of 2**: each client talks to the GPU service directly with at most 2
  requests in flight and retries 503 with exponential backoff (0.5 s, doubling, 5 tries), as the
  apps had to before the gateway queued for them.

Each configuration sends the same 48 requests (3.3 s espeak-ng clips). Run:
``python benchmarks/audio_queue.py`` (needs espeak-ng and ffmpeg)."""

from __future__ import annotations

import asyncio
import json
import statistics
import sys
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from spark_control.sim import asr_server  # noqa: E402
from spark_control.speech.service import SpeechService  # noqa: E402
from tests.speech.conftest import serve  # noqa: E402
from tests.speech.speechgen import SENTENCES, VOICES, say, wav  # noqa: E402

TOTAL = 48
CLIENTS = (1, 4, 16)


def pct(xs: list[float], p: float) -> float:
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(round(p / 100 * (len(xs) - 1))))] if xs else float("nan")


async def run_gateway(url: str, clip: bytes, n_clients: int) -> dict:
    svc = SpeechService(url, "http://127.0.0.1:9", max_waiting=256, backoff_s=0.05)
    lat, fails = [], 0

    async def client(cid: int, n: int):
        nonlocal fails
        for _ in range(n):
            t0 = time.perf_counter()
            try:
                await svc.transcribe(clip, client=f"c{cid}")
                lat.append(time.perf_counter() - t0)
            except Exception:
                fails += 1

    t0 = time.perf_counter()
    per = TOTAL // n_clients
    await asyncio.gather(*[client(i, per) for i in range(n_clients)])
    wall = time.perf_counter() - t0
    await svc.stop()
    return {"wall_s": wall, "lat": lat, "fails": fails, "retries": svc.queue.stats().retries}


async def run_cap2(url: str, clip: bytes, n_clients: int) -> dict:
    lat, fails, retries = [], 0, 0
    async with httpx.AsyncClient(base_url=url, timeout=120) as http:

        async def one():
            nonlocal fails, retries
            t0 = time.perf_counter()
            delay = 0.5
            for _ in range(5):
                r = await http.post("/transcribe", files={"file": ("a.wav", clip, "audio/wav")})
                if r.status_code == 200:
                    lat.append(time.perf_counter() - t0)
                    return
                retries += 1
                await asyncio.sleep(delay)
                delay *= 2
            fails += 1

        async def client(n: int):
            sem = asyncio.Semaphore(2)

            async def guarded():
                async with sem:
                    await one()

            await asyncio.gather(*[guarded() for _ in range(n)])

        t0 = time.perf_counter()
        per = TOTAL // n_clients
        await asyncio.gather(*[client(per) for _ in range(n_clients)])
        wall = time.perf_counter() - t0
    return {"wall_s": wall, "lat": lat, "fails": fails, "retries": retries}


async def main() -> None:
    clip = wav(say(SENTENCES[0], VOICES[1]))
    ctx = asr_server._StandaloneCtx(faults={"asr.rtfx": 40.0, "asr.overhead_s": 0.05})
    app = asr_server.create_app(ctx)
    rows = []
    async with serve(app) as url:
        for n in CLIENTS:
            for name, fn in (("gateway queue", run_gateway), ("client cap 2 (old)", run_cap2)):
                r = await fn(url, clip, n)
                ok = len(r["lat"])
                rows.append({
                    "clients": n, "mode": name, "ok": ok, "failed": r["fails"], "retries_503": r["retries"],
                    "throughput_rps": round(ok / r["wall_s"], 2),
                    "p50_latency_s": round(statistics.median(r["lat"]), 3) if ok else None,
                    "p99_latency_s": round(pct(r["lat"], 99), 3) if ok else None,
                })  # fmt: skip
                print(rows[-1], flush=True)
    out = ROOT / "benchmarks" / "results" / "audio_queue.json"
    out.write_text(json.dumps({"requests_per_config": TOTAL, "rows": rows}, indent=2) + "\n")
    print("\n| clients | mode | ok | failed | 503 retries | throughput (req/s) | p50 s | p99 s |")
    print("|---|---|---|---|---|---|---|---|")
    for r in rows:
        print(f"| {r['clients']} | {r['mode']} | {r['ok']} | {r['failed']} | {r['retries_503']} | "
              f"{r['throughput_rps']} | {r['p50_latency_s']} | {r['p99_latency_s']} |")  # fmt: skip


if __name__ == "__main__":
    asyncio.run(main())
