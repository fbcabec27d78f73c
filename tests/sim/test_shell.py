"""The fake host and its shell, without sockets: quoting, commands, lifecycle and failure modes
driven by a ManualClock."""

from __future__ import annotations

import json
import shlex

import pytest

from spark_control.sim.docker_format import human_duration
from spark_control.sim.host import FAULT_KEYS
from spark_control.sim.interpreter import parse, tokenize
from spark_control.sim.shell import Shell

HOSTILE = [
    "; rm -rf / #",
    "$(reboot)",
    "`id`",
    "a\"b'c",
    "&&",
    "|",
    "2>&1",
    "line1\nline2",
    "  spaced  out  ",
    "",
    "*",
    "~",
    "{a,b}",
    "--port=1; true",
    "ünïcødé ✓",
    "\\backslash\\",
]


def test_shlex_join_round_trips_hostile_args():
    argv = ["docker", "exec", "vllm_node", *HOSTILE]
    chain = parse(tokenize(shlex.join(argv)))
    assert len(chain.items) == 1
    ((_, pipeline),) = chain.items
    assert len(pipeline) == 1
    assert pipeline[0].argv == argv
    assert pipeline[0].argv == shlex.split(shlex.join(argv))


async def test_hostile_args_reach_the_command_verbatim(sh):
    out, err, rc = await sh.capture(shlex.join(["echo", *HOSTILE]))
    assert rc == 0, err
    assert out == " ".join(HOSTILE) + "\n"


@pytest.mark.parametrize(
    "line",
    [
        "echo $(reboot)",
        "echo `id`",
        "ls *.py",
        "echo $HOME",
        "sleep 5 &",
        "(true)",
        "python3 -c 1",
        "docker frobnicate",
        "nvidia-smi --weird",
        "df -h",
        "docker run vllm-node",
        "nvidia_smi",  # programs are found by their real name only (not a method-name spelling)
        "launch-cluster.sh",  # a script runs by path, from the checkout
    ],
)
async def test_unmodelled_things_fail_loudly(sh, line):
    out, err, rc = await sh.capture(line)
    assert rc == 127
    assert "fakehost: unsupported" in err


async def test_every_command_line_is_recorded(sh, host):
    await sh.capture("hostname && uptime")
    await sh.capture("true")
    assert host.calls == ["hostname && uptime", "true"]


async def test_operators_pipes_and_redirections(sh, host):
    assert (await sh.capture("false && echo no || echo yes"))[0] == "yes\n"
    assert (await sh.capture("true; echo a; false"))[2] == 1
    out, err, rc = await sh.capture("docker inspect nope 2>&1 | grep -c 'No such object'")
    assert (out, rc) == ("1\n", 0)
    out, err, rc = await sh.capture("docker inspect nope")
    assert out == "[]\n" and "Error: No such object: nope" in err and rc == 1
    out, _, rc = await sh.capture("cat /proc/meminfo | head -n 3 | tail -n 1")
    assert out.startswith("MemAvailable:")
    _, _, rc = await sh.capture("cat > /tmp/patch.py", stdin="print('hi')\n")
    assert rc == 0 and host.files["/tmp/patch.py"] == b"print('hi')\n"
    assert (await sh.capture("cat /tmp/patch.py"))[0] == "print('hi')\n"
    out, err, rc = await sh.capture("cd ~/spark-vllm-docker && ./run-recipe.sh --list")
    assert rc == 0 and "qwen3-30b-a3b-fp8" in out
    out, err, rc = await sh.capture("./run-recipe.sh --list")  # wrong directory
    assert rc == 127 and "No such file or directory" in err
    assert (await sh.capture("cd /nowhere"))[2] == 1


