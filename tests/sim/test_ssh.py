"""The fake hosts over real SSH: key auth, host-key pinning, failure modes, timeouts and drops."""

from __future__ import annotations

import asyncio
import shlex

import asyncssh
import pytest

from .conftest import connect
from .test_shell import HOSTILE


async def test_key_auth_and_known_hosts(sim, client_key):
    async with await connect(sim, "spark1", client_key) as conn:
        r = await conn.run("hostname")
        assert (r.exit_status, r.stdout) == (0, "spark-1\n")
        r = await conn.run("docker ps --format '{{.Names}}\t{{.Status}}'")
        assert r.stdout.startswith("vllm_node\tUp ") and "(healthy)" in r.stdout
    async with await connect(sim, "spark2", client_key) as conn:
        names = (await conn.run("docker ps --format '{{.Names}}'")).stdout.split()
        assert set(names) == {"parakeet-asr", "kokoro", "spark-embed", "qdrant"}
    lines = sim.known_hosts_lines()
    assert all(ln.startswith("[127.0.0.1]:") and " ssh-ed25519 AAAA" in ln for ln in lines)


async def test_wrong_client_key_is_refused(sim):
    other = asyncssh.generate_private_key("ssh-ed25519")
    with pytest.raises(asyncssh.PermissionDenied):
        await connect(sim, "spark1", other)


async def test_unknown_host_key_is_refused(sim, client_key):
    imposter = asyncssh.generate_private_key("ssh-ed25519").export_public_key().decode().split()
    port = sim.cluster_config.node("spark1").ssh_port
    kh = asyncssh.import_known_hosts(f"[127.0.0.1]:{port} {imposter[0]} {imposter[1]}\n")
    with pytest.raises(asyncssh.HostKeyNotVerifiable):
        await connect(sim, "spark1", client_key, known_hosts=kh)


async def test_host_down_then_back_same_port_same_or_new_key(sim, client_key):
    pinned = sim.known_hosts_lines()
    conn = await connect(sim, "spark1", client_key)
    port = sim.cluster_config.node("spark1").ssh_port
    await sim.host_down("spark1")
    await asyncio.wait_for(conn.wait_closed(), 5)  # live connections drop
    with pytest.raises(OSError):  # ConnectionRefusedError
        await connect(sim, "spark1", client_key)
    await sim.host_up("spark1")
    assert sim.cluster_config.node("spark1").ssh_port == port and sim.known_hosts_lines() == pinned
    async with await connect(sim, "spark1", client_key) as conn:
        assert (await conn.run("true")).exit_status == 0
    await sim.host_down("spark1")
    await sim.host_up("spark1", new_host_key=True)  # reinstalled, or someone in the middle
    kh = asyncssh.import_known_hosts("\n".join(pinned) + "\n")
    with pytest.raises(asyncssh.HostKeyNotVerifiable):
        await connect(sim, "spark1", client_key, known_hosts=kh)


async def test_hanging_command_times_out_and_connection_stays_usable(sim, client_key):
    sim.hosts["spark1"].faults["commands"] = {"docker logs": "hang"}
    async with await connect(sim, "spark1", client_key) as conn:
        with pytest.raises(asyncssh.TimeoutError):
            await conn.run("docker logs vllm_node", timeout=0.3)
        assert (await conn.run("echo still-here", timeout=5)).stdout == "still-here\n"


async def test_disconnect_mid_command_is_outcome_unknown(sim, client_key):
    sim.hosts["spark1"].faults["disconnect"] = True
    conn = await connect(sim, "spark1", client_key)
    r = await conn.run("docker stop vllm_node", check=True)  # no exception even with check=True
    assert r.exit_status is None and r.exit_signal is None
    sim.hosts["spark1"].faults.clear()
    assert "vllm_node" in (await (await connect(sim, "spark1", client_key)).run("docker ps")).stdout


async def test_hostile_args_round_trip_over_ssh(sim, client_key):
    async with await connect(sim, "spark1", client_key) as conn:
        r = await conn.run(shlex.join(["echo", *HOSTILE]))
        assert r.exit_status == 0 and r.stdout == " ".join(HOSTILE) + "\n"
        r = await conn.run("echo $(id)")
        assert r.exit_status == 127 and "fakehost: unsupported" in r.stderr
    assert sim.hosts["spark1"].calls[-2] == shlex.join(["echo", *HOSTILE])


async def test_upload_cp_patch_and_restart(sim, client_key, clock):
    spark2 = sim.hosts["spark2"]
    async with await connect(sim, "spark2", client_key) as conn:
        r = await conn.run("cat > /tmp/main.py", input="# patched server\n")
        assert r.exit_status == 0
        r = await conn.run("docker cp /tmp/main.py parakeet-asr:/app/main.py")
        assert r.exit_status == 0, r.stderr
        r = await conn.run("docker exec parakeet-asr cat /app/main.py")
        assert r.stdout == "# patched server\n"
        assert sim.services["asr"].is_up
        r = await conn.run("docker restart parakeet-asr")
        assert r.exit_status == 0
        assert not sim.services["asr"].is_up  # down while it restarts
        clock.advance(3)
        await sim.sync()
        assert sim.services["asr"].is_up
        r = await conn.run("docker logs --tail 20 parakeet-asr")
        assert "[patch] loaded 1 patched file(s): /app/main.py" in r.stdout
        assert spark2.containers["parakeet-asr"].restart_count == 1
        r = await conn.run(
            "docker update --memory 12g spark-embed && docker inspect -f '{{.HostConfig.Memory}}' spark-embed"
        )
        assert r.stdout.splitlines()[-1] == str(12 * 1024**3)


