"""LLM proxy overhead, one run: the same simulated vLLM reached directly, through our gateway and
through LiteLLM's proxy, at concurrency 1, 16 and 64 (closed loop, streamed chat requests).

    python benchmarks/llm_proxy.py                  # the full run (3 reps, both placements, ~25 min)
    python benchmarks/llm_proxy.py --quick          # a smoke run: fewer requests, 1 rep
    python benchmarks/llm_proxy.py --skip-litellm --placements pinned --load-cpus 0 --proxy-cpus 1

- Simulated vLLM: ``_llm_proxy/upstream.py`` (aiohttp; 32 one-token SSE chunks 5 ms apart, the
  shape of research/proxy-bench.md). Load generator: ``_llm_proxy/loadgen.py`` (aiohttp).
  Both run in ``.bench-venv/load`` (created here; aiohttp only).
- Ours: the project's FastAPI app (real access control: every request carries an app API key),
  wrapped as ``SparkControlApp`` wraps it (Reflex's top-level app, the LLM fast path outermost),
  under granian (what ``reflex run --env prod`` serves with), one worker, the event loop granian
  picks (uvloop, a project requirement): ``_llm_proxy/gateway_app.py``.
- Floor: ``_llm_proxy/floor_app.py``, a bare ASGI relay (same server, same upstream client, no
  checks at all): what the server and the extra hop cost by themselves.
- LiteLLM: ``litellm[proxy]==1.108.7`` in ``.bench-venv/litellm`` (created here), one worker,
  minimal logging, no DB, every remote fetch switched off (the settings of proxy-bench.md).
- Two placements in one run (``--placements``):
  - **shared**: nothing pinned; load generator, upstream and proxy share every core (this is
    how the earlier tables were measured on the 2-core VM);
  - **pinned**: the load generator and the upstream share ``--load-cpus`` (default: the first
    allowed core) and the proxy under test (ours, the floor, LiteLLM) gets ``--proxy-cpus``
    (default: the next one), the way a Spark gives the controller cores of its own. The direct
    row uses the same placement for load generator and upstream, so the proxy's own core is
    the only difference. Affinity is set with ``sched_setaffinity`` on every thread (each
    ``/proc/<pid>/task/<tid>``) of every process of a party's process tree, so granian's worker
    process and its runtime threads, and uvicorn's, are all pinned; threads started later
    inherit it. Each run checks the placement it applied and records it.
- While one path is measured the other proxies are paused (SIGSTOP): an idle LiteLLM proxy
  keeps background loops busy and would take CPU from whichever path runs.
- Repetitions alternate the order of the placements and of the paths; added TTFT and the throughput ratio are taken
  within each repetition against its own direct run, then the median over repetitions.

Writes benchmarks/results/llm_proxy.json (``--quick``: llm_proxy.quick.json) and prints, per
placement, the markdown table for docs/LLM_API.md and the issue's targets, met or not.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx
import psutil

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # run as a script: benchmarks/ is sys.path[0], not the root
    sys.path.insert(0, str(ROOT))
from benchmarks._common import stop_group  # noqa: E402

PARTS = ROOT / "benchmarks" / "_llm_proxy"
VENVS = ROOT / ".bench-venv"
RESULTS = ROOT / "benchmarks" / "results" / "llm_proxy.json"
QUICK_RESULTS = ROOT / "benchmarks" / "results" / "llm_proxy.quick.json"  # smoke runs never replace the real one
LITELLM_VERSION = "1.108.7"
AIOHTTP_VERSION = "3.14.5"
MASTER_KEY = "sk-bench-static-1234"
LITELLM_ENV = {
    "LITELLM_LOG": "ERROR",
    "LITELLM_TELEMETRY_DISABLED": "true",
    "LITELLM_LOCAL_MODEL_COST_MAP": "True",
    "LITELLM_LOCAL_BLOG_POSTS": "true",
    "LITELLM_LOCAL_ANTHROPIC_BETA_HEADERS": "true",
    "LITELLM_LOCAL_AUTOROUTER_PRESETS": "true",
    "LITELLM_LOCAL_POLICY_TEMPLATES": "true",
    "HF_HUB_OFFLINE": "1",
    # backstop: any remote fetch that slipped through goes to a closed local port
    "LITELLM_MODEL_COST_MAP_URL": "http://127.0.0.1:9/",
    "LITELLM_BLOG_POSTS_URL": "http://127.0.0.1:9/",
    "LITELLM_ANTHROPIC_BETA_HEADERS_URL": "http://127.0.0.1:9/",
    "LITELLM_AUTOROUTER_PRESETS_URL": "http://127.0.0.1:9/",
}
LITELLM_CONFIG = """model_list:
  - model_name: sim-model
    litellm_params: {{model: openai/sim-model, api_base: {upstream}/v1, api_key: none}}
