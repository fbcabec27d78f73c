"""The overview: per node (hostname, uptime, memory, GPU, containers) and the model vLLM serves,
collected over the pooled SSH connections every few seconds and published as ``overview``
events for the UI to push. Pure formatting lives in ``node_summary`` (tested with tables)."""

from __future__ import annotations

import asyncio
import logging
import time
from dataclasses import dataclass, field

from spark_control.cluster import commands
from spark_control.cluster.docker import ContainerSummary, parse_ps_json
from spark_control.cluster.stats import GIB, parse_df, parse_meminfo, parse_nvidia_smi, parse_proc_uptime
from spark_control.events import EventHub

log = logging.getLogger(__name__)


@dataclass
class NodeSample:
    name: str
    ok: bool = False
    error: str = ""
    hostname: str = ""
    uptime_s: float | None = None
    mem_total: int = 0
    mem_available: int = 0
    gpu_util: float | None = None
    gpu_temp: float | None = None
    gpu_power: float | None = None
    disk_used: int = 0
    disk_total: int = 0
    disk_available: int = 0
    containers: list[ContainerSummary] = field(default_factory=list)
    at: float = 0.0


def human_duration(seconds: float | None) -> str:
    if seconds is None:
        return "?"
    s = int(seconds)
    d, s = divmod(s, 86400)
    h, s = divmod(s, 3600)
    m, s = divmod(s, 60)
    if d:
        return f"{d}d {h}h"
    if h:
        return f"{h}h {m}m"
    if m:
        return f"{m}m {s}s"
    return f"{s}s"


def node_summary(n: NodeSample) -> dict:
    """The view of one node as the UI shows it (strings, a percentage, container rows)."""
    used = max(0, n.mem_total - n.mem_available)
    gpu = []
    if n.gpu_util is not None:
        gpu.append(f"{n.gpu_util:.0f}%")
    if n.gpu_temp is not None:
        gpu.append(f"{n.gpu_temp:.0f}°C")
    if n.gpu_power is not None:
        gpu.append(f"{n.gpu_power:.0f} W")
    return {
        "name": n.name,
        "hostname": n.hostname,
        "state": "up" if n.ok else ("down" if n.error else "unknown"),
        "error": n.error,
        "uptime": human_duration(n.uptime_s) if n.ok else "",
        "memory": f"{used / GIB:.1f} / {n.mem_total / GIB:.0f} GiB" if n.mem_total else "",
        "mem_pct": round(100 * used / n.mem_total) if n.mem_total else 0,
        "gpu": " · ".join(gpu),
        "disk": f"{n.disk_used / GIB:.0f} / {n.disk_total / GIB:.0f} GiB" if n.disk_total else "",
        "containers": [
            {
                "name": c.name,
                "image": c.image,
                "status": c.status,
                "healthy": {"healthy": "yes", "starting": "starting", "unhealthy": "no"}.get(
                    c.health or "", "yes" if c.running else "no"
                ),
            }
            for c in sorted(n.containers, key=lambda c: c.name)
        ],
    }


class OverviewCollector:
    """Samples every node each ``interval`` seconds; one failing node never delays the others."""

    def __init__(self, manager, swaps, events: EventHub, *, interval: float = 2.0, timeout: float = 8.0) -> None:
        self.manager = manager
        self.swaps = swaps
        self.events = events
        self.interval = interval
        self.timeout = timeout
        self.samples: dict[str, NodeSample] = {}
        self._task: asyncio.Task | None = None

    async def start(self) -> None:
        self._task = asyncio.create_task(self._loop(), name="overview")

    async def stop(self) -> None:
        if self._task:
            self._task.cancel()
            await asyncio.gather(self._task, return_exceptions=True)

    async def _loop(self) -> None:
        while True:
            await self.sample_all()
            await asyncio.sleep(self.interval)

    async def sample_all(self) -> None:
        nodes = [n.name for n in self.manager.cluster.nodes]
        samples = await asyncio.gather(*(self.sample(n) for n in nodes))
        self.samples = {s.name: s for s in samples}
        self.events.publish("overview", nodes=len(samples))

    async def sample(self, name: str) -> NodeSample:
        s = NodeSample(name=name, at=time.time())
        run = self.manager.run
        try:
            async with asyncio.timeout(self.timeout):
                host, up, mem, gpu, df, ps = await asyncio.gather(
                    run(name, commands.cmd("hostname"), timeout=self.timeout),
                    run(name, commands.uptime(), timeout=self.timeout),
                    run(name, commands.meminfo(), timeout=self.timeout),
                    run(name, commands.nvidia_smi_gpu(), timeout=self.timeout),
                    run(name, commands.disk_free("/"), timeout=self.timeout),
                    run(name, commands.docker_ps(all_=True), timeout=self.timeout),
                )
        except Exception as e:  # unreachable, auth, host key, timeout: shown on the card
            s.error = str(e) or type(e).__name__
            return s
        s.ok = True
        s.hostname = host.stdout.strip()
        try:
            s.uptime_s = parse_proc_uptime(up.stdout)
            m = parse_meminfo(mem.stdout)
            s.mem_total, s.mem_available = m.total_bytes, m.available_bytes
            disks = parse_df(df.stdout)
            if disks:
                s.disk_used, s.disk_total = disks[0].used_bytes, disks[0].total_bytes
                s.disk_available = disks[0].available_bytes
            if gpu.ok:
                gpus = parse_nvidia_smi(gpu.stdout)
                if gpus:
                    s.gpu_util, s.gpu_temp, s.gpu_power = (
                        gpus[0].utilization_pct,
                        gpus[0].temperature_c,
                        gpus[0].power_w,
                    )
            if ps.ok:
                s.containers = parse_ps_json(ps.stdout)
            else:
                s.error = f"docker: {ps.tail(1)}"
        except ValueError as e:
            s.error = f"unexpected output: {e}"
        return s

    def fresh_sample(self, name: str, max_age_s: float) -> NodeSample | None:
        """The node's last good sample if it is at most ``max_age_s`` old: the health telemetry
        reads GPU, memory and disk from here instead of running the same commands again."""
        s = self.samples.get(name)
        if s is None or not s.ok or s.error or time.time() - s.at > max_age_s:
            return None
        return s

    def snapshot(self) -> list[dict]:
        order = [n.name for n in self.manager.cluster.nodes]
        return [node_summary(self.samples.get(n) or NodeSample(name=n)) for n in order]
