"""Swaps against the simulated cluster, issue #14 items 4 and 5: catalog arguments crossing
launch-cluster.sh's second shell (``bash -c`` inside the container), verification faults, vLLM
coming back after a start without it, reconciliation that cannot read the cluster, vLLM's
``--api-key`` and secrets masked in what a job shows."""

import asyncio
import dataclasses
import json
import time

import httpx
import pytest

from spark_control.catalog import Catalog, load_catalog
from spark_control.settings import PROJECT_ROOT
from tests.cluster.simenv import PREVIOUS, TARGET, make_env, wait_step


def catalog_with(*extra) -> Catalog:
    base = load_catalog(PROJECT_ROOT / "models.yaml")
    models = dict(base.models)
    for spec in extra:
        models[spec.name] = spec
    return Catalog(path=base.path, models=models)


def variant(name: str, **kw):
    """A catalog entry serving TARGET's weights under another name (the simulator knows them)."""
    base = load_catalog(PROJECT_ROOT / "models.yaml").get(TARGET)
    return dataclasses.replace(base, name=name, served_name=name, **kw)


@pytest.fixture
async def make(tmp_path):
    envs = []

    async def _make(catalog: Catalog | None = None, **kw):
        e = await make_env(tmp_path, catalog=catalog, **kw)
        envs.append(e)
        return e

    yield _make
    for e in envs:
        await e.svc.stop()
        await e.sim.stop()
        e.db.close()


async def served_ids(env, key: str = "") -> list[str]:
    headers = {"authorization": f"Bearer {key}"} if key else {}
    async with httpx.AsyncClient(trust_env=False) as c:
        r = await c.get(env.sim.url_for("vllm") + "/v1/models", headers=headers)
        return [m["id"] for m in r.json()["data"]]


def log_lines(job) -> list[str]:
    return [ln for _, _, ln in job.log]


# ---- item 4: catalog arguments reach a second shell -------------------------------------------

JSON_ARG = '{"temperature":0.6}'


async def test_catalog_args_reach_vllm_intact_and_run_nothing_in_the_container(make):
    hostile = (
        "--override-generation-config",
        JSON_ARG,
        "--hf-overrides",
        '{"rope_scaling": {"type": "yarn", "factor": 2.0}}',
        "--x",
        "$(touch /tmp/pwned-subst)",
        "--y",
        "`touch /tmp/pwned-tick`",
        "--z",
        "a; touch /tmp/pwned-semi",
        "--w",
        "b\ntouch /tmp/pwned-newline",  # the YAML catalog refuses line breaks; built here directly
        "--v",
        "c && touch /tmp/pwned-and",
    )
    spec = variant("json-args", vllm_args=hostile)
    env = await make(catalog_with(spec))
    job = await env.swaps.wait_job(env.swaps.request(spec.name, confirm=True)["job_id"], timeout=20)
    assert job.state == "done", job.error
    c = env.sim.hosts["spark1"].containers["vllm_node"]
    args = c.vllm.args
    # each catalog arg arrived as exactly one argv element of `vllm serve`, unchanged
    for k in range(0, len(hostile), 2):
        i = args.index(hostile[k])
        assert args[i + 1] == hostile[k + 1], (hostile[k], args[i + 1])
    assert not [f for f in c.files if "pwned" in f], sorted(c.files)
    assert await served_ids(env) == [spec.name]


async def test_quotes_and_dollars_in_args_arrive_intact(make):
    spec = variant("quoted", vllm_args=("--u", 'it\'s ${HOME} "dq" $PATH \\ *'))
    env = await make(catalog_with(spec))
    job = await env.swaps.wait_job(env.swaps.request(spec.name, confirm=True)["job_id"], timeout=20)
    assert job.state == "done", job.error
    args = env.sim.hosts["spark1"].containers["vllm_node"].vllm.args
    assert args[args.index("--u") + 1] == spec.vllm_args[1]


async def test_the_simulator_runs_what_an_unquoted_launch_line_would_run(make):
    """The simulator's fidelity, shown with the line the controller used to send (quoted for the
    SSH shell only): the container's bash -c runs the payloads and eats the JSON's quotes."""
    import shlex

    from spark_control.sim.shell import Shell

    env = await make()
    host = env.sim.hosts["spark1"]
    argv = ["./launch-cluster.sh", "-d", "--solo", "-t", "vllm-node", "--name", "vllm_node", "exec", "vllm", "serve"]
    argv += [env.catalog.get(TARGET).hf_repo, "--port", "1", "--override-generation-config", JSON_ARG]
    argv += ["--x", "$(touch /tmp/pwned-subst)", "--y", "`touch /tmp/pwned-tick`", "--z", "a; touch /tmp/pwned-semi"]
    _, err, rc = await Shell(host).capture("cd spark-vllm-docker && ./launch-cluster.sh --name vllm_node stop")
    assert rc == 0, err
    _, err, rc = await Shell(host).capture("cd spark-vllm-docker && " + shlex.join(argv))
    assert rc == 0, err
    c = host.containers["vllm_node"]
    assert {"/tmp/pwned-subst", "/tmp/pwned-tick", "/tmp/pwned-semi"} <= set(c.files)
    args = c.vllm.args
    assert args[args.index("--override-generation-config") + 1] == "{temperature:0.6}"


