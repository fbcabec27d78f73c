"""The monitor against the simulated cluster (``spark_control.sim.SimCluster``): real SSH servers
per fake Spark, fake services on loopback ports that refuse while their container is stopped."""

from __future__ import annotations

import asyncio
import contextlib

import pytest
from fastapi import FastAPI

from spark_control.audit import AuditLog
from spark_control.catalog import load_catalog
from spark_control.clock import SYSTEM_CLOCK, Clock, ManualClock
from spark_control.cluster.keys import ControllerKey
from spark_control.cluster.nodes import ClusterManager
from spark_control.cluster.ssh import SSHOptions
from spark_control.events import EventHub
from spark_control.health.model import Tracker
from spark_control.health.monitor import HealthMonitor
from spark_control.health.outages import _iso
from spark_control.settings import PROJECT_ROOT
from spark_control.sim.cluster import SimCluster
from tests.access import open_access
from tests.health.conftest import step, wait_for


def slow_asr_app(ctx) -> FastAPI:
    """parakeet-asr's health stalls while its GPU is busy: ``ctx.faults["health_delay"]`` seconds."""
    app = FastAPI()

    @app.get("/health")
    async def health():
        await asyncio.sleep(ctx.faults.get("health_delay", 0.0))
        return {"status": "ok"}

    return app


def all_up(monitor) -> bool:
    view = monitor.view()
    return all(s["state"] == "up" for s in (*view["services"].values(), *view["nodes"].values())) and (
        len(view["nodes"]) == 2
    )


@contextlib.asynccontextmanager
async def simulated(tmp_path, db, clock: Clock):
    """The simulated cluster (its own scaled clock) and a monitor on ``clock`` watching it."""
    key = ControllerKey.load_or_create(tmp_path / "ssh" / "id_ed25519")
    sim = SimCluster(
        tmp_path / "sim",
        load_catalog(PROJECT_ROOT / "models.yaml"),
        key.public_line,
        speed=20.0,
        extra_services={"asr": slow_asr_app},
    )
    await sim.start()
    cm = ClusterManager(
        cluster=sim.cluster_config,
        db=db,
        events=EventHub(),
        audit=AuditLog(db),
        key_path=tmp_path / "ssh" / "id_ed25519",
        known_hosts_path=tmp_path / "ssh" / "known_hosts",
        ssh_options=SSHOptions(connect_timeout=1.0, keepalive_interval=1, keepalive_count_max=2, timeout_margin=0.5),
        use_saved_nodes=False,
    )
    await cm.start()
    for line in sim.known_hosts_lines():
        cm.pin_known_hosts_line(line)
    monitor = HealthMonitor(db, EventHub(), lambda: cm.cluster, runner=cm, telemetry=False, clock=clock)
    await monitor.start()
    try:
        yield sim, monitor
    finally:
        await monitor.stop()
        await cm.stop()
        await sim.stop()


@pytest.fixture
async def sim_env(tmp_path, db):
    async with simulated(tmp_path, db, SYSTEM_CLOCK) as (sim, monitor):
        await wait_for(lambda: all_up(monitor), timeout=15)
        yield sim, monitor


@pytest.fixture
async def sim_clocked(tmp_path, db):
    """As ``sim_env``, the monitor on a manual clock: yields ``(sim, monitor, clock)``."""
    clock = ManualClock(sleep_advances=False)
    async with simulated(tmp_path, db, clock) as (sim, monitor):
        for _ in range(100):  # services still starting are probed again only when the clock moves
            if all_up(monitor):
                break
            clock.advance(0.5)
            await asyncio.sleep(0.1)
        assert all_up(monitor), monitor.view()
        yield sim, monitor, clock


async def step_until(clock: ManualClock, tracker: Tracker, state: str, seconds: float = 0.5) -> None:
    """Step the clock, a probe at a time, until ``tracker`` is in ``state`` (the simulator's own
    scaled clock brings containers up in real time meanwhile)."""
    for _ in range(80):
        if tracker.state == state:
            return
        await step(clock, tracker, seconds)
    raise AssertionError(f"{tracker.target.key} not {state}: {tracker}")


