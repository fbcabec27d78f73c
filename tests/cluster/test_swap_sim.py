"""Swaps against the simulated cluster (real SSH to fake Sparks, fake vLLM over HTTP): the happy
path, every failure ending in rollback with the previous model serving, 409, restart
reconciliation and a changed host key."""

import asyncio

import httpx
import pytest

from spark_control.errors import Conflict
from tests.cluster.simenv import PREVIOUS, TARGET, make_env, wait_step


@pytest.fixture
async def env(tmp_path):
    e = await make_env(tmp_path)
    try:
        yield e
    finally:
        await e.svc.stop()
        await e.sim.stop()
        e.db.close()


async def served_ids(env) -> list[str]:
    async with httpx.AsyncClient(trust_env=False) as c:
        r = await c.get(env.sim.url_for("vllm") + "/v1/models")
        return [m["id"] for m in r.json()["data"]]


def served(env, name):
    return env.catalog.get(name).served_name


async def assert_previous_serving(env, job):
    assert job.state == "rolled_back", (job.state, job.error)
    assert job.error and "failed" in job.error
    assert job.note == f"rolled back: {PREVIOUS} is serving again"
    assert await served_ids(env) == [served(env, PREVIOUS)]
    assert env.swaps.serving.model == PREVIOUS
    names = [p.name for p in job.phases]
    assert names[-1] == "rollback" and job.phases[-1].state == "done"
    audit = env.swaps.audit.recent(action_prefix="swap.finish")
    assert audit[0].result == "rolled_back"


async def test_happy_path(env):
    assert env.swaps.serving.model == PREVIOUS
    async with env.events.subscribe("swap") as sub:
        res = env.swaps.request(TARGET, confirm=True, actor="tester", source="127.0.0.1")
        job = await env.swaps.wait_job(res["job_id"], timeout=20)
        topics = []
        while not sub.queue.empty():
            topics.append(sub.queue.get_nowait())
    assert job.state == "done", job.error
    assert [(p.name, p.state) for p in job.phases] == [
        (n, "done") for n in ("preflight", "stop", "wait_memory", "launch", "load", "verify")
    ]
    assert all(p.duration_s is not None and p.started_at for p in job.phases)
    assert await served_ids(env) == [served(env, TARGET)]
    assert env.swaps.serving.model == TARGET and env.swaps.swap_in_progress is None
    lines = [ln for _, _, ln in job.log]
    assert any("./launch-cluster.sh" in ln and "--served-model-name gpt-oss-20b" in ln for ln in lines)
    assert any("1-token completion OK" in ln for ln in lines)
    assert any(ln.startswith("  | ") for ln in lines)  # the vLLM log tail
    kinds = {e.topic for e in topics}
    assert {"swap.job", "swap.phase", "swap.log", "swap.progress", "swap.serving"} <= kinds
    assert env.swaps.measured_load_s(env.catalog.get(TARGET)) is not None
    persisted = env.swaps.store.load(job.id, job.transitions)
    assert persisted.state == "done" and len(persisted.phases) == 6
    acts = [(a.action, a.result) for a in env.swaps.audit.recent()]
    assert ("swap.request", "accepted") in acts and ("swap.finish", "done") in acts


async def test_gateway_signal_and_wait_serving(env):
    res = env.swaps.request(TARGET, confirm=True)
    await wait_step(env.svc, res["job_id"], "load")
    sig = env.swaps.swap_in_progress
    assert sig is not None and sig.model == TARGET and sig.job_id == res["job_id"]
    assert sig.eta_s is not None and 0 <= sig.eta_s < 5
    t = await env.svc.manager.test_connection("spark1")  # a separate connection: the swap is not disturbed
    assert t.ok
    info = await env.swaps.wait_serving(timeout=20)
    assert info.model == TARGET and info.base_url == env.sim.url_for("vllm")


async def test_oom_at_load_rolls_back(env):
    env.sim.hosts["spark1"].faults["gpu_oom"] = True
    job = await env.swaps.wait_job(env.swaps.request(TARGET, confirm=True)["job_id"], timeout=20)
    await assert_previous_serving(env, job)
    assert "out of GPU memory" in job.error and "load" in job.error


async def test_host_oom_killed_rolls_back(env):
    env.sim.hosts["spark1"].faults["host_oom"] = True
    job = await env.swaps.wait_job(env.swaps.request(TARGET, confirm=True)["job_id"], timeout=20)
    await assert_previous_serving(env, job)