async def test_host_facts(sh, host):
    assert (await sh.capture("hostname"))[0] == "spark1\n"
    up = float((await sh.capture("cat /proc/uptime"))[0].split()[0])
    assert up > 86400
    assert " up 3 days, " in (await sh.capture("uptime"))[0]
    out = (await sh.capture("free -b"))[0].splitlines()
    assert out[0].split() == ["total", "used", "free", "shared", "buff/cache", "available"]
    total = int(out[1].split()[1])
    assert 120 * 1024**3 < total < 128 * 1024**3
    df = (await sh.capture("df -B1 /"))[0].splitlines()
    assert df[0].split()[:2] == ["Filesystem", "1B-blocks"] and df[1].endswith("% /")
    posix = (await sh.capture("df -P -B1 /"))[0].splitlines()  # what the controller runs
    assert posix[1].split()[1:4] == df[1].split()[1:4]
    meminfo = dict(line.split(":", 1) for line in (await sh.capture("cat /proc/meminfo"))[0].splitlines())
    assert int(meminfo["MemTotal"].split()[0]) * 1024 == total


async def test_nvidia_smi_gb10_style(sh):
    out, _, rc = await sh.capture(
        "nvidia-smi --query-gpu=name,memory.used,memory.total,utilization.gpu,temperature.gpu,power.draw "
        "--format=csv,noheader,nounits"
    )
    assert rc == 0
    name, used, total, util, temp, power = [v.strip() for v in out.strip().split(",")]
    assert (name, used, total) == ("NVIDIA GB10", "[N/A]", "[N/A]")
    assert util.isdigit() and temp.isdigit() and float(power) > 0
    out, _, _ = await sh.capture("nvidia-smi --query-gpu=utilization.gpu,power.draw --format=csv")
    assert out.splitlines()[0] == "utilization.gpu [%], power.draw [W]" and out.splitlines()[1].endswith(" W")
    out, _, rc = await sh.capture("nvidia-smi --query-gpu=bogus --format=csv")
    assert rc == 2 and 'Field "bogus" is not a valid field to query.' in out
    table = (await sh.capture("nvidia-smi"))[0]
    assert "NVIDIA GB10" in table and "Not Supported" in table


def test_docker_human_durations():
    cases = {
        0.4: "Less than a second",
        1: "1 second",
        45: "45 seconds",
        61: "About a minute",
        150: "2 minutes",
        3600: "About an hour",
        3 * 3600: "3 hours",
        3 * 86400: "3 days",
    }
    for secs, text in cases.items():
        assert human_duration(secs) == text


async def _launch(sh: Shell, recipe: str, *extra: str) -> tuple[str, str, int]:
    return await sh.capture(
        shlex.join(["cd", sh.host.script_dir])
        + " && "
        + shlex.join(["./run-recipe.sh", recipe, "--solo", "-d", *extra])
    )


async def _health(sh: Shell) -> str:
    return (await sh.capture("docker inspect -f '{{.State.Health.Status}}' vllm_node"))[0].strip()


async def test_lifecycle_health_memory_gpu_and_log_phases(sh, host, clock, catalog):
    spec = catalog.get("llama-3.1-8b-instruct")
    avail0 = host.mem_available_gib()
    out, err, rc = await _launch(sh, spec.name)
    assert rc == 0, err
    assert await _health(sh) == "starting"
    ps = json.loads((await sh.capture("docker ps --format '{{json .}}'"))[0])
    assert ps["Names"] == "vllm_node" and ps["Status"].endswith("(health: starting)")
    seen_avail = []
    phases = [
        "Loading safetensors checkpoint shards:",
        "Model loading took",
        "Available KV cache memory:",
        "GPU KV cache size:",
        "Capturing CUDA graphs",
        "Starting vLLM API server 0 on http://0.0.0.0:8888",
        "Application startup complete.",
    ]
    for _ in range(9):
        clock.advance(spec.load_time_s / 10)
        seen_avail.append(host.mem_available_gib())
        assert host.gpu_util() > 0  # loading keeps the GPU busy
    clock.advance(spec.load_time_s / 10)
    seen_avail.append(host.mem_available_gib())
    assert host.gpu_util() == 0  # serving, idle
    logs = (await sh.capture("docker logs vllm_node 2>&1"))[0]
    positions = [logs.find(p) for p in phases]
    assert all(p >= 0 for p in positions), dict(zip(phases, positions, strict=True))
    assert positions == sorted(positions)
    assert await _health(sh) == "healthy"
    assert seen_avail == sorted(seen_avail, reverse=True) and avail0 - seen_avail[-1] == pytest.approx(
        spec.memory_gib, abs=0.5
    )
    out = (await sh.capture("docker logs --tail 1 vllm_node"))[0]
    assert out == "" or out.count("\n") <= 1
    assert (await sh.capture("docker logs --tail 1 vllm_node 2>&1"))[0].endswith("Application startup complete.\n")
    # stop: the memory drains back over a few seconds, not instantly
    _, _, rc = await sh.capture("cd ~/spark-vllm-docker && ./launch-cluster.sh stop")
    assert rc == 0
    assert "vllm_node" not in (await sh.capture("docker ps -a"))[0]
    assert host.mem_available_gib() == pytest.approx(avail0, abs=0.5)


