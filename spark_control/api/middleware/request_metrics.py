"""Request metrics: requests by method, route template and status, and time spent, for
``GET /metrics`` (``api.state.request_counter``). The LLM fast path counts into the same counter."""

from __future__ import annotations

import time

from fastapi import FastAPI

# Methods a client can choose freely would be a label per request (a cardinality attack on
# /metrics): anything not in this list is counted as "other".
KNOWN_METHODS = frozenset({"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"})


class RequestCounter:
    """Requests by method (known ones, else ``other``), route template (``/v1/models/{model}``,
    never the raw path) and status."""

    def __init__(self) -> None:
        self.counts: dict[tuple[str, str, int], int] = {}
        self.seconds: dict[tuple[str, str], float] = {}

    def add(self, method: str, route: str, status: int, seconds: float) -> None:
        method = method if method in KNOWN_METHODS else "other"
        key = (method, route, status)
        self.counts[key] = self.counts.get(key, 0) + 1
        self.seconds[(method, route)] = self.seconds.get((method, route), 0.0) + seconds

    def render_prometheus(self) -> str:
        lines = [
            "# HELP spark_control_http_requests_total HTTP requests served, by route template and status.",
            "# TYPE spark_control_http_requests_total counter",
        ]
        for (method, route, status), n in sorted(self.counts.items()):
            lines.append(
                f'spark_control_http_requests_total{{method="{method}",route="{_esc(route)}",status="{status}"}} {n}'
            )
        lines += [
            "# HELP spark_control_http_request_seconds_sum Time spent serving requests, by route template.",
            "# TYPE spark_control_http_request_seconds_sum counter",
        ]
        for (method, route), s in sorted(self.seconds.items()):
            lines.append(f'spark_control_http_request_seconds_sum{{method="{method}",route="{_esc(route)}"}} {s:.6f}')
        return "\n".join(lines) + "\n"


def _esc(v: str) -> str:
    return v.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")


class RequestMetricsMiddleware:
    """Pure ASGI (streams pass through untouched). The route template is read after routing from
    ``scope["route"]`` (set by FastAPI); anything unrouted is counted as ``other``."""

    def __init__(self, app, counter: RequestCounter) -> None:
        self.app = app
        self.counter = counter

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        status = 500
        t0 = time.perf_counter()

        async def _send(message):
            nonlocal status
            if message["type"] == "http.response.start":
                status = int(message["status"])
            await send(message)

        try:
            await self.app(scope, receive, _send)
        finally:
            route = scope.get("route")
            path = getattr(route, "path", None) or "other"
            self.counter.add(scope.get("method", "GET"), path, status, time.perf_counter() - t0)


def install_request_metrics(api: FastAPI) -> RequestCounter:
    """Call once in ``create_api`` (before the app starts)."""
    counter = RequestCounter()
    api.state.request_counter = counter
    api.add_middleware(RequestMetricsMiddleware, counter=counter)
    return counter
