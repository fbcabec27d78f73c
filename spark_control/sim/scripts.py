"""spark-vllm-docker's ``launch-cluster.sh`` and ``run-recipe.sh`` on the fake host.

Upstream (eugr/spark-vllm-docker): ``launch-cluster.sh [-d] [--solo] [-n ip1,ip2] [-t image]
[--name vllm_node] [-e K=V] start|stop|status|exec <cmd>`` runs an idle ``vllm_node`` container
(host network, ``--rm``) on each node and starts the model with ``docker exec vllm_node bash -i
-c "<cmd>"`` on the head; ``run-recipe.sh <recipe> ...`` builds the ``vllm serve`` command from
a recipe and calls it. Foreground (non ``-d``) runs are not modelled and fail loudly."""

from __future__ import annotations

import dataclasses
import shlex

from spark_control.sim import docker
from spark_control.sim.container_shell import ContainerShell
from spark_control.sim.host import DockerError, FakeHost
from spark_control.sim.interpreter import IO, Interpreter, Programs, Unsupported

_LC_VALUE = {
    "-n",
    "--nodes",
    "-t",
    "--image",
    "--name",
    "-e",
    "--env",
    "-v",
    "-p",
    "--apply-mod",
    "--apply-vllm-pr",
    "--earlyoom-args",
    "--launch-script",
    "--config",
    "--mem-limit",
    "--shm-size",
}
_LC_BOOL = {"-d", "--daemon", "--solo", "--ray", "--earlyoom", "--non-privileged", "--check-config"}


def _nodes(sh: Interpreter, opts: dict, io: IO) -> list[FakeHost] | int:
    """The worker hosts for a multi-node launch (head is ``sh.host``), or an rc on failure."""
    if "--solo" in opts:
        return []
    names = opts.get("-n") or opts.get("--nodes")
    if names:
        addrs = [a for a in names[-1].split(",") if a][1:]
    else:
        addrs = list(dict.fromkeys(sh.host.peers))[:1]
    workers = []
    for a in addrs:
        peer = sh.host.peers.get(a)
        if peer is None:
            io.err(f"ssh: Could not resolve hostname {a}: Name or service not known\n")
            return 255
        if not peer.up:
            io.err(f"ssh: connect to host {a} port 22: Connection refused\n")
            return 255
        if peer not in workers:
            workers.append(peer)
    return workers


def _parse(args: list[str], value: set[str], boolean: set[str], prog: str) -> tuple[dict, list[str]]:
    opts: dict[str, list[str]] = {}
    rest: list[str] = []
    i = 0
    while i < len(args):
        a = args[i]
        if a in value:
            if i + 1 >= len(args):
                raise DockerError(1, f"Error: {a} requires a value")
            opts.setdefault(a, []).append(args[i + 1])
            i += 2
        elif a in boolean:
            opts.setdefault(a, []).append("1")
            i += 1
        elif a.startswith("-") and not rest:
            raise DockerError(1, f"Error: Unknown option: {a}\nRun {prog} --help for usage.")
        else:
            rest = args[i:]
            break
    return opts, rest


async def _start_nodes(sh: Interpreter, opts: dict, workers: list[FakeHost], io: IO) -> int:
    name = (opts.get("--name") or ["vllm_node"])[-1]
    image = (opts.get("-t") or opts.get("--image") or ["vllm-node"])[-1]
    env = dict(e.partition("=")[::2] for e in opts.get("-e", []) + opts.get("--env", []))
    env.setdefault("PYTORCH_CUDA_ALLOC_CONF", "expandable_segments:True")
    hosts = [sh.host, *workers]
    io.out(
        f"Starting cluster with {len(hosts)} node(s): head {sh.host.hostname}"
        + (" (solo)" if not workers else ", workers " + ", ".join(w.hostname for w in workers))
        + "\n"
    )
    for h in hosts:
        old = h.containers.get(name)
        if old is not None:
            h.refresh()
            if old.status == "running":
                io.err(
                    f"Error: container {name} is already running on {h.hostname}. "
                    "Stop it first: ./launch-cluster.sh stop\n"
                )
                return 1
            h.remove_container(old, force=True)  # a leftover from a failed run
        err: list[str] = []
        await h.ensure_image(image, err)
        for line in err:
            io.err(line + "\n")
        c = h.new_container(
            name,
            image,
            ["sleep", "infinity"],
            env=env,
            network="host",
            auto_remove=True,
            labels={"spark-vllm-docker": "1"},
            has_health=True,
        )
        c.stop_s = 10.0
        h.start_container(c)
        io.out(f"Started {name} on {h.hostname}: {c.id[:12]}\n")
    return 0