async def test_a_mangled_json_arg_fails_the_launch_in_the_simulator_as_in_vllm(make):
    # What the old, once-quoted line did: the JSON reached bash -c unquoted and lost its quotes.
    spec = variant("mangled", vllm_args=("--override-generation-config", "{temperature:0.6}"))
    env = await make(catalog_with(spec))
    job = await env.swaps.wait_job(env.swaps.request(spec.name, confirm=True)["job_id"], timeout=20)
    assert job.state == "rolled_back", job.error
    assert "vLLM refused its arguments" in job.error
    assert await served_ids(env) == [env.catalog.get(PREVIOUS).served_name]


async def test_unsafe_env_value_is_refused_before_anything_stops(make):
    spec = variant("bad-env", env=(("FOO", "$(touch /tmp/pwned-env)"),))
    env = await make(catalog_with(spec))
    plan_error = None
    try:
        env.swaps.request(spec.name, confirm=False, dry_run=True)
    except Exception as e:  # noqa: BLE001
        plan_error = e
    assert plan_error is not None and "env FOO" in str(plan_error)
    job = await env.swaps.wait_job(env.swaps.request(spec.name, confirm=True)["job_id"], timeout=20)
    assert job.state == "failed" and "preflight failed" in job.error and "env FOO" in job.error
    assert await served_ids(env) == [env.catalog.get(PREVIOUS).served_name]  # untouched
    host = env.sim.hosts["spark1"]
    assert not [f for f in host.containers["vllm_node"].files if "pwned" in f]


# ---- item 5: verification faults are swap failures --------------------------------------------


async def test_error_reading_models_at_verify_rolls_back(make):
    env = await make()
    fake = env.sim.vllm
    res = env.swaps.request(TARGET, confirm=True)
    await wait_step(env.svc, res["job_id"], "load")
    fake.faults.models_error = (500, "EngineCore encountered an issue.")

    async def heal():  # the previous model must verify again during the rollback
        await wait_step(env.svc, res["job_id"], "rollback")
        fake.faults.models_error = None

    t = asyncio.create_task(heal())
    job = await env.swaps.wait_job(res["job_id"], timeout=20)
    await t
    assert job.state == "rolled_back", job.error
    assert "verify" in job.error and "/v1/models returned 500" in job.error
    assert job.note == f"rolled back: {PREVIOUS} is serving again"
    assert env.swaps.serving.model == PREVIOUS
    assert await served_ids(env) == [env.catalog.get(PREVIOUS).served_name]


async def test_garbage_from_models_at_verify_rolls_back(make):
    env = await make()
    res = env.swaps.request(TARGET, confirm=True)
    await wait_step(env.svc, res["job_id"], "load")
    # /v1/models answers 200 with something that is not a model list
    env.sim.vllm.faults.models_error = (200, "not a model list")

    async def heal():
        await wait_step(env.svc, res["job_id"], "rollback")
        env.sim.vllm.faults.models_error = None

    t = asyncio.create_task(heal())
    job = await env.swaps.wait_job(res["job_id"], timeout=20)
    await t
    assert job.state == "rolled_back", job.error
    assert "unreadable body" in job.error
    assert env.swaps.serving.model == PREVIOUS


async def test_a_rollback_that_fails_too_ends_failed_and_says_nothing_serves(make):
    env = await make()
    res = env.swaps.request(TARGET, confirm=True)
    await wait_step(env.svc, res["job_id"], "load")
    env.sim.vllm.faults.models_error = (500, "EngineCore encountered an issue.")  # never healed
    job = await env.swaps.wait_job(res["job_id"], timeout=20)
    assert job.state == "failed", job.error
    assert job.error.startswith(f"swap to {TARGET} failed at verify: GET /v1/models returned 500")
    assert f"; rollback to {PREVIOUS} ALSO failed: GET /v1/models returned 500" in job.error
    assert job.error.endswith("; no model is serving") and env.swaps.serving is None
    # SWAP_ROLLBACK's rows ran in order inside the rollback step, up to the one that failed
    rollback = [ln for _, ph, ln in job.log if ph == "rollback"]
    order = [
        next(i for i, ln in enumerate(rollback) if ln.startswith(f"rolling back to {PREVIOUS}")),
        next(i for i, ln in enumerate(rollback) if "launch-cluster.sh" in ln and " stop" in ln),
        next(i for i, ln in enumerate(rollback) if "memory settled" in ln),
        next(i for i, ln in enumerate(rollback) if "launch-cluster.sh" in ln and "vllm serve" in ln),
        next(i for i, ln in enumerate(rollback) if "/health is 200" in ln),
        next(i for i, ln in enumerate(rollback) if "ALSO failed" in ln),
    ]
    assert order == sorted(order), rollback
    assert [p.name for p in job.phases][-1] == "rollback"