async def _fails_with(sh: Shell, clock, spec, text: str, code: int) -> str:
    clock.advance(spec.load_time_s)
    sh.host.refresh()
    state = json.loads((await sh.capture("docker inspect -f '{{json .State}}' vllm_node"))[0])
    logs = (await sh.capture("docker logs vllm_node 2>&1"))[0]
    assert text in logs, logs[-800:]
    assert state["Status"] == "exited" and state["ExitCode"] == code
    return logs


async def test_free_memory_refusal_when_previous_model_still_resident(sh, host, clock, catalog):
    big = catalog.get("qwen3-next-80b-a3b-fp8")
    host.faults["extra_used_gib"] = 40.0
    _, err, rc = await _launch(sh, big.name)
    assert rc == 0, err
    logs = await _fails_with(sh, clock, big, "ValueError: Free memory on device cuda:0 (", 1)
    assert "is less than desired GPU memory utilization (0.85," in logs
    assert await _health(sh) == "unhealthy"


async def test_torch_oom(sh, host, clock, catalog):
    spec = catalog.get("llama-3.1-8b-instruct")
    host.faults["gpu_oom"] = "torch"
    await _launch(sh, spec.name)
    await _fails_with(sh, clock, spec, "torch.OutOfMemoryError: CUDA out of memory.", 1)
    assert "gpu_oom" not in host.faults  # consumed by that start


async def test_host_oom_kill(sh, host, clock, catalog):
    spec = catalog.get("llama-3.1-8b-instruct")
    host.faults["host_oom"] = True
    await _launch(sh, spec.name)
    await _fails_with(sh, clock, spec, "Loading safetensors checkpoint shards:", 137)
    assert (await sh.capture("docker inspect -f '{{.State.OOMKilled}}' vllm_node"))[0] == "true\n"
    assert "Exited (137)" in (await sh.capture("docker ps -a"))[0]


async def test_unknown_model(sh, host, clock, catalog):
    spec = catalog.get("llama-3.1-8b-instruct")
    del host.models[spec.hf_repo]
    await _launch(sh, spec.name)
    await _fails_with(
        sh,
        clock,
        spec,
        f"OSError: {spec.hf_repo} is not a local folder and is not a valid model identifier listed on "
        "'https://huggingface.co/models'",
        1,
    )


async def test_port_in_use(sh, host, clock, catalog):
    spec = catalog.get("llama-3.1-8b-instruct")
    host.faults["ports_in_use"] = {8888}
    await _launch(sh, spec.name)
    await _fails_with(sh, clock, spec, "OSError: [Errno 98] Address already in use", 1)
    out, err, rc = await sh.capture("docker run -d --name web -p 8888:80 hello-world")
    assert rc == 125 and "Bind for 0.0.0.0:8888 failed: port is already allocated" in err
    assert "Created" in (await sh.capture("docker ps -a --filter name=web"))[0]


