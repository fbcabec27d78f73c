"""Nodes over real SSH (the pooled connection of ``cluster.nodes.ClusterManager``): host down ->
node down, back -> outage closed; telemetry and the deep check over the same connection."""

from __future__ import annotations

import pytest

from spark_control.audit import AuditLog
from spark_control.clock import ManualClock
from spark_control.cluster.keys import ControllerKey
from spark_control.cluster.nodes import ClusterManager
from spark_control.cluster.ssh import SSHOptions
from spark_control.events import EventHub
from spark_control.health.model import HealthConfig
from spark_control.health.monitor import HealthMonitor
from spark_control.health.outages import _iso
from spark_control.health.telemetry import TelemetryCollector
from spark_control.overview import OverviewCollector
from spark_control.settings import ClusterConfig, NodeConfig
from tests.health.conftest import step, wait_for
from tests.health.fakes import DroppableSSHD, node_handler


@pytest.fixture
async def node(tmp_path, db, vllm):
    key = ControllerKey.load_or_create(tmp_path / "ssh" / "id_ed25519")
    sshd = await DroppableSSHD(key.public_line, node_handler).start()
    cluster = ClusterConfig(
        nodes=[
            NodeConfig(
                name="spark1", host="127.0.0.1", user="sparkops", ssh_port=sshd.port, services={"vllm": vllm.port}
            )
        ]
    )
    cm = ClusterManager(
        cluster=cluster,
        db=db,
        events=EventHub(),
        audit=AuditLog(db),
        key_path=tmp_path / "ssh" / "id_ed25519",
        known_hosts_path=tmp_path / "ssh" / "known_hosts",
        ssh_options=SSHOptions(connect_timeout=1.0, keepalive_interval=1, keepalive_count_max=2, timeout_margin=0.5),
    )
    await cm.start()
    cm.pins.add("127.0.0.1", sshd.port, sshd.sshd.public_line)
    yield cm, sshd
    await cm.stop()
    await sshd.down()


async def test_node_ssh_down_then_back_closes_the_outage(db, node):
    """Real SSH, the monitor's time from a manual clock: the outage lasts exactly the clock time
    from the first failing probe to the first good one."""
    cm, sshd = node
    clock = ManualClock(sleep_advances=False)
    m = HealthMonitor(db, EventHub(), lambda: cm.cluster, runner=cm, telemetry=False, clock=clock)
    await m.start()
    try:
        tracker = m.trackers["node:spark1"]
        await wait_for(lambda: tracker.state == "up")
        await sshd.down()
        await step(clock, tracker, 0.5)  # the next probe fails: no SSH
        down_at = clock.now()
        assert tracker.fail_count == 1
        await step(clock, tracker, 0.25)  # the second confirms
        assert m.view()["nodes"]["spark1"]["state"] == "down"
        assert m.view()["status"] == "degraded"  # vLLM still answers
        o = m.outages(target="spark1")[0]
        assert o["open"] and o["target_kind"] == "node" and "ssh" in o["failed"]
        await step(clock, tracker, 0.25)
        await sshd.up()
        await step(clock, tracker, 0.5)  # reconnects: the first good probe
        assert tracker.state == "up"
        (o,) = m.outages(target="spark1")
        assert not o["open"] and o["duration_s"] == 1.0 and o["started_at"] == _iso(down_at)
    finally:
        await m.stop()


async def test_telemetry_reads_gpu_meminfo_disk_and_vllm_metrics(db, node, vllm):
    cm, _ = node
    m = HealthMonitor(db, EventHub(), lambda: cm.cluster, runner=cm, config=HealthConfig(telemetry_interval_s=0.3))
    await m.start()
    try:
        await wait_for(lambda: "vllm_tokens_per_s" in m.telemetry.latest.get("vllm", {}), timeout=8)
        n = m.telemetry.latest["spark1"]
        assert n["gpu_util_pct"] == 87 and n["gpu_temp_c"] == 61 and n["gpu_power_w"] == 45.5
        assert n["gpu_clock_sm_mhz"] == 2418 and n["gpu_clock_mem_mhz"] == 8533
        assert n["mem_total_gib"] == pytest.approx(121.6, abs=0.1)  # from /proc/meminfo, not nvidia-smi
        assert n["mem_used_gib"] == pytest.approx(26.27, abs=0.05)
        assert n["disk_used_pct"] == pytest.approx(25.4, abs=0.1)
        v = m.telemetry.latest["vllm"]
        assert v["vllm_requests_running"] == 2 and v["vllm_requests_waiting"] == 1
        assert v["vllm_kv_cache_pct"] == 25.0  # deprecated name as fallback
        assert v["vllm_tokens_per_s"] == 0.0  # the counter did not move
        assert m.telemetry.series("gpu_util_pct", since=0)[0]["spark1"] == 87
        text = m.render_prometheus()
        assert 'spark_control_gpu_util_pct{source="spark1"} 87' in text
    finally:
        await m.stop()


class RecordingRunner:
    """The cluster manager, remembering the program of every command run through it."""

    def __init__(self, cm) -> None:
        self.cm = cm
        self.programs: list[str] = []

    @property
    def cluster(self):
        return self.cm.cluster

    async def run(self, node, command, **kw):
        self.programs.append(command.argv[0] if command.argv[0] != "cat" else command.argv[1])
        return await self.cm.run(node, command, **kw)


async def test_telemetry_takes_gpu_memory_and_disk_from_the_overview(db, node):
    """The overview samples nvidia-smi, /proc/meminfo and df every 2 s anyway: telemetry reuses a
    fresh sample and queries only the GPU clocks; with no fresh sample it runs them all itself.
    Same numbers either way."""
    cm, _ = node
    runner = RecordingRunner(cm)
    overview = OverviewCollector(runner, None, EventHub())
    tel = TelemetryCollector(db, EventHub(), lambda: cm.cluster, runner=runner, config=HealthConfig())
    alone = await tel._node_sample("spark1")
    assert sorted(runner.programs) == ["/proc/meminfo", "df", "nvidia-smi", "nvidia-smi"]

    tel.readings = overview.fresh_sample
    await overview.sample_all()
    assert overview.samples["spark1"].ok and not overview.samples["spark1"].error
    runner.programs.clear()
    reused = await tel._node_sample("spark1")
    assert runner.programs == ["nvidia-smi"]  # the clocks query only
    assert reused == alone
    assert reused["gpu_util_pct"] == 87 and reused["gpu_clock_sm_mhz"] == 2418
    assert reused["mem_used_gib"] == pytest.approx(26.27, abs=0.05)
    assert reused["disk_used_pct"] == pytest.approx(25.4, abs=0.1)

    overview.samples["spark1"].at -= 2 * tel.cfg.telemetry_interval_s  # stale: not reused
    runner.programs.clear()
    assert await tel._node_sample("spark1") == alone
    assert len(runner.programs) == 4


async def test_deep_check_runs_every_probe_with_its_result(db, node):
    cm, _ = node
    m = HealthMonitor(db, EventHub(), lambda: cm.cluster, runner=cm, telemetry=False)
    await m.start()
    try:
        deep = await m.deep()
        assert deep["status"] == "ok", deep
        assert [c["check"] for c in deep["services"]["vllm"]["checks"]] == ["health", "models", "completion"]
        assert deep["services"]["vllm"]["checks"][2]["detail"] == "1 token(s)"
        node_checks = deep["nodes"]["spark1"]["checks"]
        assert [c["check"] for c in node_checks] == ["ssh", "docker_ps"]
        assert "vllm_node" in node_checks[1]["detail"]
    finally:
        await m.stop()