async def test_serving_is_read_again_when_vllm_comes_back_after_a_start_without_it(make):
    env = await make()
    await env.sim.service_down("vllm")
    svc = await env.restart_controller()
    assert svc.swaps.serving is None  # unreachable at start: nothing known to serve
    await env.sim.service_up("vllm")
    info = await svc.swaps.wait_serving(timeout=5)  # Unavailable if nobody reads vLLM again
    assert info.model == PREVIOUS and svc.swaps.serving.model == PREVIOUS


# A 300 s load, at SLOW_SPEED 6 s real: the restart lands inside it even on a loaded machine (at
# the suite's speed, 750 ms, the load could end before the restart). The old controller's task
# must not outlive its stop: see JobRunner.cancel_all and test_job_runner's swallowed cancel.
SLOW = "qwen3-next-80b-a3b-fp8"
SLOW_SPEED = 50.0


def stop_calls(env, since: int) -> list[str]:
    return [ln for ln in env.sim.hosts["spark1"].calls[since:] if "launch-cluster.sh" in ln and " stop" in ln]


async def swap_at_load_with_unreadable_cluster(make):
    """A swap to SLOW caught at load, then both reads fail: /v1/models answers 500 and the Docker
    daemon does not answer. Returns the env, the job id and the host's call count at that point."""
    env = await make(speed=SLOW_SPEED)
    res = env.swaps.request(SLOW, confirm=True)
    await wait_step(env.svc, res["job_id"], "load")
    env.sim.vllm.faults.models_error = (500, "EngineCore encountered an issue.")
    host = env.sim.hosts["spark1"]
    host.faults["commands"] = {"docker ps": {"rc": 1, "stderr": "Cannot connect to the Docker daemon\n"}}
    return env, res["job_id"], len(host.calls)


def make_cluster_readable(env) -> None:
    env.sim.vllm.faults.models_error = None
    env.sim.hosts["spark1"].faults.pop("commands", None)


async def test_reconciliation_does_not_stop_a_container_it_could_not_read(make):
    env, job_id, mark = await swap_at_load_with_unreadable_cluster(make)

    async def heal():
        # heal once the new controller has seen the cluster unreadable (not after a fixed delay:
        # a slow restart on a busy machine would otherwise find the cluster healed already)
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            if any("cannot read the cluster yet" in ln for ln in log_lines(env.svc.swaps.job(job_id))):
                break
            await asyncio.sleep(0.02)
        make_cluster_readable(env)

    t = asyncio.create_task(heal())
    svc = await env.restart_controller()
    job = await svc.swaps.wait_job(job_id, timeout=20)
    await t
    assert stop_calls(env, mark) == [], (job.state, job.error, log_lines(job))  # nothing was stopped
    assert job.state == "done", job.error
    assert any("cannot read the cluster yet" in ln for ln in log_lines(job))
    assert svc.swaps.serving.model == SLOW
    assert await served_ids(env) == [env.catalog.get(SLOW).served_name]


async def test_reconciliation_that_never_reads_the_cluster_leaves_it_alone(make):
    env, job_id, mark = await swap_at_load_with_unreadable_cluster(make)
    svc = await env.restart_controller()
    job = await svc.swaps.wait_job(job_id, timeout=30)  # host_retry_s (5 s) of retries
    assert job.state == "failed", job.error
    assert "could not be read" in job.error and "nothing was stopped or started" in job.error
    assert stop_calls(env, mark) == []
    assert env.sim.hosts["spark1"].containers["vllm_node"].status == "running"  # keeps loading/serving
    make_cluster_readable(env)
    info = await svc.swaps.wait_serving(timeout=15)  # the serving watcher picks it up once readable
    assert info.model == SLOW


# ---- --api-key and masking --------------------------------------------------------------------

KEY = "sk-upstream-7f3a9c"
TOKEN = "hf_secretToken42"


