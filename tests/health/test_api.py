"""The health routes through a real FastAPI app (httpx ASGITransport) with a real monitor."""

from __future__ import annotations

from types import SimpleNamespace

import httpx
from fastapi import FastAPI

from spark_control.api.errors import install_error_handlers
from spark_control.api.health import router
from spark_control.api.middleware.request_metrics import install_request_metrics
from tests.access import open_access
from tests.health.conftest import step, wait_for


def make_app(monitor) -> FastAPI:
    api = open_access(FastAPI())
    api.state.controller = SimpleNamespace(health=monitor)
    install_error_handlers(api)
    install_request_metrics(api)
    api.include_router(router)
    return api


async def client_for(api):
    return httpx.AsyncClient(transport=httpx.ASGITransport(app=api), base_url="http://test")


async def test_health_is_the_monitors_view_without_calling_upstream(monitor, vllm):
    await wait_for(lambda: monitor.view()["services"].get("vllm", {}).get("state") == "up")
    async with await client_for(make_app(monitor)) as c:
        before = vllm.requests
        r = await c.get("/health")
        assert r.status_code == 200
        body = r.json()
        assert body["status"] == "ok"
        assert body["services"]["vllm"]["state"] == "up"
        assert body["services"]["vllm"]["since"].endswith("Z")
        assert set(body["services"]["vllm"]) >= {"state", "since", "latency_ms"}
        # the request itself did not reach the service (only the monitor's own probes did)
        assert vllm.requests - before <= 2


async def test_health_is_503_when_the_monitor_is_not_running(monitor):
    await monitor.stop()
    async with await client_for(make_app(monitor)) as c:
        r = await c.get("/health")
    assert r.status_code == 503
    assert "not running" in r.json()["error"]["message"]


async def test_connectivity_lists_outages_since(clocked, vllm):
    monitor, clock, tracker = clocked
    await vllm.stop()
    await wait_for(lambda: tracker.fail_count == 1)
    for _ in range(3):
        await step(clock, tracker, 0.25)
    await vllm.start()
    await step(clock, tracker, 0.25)  # down for exactly 1 s of the monitor's clock
    async with await client_for(make_app(monitor)) as c:
        r = await c.get("/api/connectivity", params={"since": "2020-01-01T00:00:00Z"})
        assert r.status_code == 200
        (o,) = r.json()["outages"]
        assert o["target"] == "vllm" and o["duration_s"] == 1.0 and o["ended_at"]
        r = await c.get("/api/connectivity", params={"since": "2999-01-01T00:00:00Z"})
        assert r.json()["outages"] == []
        r = await c.get("/api/connectivity", params={"since": "yesterday"})
        assert r.status_code == 400


async def test_deep_reports_each_check(monitor):
    async with await client_for(make_app(monitor)) as c:
        r = await c.get("/health/deep")
    assert r.status_code == 200
    checks = r.json()["services"]["vllm"]["checks"]
    assert [(c["check"], c["ok"]) for c in checks] == [("health", True), ("models", True), ("completion", True)]


async def test_metrics_has_states_outages_latencies_requests_and_other_areas_text(monitor):
    await wait_for(lambda: monitor.view()["services"].get("vllm", {}).get("state") == "up")
    monitor.register_metrics_renderer(lambda: "# TYPE llm_gateway_in_flight gauge\nllm_gateway_in_flight 0\n")
    async with await client_for(make_app(monitor)) as c:
        await c.get("/health")
        await c.get("/health")
        await c.get("/api/connectivity", params={"since": "nope"})
        await c.get("/nowhere")
        r = await c.get("/metrics")
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/plain")
    text = r.text
    assert 'spark_control_target_state{target="vllm",kind="service",state="up"} 1' in text
    assert 'spark_control_target_state{target="vllm",kind="service",state="down"} 0' in text
    assert 'spark_control_probe_latency_seconds_count{target="vllm",kind="service"}' in text
    assert 'spark_control_http_requests_total{method="GET",route="/health",status="200"} 2' in text
    assert 'spark_control_http_requests_total{method="GET",route="/api/connectivity",status="400"} 1' in text
    assert 'spark_control_http_requests_total{method="GET",route="other",status="404"} 1' in text
    assert "llm_gateway_in_flight 0" in text