async def test_name_conflict(sh):
    _, _, rc = await sh.capture("docker run -d --name vllm_node vllm-node")
    assert rc == 0
    _, err, rc = await sh.capture("docker run -d --name vllm_node vllm-node")
    assert rc == 125
    assert 'Conflict. The container name "/vllm_node" is already in use by container' in err
    _, err, rc = await _launch(sh, "llama-3.1-8b-instruct")  # the script refuses a running node
    assert rc == 1 and "already running" in err


async def test_registry_down_and_bad_image(sh, host):
    _, err, rc = await sh.capture("docker run -d --name x nosuch/image:1")
    assert rc == 125 and "pull access denied for nosuch/image" in err
    host.faults["registry_down"] = True
    _, err, rc = await sh.capture("docker run -d --name y qdrant/qdrant")
    assert rc == 125 and "registry-1.docker.io" in err
    _, err, rc = await sh.capture("docker pull qdrant/qdrant")
    assert rc == 1
    del host.faults["registry_down"]
    out, err, rc = await sh.capture("docker run -d --name y qdrant/qdrant")
    assert rc == 0 and "Unable to find image 'qdrant/qdrant:latest' locally" in err


async def test_daemon_and_driver_faults(sh, host):
    host.faults["docker_down"] = True
    _, err, rc = await sh.capture("docker ps")
    assert rc == 1 and "Cannot connect to the Docker daemon" in err
    host.faults = {"nvidia_smi_broken": True}
    out, _, rc = await sh.capture("nvidia-smi")
    assert rc == 9 and "NVIDIA-SMI has failed" in out
    host.faults = {"commands": {"docker ps": {"rc": 3, "stderr": "boom\n"}}}
    assert await sh.capture("docker ps -a") == ("", "boom\n", 3)
    host.faults = {"no_such_fault": 1}
    with pytest.raises(KeyError):
        await sh.capture("true")
    assert set(FAULT_KEYS) >= {"commands", "disconnect", "gpu_oom", "host_oom", "registry_down", "ports_in_use"}


async def test_docker_exec_launch_and_dry_run(sh, host, clock, catalog):
    spec = catalog.get("gpt-oss-20b")
    out, err, rc = await _launch(sh, spec.name, "--dry-run")
    assert rc == 0 and "launch-cluster.sh --solo -d" in out and not host.containers
    _, _, rc = await sh.capture("cd ~/spark-vllm-docker && ./launch-cluster.sh --solo -d start")
    assert rc == 0 and host.containers["vllm_node"].vllm is None
    cmd = shlex.join(
        [
            "docker",
            "exec",
            "-d",
            "vllm_node",
            "bash",
            "-i",
            "-c",
            shlex.join(["vllm", "serve", *spec.vllm_serve_args(8888)]),
        ]
    )
    _, err, rc = await sh.capture(cmd)
    assert rc == 0, err
    clock.advance(spec.load_time_s)
    assert await _health(sh) == "healthy"
    assert host.containers["vllm_node"].vllm.served_name == "gpt-oss-20b"
    _, _, rc = await sh.capture("docker exec vllm_node curl -sf http://localhost:8888/health")
    assert rc == 0
    _, _, rc = await sh.capture("docker exec vllm_node pkill -f 'vllm serve'")
    assert rc == 0 and (await sh.capture("docker exec vllm_node curl -sf http://localhost:8888/health"))[2] == 7


async def test_tp2_launch_uses_the_peer(sh, host, clock, catalog):
    from spark_control.sim.host import FakeHost

    peer = FakeHost("spark2", clock, models=list(catalog))
    host.peers = {"spark2": peer}
    spec = catalog.get("gpt-oss-120b-tp2")
    out, err, rc = await sh.capture(f"cd ~/spark-vllm-docker && ./run-recipe.sh {spec.name} -d")
    assert rc == 0, err
    assert peer.containers["vllm_node"].status == "running"
    clock.advance(spec.load_time_s * 0.8)
    assert peer.mem_used_gib() > 50
    clock.advance(spec.load_time_s * 0.3)
    assert await _health(sh) == "healthy"
    await sh.capture("cd ~/spark-vllm-docker && ./launch-cluster.sh stop")
    assert "vllm_node" not in peer.containers and "vllm_node" not in host.containers
    peer.up = False
    _, err, rc = await sh.capture(f"cd ~/spark-vllm-docker && ./run-recipe.sh {spec.name} -d")
    assert rc == 255 and "Connection refused" in err


