"""Idle memory of the whole app, measured the way it is deployed.

Starts the app as ``scripts/run`` does (``reflex run --env prod``: the reflex parent and its
granian worker) and measures the controller's process tree once it is idle:

- ``separate`` (default): the simulated cluster runs as its own process (``python -m
  spark_control.sim``) and the controller is pointed at it through ``CLUSTER_FILE``,
  ``SSH_KEY_PATH`` and ``SSH_KNOWN_HOSTS`` with ``DEMO=false``, exactly as at real Sparks. Only
  the controller's processes are counted.
- ``demo``: no cluster configured, so the simulator runs inside the controller (demo mode).

Idle means: ``/health`` answered 200, one page was loaded (in Chromium when it is installed, so a
websocket and one client's state exist; else a plain GET), one ``/health`` and one ``/v1/models``
call went through, then ``--idle`` seconds (default 60) of nothing. Then RSS, USS and PSS
(psutil ``memory_full_info``) of every process in the tree are summed. RSS double-counts pages
shared between the parent and the worker; PSS splits them fairly, USS counts only private pages.

    python benchmarks/idle_memory.py                 # both modes, 60 s idle each
    python benchmarks/idle_memory.py --modes separate --idle 20 --no-browser

Writes benchmarks/results/idle_memory.json and prints a markdown table. Also lists which heavy
native libraries (numpy, qdrant_edge, ...) each process has mapped: what is loaded, not just how
much."""

from __future__ import annotations

import argparse
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx
import psutil

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # run as a script: benchmarks/ is sys.path[0], not the root
    sys.path.insert(0, str(ROOT))
from benchmarks._common import stop_group  # noqa: E402

RESULTS = ROOT / "benchmarks" / "results" / "idle_memory.json"
OPERATOR_PASSWORD = "idle-memory-bench-operator-pw"
# Native libraries whose presence in a process's memory map means the heavy package was imported.
HEAVY_LIBS = {
    "numpy": "numpy/",
    "scipy": "scipy/",
    "soundfile": "_soundfile_data/",
    "qdrant_edge": "qdrant_edge/",
    "onnxruntime": "onnxruntime/",
    "tokenizers": "tokenizers/",
    "ctranslate2": "ctranslate2",
    "pandas": "pandas/",
    "PIL": "PIL/",
    "yaml (C)": "yaml/_yaml",
}


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_http(url: str, proc: subprocess.Popen, timeout: float, headers: dict | None = None) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"app exited with {proc.returncode} before {url} answered")
        try:
            if httpx.get(url, timeout=3, headers=headers).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.5)
    raise TimeoutError(f"{url} did not answer 200 within {timeout}s")


def _stop(proc: subprocess.Popen) -> None:
    stop_group(proc, grace_s=30)


def start_sim(work: Path) -> tuple[subprocess.Popen, dict[str, str]]:
    """``python -m spark_control.sim`` in its own process; returns it and the env that points the
    controller at it (what its start banner says to export)."""
    data = work / "sim"
    data.mkdir()
    log = open(work / "sim.log", "w")  # noqa: SIM115 - lives as long as the process
    proc = subprocess.Popen(
        [sys.executable, "-m", "spark_control.sim", "--data-dir", str(data)],
        cwd=ROOT,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    deadline = time.monotonic() + 120
    while not (data / "known_hosts").is_file():
        if proc.poll() is not None or time.monotonic() > deadline:
            _stop(proc)
            raise RuntimeError("the simulator did not start:\n" + (work / "sim.log").read_text()[-3000:])
        time.sleep(0.3)
    time.sleep(0.5)  # known_hosts is written after cluster.yaml; let the banner finish
    env = {
        "CLUSTER_FILE": str(data / "cluster.yaml"),
        "SSH_KEY_PATH": str(data / "client_ed25519"),
        "SSH_KNOWN_HOSTS": str(data / "known_hosts"),
        "DEMO": "false",
    }
    return proc, env


def start_app(work: Path, port: int, extra_env: dict[str, str]) -> subprocess.Popen:
    """The app as ``scripts/run`` starts it (reflex run --env prod, one port)."""
    env = dict(
        os.environ,
        DATA_DIR=str(work / "app-data"),
        BIND_PORT=str(port),
        OPERATOR_PASSWORD=OPERATOR_PASSWORD,
        REFLEX_TELEMETRY_ENABLED="false",
        REFLEX_CHECK_LATEST_VERSION="false",
    )
    for var in ("SPARK1_HOST", "SPARK2_HOST", "CLUSTER_FILE", "DEMO", "SSH_KEY_PATH", "SSH_KNOWN_HOSTS"):
        env.pop(var, None)
    env.update(extra_env)
    log = open(work / "app.log", "w")  # noqa: SIM115 - lives as long as the process
    cmd = [sys.executable, "-m", "reflex", "run", "--env", "prod"]
    cmd += ["--frontend-port", str(port), "--backend-port", str(port), "--backend-host", "127.0.0.1"]
    return subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)