litellm_settings: {{set_verbose: false, json_logs: false, callbacks: [], success_callback: [], failure_callback: [],
                   turn_off_message_logging: true, telemetry: false}}
general_settings: {{master_key: {key}, disable_spend_logs: true, disable_error_logs: true}}
"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def ensure_venv(name: str, requirement: str) -> tuple[Path | None, str]:
    """A venv under .bench-venv/<name> with ``requirement`` installed (pip, the package registry)."""
    venv = VENVS / name
    py = venv / "bin" / "python"
    marker = venv / ".installed"
    if marker.exists() and marker.read_text() == requirement:
        return py, "cached"
    t0 = time.monotonic()
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    r = subprocess.run([str(py), "-m", "pip", "install", "-q", requirement], capture_output=True, text=True)
    if r.returncode != 0:
        return None, f"pip install {requirement} failed: {(r.stderr or r.stdout)[-800:]}"
    marker.write_text(requirement)
    return py, f"installed in {time.monotonic() - t0:.0f} s"


def wait_ready(url: str, proc: subprocess.Popen, headers: dict | None = None, limit_s: float = 90) -> None:
    deadline = time.monotonic() + limit_s
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"{proc.args[:3]} exited with {proc.returncode}")
        try:
            if httpx.get(url, headers=headers, timeout=2, trust_env=False).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.25)
    raise TimeoutError(f"{url} not ready after {limit_s}s")


def start(args: list[str], log: Path, env: dict | None = None) -> subprocess.Popen:
    return subprocess.Popen(
        args,
        cwd=ROOT,
        stdout=log.open("w"),
        stderr=subprocess.STDOUT,
        start_new_session=True,
        env={**os.environ, **(env or {})},
    )


def stop(proc: subprocess.Popen) -> None:
    stop_group(proc)


def granian(target: str, port: int) -> list[str]:
    """The server as ``reflex run --env prod`` runs it: granian, ASGI, one worker, its default loop."""
    return [
        *(sys.executable, "-m", "granian", "--interface", "asgi", "--factory"),
        *("--host", "127.0.0.1", "--port", str(port), "--workers", "1", "--log-level", "warning", target),
    ]


PROXIES = ("floor", "ours", "litellm")


def only(procs: dict[str, subprocess.Popen], running: str | None) -> None:
    """Pause (SIGSTOP) every proxy but the one measured next ("all": resume every one). An idle
    proxy is not idle everywhere: LiteLLM's background loops take CPU the measured path needs."""
    for name in PROXIES:
        proc = procs.get(name)
        if proc is not None and proc.poll() is None:
            os.killpg(proc.pid, signal.SIGCONT if running in (name, "all") else signal.SIGSTOP)


def _tree(pid: int) -> list[psutil.Process]:
    p = psutil.Process(pid)
    return [p, *p.children(recursive=True)]


def _threads(pid: int) -> list[int]:
    """Every thread id of every process in ``pid``'s tree (granian: its main process, the worker
    process and their runtime threads; LiteLLM: uvicorn and its threads)."""
    tids = []
    for q in _tree(pid):
        try:
            tids += [t.id for t in q.threads()]
        except psutil.NoSuchProcess:
            pass
    return tids


