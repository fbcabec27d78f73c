"""GPU / memory / disk telemetry per node (over SSH) and vLLM serving metrics (its /metrics),
sampled every few seconds, stored in SQLite: raw samples for an hour, then 1-minute averages
(min/max kept) for 48 h.

On GB10 nvidia-smi reports memory as ``[N/A]``: memory comes from ``/proc/meminfo``
(MemTotal - MemAvailable), the truth on unified memory."""

from __future__ import annotations

import asyncio
import logging
import math
import re
from collections.abc import Callable

import httpx

from spark_control.clock import SYSTEM_CLOCK, Clock
from spark_control.cluster import commands
from spark_control.cluster.commands import RemoteCommand
from spark_control.cluster.stats import GIB, parse_df, parse_meminfo, parse_nvidia_smi
from spark_control.events import EventHub
from spark_control.health.model import HealthConfig
from spark_control.settings import ClusterConfig
from spark_control.store import Database

log = logging.getLogger(__name__)

SCHEMA = """
CREATE TABLE IF NOT EXISTS telemetry_raw (
    ts REAL NOT NULL, source TEXT NOT NULL, metric TEXT NOT NULL, value REAL NOT NULL
);
CREATE INDEX IF NOT EXISTS telemetry_raw_ts ON telemetry_raw(ts);
CREATE INDEX IF NOT EXISTS telemetry_raw_metric ON telemetry_raw(metric, ts);
CREATE TABLE IF NOT EXISTS telemetry_minute (
    ts REAL NOT NULL, source TEXT NOT NULL, metric TEXT NOT NULL,
    avg REAL NOT NULL, min REAL NOT NULL, max REAL NOT NULL, n INTEGER NOT NULL,
    PRIMARY KEY (ts, source, metric)
);
"""

# What the UI charts and Prometheus export, with units.
METRICS = {
    "gpu_util_pct": "GPU utilization (%)",
    "gpu_temp_c": "GPU temperature (°C)",
    "gpu_power_w": "GPU power (W)",
    "gpu_clock_sm_mhz": "SM clock (MHz)",
    "gpu_clock_mem_mhz": "Memory clock (MHz)",
    "mem_used_gib": "Memory used (GiB)",
    "mem_total_gib": "Memory total (GiB)",
    "mem_used_pct": "Memory used (%)",
    "disk_used_pct": "Disk used (%)",
    "vllm_requests_running": "vLLM requests running",
    "vllm_requests_waiting": "vLLM requests waiting",
    "vllm_kv_cache_pct": "vLLM KV-cache usage (%)",
    "vllm_tokens_per_s": "vLLM generated tokens/s",
}


def clocks_command() -> RemoteCommand:
    return RemoteCommand(("nvidia-smi", "--query-gpu=clocks.sm,clocks.mem", "--format=csv,noheader,nounits"))


def parse_clocks(text: str) -> tuple[float | None, float | None]:
    """``clocks.sm, clocks.mem`` (first GPU). ``[N/A]`` -> None."""
    for line in text.splitlines():
        fields = [f.strip() for f in line.split(",")]
        if len(fields) == 2 and fields[0] != "clocks.sm":
            return _num(fields[0]), _num(fields[1])
    return None, None


def _num(raw: str) -> float | None:
    m = re.match(r"^(-?\d+(?:\.\d+)?)", raw.strip())
    return float(m.group(1)) if m else None


_SAMPLE_RE = re.compile(r"^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{[^}]*\})?\s+(\S+)")


def parse_prometheus(text: str) -> dict[str, list[float]]:
    """Prometheus text exposition -> {metric name: [value per label set]} (comments skipped)."""
    out: dict[str, list[float]] = {}
    for line in text.splitlines():
        if not line or line.startswith("#"):
            continue
        m = _SAMPLE_RE.match(line)
        if not m:
            continue
        try:
            v = float(m.group(3))
        except ValueError:
            continue
        if math.isnan(v):
            continue
        out.setdefault(m.group(1), []).append(v)
    return out


