"""Reapply speech-model patches against the simulated cluster: happy path (files in the
container, memory cap, restart, reported version) and rollback (previous files restored)."""

import pytest

from spark_control.cluster import commands
from spark_control.cluster.docker import parse_inspect
from tests.cluster.simenv import make_env

MAIN_OK = 'PATCH_VERSION = "2026.11-test"\n\ndef app():\n    return "patched"\n'
DIARIZER = "# patched diarizer\nMAX_SPEAKERS = 4\n"


@pytest.fixture
async def env(tmp_path):
    e = await make_env(tmp_path)
    try:
        yield e
    finally:
        await e.svc.stop()
        await e.sim.stop()
        e.db.close()


def write_patches(env, main: str) -> None:
    d = env.svc.patches.settings.patch_dir
    d.mkdir(parents=True, exist_ok=True)
    (d / "main.py").write_text(main)
    (d / "diarizer.py").write_text(DIARIZER)


def container(env):
    return env.sim.hosts["spark2"].containers["parakeet-asr"]


async def test_reapply_happy_path(env):
    write_patches(env, MAIN_OK)
    patches = env.svc.patches
    plan = patches.request(confirm=False, dry_run=True)
    assert plan["patch_version"] == "2026.11-test" and set(plan["files"]) == {"main.py", "diarizer.py"}
    assert any(c["command"] == "docker update --memory 24g --memory-swap 24g parakeet-asr" for c in plan["commands"])
    job = await patches.wait_job(patches.request(confirm=True, actor="tester")["job_id"], timeout=20)
    assert job.state == "done", job.error
    assert [p.state for p in job.phases] == ["done"] * 8
    c = container(env)
    assert c.files["/app/main.py"] == MAIN_OK.encode() and c.files["/app/diarizer.py"] == DIARIZER.encode()
    r = await env.svc.manager.run("spark2", commands.docker_inspect("parakeet-asr"))
    (d,) = parse_inspect(r.stdout)
    assert d.memory_limit == 24 * 1024**3 and d.running
    assert any("reports PATCH_VERSION '2026.11-test'" in ln for _, _, ln in job.log)
    assert env.svc.patches.audit.recent(action_prefix="patches.finish")[0].result == "done"


async def test_reapply_rolls_back_files_when_service_breaks(env):
    before = dict(container(env).files)
    write_patches(env, MAIN_OK + "BROKEN = True\n")
    patches = env.svc.patches
    patches.settings.health_timeout_s = 0.5
    job = await patches.wait_job(patches.request(confirm=True)["job_id"], timeout=20)
    assert job.state == "rolled_back", job.error
    assert "did not become healthy" in job.error
    assert job.phases[-1].name == "restore" and job.phases[-1].state == "done"
    c = container(env)
    assert c.files["/app/main.py"] == before["/app/main.py"]
    assert c.files["/app/diarizer.py"] == before["/app/diarizer.py"]
    assert "previous files restored" in job.note


async def test_reapply_conflicts_with_a_running_mutation_on_the_node(env):
    write_patches(env, MAIN_OK)
    env.svc.locks.acquire(["spark2"], "swap-x")
    from spark_control.errors import Conflict

    with pytest.raises(Conflict):
        env.svc.patches.request(confirm=True)


async def test_version_mismatch_rolls_back(env):
    # the service comes back healthy but still reports another PATCH_VERSION: verify must fail
    write_patches(env, MAIN_OK + "# REPORT_STALE\n")
    job = await env.svc.patches.wait_job(env.svc.patches.request(confirm=True)["job_id"], timeout=20)
    assert job.state == "rolled_back" and "expected '2026.11-test'" in job.error
    assert job.phase("verify").state == "failed"