async def test_unknown_model_rolls_back(env):
    repo = env.catalog.get(TARGET).hf_repo
    del env.sim.hosts["spark1"].models[repo]  # weights not on the host: vLLM cannot find the model
    job = await env.swaps.wait_job(env.swaps.request(TARGET, confirm=True)["job_id"], timeout=20)
    await assert_previous_serving(env, job)
    assert "unknown or inaccessible model" in job.error


async def test_port_in_use_rolls_back(env):
    port = env.svc.manager.node("spark1").services["vllm"]
    host = env.sim.hosts["spark1"]
    host.faults["ports_in_use"] = {port}
    res = env.swaps.request(TARGET, confirm=True)

    async def squatter_leaves():  # a stray process held the port; it exits during the rollback
        await wait_step(env.svc, res["job_id"], "rollback")
        host.faults.pop("ports_in_use")

    t = asyncio.create_task(squatter_leaves())
    job = await env.swaps.wait_job(res["job_id"], timeout=20)
    await t
    await assert_previous_serving(env, job)
    assert "port in use" in job.error


async def test_load_timeout_rolls_back(env):
    for _ in range(3):  # it used to load in 20 ms; now it takes 90 s/400 = 225 ms > 3 x 20 ms (min 100 ms)
        env.swaps.store.record_load_time(TARGET, 0.02)
    job = await env.swaps.wait_job(env.swaps.request(TARGET, confirm=True)["job_id"], timeout=20)
    await assert_previous_serving(env, job)
    assert "load timed out" in job.error


async def test_host_down_mid_swap_rolls_back(env):
    res = env.swaps.request(TARGET, confirm=True)
    await wait_step(env.svc, res["job_id"], "load")
    await env.sim.host_down("spark1")
    await asyncio.sleep(0.3)
    await env.sim.host_up("spark1")
    job = await env.swaps.wait_job(res["job_id"], timeout=20)
    await assert_previous_serving(env, job)
    assert "unreachable" in job.error or "outcome unknown" in job.error or "dropped" in job.error


async def test_concurrent_swap_is_409_with_running_job(env):
    first = env.swaps.request(TARGET, confirm=True)
    with pytest.raises(Conflict) as ei:
        env.swaps.request("qwen3-30b-a3b-fp8", confirm=True)
    assert ei.value.extra["job_id"] == first["job_id"]
    job = await env.swaps.wait_job(first["job_id"], timeout=20)
    assert job.state == "done"
    # the lock is released afterwards
    second = env.swaps.request(PREVIOUS, confirm=True)
    assert (await env.swaps.wait_job(second["job_id"], timeout=20)).state == "done"


async def test_preflight_memory_refusal_changes_nothing(env):
    env.sim.hosts["spark1"].faults["extra_used_gib"] = 60.0  # something outside docker holds memory
    job = await env.swaps.wait_job(env.swaps.request("qwen3-next-80b-a3b-fp8", confirm=True)["job_id"], timeout=20)
    assert job.state == "failed" and "preflight failed" in job.error and "nothing was changed" in job.error
    assert [p.state for p in job.phases][:2] == ["failed", "skipped"]
    assert await served_ids(env) == [served(env, PREVIOUS)]


async def test_restart_mid_load_reconciles_and_finishes(env):
    slow = "qwen3-30b-a3b-fp8"  # 150 s load = 375 ms here: the restart lands inside it
    # On a loaded box the whole swap can finish before the controller goes down; then the
    # restart path is not exercised: swap back and try again (at most 3 times).
    for _attempt in range(3):
        res = env.swaps.request(slow, confirm=True)
        await wait_step(env.svc, res["job_id"], "load")
        svc = await env.restart_controller()
        job = await svc.swaps.wait_job(res["job_id"], timeout=20)
        assert job.state == "done", job.error
        assert svc.swaps.serving.model == slow and await served_ids(env) == [served(env, slow)]
        names = [p.name for p in job.phases]
        if "reconcile" in names:
            break
        back = await svc.swaps.wait_job(svc.swaps.request(PREVIOUS, confirm=True)["job_id"], timeout=20)
        assert back.state == "done", back.error
    else:
        pytest.fail("the controller never restarted while the load was still running")
    lines = [ln for _, _, ln in job.log]
    # unless the load already finished while the controller was down, it followed the rest of it
    if "finished while the controller was down" not in (job.note or ""):
        assert names[-2:] == ["load", "verify"]
        assert any("following the load" in ln for ln in lines)