def pin(pid: int, cpus: set[int]) -> None:
    """Set the CPU affinity of every thread of ``pid``'s process tree (``taskset -a -p`` for a
    tree). ``sched_setaffinity`` on a thread id moves only that thread, so each one is set;
    threads created later inherit their creator's affinity."""
    for tid in _threads(pid):
        try:
            os.sched_setaffinity(tid, cpus)
        except (ProcessLookupError, PermissionError):
            pass  # a thread that ended meanwhile


def affinity(pid: int) -> set[int]:
    """The union of the affinities of every thread in ``pid``'s tree (what a check compares)."""
    cpus: set[int] = set()
    for tid in _threads(pid):
        try:
            cpus |= os.sched_getaffinity(tid)
        except ProcessLookupError:
            pass
    return cpus


def placements(names: list[str], load_cpus: set[int], proxy_cpus: set[int]) -> dict[str, dict]:
    """``shared``: every party may use every core; ``pinned``: the load generator and the
    upstream on ``load_cpus``, the proxy under test on ``proxy_cpus``."""
    every = os.sched_getaffinity(0)
    table = {"shared": {"load": every, "proxy": every}, "pinned": {"load": load_cpus, "proxy": proxy_cpus}}
    for name in names:
        if name not in table:
            sys.exit(f"unknown placement {name!r}; known: shared, pinned")
    if "pinned" in names:
        if not load_cpus or not proxy_cpus or load_cpus & proxy_cpus:
            sys.exit(f"--load-cpus {sorted(load_cpus)} and --proxy-cpus {sorted(proxy_cpus)} must be disjoint")
        if not (load_cpus | proxy_cpus) <= every:
            sys.exit(f"this process may only use CPUs {sorted(every)}: cannot pin to {sorted(load_cpus | proxy_cpus)}")
    return {name: table[name] for name in names}


def apply_placement(procs: dict[str, subprocess.Popen], place: dict) -> dict:
    """Pin the upstream and this driver to the load cores, every proxy to the proxy cores, and
    check it took on every thread. Returns what was checked (recorded with each run)."""
    for t in psutil.Process().threads():  # this driver only waits, but not on the proxy core
        os.sched_setaffinity(t.id, place["load"])
    checked = {}
    for name, proc in procs.items():
        want = place["load"] if name == "upstream" else place["proxy"]
        pin(proc.pid, want)
        got = affinity(proc.pid)
        if got != want:
            raise RuntimeError(f"{name}: wanted CPUs {sorted(want)}, its threads have {sorted(got)}")
        checked[name] = {"cpus": sorted(got), "threads": len(_threads(proc.pid))}
    return checked


def parse_cpus(text: str) -> set[int]:
    """``0``, ``0,2`` or ``2-3`` (taskset's list syntax)."""
    cpus: set[int] = set()
    for part in text.split(","):
        lo, _, hi = part.strip().partition("-")
        cpus |= set(range(int(lo), int(hi or lo) + 1))
    return cpus


def cpu_seconds(proc: subprocess.Popen | None) -> float:
    if proc is None:
        return 0.0
    p = psutil.Process(proc.pid)
    total = 0.0
    for q in [p, *p.children(recursive=True)]:
        try:
            t = q.cpu_times()
            total += t.user + t.system
        except psutil.NoSuchProcess:
            pass
    return total


def pct(xs: list[float], q: float) -> float:
    xs = sorted(xs)
    return xs[min(len(xs) - 1, max(0, round(q * (len(xs) - 1))))]


def run_load(load_py: Path, url: str, c: int, n: int, warmup: int, key: str | None, proc, cpus: set[int]) -> dict:
    cmd = [str(load_py), str(PARTS / "loadgen.py"), url, str(c), str(n), str(warmup)] + ([key] if key else [])
    cpu0 = cpu_seconds(proc)
    out = subprocess.run(
        cmd, capture_output=True, text=True, check=True, preexec_fn=lambda: os.sched_setaffinity(0, cpus)
    ).stdout
    cpu = cpu_seconds(proc) - cpu0
    d = json.loads(out.strip().splitlines()[-1])
    if set(d["cpus"]) != cpus:
        raise RuntimeError(f"the load generator ran on CPUs {d['cpus']}, not {sorted(cpus)}")
    return {
        "c": c,
        "n": n,
        "req_s": d["req_s"],
        "errors": d["errors"],
        "first_errors": d["first_errors"],
        "loadgen_cpus": d["cpus"],
        "tokens": d["tokens"],
        "ttft_p50": 1000 * statistics.median(d["ttft"]) if d["ttft"] else None,
        "ttft_p99": 1000 * pct(d["ttft"], 0.99) if d["ttft"] else None,
        "total_p50": 1000 * statistics.median(d["total"]) if d["total"] else None,
        "proxy_cpu_ms_per_req": 1000 * cpu / (n + warmup) if proc is not None else None,
    }


