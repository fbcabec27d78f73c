"""Health routes: ``GET /health`` (fast, open: the monitor's current view, no upstream call),
``GET /health/deep`` (probe everything now), ``GET /api/connectivity`` (the outage log),
``GET /api/health/telemetry`` (chart series), ``GET /metrics`` (Prometheus text), and the
request-counting middleware behind ``spark_control_http_requests_total``."""

from __future__ import annotations

import time
from datetime import UTC, datetime

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import PlainTextResponse
from pydantic import BaseModel

from spark_control.api.deps import Principal, require_operator
from spark_control.api.middleware.request_metrics import RequestCounter
from spark_control.errors import BadRequest, Unavailable
from spark_control.health.telemetry import METRICS

router = APIRouter()


# Typed views of the monitor's answers for OpenAPI: the same shapes as ``HealthMonitor.view``,
# ``.deep``, ``.outages`` (spark_control/health/) and ``Telemetry.series``.
class TargetView(BaseModel):
    state: str  # up | busy | down | unknown
    since: str | None  # ISO 8601, when it entered this state
    latency_ms: float | None
    error: str
    kind: str  # service | node
    node: str


class HealthView(BaseModel):
    status: str  # ok | degraded | down
    services: dict[str, TargetView]
    nodes: dict[str, TargetView]


class CheckView(BaseModel):
    target: str
    check: str
    ok: bool
    latency_ms: float
    error: str
    detail: str


class DeepTargetView(BaseModel):
    ok: bool
    node: str
    checks: list[CheckView]


class DeepHealthView(BaseModel):
    status: str  # ok | degraded | down
    checked_at: str
    duration_ms: float
    services: dict[str, DeepTargetView]
    nodes: dict[str, DeepTargetView]


class OutageView(BaseModel):
    id: int
    target: str
    target_kind: str
    node: str
    started_at: str | None
    ended_at: str | None
    duration_s: float | None
    last_ok_at: str | None
    open: bool
    failed: str
    detected_by: str
    note: str


class ConnectivityView(BaseModel):
    since: str
    outages: list[OutageView]
    current: HealthView


class TelemetryView(BaseModel):
    metric: str
    label: str
    points: list[dict[str, float]]  # {"t": bucket start (epoch s), <source>: value, ...}


def running_monitor(request: Request):
    """The controller's health monitor, or None while none runs (no controller yet)."""
    return getattr(request.app.state.controller, "health", None)


def get_health(request: Request):
    monitor = running_monitor(request)
    if monitor is None:
        raise Unavailable("the health monitor is not running yet", retry_after=2)
    return monitor


def parse_since(since: str | None, default_s: float | None = None) -> float | None:
    if not since:
        return None if default_s is None else time.time() - default_s
    try:
        dt = datetime.fromisoformat(since.replace("Z", "+00:00"))
    except ValueError:
        raise BadRequest(
            f"since must be an ISO 8601 time (e.g. 2026-01-31T08:00:00Z), got {since!r}", param="since"
        ) from None
    if dt.tzinfo is None:
        dt = dt.replace(tzinfo=UTC)
    return dt.timestamp()


@router.get("/health", response_model=HealthView)
async def health(request: Request) -> dict:
    """Open (no auth), no upstream call: HTTP 200 with the monitor's view; 503 only when the
    controller itself is broken (monitor not running)."""
    monitor = get_health(request)
    if not monitor.healthy:
        raise Unavailable("the health monitor is not running", retry_after=2)
    return monitor.view()


@router.get("/health/deep", response_model=DeepHealthView)
async def health_deep(monitor=Depends(get_health), _: Principal = Depends(require_operator)) -> dict:
    return await monitor.deep()


@router.get("/api/connectivity", response_model=ConnectivityView)
async def connectivity(
    since: str | None = Query(None, description="ISO 8601; default: the last 24 h"),
    target: str | None = Query(None, max_length=64),
    limit: int = Query(1000, ge=1, le=10000),
    monitor=Depends(get_health),
    _: Principal = Depends(require_operator),
) -> dict:
    ts = parse_since(since, default_s=24 * 3600)
    return {
        "since": datetime.fromtimestamp(ts, UTC).isoformat().replace("+00:00", "Z"),
        "outages": monitor.outages(since=ts, target=target, limit=limit),
        "current": monitor.view(),
    }


@router.get("/api/health/telemetry", response_model=TelemetryView)
async def telemetry(
    metric: str = Query(..., description="one of: " + ", ".join(METRICS)),
    since: str | None = Query(None, description="ISO 8601; default: the last hour"),
    step_s: float = Query(15.0, ge=5.0, le=3600.0),
    monitor=Depends(get_health),
    _: Principal = Depends(require_operator),
) -> dict:
    if metric not in METRICS:
        raise BadRequest(f"unknown metric {metric!r}; known: {', '.join(METRICS)}", param="metric")
    if monitor.telemetry is None:
        raise Unavailable("telemetry is off", retry_after=60)
    ts = parse_since(since, default_s=3600)
    return {"metric": metric, "label": METRICS[metric], "points": monitor.telemetry.series(metric, ts, step_s)}


@router.get("/metrics", response_class=PlainTextResponse)
async def metrics(request: Request, _: Principal = Depends(require_operator)) -> PlainTextResponse:
    monitor = running_monitor(request)
    text = monitor.render_prometheus() if monitor is not None else ""
    counter: RequestCounter | None = getattr(request.app.state, "request_counter", None)
    if counter is not None:
        text += counter.render_prometheus()
    return PlainTextResponse(text, media_type="text/plain; version=0.0.4; charset=utf-8")
