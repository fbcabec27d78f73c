"""Pure parsers for host statistics: nvidia-smi (GB10 reports memory as ``[N/A]``),
``/proc/meminfo`` (``MemAvailable`` is the truth on unified memory), ``df -P -B1``, uptime."""

from __future__ import annotations

import re
from dataclasses import dataclass

GIB = 1024**3


@dataclass(frozen=True)
class GpuStats:
    name: str
    utilization_pct: float | None
    memory_used_mib: float | None  # None on GB10 ("[N/A]"): use MemInfo instead
    memory_total_mib: float | None
    temperature_c: float | None
    power_w: float | None


_NA = {"[n/a]", "n/a", "[not supported]", "not supported", "[unknown error]", "", "-"}


def _num(raw: str) -> float | None:
    raw = raw.strip()
    if raw.lower() in _NA:
        return None
    m = re.match(r"^(-?\d+(?:\.\d+)?)\s*(%|MiB|W|C)?$", raw)
    return float(m.group(1)) if m else None


def parse_nvidia_smi(text: str) -> list[GpuStats]:
    """``nvidia-smi --query-gpu=name,utilization.gpu,memory.used,memory.total,temperature.gpu,
    power.draw --format=csv,noheader[,nounits]``. A header line (``name, utilization.gpu [%]``)
    is tolerated and skipped. Raises ValueError on a line with the wrong field count."""
    out = []
    for line in text.splitlines():
        if not line.strip():
            continue
        fields = [f.strip() for f in line.split(",")]
        if fields[0] == "name":
            continue
        if len(fields) != 6:
            raise ValueError(f"nvidia-smi: expected 6 fields, got {len(fields)}: {line!r}")
        out.append(GpuStats(fields[0], *(_num(f) for f in fields[1:])))
    return out


@dataclass(frozen=True)
class MemInfo:
    total_bytes: int
    available_bytes: int
    free_bytes: int

    @property
    def available_gib(self) -> float:
        return self.available_bytes / GIB

    @property
    def total_gib(self) -> float:
        return self.total_bytes / GIB

    @property
    def used_gib(self) -> float:
        return (self.total_bytes - self.available_bytes) / GIB


_UNITS = {"kb": 1024, "mb": 1024**2, "gb": 1024**3, "b": 1, "": 1}


def parse_meminfo(text: str) -> MemInfo:
    """``/proc/meminfo``. MemAvailable is required (kernel >= 3.14); raises ValueError without it."""
    vals: dict[str, int] = {}
    for line in text.splitlines():
        m = re.match(r"^(\w+(?:\(\w+\))?):\s+(\d+)\s*(\w*)$", line.strip())
        if m:
            vals[m.group(1)] = int(m.group(2)) * _UNITS.get(m.group(3).lower(), 1)
    if "MemTotal" not in vals or "MemAvailable" not in vals:
        raise ValueError("/proc/meminfo without MemTotal/MemAvailable")
    return MemInfo(vals["MemTotal"], vals["MemAvailable"], vals.get("MemFree", 0))


@dataclass(frozen=True)
class DiskUsage:
    mount: str
    total_bytes: int
    used_bytes: int
    available_bytes: int


def parse_df(text: str) -> list[DiskUsage]:
    """``df -P -B1 [path]``: POSIX output, sizes in bytes."""
    out = []
    for line in text.splitlines()[1:]:
        f = line.split()
        if len(f) < 6:
            continue
        try:
            out.append(DiskUsage(" ".join(f[5:]), int(f[1]), int(f[2]), int(f[3])))
        except ValueError:
            continue
    return out


def parse_proc_uptime(text: str) -> float:
    """``/proc/uptime`` -> seconds since boot."""
    return float(text.split()[0])


_UPTIME_RE = re.compile(r"up\s+(?:(\d+)\s+days?,\s*)?(?:(\d+):(\d+)|(\d+)\s+min)")


def parse_uptime(text: str) -> float:
    """``uptime`` (``10:01:02 up 3 days,  4:05,  1 user, ...``) -> seconds since boot."""
    m = _UPTIME_RE.search(text)
    if not m:
        raise ValueError(f"unrecognised uptime output: {text!r}")
    days = int(m.group(1) or 0)
    if m.group(2) is not None:
        return days * 86400 + int(m.group(2)) * 3600 + int(m.group(3)) * 60
    return days * 86400 + int(m.group(4)) * 60