def main() -> None:
    ap = argparse.ArgumentParser()
    allowed = sorted(os.sched_getaffinity(0))
    ap.add_argument("--reps", type=int, default=None, help="repetitions (default 3; 1 with --quick)")
    ap.add_argument("--quick", action="store_true", help="fewer requests per run and 1 rep (a smoke run)")
    ap.add_argument("--skip-litellm", action="store_true")
    ap.add_argument("--placements", default="shared,pinned", help="comma-separated: shared, pinned")
    ap.add_argument("--load-cpus", default=str(allowed[0]), help="load generator + upstream (pinned placement)")
    ap.add_argument(
        "--proxy-cpus", default=str(allowed[1] if len(allowed) > 1 else allowed[0]), help="the proxy under test"
    )
    args = ap.parse_args()
    reps = args.reps if args.reps is not None else (1 if args.quick else 3)
    places = placements(args.placements.split(","), parse_cpus(args.load_cpus), parse_cpus(args.proxy_cpus))
    levels = [(1, 200, 10), (16, 480, 32), (64, 960, 128)]
    if args.quick:
        levels = [(1, 30, 5), (16, 160, 16), (64, 320, 64)]

    load_py, load_note = ensure_venv("load", f"aiohttp=={AIOHTTP_VERSION}")
    if load_py is None:
        sys.exit(load_note)
    litellm_py, litellm_note = (
        (None, "skipped (--skip-litellm)")
        if args.skip_litellm
        else ensure_venv("litellm", f"litellm[proxy]=={LITELLM_VERSION}")
    )
    print(f"load venv: {load_note}; litellm venv: {litellm_note}", flush=True)

    logs = Path(tempfile.mkdtemp(prefix="llm-proxy-bench-"))
    up_port, ours_port, lite_port, floor_port = free_port(), free_port(), free_port(), free_port()
    upstream_url = f"http://127.0.0.1:{up_port}"
    key_file = logs / "ours.key"
    procs: dict[str, subprocess.Popen] = {}
    try:
        procs["upstream"] = start([str(load_py), str(PARTS / "upstream.py"), str(up_port)], logs / "upstream.log")
        wait_ready(upstream_url + "/v1/models", procs["upstream"])
        env = {"BENCH_UPSTREAM": upstream_url, "PYTHONPATH": str(ROOT), "BENCH_KEY_FILE": str(key_file)}
        procs["ours"] = start(granian("benchmarks._llm_proxy.gateway_app:build", ours_port), logs / "ours.log", env)
        procs["floor"] = start(granian("benchmarks._llm_proxy.floor_app:build", floor_port), logs / "floor.log", env)
        wait_ready(f"http://127.0.0.1:{floor_port}/v1/models", procs["floor"])
        deadline = time.monotonic() + 90
        while not key_file.exists() or not key_file.read_text():
            if time.monotonic() > deadline or procs["ours"].poll() is not None:
                raise RuntimeError(f"our gateway did not start; see {logs / 'ours.log'}")
            time.sleep(0.2)
        ours_key = key_file.read_text()
        wait_ready(f"http://127.0.0.1:{ours_port}/v1/models", procs["ours"], {"authorization": f"Bearer {ours_key}"})
        paths = {
            "direct": (upstream_url, None, None),
            "floor": (f"http://127.0.0.1:{floor_port}", None, "floor"),
            "ours": (f"http://127.0.0.1:{ours_port}", ours_key, "ours"),
        }
        if litellm_py is not None:
            cfg = logs / "litellm_config.yaml"
            cfg.write_text(LITELLM_CONFIG.format(upstream=upstream_url, key=MASTER_KEY))
            t0 = time.monotonic()
            procs["litellm"] = start(
                [
                    str(litellm_py.parent / "litellm"),
                    "--config",
                    str(cfg),
                    "--host",
                    "127.0.0.1",
                    "--port",
                    str(lite_port),
                    "--num_workers",
                    "1",
                ],
                logs / "litellm.log",
                LITELLM_ENV,
            )
            try:
                wait_ready(
                    f"http://127.0.0.1:{lite_port}/v1/models",
                    procs["litellm"],
                    {"authorization": f"Bearer {MASTER_KEY}"},
                    limit_s=180,
                )
                print(f"litellm ready in {time.monotonic() - t0:.1f} s", flush=True)
                paths["litellm"] = (f"http://127.0.0.1:{lite_port}", MASTER_KEY, "litellm")
            except (RuntimeError, TimeoutError) as e:
                litellm_note = f"LiteLLM did not start: {e}; see {logs / 'litellm.log'}"
                print(litellm_note, flush=True)

        runs: list[dict] = []
        checked: dict[str, dict] = {}
        for rep in range(reps):
            flip = rep % 2 == 1
            for pl in reversed(places) if flip else list(places):
                checked[pl] = apply_placement(procs, places[pl])
                order = list(reversed(paths)) if flip else list(paths)
                for c, n, warmup in levels:
                    for name in order:
                        url, key, pname = paths[name]
                        only(procs, pname)
                        proc = procs.get(pname) if pname else None
                        r = run_load(load_py, url, c, n, warmup, key, proc, places[pl]["load"])
                        r.update(path=name, rep=rep, placement=pl)
                        runs.append(r)
                        print(
                            f"rep {rep} {pl:6} c={c:<3} {name:8} ttft p50 {r['ttft_p50']:8.2f} ms"
                            f"  p99 {r['ttft_p99']:8.2f} ms  {r['req_s']:7.1f} req/s  errors {r['errors']}",
                            flush=True,
                        )
    finally:
        only(procs, "all")
        for p in procs.values():
            stop(p)

    proxies = [p for p in paths if p != "direct"]
    tables = {pl: summarize([r for r in runs if r["placement"] == pl], proxies, levels) for pl in places}
    result = {
        "machine": {"cpus": os.cpu_count(), "python": platform.python_version(), "loadavg_at_end": os.getloadavg()},
        "placements": {
            pl: {"load_cpus": sorted(v["load"]), "proxy_cpus": sorted(v["proxy"]), "checked": checked.get(pl)}
            for pl, v in places.items()
        },
        "setup": {
            "upstream": "32 SSE chunks x 5 ms (aiohttp)",
            "ours": "create_api() + rx.App-style wrapping + LLM fast path, app key checked, granian (uvloop)",
            "floor": "bare ASGI relay, same server and upstream client, no checks",
            "litellm": litellm_note if "litellm" not in paths else f"litellm[proxy]=={LITELLM_VERSION}",
            "reps": reps,
            "quick": args.quick,
            "levels": levels,
        },
        "summary": tables,
        "targets": {pl: targets(rows) for pl, rows in tables.items()},
        "runs": runs,
    }
    out = QUICK_RESULTS if args.quick else RESULTS
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(result, indent=2))
    for pl, rows in tables.items():
        cpus = result["placements"][pl]
        print(f"\n### {pl}: load generator + upstream on CPUs {cpus['load_cpus']}, proxy on {cpus['proxy_cpus']}\n")
        print(markdown(rows))
        print()
        for line in result["targets"][pl]:
            print(f"- {line}")
    print(f"\nwritten: {out.relative_to(ROOT)}")