async def test_docker_stats_and_inspect_json(sh, catalog, clock):
    spec = catalog.get("gpt-oss-20b")
    await _launch(sh, spec.name)
    clock.advance(spec.load_time_s)
    stats = json.loads((await sh.capture("docker stats --no-stream --format '{{json .}}' vllm_node"))[0])
    assert stats["Name"] == "vllm_node" and stats["MemUsage"].startswith(f"{spec.memory_gib:.4g}GiB / ")
    obj = json.loads((await sh.capture("docker inspect vllm_node"))[0])[0]
    assert obj["Name"] == "/vllm_node" and obj["State"]["Health"]["Status"] == "healthy"
    assert obj["HostConfig"]["NetworkMode"] == "host" and obj["Config"]["Cmd"] == ["sleep", "infinity"]
    _, err, rc = await sh.capture("docker inspect -f '{{.State.Nope}}' vllm_node")
    assert rc == 1 and 'map has no entry for key "Nope"' in err


async def test_tp2_fails_when_the_worker_node_lacks_memory(sh, host, clock, catalog):
    from spark_control.sim.host import FakeHost

    peer = FakeHost("spark2", clock, models=list(catalog))
    peer.faults["extra_used_gib"] = 60.0
    host.peers = {"spark2": peer}
    spec = catalog.get("gpt-oss-120b-tp2")
    _, err, rc = await sh.capture(f"cd ~/spark-vllm-docker && ./run-recipe.sh {spec.name} -d")
    assert rc == 0, err
    await _fails_with(sh, clock, spec, "is less than desired GPU memory utilization", 1)
    assert peer.containers["vllm_node"].status == "exited"


async def test_files_grep_and_checksums_in_host_and_container(sh, host):
    import hashlib

    from spark_control.sim.host import ServiceSpec

    host.add_service(
        ServiceSpec(
            kind="asr",
            container="parakeet-asr",
            image="parakeet-asr",
            port=8000,
            mem_gib=6,
            files={"/app/main.py": b"PATCH_VERSION = 3\nprint()\n"},
        )
    )
    digest = hashlib.sha256(b"PATCH_VERSION = 3\nprint()\n").hexdigest()
    out, _, rc = await sh.capture("docker exec parakeet-asr sha256sum /app/main.py")
    assert (out, rc) == (f"{digest}  /app/main.py\n", 0)
    out, _, rc = await sh.capture("docker exec parakeet-asr grep PATCH_VERSION /app/main.py")
    assert (out, rc) == ("PATCH_VERSION = 3\n", 0)
    assert (await sh.capture("docker exec parakeet-asr cat /app/nope.py"))[2] == 1
    await sh.capture("cat > /tmp/p.py", stdin="x = 1\n")
    assert (await sh.capture("sha256sum /tmp/p.py"))[0].split()[0] == hashlib.sha256(b"x = 1\n").hexdigest()
    assert (await sh.capture("grep -c x /tmp/p.py"))[0] == "1\n"


async def test_docker_wait_returns_the_exit_code(sh, host, clock, catalog):
    spec = catalog.get("llama-3.1-8b-instruct")
    host.faults["gpu_oom"] = "torch"
    await _launch(sh, spec.name)

    async def later() -> None:
        clock.advance(spec.load_time_s)

    import asyncio

    waiter = asyncio.create_task(sh.capture("docker wait vllm_node"))
    await asyncio.sleep(0.1)
    assert not waiter.done()
    await later()
    assert (await asyncio.wait_for(waiter, 5)) == ("1\n", "", 0)
