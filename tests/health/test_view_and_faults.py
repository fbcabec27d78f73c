"""The page's data (health_view -> HealthState.apply) and the demo-only fault route."""

from __future__ import annotations

import asyncio
from types import SimpleNamespace

import httpx
from fastapi import FastAPI

from spark_control.api.errors import install_error_handlers
from spark_control.api.sim import router as sim_router
from spark_control.health.view import health_view
from spark_control.state.health import HealthState
from tests.access import open_access
from tests.health.conftest import wait_for


async def test_view_has_cards_timeline_and_log_and_applies_to_the_state(monitor, vllm):
    await wait_for(lambda: monitor.view()["services"].get("vllm", {}).get("state") == "up")
    await vllm.stop()
    await wait_for(lambda: monitor.view()["services"]["vllm"]["state"] == "down")
    await vllm.start()
    await wait_for(lambda: monitor.view()["services"]["vllm"]["state"] == "up")
    view = health_view(monitor)
    (card,) = [c for c in view["cards"] if c["name"] == "vllm"]
    assert card["state"] == "up" and card["since"] and card["latency"].endswith(" ms")
    (tl,) = [t for t in view["timelines"] if t["name"] == "vllm"]
    assert tl["count"] == 1 and tl["segments"][0]["left"].endswith("%")
    assert view["outages"][0]["target"] == "vllm" and view["outages"][0]["ended"] != "ongoing"
    state = SimpleNamespace()
    HealthState.apply.fn(state, view)  # the handler body, on a plain object
    assert state.cards[0].name in {"vllm", "spark1"} and state.timelines[0].segments is not None
    assert state.outages[0].failed.startswith("tcp connect refused")


class FakeSim:
    def __init__(self, services):
        self.services = services

    async def service_down(self, kind):
        await self.services[kind].stop()

    async def service_up(self, kind):
        await self.services[kind].start()


async def test_fault_route_takes_a_service_down_and_back_only_in_demo(monitor, vllm):
    controller = SimpleNamespace(demo=True, sim=FakeSim({"vllm": vllm}), health=monitor)
    api = open_access(FastAPI())
    api.state.controller = controller
    install_error_handlers(api)
    api.include_router(sim_router)
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=api), base_url="http://t") as c:
        await wait_for(lambda: monitor.view()["services"].get("vllm", {}).get("state") == "up")
        r = await c.post("/api/sim/faults", json={"target": "vllm", "fault": "service_down", "duration_s": 1.2})
        assert r.status_code == 200, r.text
        await wait_for(lambda: monitor.view()["services"]["vllm"]["state"] == "down", timeout=3)
        await wait_for(lambda: monitor.view()["services"]["vllm"]["state"] == "up", timeout=5)
        r = await c.post("/api/sim/faults", json={"target": "nope", "fault": "service_down"})
        assert r.status_code == 400
        controller.demo = False
        r = await c.post("/api/sim/faults", json={"target": "vllm", "fault": "service_down"})
        assert r.status_code == 404
    await asyncio.sleep(0)


async def test_forward_health_pushes_the_view_on_health_events(monitor, vllm):
    from spark_control.state.health import forward_health

    pushed: list = []

    async def push(state_cls, apply):
        target = SimpleNamespace()
        target.apply = lambda view: HealthState.apply.fn(target, view)
        apply(target)  # what the app does with each browser's state
        pushed.append((state_cls, target))

    controller = SimpleNamespace(events=monitor.events, health=monitor)
    task = asyncio.create_task(forward_health(controller, push, refresh_s=30))
    try:
        await asyncio.sleep(0.05)
        await vllm.stop()  # -> health.state / health.outage events -> one coalesced push
        await wait_for(lambda: any(c.state == "down" for _, t in pushed for c in t.cards), timeout=3)
        assert pushed[-1][0] is HealthState
    finally:
        task.cancel()
        await vllm.start()
