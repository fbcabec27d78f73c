"""What the health page shows, as plain data: ``health_view(monitor) -> dict``. Built from the
monitor's current view, the outage log and the telemetry store; no upstream call. The Reflex
state (``state/health.py``) applies it as is."""

from __future__ import annotations

from datetime import datetime

from spark_control.health.telemetry import METRICS

WINDOW_S = 3600.0  # timeline and charts: the last hour
CHART_STEP_S = 30.0
CHARTS = (
    "gpu_util_pct",
    "gpu_temp_c",
    "gpu_power_w",
    "gpu_clock_sm_mhz",
    "mem_used_gib",
    "disk_used_pct",
    "vllm_requests_running",
    "vllm_requests_waiting",
    "vllm_kv_cache_pct",
    "vllm_tokens_per_s",
)


def _clock(ts: float | None) -> str:
    return datetime.fromtimestamp(ts).strftime("%H:%M:%S") if ts else ""


def _ago(seconds: float) -> str:
    s = int(max(0, seconds))
    if s < 60:
        return f"{s} s"
    if s < 3600:
        return f"{s // 60} min"
    if s < 86400:
        return f"{s // 3600} h {s % 3600 // 60} min"
    return f"{s // 86400} d {s % 86400 // 3600} h"


def _duration(d: float | None) -> str:
    if d is None:
        return "ongoing"
    return f"{d:.1f} s" if d < 60 else _ago(d)


def health_view(monitor, now: float | None = None) -> dict:
    now = now or monitor.clock.now()
    view = monitor.view()
    cards = []
    for kind, group in (("service", view["services"]), ("node", view["nodes"])):
        for name, s in group.items():
            tr = monitor.trackers.get(f"{kind}:{name}")
            since = tr.since if tr and tr.since else None
            lat = s.get("latency_ms")
            cards.append(
                {
                    "name": name,
                    "kind": kind,
                    "node": s.get("node", ""),
                    "state": s["state"],
                    "since": _clock(since),
                    "for_text": _ago(now - since) if since else "",
                    "latency": "" if lat is None else f"{lat:.0f} ms",
                    "error": s.get("error", ""),
                }
            )
    start = now - WINDOW_S
    outages = monitor.log.list(since=start, limit=500)
    timelines = []
    for c in cards:
        segs = []
        for o in outages:
            if o.target != c["name"] or o.target_kind != c["kind"]:
                continue
            a = max(o.started_at, start)
            b = min(o.ended_at or now, now)
            segs.append(
                {
                    "left": f"{100 * (a - start) / WINDOW_S:.2f}%",
                    "width": f"{max(0.3, 100 * (b - a) / WINDOW_S):.2f}%",
                    "title": f"{_clock(o.started_at)} – {_clock(o.ended_at) or 'now'} ({_duration(o.duration_s)}): "
                    f"{o.failed}",
                }
            )
        timelines.append({"name": c["name"], "kind": c["kind"], "count": len(segs), "segments": segs})
    recent = [
        {
            "id": o.id,
            "target": o.target,
            "kind": o.target_kind,
            "started": _clock(o.started_at),
            "ended": _clock(o.ended_at) or "ongoing",
            "duration": _duration(o.duration_s),
            "failed": o.failed,
            "detected_by": o.detected_by,
            "note": o.note,
            "open": o.open,
        }
        for o in monitor.log.list(since=now - 24 * 3600, limit=30)
    ]
    charts = []
    tel = getattr(monitor, "telemetry", None)
    if tel is not None:
        for metric in CHARTS:
            pts = tel.series(metric, start, CHART_STEP_S)
            if not pts:
                continue
            sources = sorted({k for p in pts for k in p if k != "t"})
            for p in pts:
                p["t"] = datetime.fromtimestamp(p["t"]).strftime("%H:%M")
            charts.append({"metric": metric, "label": METRICS[metric], "sources": sources, "points": pts})
    return {
        "status": view["status"],
        "cards": cards,
        "timelines": timelines,
        "outages": recent,
        "charts": charts,
        "updated_at": _clock(now),
    }