def vllm_gauges(metrics: dict[str, list[float]]) -> dict[str, float]:
    """running / waiting / KV-cache % / generation-token counter from vLLM's /metrics. KV cache:
    ``vllm:kv_cache_usage_perc`` (0-1), falling back to the deprecated ``vllm:gpu_cache_usage_perc``."""
    out: dict[str, float] = {}
    if "vllm:num_requests_running" in metrics:
        out["vllm_requests_running"] = sum(metrics["vllm:num_requests_running"])
    if "vllm:num_requests_waiting" in metrics:
        out["vllm_requests_waiting"] = sum(metrics["vllm:num_requests_waiting"])
    kv = metrics.get("vllm:kv_cache_usage_perc") or metrics.get("vllm:gpu_cache_usage_perc")
    if kv:
        out["vllm_kv_cache_pct"] = 100.0 * max(kv)
    gen = metrics.get("vllm:generation_tokens_total") or metrics.get("vllm:generation_tokens")
    if gen:
        out["_generation_tokens_total"] = sum(gen)
    return out


def token_rate(prev: tuple[float, float] | None, now: tuple[float, float]) -> float | None:
    """Tokens/s between two (time, counter) readings; None on the first reading or a counter reset."""
    if prev is None:
        return None
    dt = now[0] - prev[0]
    dv = now[1] - prev[1]
    if dt <= 0 or dv < 0:
        return None
    return dv / dt


def _gpu_mem_disk(
    gpu: tuple[float | None, float | None, float | None] | None,
    mem: tuple[int, int] | None,
    disk: tuple[int, int] | None,
) -> dict[str, float]:
    """Telemetry's node metrics from (util, temp, power), (total, available) memory bytes and
    (used, available) disk bytes; each part may be missing."""
    out: dict[str, float] = {}
    if gpu is not None:
        for k, v in zip(("gpu_util_pct", "gpu_temp_c", "gpu_power_w"), gpu, strict=True):
            if v is not None:
                out[k] = v
    if mem is not None:
        total, available = mem
        used_gib, total_gib = (total - available) / GIB, total / GIB
        out["mem_used_gib"] = round(used_gib, 3)
        out["mem_total_gib"] = round(total_gib, 3)
        out["mem_used_pct"] = round(100.0 * used_gib / total_gib, 2) if total else 0.0
    if disk is not None:
        used, available = disk
        out["disk_used_pct"] = round(100.0 * used / (used + available or 1), 2)
    return out


def parsed_readings(smi: str | None, mem: str | None, df: str | None) -> dict[str, float]:
    """From the raw outputs of nvidia-smi, /proc/meminfo and df (any may be None: left out)."""
    gpu = memory = disk = None
    if smi:
        try:
            gpus = parse_nvidia_smi(smi)
        except ValueError:
            gpus = []
        if gpus:
            gpu = (gpus[0].utilization_pct, gpus[0].temperature_c, gpus[0].power_w)
    if mem:
        try:
            mi = parse_meminfo(mem)
            memory = (mi.total_bytes, mi.available_bytes)
        except ValueError:
            pass
    if df:
        disks = parse_df(df)
        if disks and disks[0].total_bytes:
            disk = (disks[0].used_bytes, disks[0].available_bytes)
    return _gpu_mem_disk(gpu, memory, disk)


def readings_of(sample) -> dict[str, float]:
    """From the overview's ``NodeSample`` (already parsed)."""
    gpu = (sample.gpu_util, sample.gpu_temp, sample.gpu_power)
    return _gpu_mem_disk(
        gpu if any(v is not None for v in gpu) else None,
        (sample.mem_total, sample.mem_available) if sample.mem_total else None,
        (sample.disk_used, sample.disk_available) if sample.disk_total else None,
    )