def load_page(url: str, use_browser: bool) -> str:
    """One real page load: Chromium signs in and opens the Overview (websocket + client state)."""
    chromium = shutil.which("chromium") or "/usr/bin/chromium"
    if use_browser and Path(chromium).exists():
        from playwright.sync_api import sync_playwright

        args = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"]
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=chromium, args=args)
            page = browser.new_page()
            page.goto(url + "/login?next=/")
            page.locator("#login-password").fill(OPERATOR_PASSWORD, timeout=60_000)
            page.locator("#login-submit").click()
            page.wait_for_url(lambda u: "/login" not in u, timeout=60_000)
            page.wait_for_timeout(3000)  # a few pushes from the controller
            browser.close()
        return "chromium: sign in + overview"
    httpx.get(url + "/", timeout=30).raise_for_status()
    return "GET /"


def heavy_libs(pid: int) -> list[str]:
    try:
        maps = Path(f"/proc/{pid}/maps").read_text()
    except OSError:
        return []
    return sorted(name for name, needle in HEAVY_LIBS.items() if needle in maps)


def measure_tree(root_pid: int) -> dict:
    root = psutil.Process(root_pid)
    procs = [root, *root.children(recursive=True)]
    rows = []
    for p in procs:
        try:
            m = p.memory_full_info()
            cmd = " ".join(p.cmdline())
        except psutil.Error:
            continue
        rows.append(
            {
                "pid": p.pid,
                "cmd": cmd[:160],
                "rss_mb": round(m.rss / 2**20, 1),
                "uss_mb": round(m.uss / 2**20, 1),
                "pss_mb": round(m.pss / 2**20, 1),
                "threads": p.num_threads(),
                "heavy_libs": heavy_libs(p.pid),
            }
        )
    total = {k: round(sum(r[k] for r in rows), 1) for k in ("rss_mb", "uss_mb", "pss_mb")}
    return {"processes": rows, "total": total}


def run_mode(mode: str, idle_s: float, use_browser: bool) -> dict:
    work = Path(tempfile.mkdtemp(prefix=f"idle-memory-{mode}-"))
    sim = None
    extra_env: dict[str, str] = {}
    if mode == "separate":
        sim, extra_env = start_sim(work)
    port = _free_port()
    app = start_app(work, port, extra_env)
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_http(url + "/ping", app, timeout=600)
        _wait_http(url + "/health", app, timeout=180)
        page = load_page(url, use_browser)
        login = httpx.post(url + "/api/auth/login", json={"password": OPERATOR_PASSWORD}, timeout=30)
        login.raise_for_status()
        auth = {"Authorization": f"Bearer {login.json()['token']}"}
        _wait_http(url + "/v1/models", app, timeout=60, headers=auth)
        time.sleep(idle_s)
        result = measure_tree(app.pid)
        if sim is not None:
            result["simulator_process"] = measure_tree(sim.pid)["total"]
        result.update(mode=mode, idle_s=idle_s, page_load=page)
        return result
    except Exception:
        print((work / "app.log").read_text()[-5000:], file=sys.stderr)
        raise
    finally:
        _stop(app)
        if sim is not None:
            _stop(sim)
        shutil.rmtree(work, ignore_errors=True)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--modes", default="separate,demo", help="comma-separated: separate, demo")
    ap.add_argument("--idle", type=float, default=60.0, help="seconds of idle before measuring")
    ap.add_argument("--no-browser", action="store_true", help="load the page with a plain GET")
    args = ap.parse_args()
    results = []
    for mode in args.modes.split(","):
        r = run_mode(mode.strip(), args.idle, not args.no_browser)
        results.append(r)
        print(f"\n## {r['mode']} (idle {r['idle_s']:g} s after {r['page_load']})\n")
        print("| process | RSS MB | USS MB | PSS MB | threads | heavy libraries mapped |")
        print("| --- | ---: | ---: | ---: | ---: | --- |")
        for p in r["processes"]:
            cmd = p["cmd"].split(" ", 3)
            name = (
                "granian worker" if "granian" in p["cmd"] or p["pid"] != r["processes"][0]["pid"] else "reflex parent"
            )
            libs = ", ".join(p["heavy_libs"]) or "-"
            print(
                f"| {name} ({cmd[0].rsplit('/', 1)[-1]}) | {p['rss_mb']} | {p['uss_mb']} | {p['pss_mb']} | {p['threads']} | {libs} |"
            )
        t = r["total"]
        print(f"| **controller total** | **{t['rss_mb']}** | **{t['uss_mb']}** | **{t['pss_mb']}** | | |")
        if "simulator_process" in r:
            s = r["simulator_process"]
            print(f"| (simulator, separate process, not counted) | {s['rss_mb']} | {s['uss_mb']} | {s['pss_mb']} | | |")
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(
        json.dumps({"measured_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()), "runs": results}, indent=2)
    )
    print(f"\nwrote {RESULTS.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
