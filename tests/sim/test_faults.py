"""The simulator's fault-injection API (``spark_control.sim.faults``), on a real SimCluster:
whole services and nodes go down, come back by themselves or with ``clear``, and bad requests
change nothing."""

from __future__ import annotations

import asyncio
from types import SimpleNamespace

import pytest

from spark_control.sim import faults


async def _until(cond, within_s: float = 5.0) -> None:
    for _ in range(int(within_s / 0.02)):
        if cond():
            return
        await asyncio.sleep(0.02)
    raise AssertionError("condition not reached")


def _listening(sim) -> dict[str, bool]:
    return {k: s.is_up for k, s in sim.services.items()}


async def test_service_down_for_a_while_clears_itself(sim):
    await sim.sync()
    assert sim.services["embed"].is_up
    done = await faults.inject(sim, "service_down", "embed", duration_s=0.3)
    assert done.fault == "service_down" and done.clears_at == pytest.approx(done.applied_at + 0.3)
    assert not sim.services["embed"].is_up
    assert sim.hosts["spark2"].containers["spark-embed"].status == "running"  # only the port is gone
    await _until(lambda: sim.services["embed"].is_up)


async def test_host_down_until_cleared(sim):
    await faults.inject(sim, "host_down", "spark2")
    assert sim.hosts["spark2"].up is False
    await sim.sync()
    assert not sim.services["asr"].is_up
    done = await faults.clear(sim, "spark2")
    assert done.fault == "clear" and done.clears_at is None
    assert sim.hosts["spark2"].up is True


async def test_unknown_target_is_refused_and_changes_nothing(sim):
    await sim.sync()
    before = _listening(sim)
    with pytest.raises(faults.UnknownTarget):
        await faults.inject(sim, "service_down", "nope")
    with pytest.raises(ValueError):
        await faults.inject(sim, "disk_full", "spark1")
    assert _listening(sim) == before and all(h.up for h in sim.hosts.values())


async def test_a_simulator_without_the_method_says_so():
    calls: list[str] = []
    partial = SimpleNamespace(service_down=calls.append, service_up=calls.append)
    with pytest.raises(faults.NotSupported, match="cannot host down"):
        await faults.inject(partial, "host_down", "spark1")
    await faults.clear(partial, "vllm")  # host_up is missing: skipped, not an error
    assert calls == ["vllm"]


async def test_without_service_down_the_service_container_is_stopped_and_started(sim):
    # Only what a simulator exposes besides the fault methods: the fallback goes through docker.
    bare = SimpleNamespace(cluster_config=sim.cluster_config, hosts=sim.hosts, sync=sim.sync)
    c = sim.hosts["spark2"].containers["spark-embed"]
    await faults.inject(bare, "service_down", "embed")
    assert c.status == "exited" and not sim.services["embed"].is_up
    await faults.clear(bare, "embed")
    assert c.status == "running"
    with pytest.raises(faults.UnknownTarget):
        await faults.inject(bare, "service_down", "nope")