def summarize(runs: list[dict], proxies: list[str], levels) -> list[dict]:
    rows = []
    for c, _, _ in levels:
        direct = {r["rep"]: r for r in runs if r["path"] == "direct" and r["c"] == c}
        floor = {r["rep"]: r for r in runs if r["path"] == "floor" and r["c"] == c}
        for name in ["direct", *proxies]:
            mine = [r for r in runs if r["path"] == name and r["c"] == c]
            if not mine:
                continue
            row = {
                "c": c,
                "path": name,
                "ttft_p50": statistics.median(r["ttft_p50"] for r in mine),
                "ttft_p99": statistics.median(r["ttft_p99"] for r in mine),
                "req_s": statistics.median(r["req_s"] for r in mine),
                "errors": sum(r["errors"] for r in mine),
            }
            if name == "ours" and floor:
                row["vs_floor"] = statistics.median(r["req_s"] / floor[r["rep"]]["req_s"] for r in mine)
                row["vs_floor_per_rep"] = [round(r["req_s"] / floor[r["rep"]]["req_s"], 3) for r in mine]
            if name != "direct":
                row["throughput_ratio_per_rep"] = [round(r["req_s"] / direct[r["rep"]]["req_s"], 3) for r in mine]
                row["added_ttft_p50_per_rep"] = [round(r["ttft_p50"] - direct[r["rep"]]["ttft_p50"], 2) for r in mine]
                row["added_ttft_p50"] = statistics.median(r["ttft_p50"] - direct[r["rep"]]["ttft_p50"] for r in mine)
                row["added_ttft_p99"] = statistics.median(r["ttft_p99"] - direct[r["rep"]]["ttft_p99"] for r in mine)
                row["throughput_ratio"] = statistics.median(r["req_s"] / direct[r["rep"]]["req_s"] for r in mine)
                row["proxy_cpu_ms_per_req"] = statistics.median(r["proxy_cpu_ms_per_req"] for r in mine)
            rows.append(row)
    return rows


