import pytest

from spark_control.cluster.docker import ContainerSummary
from spark_control.cluster.stats import GIB
from spark_control.overview import NodeSample, human_duration, node_summary


@pytest.mark.parametrize(
    ("s", "text"), [(None, "?"), (5, "5s"), (65, "1m 5s"), (3 * 3600 + 120, "3h 2m"), (2 * 86400 + 7200, "2d 2h")]
)
def test_human_duration(s, text):
    assert human_duration(s) == text


def test_node_summary_of_a_healthy_node():
    n = NodeSample(
        name="spark1",
        ok=True,
        hostname="spark-1",
        uptime_s=90,
        mem_total=128 * GIB,
        mem_available=32 * GIB,
        gpu_util=97.0,
        gpu_temp=61.0,
        gpu_power=None,
        disk_used=100 * GIB,
        disk_total=1000 * GIB,
        containers=[
            ContainerSummary(
                name="vllm_node",
                image="vllm-node",
                status="Up 1 minute (health: starting)",
                state="running",
                health="starting",
            ),
            ContainerSummary(name="a_exited", image="x", status="Exited (1) 2 minutes ago", state="exited"),
        ],
    )
    v = node_summary(n)
    assert v["state"] == "up" and v["uptime"] == "1m 30s"
    assert v["memory"] == "96.0 / 128 GiB" and v["mem_pct"] == 75
    assert v["gpu"] == "97% · 61°C"  # power unknown: not shown as 0
    assert v["disk"] == "100 / 1000 GiB"
    assert [(c["name"], c["healthy"]) for c in v["containers"]] == [("a_exited", "no"), ("vllm_node", "starting")]


def test_node_summary_of_an_unreachable_node():
    v = node_summary(NodeSample(name="spark2", error="connection refused"))
    assert (v["state"], v["error"], v["memory"], v["containers"]) == ("down", "connection refused", "", [])
    assert node_summary(NodeSample(name="spark3"))["state"] == "unknown"  # not sampled yet
