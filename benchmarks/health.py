"""Health benchmarks, each against a baseline in the same run:

1. ``GET /health`` latency (p50/p99) under 200 concurrent requests, served by uvicorn in a
   subprocess: ours (reads the monitor's view) vs. the old design (probe every service on the
   request path, ``/health-live`` below).
2. The shortest outage reliably detected: 10 trials each of 0.5 s, 1 s and 2 s outages of a real
   HTTP service (stopped = connections refused, then restarted on the same port), started at a
   random phase. Ours (HealthMonitor) vs. the old 5 s poller, watching the same service at once.

    python benchmarks/health.py [--trials 10] [--requests 2000]

Writes benchmarks/results/health.json and prints a markdown table."""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import socket
import statistics
import sys
import tempfile
import time
from pathlib import Path
from types import SimpleNamespace

import httpx

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from spark_control.events import EventHub  # noqa: E402
from spark_control.health.model import HealthConfig  # noqa: E402
from spark_control.health.monitor import HealthMonitor  # noqa: E402
from spark_control.settings import ClusterConfig, NodeConfig  # noqa: E402
from spark_control.store import Database  # noqa: E402
from tests.access import open_access  # noqa: E402
from tests.health.fakes import FakeService  # noqa: E402

KINDS = ("vllm", "asr", "tts", "embed")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


# --- 1. /health under load ------------------------------------------------------------------


async def serve(port: int, data_dir: str) -> None:
    """The server side of benchmark 1: fake services, a real monitor, the real health router."""
    import uvicorn
    from fastapi import FastAPI

    from spark_control.api.errors import install_error_handlers
    from spark_control.api.health import router
    from spark_control.api.middleware.request_metrics import install_request_metrics

    services = {k: FakeService() for k in KINDS}
    for s in services.values():
        await s.start()
    ports = {k: s.port for k, s in services.items()}
    cluster = ClusterConfig(nodes=[NodeConfig(name="spark1", host="127.0.0.1", services=ports)])
    monitor = HealthMonitor(Database(Path(data_dir) / "bench.db"), EventHub(), cluster, telemetry=False)
    await monitor.start()
    api = open_access(FastAPI())
    api.state.controller = SimpleNamespace(health=monitor)
    install_error_handlers(api)
    install_request_metrics(api)
    api.include_router(router)
    client = httpx.AsyncClient(trust_env=False)

    @api.get("/floor")
    async def floor() -> dict:  # an empty route: what this machine + client can do at all
        return {"status": "ok"}

    @api.get("/health-live")
    async def health_live() -> dict:  # the old design: probe every service per request
        async def one(k: str, p: int) -> tuple[str, str]:
            try:
                r = await client.get(f"http://127.0.0.1:{p}/health", timeout=5.0)
                return k, "up" if r.status_code == 200 else "down"
            except httpx.HTTPError:
                return k, "down"

        res = await asyncio.gather(*(one(k, p) for k, p in ports.items()))
        return {"status": "ok", "services": {k: {"state": s} for k, s in res}}

    config = uvicorn.Config(api, host="127.0.0.1", port=port, log_level="warning", access_log=False)
    await uvicorn.Server(config).serve()


async def load(url: str, total: int, concurrency: int) -> dict:
    lat: list[float] = []
    errors = 0
    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)
    async with httpx.AsyncClient(limits=limits, timeout=30.0, trust_env=False) as c:
        for _ in range(20):
            await c.get(url)  # warm up
        sem = asyncio.Semaphore(concurrency)

        async def one() -> None:
            nonlocal errors
            async with sem:
                t0 = time.perf_counter()
                try:
                    r = await c.get(url)
                    if r.status_code != 200:
                        errors += 1
                except httpx.HTTPError:
                    errors += 1
                lat.append((time.perf_counter() - t0) * 1000)

        t0 = time.perf_counter()
        await asyncio.gather(*(one() for _ in range(total)))
        wall = time.perf_counter() - t0
    lat.sort()
    return {
        "requests": total,
        "concurrency": concurrency,
        "errors": errors,
        "p50_ms": round(statistics.median(lat), 2),
        "p99_ms": round(lat[int(0.99 * (len(lat) - 1))], 2),
        "rps": round(total / wall, 1),
    }