async def test_swap_to_a_model_with_api_key_verifies_with_it_and_never_shows_secrets(make):
    spec = variant("keyed", vllm_args=("--api-key", KEY), env=(("HF_TOKEN", TOKEN),))
    env = await make(catalog_with(spec))
    plan = env.swaps.request(spec.name, confirm=False, dry_run=True)
    launch = next(c["command"] for c in plan["commands"] if c["phase"] == "launch")
    assert "--api-key ***" in launch and "HF_TOKEN=***" in launch
    assert KEY not in json.dumps(plan) and TOKEN not in json.dumps(plan)
    async with env.events.subscribe("swap") as sub:
        job = await env.swaps.wait_job(env.swaps.request(spec.name, confirm=True)["job_id"], timeout=20)
        events = []
        while not sub.queue.empty():
            events.append(sub.queue.get_nowait())
    assert job.state == "done", job.error
    assert env.swaps.serving.model == spec.name
    # the simulated vLLM enforces the key, as vLLM does
    async with httpx.AsyncClient(trust_env=False) as c:
        r = await c.get(env.sim.url_for("vllm") + "/v1/models")
        assert r.status_code == 401 and r.json() == {"error": "Unauthorized"}
        assert (await c.get(env.sim.url_for("vllm") + "/health")).status_code == 200
    assert await served_ids(env, KEY) == [spec.name]
    lines = log_lines(job)
    assert any("--api-key ***" in ln and "HF_TOKEN=***" in ln for ln in lines if ln.startswith("$ "))
    # neither the job (log, error), its events (SSE), nor the store hold the secrets
    shown = json.dumps(env.swaps.job_dict(job.id, log_tail=None)) + json.dumps([e.data for e in events], default=str)
    assert KEY not in shown and TOKEN not in shown
    # launch-cluster.sh echoes the command and vLLM prints its non-default args: both scrubbed
    assert any("Executing on head node" in ln and "***" in ln for ln in lines)
    # a restarted controller finds the keyed model serving (it knows the catalog's keys)
    svc = await env.restart_controller()
    assert svc.swaps.serving is not None and svc.swaps.serving.model == spec.name
    back = await svc.swaps.wait_job(svc.swaps.request(PREVIOUS, confirm=True)["job_id"], timeout=20)
    assert back.state == "done", back.error


async def test_vllm_api_key_from_the_environment_is_enforced_and_used(make):
    spec = variant("env-keyed", env=(("VLLM_API_KEY", KEY),))  # vLLM reads its key from the environment
    env = await make(catalog_with(spec))
    job = await env.swaps.wait_job(env.swaps.request(spec.name, confirm=True)["job_id"], timeout=20)
    assert job.state == "done", job.error
    async with httpx.AsyncClient(trust_env=False) as c:
        assert (await c.get(env.sim.url_for("vllm") + "/v1/models")).status_code == 401
    assert KEY not in json.dumps(env.swaps.job_dict(job.id, log_tail=None))


async def test_the_upstream_client_sends_the_key_on_reads_too(make):
    from spark_control.upstreams.vllm import UpstreamRejected, VLLMUpstream

    spec = variant("keyed-get", vllm_args=("--api-key", KEY))
    env = await make(catalog_with(spec))
    job = await env.swaps.wait_job(env.swaps.request(spec.name, confirm=True)["job_id"], timeout=20)
    assert job.state == "done", job.error
    url = env.sim.url_for("vllm")
    keyed, bare = VLLMUpstream(api_key=KEY), VLLMUpstream()
    try:
        listed = await keyed.get_json(url, "/v1/models")
        assert [m["id"] for m in listed["data"]] == [spec.name]
        with pytest.raises(UpstreamRejected) as ei:
            await bare.get_json(url, "/v1/models")
        assert ei.value.status == 401
    finally:
        await keyed.aclose()
        await bare.aclose()


async def test_the_deep_health_check_sends_the_key_to_a_keyed_vllm(make):
    from spark_control.health import probes
    from spark_control.health.model import HealthConfig, Target

    spec = variant("keyed-deep", vllm_args=("--api-key", KEY))
    env = await make(catalog_with(spec))
    job = await env.swaps.wait_job(env.swaps.request(spec.name, confirm=True)["job_id"], timeout=20)
    assert job.state == "done", job.error
    target = Target(name="vllm", kind="service", url=env.sim.url_for("vllm"))
    async with httpx.AsyncClient(trust_env=False) as client:
        keyed = {c.check: c for c in await probes.deep_vllm(target, client, HealthConfig(vllm_api_key=KEY))}
        bare = {c.check: c for c in await probes.deep_vllm(target, client, HealthConfig())}
    assert keyed["models"].ok and keyed["models"].detail == spec.name
    assert keyed["completion"].ok, keyed["completion"].error
    assert not bare["models"].ok and "401" in bare["models"].error
