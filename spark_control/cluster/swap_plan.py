"""Planning a swap, without I/O: which nodes a model needs, how long a swap should take, the
exact commands a swap runs (the dry run) and a catalog entry as the API and UI list it."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from spark_control.catalog import ModelSpec
from spark_control.cluster import commands
from spark_control.cluster.commands import LaunchTemplates
from spark_control.errors import BadRequest


def swap_nodes(head: str, nodes: Sequence[str], spec: ModelSpec) -> list[str]:
    """The nodes ``spec`` runs on: the head (vLLM's node) first, then the others in order."""
    names = [head] + [n for n in nodes if n != head]
    if spec.tensor_parallel > len(names):
        raise BadRequest(f"{spec.name} needs {spec.tensor_parallel} nodes; the cluster has {len(names)}")
    return names[: spec.tensor_parallel]


def expected_total_s(load_s: float, time_scale: float) -> float:
    overhead = 3.0 + 10.0 / time_scale  # stop + memory settle + launch + verify, a first guess
    return round(load_s + overhead, 1)


def swap_commands(
    templates: LaunchTemplates,
    spec: ModelSpec,
    *,
    head: str,
    nodes: Sequence[str],
    hosts: Sequence[str],
    port: int,
    vllm_url: str,
    log_tail: int,
) -> list[dict[str, str]]:
    """Every command a swap to ``spec`` runs, phase by phase, as shown (secrets masked)."""
    stop = commands.stop_command(templates)
    launch = commands.launch_command(templates, spec, port=port, node_hosts=list(hosts))
    cmds = [
        {"phase": "preflight", "node": n, "command": c.shown}
        for n in nodes
        for c in (commands.meminfo(), commands.docker_ps())
    ]
    cmds += [
        {"phase": "stop", "node": head, "command": stop.shown},
        *({"phase": "wait_memory", "node": n, "command": commands.meminfo().shown} for n in nodes),
        {"phase": "launch", "node": head, "command": launch.shown},
        {"phase": "load", "node": head, "command": commands.docker_logs(templates.container, log_tail).shown},
        {"phase": "load", "node": head, "command": f"GET {vllm_url}/health"},
        {"phase": "verify", "node": head, "command": f"GET {vllm_url}/v1/models"},
        {"phase": "verify", "node": head, "command": f"POST {vllm_url}/v1/completions max_tokens=1"},
    ]
    return cmds


def model_row(
    spec: ModelSpec, *, serving: bool, loading: bool, expected_load_s: float, measured_load_s: float | None
) -> dict[str, Any]:
    """A catalog entry as ``GET /api/cluster/models`` and the Models page list it."""
    return {
        "name": spec.name,
        "served_name": spec.served_name,
        "hf_repo": spec.hf_repo,
        "description": spec.description,
        "tensor_parallel": spec.tensor_parallel,
        "max_model_len": spec.max_model_len,
        "memory_gib": spec.memory_gib,
        "params_b": spec.params_b,
        "quantization": spec.quantization,
        "expected_load_s": round(expected_load_s, 1),
        "measured_load_s": measured_load_s,
        "catalog_load_time_s": spec.load_time_s,
        "serving": serving,
        "state": "loading" if loading else ("serving" if serving else "stopped"),
    }