def targets(rows: list[dict]) -> list[str]:
    """The issue's targets for our gateway, each with its figures: >= 0.95x direct and within 3 %
    of the floor at c=64; added TTFT p50 < 1 ms at c=1."""
    out = []
    ours = {r["c"]: r for r in rows if r["path"] == "ours"}
    if 64 in ours:
        r = ours[64]
        ok = r["throughput_ratio"] >= 0.95
        out.append(
            f"c=64 throughput: {r['throughput_ratio']:.3f}x direct (per rep {r['throughput_ratio_per_rep']}); "
            f"target >= 0.95x: {'met' if ok else 'NOT met'}"
        )
        if "vs_floor" in r:
            ok = r["vs_floor"] >= 0.97
            out.append(
                f"c=64 vs the floor: {r['vs_floor']:.3f}x (per rep {r['vs_floor_per_rep']}); "
                f"target within 3 %: {'met' if ok else 'NOT met'}"
            )
    if 1 in ours:
        r = ours[1]
        ok = r["added_ttft_p50"] < 1.0
        out.append(
            f"c=1 added TTFT p50: {r['added_ttft_p50']:+.2f} ms (per rep {r['added_ttft_p50_per_rep']}); "
            f"target < 1 ms: {'met' if ok else 'NOT met'}"
        )
    return out


def markdown(rows: list[dict]) -> str:
    out = [
        "| c | path | TTFT p50 ms | TTFT p99 ms | added TTFT p50 ms | added TTFT p99 ms | req/s | "
        "throughput vs direct | proxy CPU ms/req | errors |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    for r in rows:
        proxy = r["path"] != "direct"
        out.append(
            f"| {r['c']} | {r['path']} | {r['ttft_p50']:.2f} | {r['ttft_p99']:.2f} | "
            + (f"{r['added_ttft_p50']:+.2f} | {r['added_ttft_p99']:+.2f} | " if proxy else "– | – | ")
            + f"{r['req_s']:.1f} | "
            + (f"{r['throughput_ratio']:.2f}x | " if proxy else "1.00x | ")
            + (f"{r['proxy_cpu_ms_per_req']:.1f} | " if proxy else "– | ")
            + f"{r['errors']} |"
        )
    return "\n".join(out)


if __name__ == "__main__":
    main()