class TelemetryCollector:
    def __init__(
        self,
        db: Database,
        events: EventHub,
        cluster: Callable[[], ClusterConfig],
        *,
        runner=None,
        config: HealthConfig | None = None,
        clock: Clock = SYSTEM_CLOCK,
    ) -> None:
        self.db = db
        self.clock = clock
        self.events = events
        self._cluster = cluster
        self.runner = runner
        self.cfg = config or HealthConfig()
        db.migrate(SCHEMA)
        self.latest: dict[str, dict[str, float]] = {}
        self.latest_at: dict[str, float] = {}
        self._gen_prev: tuple[float, float] | None = None
        self._client: httpx.AsyncClient | None = None
        self._task: asyncio.Task | None = None
        self._last_downsample = 0.0
        # ``readings(node, max_age_s)`` -> a recent overview ``NodeSample`` or None: when set (the
        # controller wires the overview collector in), GPU, memory and disk come from there and
        # only the GPU clocks are queried here, instead of running the same commands twice.
        self.readings: Callable[[str, float], object | None] | None = None

    async def start(self, client: httpx.AsyncClient) -> None:
        self._client = client
        self._task = asyncio.create_task(self._loop(), name="health-telemetry")

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            await asyncio.gather(self._task, return_exceptions=True)
            self._task = None

    def vllm_load(self) -> int:
        """Requests running + waiting at vLLM's last fresh scrape (load from clients we do not proxy)."""
        at = self.latest_at.get("vllm", 0.0)
        if self.clock.now() - at > 3 * self.cfg.telemetry_interval_s:
            return 0
        s = self.latest.get("vllm", {})
        return int(s.get("vllm_requests_running", 0) + s.get("vllm_requests_waiting", 0))

    async def _loop(self) -> None:
        while True:
            t0 = self.clock.monotonic()
            try:
                await self.sample_once()
            except asyncio.CancelledError:
                raise
            except Exception:  # noqa: BLE001 - telemetry must keep going
                log.exception("telemetry sample failed")
            await self.clock.sleep(max(0.1, self.cfg.telemetry_interval_s - (self.clock.monotonic() - t0)))

    async def sample_once(self) -> dict[str, dict[str, float]]:
        cluster = self._cluster()
        jobs = {}
        if self.runner is not None:
            for node in cluster.nodes:
                jobs[node.name] = self._node_sample(node.name)
        vllm_url = cluster.url_for("vllm")
        if vllm_url and self._client is not None:
            jobs["vllm"] = self._vllm_sample(vllm_url)
        results = await asyncio.gather(*jobs.values(), return_exceptions=True)
        now = self.clock.now()
        samples: dict[str, dict[str, float]] = {}
        for source, res in zip(jobs, results, strict=True):
            if isinstance(res, BaseException) or not res:
                continue
            samples[source] = res
        self.store(now, samples)
        if now - self._last_downsample > 60:
            self.downsample(now)
            self._last_downsample = now
        if samples:
            self.events.publish("health.telemetry", at=now, samples=samples)
        return samples

    def store(self, ts: float, samples: dict[str, dict[str, float]]) -> None:
        rows = [(ts, src, m, float(v)) for src, vals in samples.items() for m, v in vals.items() if v is not None]
        if rows:
            with self.db.transaction() as conn:
                conn.executemany("INSERT INTO telemetry_raw (ts, source, metric, value) VALUES (?,?,?,?)", rows)
        for src, vals in samples.items():
            self.latest[src] = vals
            self.latest_at[src] = ts

    async def _run(self, node: str, command: RemoteCommand) -> str | None:
        try:
            async with asyncio.timeout(8.0):
                r = await self.runner.run(node, command, timeout=6.0)
        except Exception:  # noqa: BLE001 - a missing tool on a node just leaves that metric out
            return None
        return r.stdout if getattr(r, "exit_status", None) == 0 else None

    async def _node_sample(self, node: str) -> dict[str, float]:
        recent = self.readings(node, self.cfg.telemetry_interval_s) if self.readings is not None else None
        if recent is not None:
            clocks = await self._run(node, clocks_command())
            out = readings_of(recent)
        else:
            smi, clocks, mem, df = await asyncio.gather(
                self._run(node, commands.nvidia_smi_gpu()),
                self._run(node, clocks_command()),
                self._run(node, commands.meminfo()),
                self._run(node, commands.disk_free("/")),
            )
            out = parsed_readings(smi, mem, df)
        if clocks:
            sm, memclk = parse_clocks(clocks)
            if sm is not None:
                out["gpu_clock_sm_mhz"] = sm
            if memclk is not None:
                out["gpu_clock_mem_mhz"] = memclk
        return out

    async def _vllm_sample(self, url: str) -> dict[str, float]:
        assert self._client is not None
        try:
            r = await self._client.get(url + "/metrics", timeout=3.0)
        except httpx.HTTPError:
            return {}
        if r.status_code != 200:
            return {}
        g = vllm_gauges(parse_prometheus(r.text))
        counter = g.pop("_generation_tokens_total", None)
        if counter is not None:
            now = (self.clock.now(), counter)
            rate = token_rate(self._gen_prev, now)
            self._gen_prev = now
            if rate is not None:
                g["vllm_tokens_per_s"] = round(rate, 2)
        return g

    # --- retention ------------------------------------------------------------------------------
    def downsample(self, now: float | None = None) -> None:
        """Raw samples older than ``telemetry_raw_keep_s`` become 1-minute averages (complete
        minutes only); minute rows older than ``telemetry_keep_s`` are deleted."""
        now = now or self.clock.now()
        cutoff = math.floor((now - self.cfg.telemetry_raw_keep_s) / 60.0) * 60.0
        with self.db.transaction() as conn:
            conn.execute(
                "INSERT INTO telemetry_minute (ts, source, metric, avg, min, max, n)"
                " SELECT CAST(ts / 60 AS INTEGER) * 60.0 AS m, source, metric, AVG(value), MIN(value), MAX(value),"
                " COUNT(*) FROM telemetry_raw WHERE ts < ? GROUP BY m, source, metric"
                " ON CONFLICT(ts, source, metric) DO UPDATE SET"
                " avg = (avg * n + excluded.avg * excluded.n) / (n + excluded.n),"
                " min = MIN(min, excluded.min), max = MAX(max, excluded.max), n = n + excluded.n",
                (cutoff,),
            )
            conn.execute("DELETE FROM telemetry_raw WHERE ts < ?", (cutoff,))
            conn.execute("DELETE FROM telemetry_minute WHERE ts < ?", (now - self.cfg.telemetry_keep_s,))

    def series(self, metric: str, since: float, step_s: float = 15.0) -> list[dict]:
        """Points ``{"t": unix, source: value, ...}`` averaged per ``step_s`` bucket, from raw and
        minute rows alike (for charts)."""
        rows = self.db.query(
            "SELECT CAST(ts / ? AS INTEGER) * ? AS b, source, AVG(value) AS v FROM telemetry_raw"
            " WHERE metric = ? AND ts >= ? GROUP BY b, source"
            " UNION ALL SELECT CAST(ts / ? AS INTEGER) * ? AS b, source, AVG(avg) AS v FROM telemetry_minute"
            " WHERE metric = ? AND ts >= ? GROUP BY b, source ORDER BY b",
            (step_s, step_s, metric, since, max(step_s, 60.0), max(step_s, 60.0), metric, since),
        )
        points: dict[float, dict] = {}
        for r in rows:
            p = points.setdefault(float(r["b"]), {"t": float(r["b"])})
            p[r["source"]] = round(float(r["v"]), 2)
        return [points[k] for k in sorted(points)]

    def render_prometheus(self) -> str:
        lines = []
        for metric, help_ in METRICS.items():
            vals = [(src, s[metric]) for src, s in sorted(self.latest.items()) if metric in s]
            if not vals:
                continue
            name = f"spark_control_{metric}"
            lines += [f"# HELP {name} {help_} (last sample).", f"# TYPE {name} gauge"]
            lines += [f'{name}{{source="{src}"}} {v:g}' for src, v in vals]
        return "\n".join(lines) + ("\n" if lines else "")
