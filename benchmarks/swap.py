"""Controller overhead of a model swap, against the simulated cluster.

overhead = swap wall time - simulated model load time (the model's load_time_s / sim speed),
over N swaps alternating between two models. Baseline in the same run: a bare sequence over the
same pooled SSH connection (stop, launch, poll /health) with no preflight, memory settle,
log following, verification, persistence or events -- what the safety machinery costs.

    python benchmarks/swap.py [--swaps 10] [--speed 20]

Writes benchmarks/results/swap.json and prints a markdown table.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import httpx  # noqa: E402

from spark_control.audit import AuditLog  # noqa: E402
from spark_control.catalog import load_catalog  # noqa: E402
from spark_control.cluster import commands  # noqa: E402
from spark_control.cluster.keys import ControllerKey  # noqa: E402
from spark_control.cluster.service import ClusterServices  # noqa: E402
from spark_control.events import EventHub  # noqa: E402
from spark_control.settings import load_settings  # noqa: E402
from spark_control.sim.cluster import SimCluster  # noqa: E402
from spark_control.sim.host import MEMORY_RELEASE_S  # noqa: E402
from spark_control.store import Database  # noqa: E402

MODELS = ("llama-3.1-8b-instruct", "gpt-oss-20b")


async def bare_swap(svc: ClusterServices, spec, poll_s: float) -> float:
    """The baseline: stop, launch, poll /health. Returns wall seconds."""
    t0 = time.monotonic()
    head = "spark1"
    await svc.manager.run(head, commands.stop_command(svc.swaps.templates), timeout=60)
    port = svc.manager.node(head).services["vllm"]
    await svc.manager.run(
        head, commands.launch_command(svc.swaps.templates, spec, port=port, node_hosts=[]), timeout=60
    )
    url = svc.manager.cluster.url_for("vllm") + "/health"
    async with httpx.AsyncClient(trust_env=False, timeout=5) as http:
        while True:
            try:
                if (await http.get(url)).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            await asyncio.sleep(poll_s)
    return time.monotonic() - t0


async def main(n: int, speed: float) -> dict:
    tmp = Path(tempfile.mkdtemp(prefix="bench-swap-"))
    catalog = load_catalog(ROOT / "models.yaml")
    settings = load_settings(data_dir=tmp, demo=True)
    key = ControllerKey.load_or_create(settings.ssh_key_path)
    sim = SimCluster(tmp / "sim", catalog, key.public_line, speed=speed, default_model=MODELS[0])
    await sim.start()
    db = Database(tmp / "c.db")
    svc = ClusterServices.build(
        settings=settings,
        catalog=catalog,
        db=db,
        events=EventHub(),
        audit=AuditLog(db),
        cluster=sim.cluster_config,
        demo=True,
        time_scale=speed,
    )
    for line in sim.known_hosts_lines():
        svc.manager.pin_known_hosts_line(line)
    await svc.start()
    poll_s = svc.swaps.tuning.poll_s
    stop_s = 10.0  # launch-cluster.sh stop: the container's simulated stop time
    rows = []
    try:
        for i in range(n):
            spec = catalog.get(MODELS[(i + 1) % 2])
            t0 = time.monotonic()
            job = await svc.swaps.wait_job(svc.swaps.request(spec.name, confirm=True)["job_id"], timeout=600)
            wall = time.monotonic() - t0
            if job.state != "done":
                raise SystemExit(f"swap {i} ended {job.state}: {job.error}")
            load = spec.load_time_s / speed
            phases = {p.name: p.duration_s for p in job.phases}
            rows.append(
                {
                    "model": spec.name,
                    "wall_s": wall,
                    "sim_load_s": load,
                    "overhead_s": wall - load,
                    "overhead_excl_sim_stop_drain_s": wall - load - (stop_s + MEMORY_RELEASE_S) / speed,
                    "phases": phases,
                }
            )
        base = []
        for i in range(n):
            spec = catalog.get(MODELS[(i + 1) % 2])
            wall = await bare_swap(svc, spec, poll_s)
            base.append({"model": spec.name, "wall_s": wall, "overhead_s": wall - spec.load_time_s / speed})
    finally:
        await svc.stop()
        await sim.stop()
        db.close()

    def med(xs):
        return round(statistics.median(xs), 3)

    result = {
        "swaps": n,
        "sim_speed": speed,
        "poll_s": poll_s,
        "controller": {
            "median_overhead_s": med([r["overhead_s"] for r in rows]),
            "p90_overhead_s": round(sorted(r["overhead_s"] for r in rows)[int(0.9 * (n - 1))], 3),
            "median_overhead_excl_sim_stop_drain_s": med([r["overhead_excl_sim_stop_drain_s"] for r in rows]),
            "median_wall_s": med([r["wall_s"] for r in rows]),
            "median_phase_s": {k: med([r["phases"][k] for r in rows]) for k in rows[0]["phases"]},
        },
        "baseline_bare_sequence": {
            "median_overhead_s": med([b["overhead_s"] for b in base]),
            "median_wall_s": med([b["wall_s"] for b in base]),
        },
        "runs": rows,
        "baseline_runs": base,
    }
    out = ROOT / "benchmarks" / "results" / "swap.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(result, indent=2))
    c, b = result["controller"], result["baseline_bare_sequence"]
    print(f"\n{n} swaps, sim speed {speed}x, poll {poll_s:.2f}s (results: {out.relative_to(ROOT)})\n")
    print("| | median wall s | median overhead s (wall - sim load) |")
    print("|---|---|---|")
    print(f"| Spark Control swap job | {c['median_wall_s']} | {c['median_overhead_s']} (p90 {c['p90_overhead_s']}) |")
    print(f"| bare stop/launch/poll baseline | {b['median_wall_s']} | {b['median_overhead_s']} |")
    print(
        f"\nController overhead without the simulated stop ({stop_s:g} s) and memory drain "
        f"({MEMORY_RELEASE_S:g} s) at {speed:g}x: median {c['median_overhead_excl_sim_stop_drain_s']} s"
    )
    print("Median phase durations (s): " + ", ".join(f"{k} {v}" for k, v in c["median_phase_s"].items()))
    return result


if __name__ == "__main__":
    ap = argparse.ArgumentParser()
    ap.add_argument("--swaps", type=int, default=10)
    ap.add_argument("--speed", type=float, default=20.0)
    a = ap.parse_args()
    asyncio.run(main(a.swaps, a.speed))
