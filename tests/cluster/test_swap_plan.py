"""Swap planning is pure: nodes, expected duration, the dry-run commands and the model rows."""

import pytest

from spark_control.catalog import load_catalog
from spark_control.cluster.commands import LaunchTemplates
from spark_control.cluster.swap_plan import expected_total_s, model_row, swap_commands, swap_nodes
from spark_control.errors import BadRequest
from spark_control.settings import PROJECT_ROOT

CATALOG = load_catalog(PROJECT_ROOT / "models.yaml")
TP1 = next(s for s in CATALOG if s.tensor_parallel == 1)
TP2 = next(s for s in CATALOG if s.tensor_parallel == 2)


@pytest.mark.parametrize(
    "head,nodes,spec,want",
    [
        ("spark1", ["spark1", "spark2"], TP1, ["spark1"]),
        ("spark2", ["spark1", "spark2"], TP1, ["spark2"]),  # the head first, whatever the order
        ("spark2", ["spark1", "spark2"], TP2, ["spark2", "spark1"]),
    ],
)
def test_swap_nodes(head, nodes, spec, want):
    assert swap_nodes(head, nodes, spec) == want


def test_swap_nodes_refuses_a_model_bigger_than_the_cluster():
    with pytest.raises(BadRequest):
        swap_nodes("spark1", ["spark1"], TP2)


def test_expected_total_adds_the_overhead_scaled():
    assert expected_total_s(100.0, 1.0) == 113.0
    assert expected_total_s(100.0, 10.0) == 104.0


def test_swap_commands_follow_the_phases_in_order():
    cmds = swap_commands(
        LaunchTemplates(),
        TP2,
        head="spark1",
        nodes=["spark1", "spark2"],
        hosts=["<spark-1-ip>", "<spark-2-ip>"],
        port=8888,
        vllm_url="http://<spark-1-ip>:8888",
        log_tail=50,
    )
    phases = [c["phase"] for c in cmds]
    assert phases == ["preflight"] * 4 + [
        "stop",
        "wait_memory",
        "wait_memory",
        "launch",
        "load",
        "load",
        "verify",
        "verify",
    ]
    assert cmds[-1]["command"] == "POST http://<spark-1-ip>:8888/v1/completions max_tokens=1"


@pytest.mark.parametrize(
    "serving,loading,state",
    [(False, False, "stopped"), (True, False, "serving"), (True, True, "loading"), (False, True, "loading")],
)
def test_model_row_state(serving, loading, state):
    row = model_row(TP1, serving=serving, loading=loading, expected_load_s=12.345, measured_load_s=None)
    assert row["state"] == state and row["serving"] is serving and row["expected_load_s"] == 12.3