async def bench_latency(total: int) -> dict:
    port = _free_port()
    with tempfile.TemporaryDirectory() as d:
        proc = await asyncio.create_subprocess_exec(
            sys.executable, __file__, "--serve", str(port), "--data", d, cwd=ROOT
        )
        try:
            base = f"http://127.0.0.1:{port}"
            async with httpx.AsyncClient(trust_env=False) as c:
                for _ in range(100):
                    try:
                        if (await c.get(base + "/health", timeout=1)).status_code == 200:
                            break
                    except httpx.HTTPError:
                        pass
                    await asyncio.sleep(0.1)
            await asyncio.sleep(1.0)  # the monitor's first probes are in
            floor = await load(base + "/floor", total, 200)
            ours = await load(base + "/health", total, 200)
            old = await load(base + "/health-live", min(total, 400), 200)  # capped: it is slow
        finally:
            proc.terminate()
            await proc.wait()
    return {"floor_empty_route": floor, "ours": ours, "baseline_probe_per_request": old}


# --- 2. shortest outage detected --------------------------------------------------------------


class OldPoller:
    """The old connectivity log: one HTTP health probe every 5 s, an outage = a failed poll."""

    def __init__(self, url: str, interval: float = 5.0) -> None:
        self.url, self.interval = url, interval
        self.failures: list[float] = []

    async def run(self) -> None:
        async with httpx.AsyncClient(trust_env=False) as c:
            while True:
                try:
                    r = await c.get(self.url, timeout=2.0)
                    ok = r.status_code == 200
                except httpx.HTTPError:
                    ok = False
                if not ok:
                    self.failures.append(time.time())
                await asyncio.sleep(self.interval)


async def bench_detection(trials: int, durations=(0.5, 1.0, 2.0)) -> dict:
    svc = FakeService()
    await svc.start()
    with tempfile.TemporaryDirectory() as d:
        db = Database(Path(d) / "det.db")
        cluster = ClusterConfig(nodes=[NodeConfig(name="spark1", host="127.0.0.1", services={"vllm": svc.port})])
        monitor = HealthMonitor(db, EventHub(), cluster, telemetry=False)
        await monitor.start()
        db2 = Database(Path(d) / "det-poll-only.db")
        poll_only = HealthMonitor(
            db2, EventHub(), cluster, telemetry=False, config=HealthConfig(persistent_connections=False)
        )
        await poll_only.start()
        old = OldPoller(svc.url + "/health")
        old_task = asyncio.create_task(old.run())
        results = {}
        try:
            for dur in durations:
                ours_hits, old_hits, poll_hits, measured = 0, 0, 0, []
                for _ in range(trials):
                    await asyncio.sleep(random.uniform(0.0, 1.0))  # random phase vs. both pollers
                    before = len(monitor.outages())
                    before_poll = len(poll_only.outages())
                    t_down = time.time()
                    await svc.stop()
                    await asyncio.sleep(dur)
                    await svc.start()
                    t_up = time.time()
                    await asyncio.sleep(1.0)
                    new = monitor.outages()[: len(monitor.outages()) - before]
                    if new:
                        ours_hits += 1
                        measured.append(new[0]["duration_s"])
                    if len(poll_only.outages()) > before_poll:
                        poll_hits += 1
                    if any(t_down <= f <= t_up + 0.1 for f in old.failures):
                        old_hits += 1
                results[f"{dur:g}s"] = {
                    "trials": trials,
                    "ours_detected": ours_hits,
                    "ours_polling_only_detected": poll_hits,
                    "baseline_5s_poll_detected": old_hits,
                    "ours_measured_duration_s": [round(x, 2) for x in measured],
                }
        finally:
            old_task.cancel()
            await monitor.stop()
            await poll_only.stop()
            await svc.stop()
            db.close()
            db2.close()
    return results