async def test_restart_while_target_fails_rolls_back_honestly(env):
    # The OOM lands ~0.14 s into the load; on a loaded box it can land before the controller goes
    # down, and then the restart path is not exercised. Such an attempt must still end in a clean
    # rollback; the scenario is then tried again (at most 3 times) until the restart interrupts it.
    for _attempt in range(3):
        env.sim.hosts["spark1"].faults["gpu_oom"] = True
        res = env.swaps.request(TARGET, confirm=True)
        await wait_step(env.svc, res["job_id"], "load")
        svc = await env.restart_controller(down_s=0.4)  # the load fails while the controller is down
        job = await svc.swaps.wait_job(res["job_id"], timeout=20)
        assert job.state == "rolled_back", job.error
        assert await served_ids(env) == [served(env, PREVIOUS)]
        assert svc.swaps.serving.model == PREVIOUS
        if "interrupted by a controller restart at" in job.error:  # at load (or rollback, if it saw the OOM first)
            return
        assert "out of GPU memory" in job.error, job.error  # it saw the OOM before the restart
    pytest.fail("the controller never restarted while the load was still running")


async def test_changed_host_key_is_refused(env):
    await env.sim.host_down("spark1")
    await env.sim.host_up("spark1", new_host_key=True)
    await env.svc.manager.conn("spark1").close()
    async with env.events.subscribe("alert") as sub:
        job = await env.swaps.wait_job(env.swaps.request(TARGET, confirm=True)["job_id"], timeout=20)
        ev = await sub.get(timeout=2)
    assert job.state == "failed" and "HOST KEY CHANGED" in job.error and "nothing was changed" in job.error
    assert ev.topic == "alert.host_key_changed" and ev.data["node"] == "spark1"
    assert await served_ids(env) == [served(env, PREVIOUS)]  # untouched
    t = await env.svc.manager.test_connection("spark1")
    assert (t.ok, t.reason) == (False, "host_key_changed")
    assert t.presented_fingerprint not in t.pinned_fingerprints


async def test_tp2_swap_uses_both_nodes_and_back(env):
    tp2 = "gpt-oss-120b-tp2"
    job = await env.swaps.wait_job(env.swaps.request(tp2, confirm=True)["job_id"], timeout=30)
    assert job.state == "done", job.error
    assert job.nodes == ["spark1", "spark2"]
    lines = [ln for _, _, ln in job.log]
    assert any(ln.startswith("$ [spark2] cat /proc/meminfo") for ln in lines)  # both nodes checked
    assert "vllm_node" in env.sim.hosts["spark2"].containers  # the worker half runs on spark2
    assert await served_ids(env) == [served(env, tp2)]
    back = await env.swaps.wait_job(env.swaps.request(PREVIOUS, confirm=True)["job_id"], timeout=30)
    assert back.state == "done", back.error
    assert set(back.nodes) == {"spark1", "spark2"}  # stopping a tp=2 model locks both nodes


async def test_tp2_preflight_refuses_when_second_node_is_down(env):
    await env.sim.host_down("spark2")
    job = await env.swaps.wait_job(env.swaps.request("gpt-oss-120b-tp2", confirm=True)["job_id"], timeout=30)
    assert job.state == "failed" and "spark2 unreachable" in job.error and "nothing was changed" in job.error
    assert await served_ids(env) == [served(env, PREVIOUS)]


async def test_dropped_connection_at_launch_is_never_taken_for_success(env):
    # sshd dies while the launch command runs: exit status unknown; the load phase finds out
    env.sim.hosts["spark1"].faults["commands"] = {"cd spark-vllm-docker && ./launch-cluster.sh -d": "disconnect"}
    res = env.swaps.request(TARGET, confirm=True)

    async def heal():
        await wait_step(env.svc, res["job_id"], "rollback")
        env.sim.hosts["spark1"].faults.pop("commands")

    t = asyncio.create_task(heal())
    job = await env.swaps.wait_job(res["job_id"], timeout=20)
    await t
    lines = [ln for _, _, ln in job.log]
    assert any("launch outcome unknown" in ln for ln in lines)
    await assert_previous_serving(env, job)