async def _exec_vllm(sh: Interpreter, opts: dict, command: str, io: IO) -> int:
    name = (opts.get("--name") or ["vllm_node"])[-1]
    c = sh.host.require(name)
    io.out(
        f"Executing on head node in daemon mode: {command}\n"
        f"Output is forwarded to the container log: docker logs -f {name}\n"
    )
    return await ContainerShell(sh.host, c, sh.clock, detach=True).dispatch(["bash", "-i", "-c", command], io)


async def launch_cluster(sh: Interpreter, args: list[str], io: IO) -> int:
    opts, rest = _parse(args, _LC_VALUE, _LC_BOOL, "./launch-cluster.sh")
    action = rest[0] if rest else "start"
    name = (opts.get("--name") or ["vllm_node"])[-1]
    if action == "stop":
        io.out("Stopping cluster...\n")
        took = 0.0
        for h in [sh.host, *[p for p in dict.fromkeys(sh.host.peers.values()) if p.up]]:
            c = h.container(name)
            if c is None:
                if h is sh.host:
                    io.err(f"Error response from daemon: No such container: {name}\n")
                continue
            took = max(took, h.stop_container(c))
            if c.name in h.containers and c.status == "exited":
                h.remove_container(c, force=True)
            io.out(f"Stopped {name} on {h.hostname}\n")
        if took:
            await sh.clock.sleep(took)
        io.out("Cluster stopped.\n")
        return 0
    if action == "status":
        for h in [sh.host, *dict.fromkeys(sh.host.peers.values())]:
            io.out(f"== {h.hostname} ==\n")
            sub = Interpreter(h, sh.programs, sh.clock)
            await docker.docker_ps(sub, ["-a", "--filter", f"name={name}"], io)
        return 0
    if action not in ("start", "exec"):
        raise DockerError(1, f"Error: Unknown action: {action}. Use start | stop | status | exec <command>")
    if "-d" not in opts and "--daemon" not in opts:
        raise Unsupported("launch-cluster.sh in the foreground (use -d)")
    if "-p" in opts and "--solo" not in opts:
        raise DockerError(1, "Error: -p is only supported with --solo")
    workers = _nodes(sh, opts, io)
    if isinstance(workers, int):
        return workers
    existing = sh.host.container(name)
    if (
        action == "exec"
        and existing is not None
        and existing.status == "running"
        and (existing.vllm is None or existing.vllm.ended is not None)
    ):
        pass  # reuse the idle node containers
    else:
        rc = await _start_nodes(sh, opts, workers, io)
        if rc:
            return rc
    if action == "start":
        io.out("Cluster started.\n")
        return 0
    command = " ".join(rest[1:])
    if not command:
        raise DockerError(1, "Error: exec requires a command")
    return await _exec_vllm(sh, opts, command, io)


_RR_VALUE = {"--port", "--tp", "--gpu-mem", "--max-model-len", "-e", "--name", "-n", "--nodes"}
_RR_BOOL = {"--solo", "-d", "--dry-run", "--setup", "--list"}