def table(res: dict) -> str:
    rows = [
        "| /health, 200 concurrent | p50 ms | p99 ms | req/s | errors |",
        "| --- | ---: | ---: | ---: | ---: |",
    ]
    for section, lat in (("uvicorn + TCP", res["health_latency"]), ("in-process ASGI", res.get("health_asgi", {}))):
        for name, key in (
            ("empty route (floor)", "floor_empty_route"),
            ("ours (monitor view)", "ours"),
            ("baseline: probe per request", "baseline_probe_per_request"),
        ):
            if key in lat:
                r = lat[key]
                rows.append(
                    f"| {section}: {name} | {r['p50_ms']} | {r['p99_ms']} | {r['rps']} | {r['errors']}/{r['requests']} |"
                )
    rows += [
        "",
        "| outage length | ours detected | ours, polling only | old 5 s poll | ours measured (s, mean) |",
        "| --- | ---: | ---: | ---: | ---: |",
    ]
    for dur, r in res["detection"].items():
        m = r["ours_measured_duration_s"]
        mean = f"{statistics.mean(m):.2f}" if m else "-"
        n = r["trials"]
        rows.append(
            f"| {dur} | {r['ours_detected']}/{n} | {r.get('ours_polling_only_detected', '-')}/{n} |"
            f" {r['baseline_5s_poll_detected']}/{n} | {mean} |"
        )
    return "\n".join(rows)


async def bench_asgi(total: int) -> dict:
    """The same routes in-process (httpx ASGITransport, no sockets): the server-side cost alone."""
    from fastapi import FastAPI

    from spark_control.api.errors import install_error_handlers
    from spark_control.api.health import router
    from spark_control.api.middleware.request_metrics import install_request_metrics

    services = {k: FakeService() for k in KINDS}
    for s in services.values():
        await s.start()
    ports = {k: s.port for k, s in services.items()}
    cluster = ClusterConfig(nodes=[NodeConfig(name="spark1", host="127.0.0.1", services=ports)])
    with tempfile.TemporaryDirectory() as d:
        db = Database(Path(d) / "asgi.db")
        monitor = HealthMonitor(db, EventHub(), cluster, telemetry=False)
        await monitor.start()
        api = open_access(FastAPI())
        api.state.controller = SimpleNamespace(health=monitor)
        install_error_handlers(api)
        install_request_metrics(api)
        api.include_router(router)

        @api.get("/floor")
        async def floor() -> dict:
            return {"status": "ok"}

        await asyncio.sleep(1.0)
        out = {}
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=api), base_url="http://bench") as c:
            for key, path in (("floor_empty_route", "/floor"), ("ours", "/health")):
                lat: list[float] = []
                sem = asyncio.Semaphore(200)

                async def one(path: str = path, lat: list[float] = lat, sem: asyncio.Semaphore = sem) -> None:
                    async with sem:
                        t0 = time.perf_counter()
                        r = await c.get(path)
                        assert r.status_code == 200
                        lat.append((time.perf_counter() - t0) * 1000)

                t0 = time.perf_counter()
                await asyncio.gather(*(one() for _ in range(total)))
                wall = time.perf_counter() - t0
                lat.sort()
                out[key] = {
                    "requests": total,
                    "concurrency": 200,
                    "errors": 0,
                    "p50_ms": round(statistics.median(lat), 2),
                    "p99_ms": round(lat[int(0.99 * (len(lat) - 1))], 2),
                    "rps": round(total / wall, 1),
                }
        await monitor.stop()
        db.close()
    for s in services.values():
        await s.stop()
    return out


async def main(args) -> None:
    res = {
        "machine": f"{os.cpu_count()} cores, shared",
        "health_latency": await bench_latency(args.requests),
        "health_asgi": await bench_asgi(args.requests),
        "detection": await bench_detection(args.trials),
    }
    out = ROOT / "benchmarks" / "results" / "health.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(res, indent=2))
    print(table(res))


if __name__ == "__main__":
    p = argparse.ArgumentParser()
    p.add_argument("--trials", type=int, default=10)
    p.add_argument("--requests", type=int, default=2000)
    p.add_argument("--serve", type=int, default=0)
    p.add_argument("--data", default="")
    p.add_argument("--table", action="store_true", help="print the table of the last results and exit")
    a = p.parse_args()
    if a.table:
        print(table(json.loads((ROOT / "benchmarks" / "results" / "health.json").read_text())))
    elif a.serve:
        asyncio.run(serve(a.serve, a.data))
    else:
        asyncio.run(main(a))