async def test_sim_service_stopped_for_1_5_s_is_one_outage_of_that_length(sim_clocked):
    sim, monitor, clock = sim_clocked
    tracker = monitor.trackers["service:tts"]
    spark2 = sim.hosts["spark2"]
    tts = spark2.containers["kokoro"]
    spark2.stop_container(tts)
    await sim.sync()
    await step_until(clock, tracker, "down")
    first_fail = tracker.failing_since
    while clock.now() - first_fail < 1.5:
        await step(clock, tracker, 0.25)
    spark2.start_container(tts)  # ready 2 simulated s later (0.1 s real)
    await step_until(clock, tracker, "up")
    recovered_at = clock.now()
    for _ in range(2):  # stays up: no second outage
        await step(clock, tracker, 0.5)
    (o,) = monitor.outages(target="tts")
    assert o["duration_s"] == round(recovered_at - first_fail, 3) and o["duration_s"] >= 1.5, o
    assert o["started_at"] == _iso(first_fail)
    assert o["node"] == "spark2" and "refused" in o["failed"]
    assert monitor.outages(target="asr") == [] and monitor.outages(target="spark2") == []


async def test_sim_host_down_marks_the_node_down_and_back_closes_it(sim_clocked):
    sim, monitor, clock = sim_clocked
    node, asr = monitor.trackers["node:spark2"], monitor.trackers["service:asr"]
    await sim.host_down("spark2")
    await step_until(clock, node, "down")
    first_fail = node.failing_since
    await step_until(clock, asr, "down")
    assert monitor.view()["nodes"]["spark1"]["state"] == "up"
    assert monitor.view()["status"] == "degraded"
    await step(clock, node, 0.5)
    await sim.host_up("spark2")
    await step_until(clock, node, "up")
    (o,) = monitor.outages(target="spark2")
    assert not o["open"] and o["target_kind"] == "node"
    assert o["duration_s"] == round(node.last_ok_at - first_fail, 3) and o["duration_s"] >= 1.0


async def test_sim_asr_slow_under_load_is_busy_not_down(sim_env):
    sim, monitor = sim_env
    in_flight = {"asr": 1}
    monitor.register_load_provider("asr", lambda: in_flight["asr"])
    sim.service_faults["asr"]["health_delay"] = 3.0  # health stalls while the GPU is busy
    await wait_for(lambda: monitor.view()["services"]["asr"]["state"] == "busy", timeout=6)
    await asyncio.sleep(2.0)
    assert monitor.view()["services"]["asr"]["state"] == "busy"
    assert monitor.outages(target="asr") == []
    sim.service_faults["asr"]["health_delay"] = 0.0
    in_flight["asr"] = 0
    await wait_for(lambda: monitor.view()["services"]["asr"]["state"] == "up", timeout=6)


async def test_demo_fault_route_stops_a_sim_service_and_the_monitor_sees_it(sim_env):
    from types import SimpleNamespace

    import httpx

    from spark_control.api.errors import install_error_handlers
    from spark_control.api.sim import router

    sim, monitor = sim_env
    api = open_access(FastAPI())
    api.state.controller = SimpleNamespace(demo=True, sim=sim, health=monitor)
    install_error_handlers(api)
    api.include_router(router)
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=api), base_url="http://t") as c:
        r = await c.post("/api/sim/faults", json={"target": "embed", "fault": "service_down", "duration_s": 1.0})
        assert r.status_code == 200, r.text
        await wait_for(lambda: monitor.view()["services"]["embed"]["state"] == "down", timeout=2)
        await wait_for(lambda: monitor.view()["services"]["embed"]["state"] == "up", timeout=6)
        r = await c.post("/api/sim/faults", json={"target": "spark1", "fault": "host_down"})
        assert r.status_code == 200
        await wait_for(lambda: monitor.view()["nodes"]["spark1"]["state"] == "down", timeout=3)
        r = await c.post("/api/sim/faults", json={"target": "spark1", "fault": "clear"})
        await wait_for(lambda: monitor.view()["nodes"]["spark1"]["state"] == "up", timeout=6)
