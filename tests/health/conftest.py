from __future__ import annotations

import asyncio
import time

import pytest

from spark_control.clock import ManualClock
from spark_control.events import EventHub
from spark_control.health.model import Tracker
from spark_control.health.monitor import HealthMonitor
from spark_control.settings import ClusterConfig, NodeConfig
from spark_control.store import Database
from tests.health.fakes import FakeService


async def wait_for(cond, timeout: float = 10.0, step: float = 0.05):  # noqa: ASYNC109
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        v = cond()
        if v:
            return v
        await asyncio.sleep(step)
    raise AssertionError(f"condition not met within {timeout}s")


@pytest.fixture
async def vllm():
    svc = FakeService(
        metrics='# HELP x\nvllm:num_requests_running{model_name="m"} 2\nvllm:num_requests_waiting 1\n'
        "vllm:gpu_cache_usage_perc 0.25\nvllm:generation_tokens_total 100\n"
    )
    await svc.start()
    yield svc
    await svc.stop()


@pytest.fixture
def db(tmp_path):
    d = Database(tmp_path / "health.db")
    yield d
    d.close()


def one_node_cluster(port: int) -> ClusterConfig:
    return ClusterConfig(nodes=[NodeConfig(name="spark1", host="127.0.0.1", services={"vllm": port})])


@pytest.fixture
async def monitor(db, vllm):
    m = HealthMonitor(db, EventHub(), one_node_cluster(vllm.port), telemetry=False)
    await m.start()
    yield m
    await m.stop()


async def step(clock: ManualClock, tracker: Tracker, seconds: float) -> None:
    """Move the monitor's clock ``seconds`` on and wait (real time, real sockets) until the
    target's watcher has probed at the new time: a failing probe counts up ``fail_count``, a good
    one sets ``last_ok_at`` to the clock's time."""
    fails = tracker.fail_count
    clock.advance(seconds)
    await wait_for(lambda: tracker.last_ok_at == clock.now() or tracker.fail_count > fails)


@pytest.fixture
async def clocked(db, vllm):
    """A monitor on a manual clock watching ``vllm``: time moves only by ``step``. Yields
    ``(monitor, clock, tracker)`` once vLLM is up and both connections the monitor holds to it
    (the keep-alive health client and the sentinel) are open."""
    clock = ManualClock(sleep_advances=False)
    m = HealthMonitor(db, EventHub(), one_node_cluster(vllm.port), telemetry=False, clock=clock)
    await m.start()
    tracker = m.trackers["service:vllm"]
    await wait_for(lambda: tracker.state == "up" and vllm.connections == 2)
    yield m, clock, tracker
    await m.stop()
