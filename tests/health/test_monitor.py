from __future__ import annotations

import asyncio

from spark_control.events import EventHub
from spark_control.health.monitor import HealthMonitor
from spark_control.health.outages import _iso
from tests.health.conftest import one_node_cluster, step, wait_for


async def test_service_down_for_1_5_s_of_clock_time_is_one_outage_of_exactly_1_5_s(clocked, vllm):
    """The outage runs from the first failing probe to the first good one, in the monitor's clock."""
    m, clock, tracker = clocked
    last_ok = clock.now()
    clock.advance(0.1)  # no watcher is due yet: the last good probe stays at last_ok
    down_at = clock.now()
    await vllm.stop()  # the sentinel's connection drops: the watcher probes at once, at down_at
    await wait_for(lambda: tracker.fail_count == 1)
    await step(clock, tracker, 0.25)  # the second failing probe confirms the outage
    (o,) = m.outages()
    assert o["open"] and o["started_at"] == _iso(down_at)
    for _ in range(4):
        await step(clock, tracker, 0.25)
    await vllm.start()
    await step(clock, tracker, 0.25)  # the first good probe, 1.5 s after the first failing one
    (o,) = m.outages()
    assert not o["open"] and o["duration_s"] == 1.5
    assert (o["last_ok_at"], o["started_at"], o["ended_at"]) == (
        _iso(last_ok),
        _iso(down_at),
        _iso(down_at + 1.5),
    )
    assert o["target"] == "vllm" and o["target_kind"] == "service"
    assert "refused" in o["failed"]
    assert o["detected_by"] == "persistent connection closed, then tcp connect + GET /health"
    for _ in range(3):  # no second outage, no flapping after recovery
        await step(clock, tracker, 0.5)
    assert len(m.outages()) == 1
    assert m.view()["services"]["vllm"]["state"] == "up"


async def test_a_single_failed_probe_is_a_blip_not_an_outage(clocked, vllm):
    m, clock, tracker = clocked
    await vllm.stop()
    await wait_for(lambda: tracker.fail_count == 1)
    await vllm.start()
    await step(clock, tracker, 0.25)  # the next probe is good: one failure was a blip
    assert tracker.state == "up" and tracker.fail_count == 0
    assert m.outages() == []
    assert 'spark_control_probe_blips_total{target="vllm",kind="service"} 1' in m.render_prometheus()


async def test_slow_health_under_load_is_busy_not_down(monitor, vllm):
    await wait_for(lambda: monitor.view()["services"].get("vllm", {}).get("state") == "up")
    in_flight = {"n": 3}
    monitor.register_load_provider("vllm", lambda: in_flight["n"])
    vllm.health_delay = 3.0  # longer than the 1.5 s health timeout
    await wait_for(lambda: monitor.view()["services"]["vllm"]["state"] == "busy", timeout=6)
    await asyncio.sleep(2.0)
    assert monitor.view()["services"]["vllm"]["state"] == "busy"
    assert monitor.outages() == []
    # the same slowness with nothing in flight is an outage: the rule can fail
    in_flight["n"] = 0
    await wait_for(lambda: monitor.view()["services"]["vllm"]["state"] == "down", timeout=10)
    assert monitor.outages()[0]["open"]
    vllm.health_delay = 0.0
    await wait_for(lambda: monitor.view()["services"]["vllm"]["state"] == "up", timeout=6)


async def test_restart_keeps_past_outages_and_closes_an_open_one_honestly(db, vllm):
    m1 = HealthMonitor(db, EventHub(), one_node_cluster(vllm.port), telemetry=False)
    await m1.start()
    await wait_for(lambda: m1.view()["services"].get("vllm", {}).get("state") == "up")
    await vllm.stop()
    await asyncio.sleep(1.2)
    await vllm.start()
    await wait_for(lambda: m1.outages() and not m1.outages()[0]["open"])
    await vllm.stop()
    await wait_for(lambda: any(o["open"] for o in m1.outages()))
    await m1.stop()
    await vllm.start()

    m2 = HealthMonitor(db, EventHub(), one_node_cluster(vllm.port), telemetry=False)
    await m2.start()
    try:
        outages = [o for o in m2.outages() if o["target"] == "vllm"]
        assert len(outages) == 2
        assert not any(o["open"] for o in outages)
        assert "controller restart" in outages[0]["note"]
        assert outages[1]["note"] == ""
        await wait_for(lambda: m2.view()["services"].get("vllm", {}).get("state") == "up")
    finally:
        await m2.stop()


def test_a_timeout_during_a_stall_of_our_own_loop_is_inconclusive_a_refusal_never(db):
    import time

    from spark_control.health.model import Observation

    m = HealthMonitor(db, EventHub(), one_node_cluster(1), telemetry=False)
    t0 = time.monotonic()
    timeout = Observation(time.time(), False, True, 1500.0, "GET /health timed out (1.5 s)", "tcp + GET")
    refused = Observation(time.time(), False, False, 1.0, "tcp connect refused", "tcp + GET")
    late = Observation(time.time(), False, True, 2400.0, "GET /health timed out (1.5 s)", "tcp + GET")
    assert not m._inconclusive(timeout, t0)  # no stall: a timeout is evidence
    assert m._inconclusive(late, t0)  # the timer itself fired 0.9 s late: our loop was blocked
    m._stall_at = time.monotonic()
    assert m._inconclusive(timeout, t0)
    assert not m._inconclusive(refused, t0)


async def test_loop_lag_gauge_shows_a_stall_of_our_own_loop(db):
    """The 10 ms timer fires late by as long as the loop was blocked; /metrics shows it."""
    import re
    import time

    m = HealthMonitor(db, EventHub(), one_node_cluster(1), telemetry=False)
    await m.start()
    try:
        await asyncio.sleep(0.05)
        time.sleep(0.3)  # noqa: ASYNC251 - block the event loop on purpose, as CPU work on it would
        await asyncio.sleep(0.05)
        text = m.render_prometheus()
    finally:
        await m.stop()
    assert "# TYPE spark_control_event_loop_lag_seconds gauge" in text
    peak = float(re.search(r"^spark_control_event_loop_lag_max_seconds (\S+)$", text, re.M).group(1))
    last = float(re.search(r"^spark_control_event_loop_lag_seconds (\S+)$", text, re.M).group(1))
    assert peak >= 0.25
    assert last < peak  # the loop is free again: the latest tick was on time


def test_loop_lag_window_forgets_old_peaks():
    from spark_control.health.monitor import LoopLag

    lag = LoopLag(window_s=60)
    lag.add(0.0, 2.0)
    lag.add(1.0, 0.5)
    assert lag.max() == 2.0 and lag.last == 0.5
    lag.add(61.5, 0.001)
    assert lag.max() == 0.001
