"""Shared view helpers for job progress (swap and patch jobs) in the UI."""

from __future__ import annotations

import dataclasses

PHASE_LABELS = {
    "preflight": "Preflight",
    "stop": "Stop",
    "wait_memory": "Memory settle",
    "launch": "Launch",
    "load": "Load",
    "verify": "Verify",
    "rollback": "Rollback",
    "reconcile": "Reconcile",
    "backup": "Backup",
    "upload": "Upload",
    "install": "Install",
    "memory_cap": "Memory cap",
    "restart": "Restart",
    "wait_health": "Health",
    "restore": "Restore",
}
# rough share of a swap's time at the start of each phase (load dominates)
_SWAP_AT = {"preflight": 0, "stop": 3, "wait_memory": 8, "launch": 12, "load": 15, "verify": 95, "rollback": 0}


@dataclasses.dataclass
class PhaseView:
    name: str = ""
    label: str = ""
    state: str = ""
    duration: str = ""


def fmt_duration(s: float | None) -> str:
    if s is None:
        return ""
    s = max(0.0, float(s))
    if s < 10:
        return f"{s:.1f} s"
    if s < 60:
        return f"{s:.0f} s"
    m, sec = divmod(int(round(s)), 60)
    if m < 60:
        return f"{m} m {sec:02d} s"
    h, m = divmod(m, 60)
    return f"{h} h {m:02d} m"


def phase_views(phases: list[dict]) -> list[PhaseView]:
    return [
        PhaseView(p["name"], PHASE_LABELS.get(p["name"], p["name"]), p["state"], fmt_duration(p["duration_s"]))
        for p in phases
    ]


def job_percent(j: dict) -> int:
    if j["state"] != "running":
        return 100
    step = j["step"]
    if j.get("kind") == "swap" and step in _SWAP_AT:
        if step in ("load", "rollback"):
            frac = float((j.get("progress") or {}).get("fraction") or 0.0)
            base = 15 if step == "load" else 0
            return int(base + (95 - base) * frac)
        return _SWAP_AT[step]
    names = [p["name"] for p in j["phases"]]
    if step in names:
        return int(100 * names.index(step) / max(1, len(names)))
    return 0
