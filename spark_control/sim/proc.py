"""What the fake host's ``/proc`` files say about it: memory (``/proc/meminfo``, ``free``) and
the load average. Pure functions of the host's state."""

from __future__ import annotations

from spark_control.sim.hardware import DEVICE_TOTAL_GIB, GIB, MEM_TOTAL_KB, PAGE_CACHE_GIB
from spark_control.sim.host import FakeHost


def mem_numbers(host: FakeHost, now: float) -> dict[str, int]:
    total = MEM_TOTAL_KB * 1024
    used_gib = host.mem_used_gib(now)
    avail = int((DEVICE_TOTAL_GIB - used_gib) * GIB)
    cache = int(min(PAGE_CACHE_GIB * GIB, max(0, avail - GIB)))
    free = max(0, avail - cache)
    return {
        "total": total,
        "available": avail,
        "free": free,
        "cache": cache,
        "used": total - free - cache,
        "shared": 72 * 1024 * 1024,
        "buffers": 380 * 1024 * 1024,
    }


def meminfo(host: FakeHost, now: float) -> str:
    m = mem_numbers(host, now)
    kb = {k: v // 1024 for k, v in m.items()}
    rows = [
        ("MemTotal", kb["total"]),
        ("MemFree", kb["free"]),
        ("MemAvailable", kb["available"]),
        ("Buffers", kb["buffers"]),
        ("Cached", kb["cache"] - kb["buffers"]),
        ("SwapCached", 0),
        ("Active", kb["used"] // 2 + kb["cache"] // 3),
        ("Inactive", kb["cache"] // 2),
        ("Active(anon)", kb["used"] // 2),
        ("Inactive(anon)", 1024),
        ("Active(file)", kb["cache"] // 3),
        ("Inactive(file)", kb["cache"] // 2),
        ("Unevictable", 30720),
        ("Mlocked", 30720),
        ("SwapTotal", 16 * 1024 * 1024),
        ("SwapFree", 16 * 1024 * 1024),
        ("Dirty", 112),
        ("Writeback", 0),
        ("AnonPages", kb["used"] // 2),
        ("Mapped", 612_000),
        ("Shmem", kb["shared"]),
        ("KReclaimable", 410_000),
        ("Slab", 820_000),
        ("SReclaimable", 410_000),
        ("SUnreclaim", 410_000),
        ("KernelStack", 24_000),
        ("PageTables", 60_000),
        ("CommitLimit", kb["total"] // 2 + 16 * 1024 * 1024),
        ("Committed_AS", kb["used"]),
        ("VmallocTotal", 133_141_626_880),
        ("VmallocUsed", 110_000),
        ("HugePages_Total", 0),
        ("HugePages_Free", 0),
        ("Hugepagesize", 2048),
    ]
    lines = []
    for k, v in rows:
        unit = "" if k.startswith("HugePages_") else " kB"
        lines.append(f"{k + ':':<15}{v:>9}{unit}")
    return "\n".join(lines) + "\n"


def loadavg(host: FakeHost) -> tuple[float, float, float]:
    """The 1, 5 and 15 minute load averages, following the GPU load."""
    u = host.gpu_util() / 100
    return (0.05 + 1.9 * u, 0.08 + 1.4 * u, 0.1 + 0.9 * u)