async def _launch(conn: asyncssh.SSHClientConnection, recipe: str) -> asyncssh.SSHCompletedProcess:
    return await conn.run(
        "cd ~/spark-vllm-docker && ./launch-cluster.sh stop && "
        + shlex.join(["./run-recipe.sh", recipe, "--solo", "-d"])
    )


async def _state(conn: asyncssh.SSHClientConnection) -> tuple[str, str, str]:
    r = await conn.run("docker inspect -f '{{.State.Status}} {{.State.ExitCode}} {{.State.OOMKilled}}' vllm_node")
    logs = (await conn.run("docker logs --tail 50 vllm_node 2>&1")).stdout
    return r.stdout.strip(), logs, r.stderr


@pytest.mark.parametrize(
    ("setup", "expect_state", "expect_log"),
    [
        ({"gpu_oom": "valueerror"}, "exited 1 false", "is less than desired GPU memory utilization"),
        ({"gpu_oom": "torch"}, "exited 1 false", "torch.OutOfMemoryError: CUDA out of memory"),
        ({"host_oom": True}, "exited 137 true", "Loading safetensors checkpoint shards"),
        ({"ports_in_use": "VLLM"}, "exited 1 false", "OSError: [Errno 98] Address already in use"),
        ({"unknown_model": True}, "exited 1 false", "is not a local folder and is not a valid model identifier"),
        ({}, "running 0 false", "Application startup complete."),
    ],
    ids=["oom-valueerror", "oom-torch", "host-oom", "port-in-use", "unknown-model", "ok"],
)
async def test_swap_lifecycle_failure_modes_over_ssh(sim, client_key, clock, catalog, setup, expect_state, expect_log):
    spec = catalog.get("llama-3.1-8b-instruct")
    spark1 = sim.hosts["spark1"]
    setup = dict(setup)
    if setup.pop("unknown_model", False):
        del spark1.models[spec.hf_repo]
    if setup.get("ports_in_use") == "VLLM":
        setup["ports_in_use"] = {sim.services["vllm"].port}
    spark1.faults.update(setup)
    async with await connect(sim, "spark1", client_key) as conn:
        r = await _launch(conn, spec.name)
        assert r.exit_status == 0, r.stderr
        assert not sim.services["vllm"].is_up  # loading: connection refused
        clock.advance(spec.load_time_s + 1)
        await sim.sync()
        state, logs, _ = await _state(conn)
        assert state == expect_state
        assert expect_log in logs
        assert sim.services["vllm"].is_up == (expect_state.startswith("running"))


async def test_name_conflict_and_registry_down_over_ssh(sim, client_key):
    spark1 = sim.hosts["spark1"]
    async with await connect(sim, "spark1", client_key) as conn:
        r = await conn.run("docker run -d --name vllm_node vllm-node")
        assert r.exit_status == 125 and "is already in use" in r.stderr
        spark1.faults["registry_down"] = True
        r = await conn.run("docker run -d --name other eugr/spark-vllm:latest")
        assert r.exit_status == 125 and "registry-1.docker.io" in r.stderr
        r = await conn.run("docker run -d --name other2 no/such-image")
        assert r.exit_status == 125


async def test_follow_logs_streams_until_exit(sim, client_key, clock, catalog):
    spec = catalog.get("llama-3.1-8b-instruct")
    async with await connect(sim, "spark1", client_key) as conn:
        await _launch(conn, spec.name)
        proc = await conn.create_process("docker logs -f vllm_node 2>&1")
        first = await asyncio.wait_for(proc.stdout.readline(), 5)
        assert "vLLM API server version" in first
        clock.advance(spec.load_time_s)
        seen = ""
        while "Application startup complete." not in seen:
            seen += await asyncio.wait_for(proc.stdout.readline(), 5)
        await conn.run("docker stop vllm_node")
        await asyncio.wait_for(proc.wait(), 5)
        assert proc.exit_status == 0


async def test_closing_the_channel_cancels_the_remote_command(sim, client_key):
    server = sim.ssh["spark1"]
    sim.hosts["spark1"].faults["commands"] = {"docker logs": "hang"}
    async with await connect(sim, "spark1", client_key) as conn:
        proc = await conn.create_process("docker logs vllm_node")
        for _ in range(100):
            if server.active_commands:
                break
            await asyncio.sleep(0.01)
        assert server.active_commands == 1  # still running: a timeout alone does not stop a remote command
        proc.close()
        for _ in range(100):
            if not server.active_commands:
                break
            await asyncio.sleep(0.01)
        assert server.active_commands == 0