async def run_recipe(sh: Interpreter, args: list[str], io: IO) -> int:
    extra: list[str] = []
    if "--" in args:
        k = args.index("--")
        args, extra = args[:k], args[k + 1 :]
    recipe_name = None
    rest: list[str] = []
    for a in args:
        if recipe_name is None and not a.startswith("-") and (not rest or rest[-1] not in _RR_VALUE):
            recipe_name = a
        else:
            rest.append(a)
    opts, leftover = _parse(rest, _RR_VALUE, _RR_BOOL, "./run-recipe.sh")
    if leftover:
        raise DockerError(1, f"Error: unexpected argument: {leftover[0]}")
    h = sh.host
    if "--list" in opts:
        io.out("Available recipes:\n" + "".join(f"  {n}\n" for n in sorted(h.recipes)))
        return 0
    if recipe_name is None:
        raise DockerError(
            1,
            "Usage: ./run-recipe.sh <recipe> [--solo] [--setup] [-d] [--port N] [--tp N] "
            "[--gpu-mem F] [--max-model-len N] [-e K=V] [--dry-run] [-- extra vllm args]",
        )
    spec = h.recipes.get(recipe_name)
    if spec is None:
        raise DockerError(1, f"Error: Recipe '{recipe_name}' not found in recipes/ (try --list)")
    try:
        if "--tp" in opts:
            spec = dataclasses.replace(spec, tensor_parallel=int(opts["--tp"][-1]))
        if "--gpu-mem" in opts:
            spec = dataclasses.replace(spec, gpu_memory_utilization=float(opts["--gpu-mem"][-1]))
        if "--max-model-len" in opts:
            spec = dataclasses.replace(spec, max_model_len=int(opts["--max-model-len"][-1]))
        port = int((opts.get("--port") or [h.vllm_port])[-1])
    except ValueError as e:
        raise DockerError(1, f"Error: invalid value: {e}") from None
    if "--solo" in opts and spec.tensor_parallel > 1:
        raise DockerError(
            1, f"Error: recipe {recipe_name} needs tensor_parallel={spec.tensor_parallel}; it cannot run with --solo"
        )
    solo = "--solo" in opts or spec.tensor_parallel == 1
    vllm_argv = ["vllm", "serve", *spec.vllm_serve_args(port), *extra]
    env = [f"{k}={v}" for k, v in spec.env] + opts.get("-e", [])
    lc = [
        "./launch-cluster.sh",
        *(["--solo"] if solo else []),
        *sum((["-n", n] for n in opts.get("-n", [])), []),
        "-d",
        "-t",
        spec.image,
        *sum((["-e", e] for e in env), []),
        "exec",
        *vllm_argv,
    ]
    io.out(f"Recipe: {spec.name} ({spec.hf_repo})\n")
    if "--setup" in opts and spec.hf_repo not in h.models:
        io.out(f"Downloading {spec.hf_repo} ...\n")
        await h.clock.sleep(h.pull_s * 4)
        h.models[spec.hf_repo] = spec
    if "--dry-run" in opts:
        io.out("Dry run; would execute:\n  " + shlex.join(lc) + "\n")
        return 0
    if "-d" not in opts:
        raise Unsupported("run-recipe.sh in the foreground (use -d)")
    io.out("Launching: " + shlex.join(lc) + "\n")
    lc_opts, _ = _parse(lc[1 : lc.index("exec")], _LC_VALUE, _LC_BOOL, "./launch-cluster.sh")
    workers = _nodes(sh, lc_opts, io)
    if isinstance(workers, int):
        return workers
    rc = await _start_nodes(sh, lc_opts, workers, io)
    if rc:
        return rc
    # The recipe's command is re-parsed by bash inside the container, as upstream does.
    return await _exec_vllm(sh, lc_opts, " ".join(shlex.quote(a) for a in vllm_argv), io)


def register(programs: Programs) -> None:
    """The two scripts of spark-vllm-docker's checkout (run by path from the script directory)."""
    programs.add_script("launch-cluster.sh", launch_cluster)
    programs.add_script("run-recipe.sh", run_recipe)
