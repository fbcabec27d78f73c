"""The ``docker`` CLI of the fake host: ps, inspect, run, start, stop, restart, rm, logs, exec,
cp, update, pull, images. Output and error texts follow the real CLI (docker 28)."""

from __future__ import annotations

import asyncio
import json
import re
import shlex

from spark_control.sim.container_shell import ContainerShell
from spark_control.sim.docker_format import TEMPLATE_FIELD, inspect_obj, ps_row, render_template, rfc3339, tabwrite
from spark_control.sim.hardware import DEVICE_TOTAL_GIB
from spark_control.sim.host import DockerError, is_valid_name, norm_image
from spark_control.sim.interpreter import FOLLOW_POLL_S, IO, Interpreter, Programs, Unsupported


async def docker(sh: Interpreter, args: list[str], io: IO) -> int:
    """The ``docker`` program (the CLI talking to the host's daemon)."""
    if sh.host.fault("docker_down"):
        io.err("Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?\n")
        return 1
    return await run(sh, args, io)


def register(programs: Programs) -> None:
    programs.add("docker", docker)


async def run(sh: Interpreter, args: list[str], io: IO) -> int:
    if not args:
        raise Unsupported("docker without a subcommand")
    sub, rest = args[0], args[1:]
    if sub == "container" and rest and rest[0] in ("ls", "inspect", "rm", "stop", "start", "restart", "logs"):
        sub, rest = {"ls": "ps"}.get(rest[0], rest[0]), rest[1:]
    fn = globals().get("docker_" + sub)
    if fn is None:
        raise Unsupported(f"docker {sub}")
    return await fn(sh, rest, io)


def _flags(
    args: list[str], with_value: set[str], boolean: set[str], cmd: str
) -> tuple[dict[str, list[str]], list[str]]:
    """Parse leading docker flags; returns ({flag: [values]}, positional rest)."""
    got: dict[str, list[str]] = {}
    i = 0
    while i < len(args):
        a = args[i]
        if a == "--":
            return got, args[i + 1 :]
        if not a.startswith("-") or a == "-":
            break
        name, eq, val = a.partition("=")
        if name in with_value:
            if not eq:
                if i + 1 >= len(args):
                    raise DockerError(125, f"flag needs an argument: {name}\nSee 'docker {cmd} --help'.")
                val = args[i + 1]
                i += 1
            got.setdefault(name, []).append(val)
        elif name in boolean:
            got.setdefault(name, []).append("true")
        elif re.fullmatch(r"-[a-zA-Z]{2,}", a) and all(f"-{ch}" in boolean for ch in a[1:]):
            for ch in a[1:]:
                got.setdefault(f"-{ch}", []).append("true")
        else:
            raise DockerError(
                125 if cmd in ("run", "create") else 1, f"unknown flag: {name}\nSee 'docker {cmd} --help'."
            )
        i += 1
    return got, args[i:]


# ----- ps ------------------------------------------------------------------------------------
async def docker_ps(sh: Interpreter, args: list[str], io: IO) -> int:
    f, rest = _flags(
        args,
        {"--format", "--filter", "-f", "-n", "--last"},
        {"-a", "--all", "-q", "--quiet", "--no-trunc", "-s", "--size", "-l", "--latest"},
        "ps",
    )
    if rest:
        raise DockerError(1, "\"docker ps\" accepts no arguments.\nSee 'docker ps --help'.")
    now = sh.clock.now()
    everything = "-a" in f or "--all" in f
    cs = [c for c in sh.host.containers.values() if everything or c.status == "running"]
    for flt in f.get("--filter", []) + f.get("-f", []):
        key, _, val = flt.partition("=")
        if key == "name":
            cs = [c for c in cs if re.search(val, c.name)]
        elif key == "status":
            cs = [c for c in cs if c.status == val]
        elif key == "label":
            k, _, v = val.partition("=")
            cs = [c for c in cs if k in c.labels and (not v or c.labels[k] == v)]
        elif key == "id":
            cs = [c for c in cs if c.id.startswith(val)]
        elif key == "health":
            cs = [c for c in cs if c.health(now) == val]
        else:
            raise Unsupported(f"docker ps --filter {key}")
    cs.sort(key=lambda c: c.created, reverse=True)
    if "-q" in f or "--quiet" in f:
        io.out("".join((c.id if "--no-trunc" in f else c.id[:12]) + "\n" for c in cs))
        return 0
    fmt = (f.get("--format") or ["table"])[-1]
    rows = [ps_row(c, now) for c in cs]
    if "--no-trunc" in f:
        for r, c in zip(rows, cs, strict=True):
            r["ID"], r["Command"] = c.id, json.dumps(shlex.join(c.cmd))
    if fmt in ("table", ""):
        fmt = "table {{.ID}}\t{{.Image}}\t{{.Command}}\t{{.RunningFor}}\t{{.Status}}\t{{.Ports}}\t{{.Names}}"
    if fmt == "json":
        fmt = "{{json .}}"
    if fmt.startswith("table"):
        body = fmt[5:].lstrip()
        header_names = {"ID": "CONTAINER ID", "RunningFor": "CREATED", "CreatedAt": "CREATED AT"}
        header = TEMPLATE_FIELD.sub(
            lambda m: header_names.get(m.group(2), m.group(2).upper()), body.replace("\\t", "\t")
        )
        table = [header.split("\t")] + [render_template(body, r).split("\t") for r in rows]
        io.out(tabwrite(table))
    else:
        io.out("".join(render_template(fmt, r) + "\n" for r in rows))
    return 0


# ----- inspect -------------------------------------------------------------------------------
async def docker_inspect(sh: Interpreter, args: list[str], io: IO) -> int:
    f, refs = _flags(args, {"-f", "--format", "--type"}, {"-s", "--size"}, "inspect")
    if not refs:
        raise DockerError(1, '"docker inspect" requires at least 1 argument.')
    fmt = (f.get("-f") or f.get("--format") or [None])[-1]
    objs, missing = [], []
    for r in refs:
        c = sh.host.container(r)
        if c is None:
            missing.append(r)
        else:
            objs.append(inspect_obj(c, sh.clock.now(), sh.host.hostname))
    if fmt is None:
        io.out(json.dumps(objs, indent=4, ensure_ascii=False) + "\n")
    else:
        io.out("".join(render_template(fmt, o) + "\n" for o in objs))
    for r in missing:
        io.err(f"Error: No such object: {r}\n")
    return 1 if missing else 0


# ----- run / create / start ------------------------------------------------------------------
_RUN_VALUE = {
    "--name",
    "-p",
    "--publish",
    "-e",
    "--env",
    "--network",
    "--net",
    "--gpus",
    "--ipc",
    "--shm-size",
    "-v",
    "--volume",
    "--ulimit",
    "--restart",
    "--health-cmd",
    "--health-interval",
    "--health-retries",
    "--health-start-period",
    "--health-timeout",
    "-l",
    "--label",
    "-m",
    "--memory",
    "--entrypoint",
    "--runtime",
    "--cap-add",
    "--device",
    "-w",
    "--workdir",
    "-u",
    "--user",
    "--env-file",
    "--pids-limit",
    "--memory-swap",
    "--hostname",
    "--log-driver",
    "--log-opt",
    "--add-host",
    "--pull",
    "--platform",
}
_RUN_BOOL = {"-d", "--detach", "--rm", "--privileged", "--init", "-i", "--interactive", "-t", "--tty"}


def _parse_ports(vals: list[str]) -> dict[int, int]:
    ports = {}
    for v in vals:
        parts = v.split("/")[0].split(":")
        if len(parts) == 3:
            parts = parts[1:]
        hp, cp = (parts[0], parts[1]) if len(parts) == 2 else (parts[0], parts[0])
        ports[int(hp)] = int(cp)
    return ports


def _memory_bytes(v: str) -> int:
    m = re.fullmatch(r"(\d+(?:\.\d+)?)([bkmgBKMG]?)", v.strip())
    if not m:
        raise DockerError(1, f'invalid argument "{v}" for "-m, --memory" flag: invalid size: \'{v}\'')
    mult = {"": 1, "b": 1, "k": 1024, "m": 1024**2, "g": 1024**3}[m.group(2).lower()]
    return int(float(m.group(1)) * mult)


async def docker_run(sh: Interpreter, args: list[str], io: IO, *, create_only: bool = False) -> int:
    f, rest = _flags(args, _RUN_VALUE, _RUN_BOOL, "create" if create_only else "run")
    if not rest:
        raise DockerError(125, "\"docker run\" requires at least 1 argument.\nSee 'docker run --help'.")
    image, cmd = rest[0], rest[1:]
    detach = "-d" in f or "--detach" in f
    if not detach and not create_only:
        raise Unsupported("docker run in the foreground (use -d; the simulator does not attach)")
    name = (f.get("--name") or [None])[-1]
    if name is not None and not is_valid_name(name):
        raise DockerError(
            125,
            f"docker: Error response from daemon: Invalid container name ({name}), only "
            "[a-zA-Z0-9][a-zA-Z0-9_.-] are allowed.\nSee 'docker run --help'.",
        )
    env = dict(e.partition("=")[::2] for e in f.get("-e", []) + f.get("--env", []))
    ports = _parse_ports(f.get("-p", []) + f.get("--publish", []))
    network = (f.get("--network") or f.get("--net") or ["bridge"])[-1]
    if network == "host":
        ports = {}
    labels = dict(lb.partition("=")[::2] for lb in f.get("-l", []) + f.get("--label", []))
    h = sh.host
    h.check_run(name, image, ports)
    err: list[str] = []
    await h.ensure_image(image, err)
    if err:
        io.err("\n".join(err) + "\n")
    if not cmd:
        cmd = ["sleep", "infinity"] if norm_image(image).startswith("vllm-node") else ["/bin/sh"]
    has_health = bool(f.get("--health-cmd")) or norm_image(image).split(":")[0] in ("vllm-node", "eugr/spark-vllm")
    c = h.new_container(
        name,
        image,
        cmd,
        env=env,
        ports=ports,
        network=network,
        auto_remove="--rm" in f,
        labels=labels,
        has_health=has_health,
    )
    if f.get("-m") or f.get("--memory"):
        c.memory_limit = _memory_bytes((f.get("-m") or f.get("--memory"))[-1])
    if not create_only:
        try:
            h.start_container(c)
        except DockerError:
            raise  # the container stays "created", like real docker
    io.out(c.id + "\n")
    return 0


async def docker_create(sh: Interpreter, args: list[str], io: IO) -> int:
    return await docker_run(sh, args, io, create_only=True)


async def docker_start(sh: Interpreter, args: list[str], io: IO) -> int:
    f, refs = _flags(args, set(), {"-a", "--attach", "-i", "--interactive"}, "start")
    rc = 0
    for r in refs:
        try:
            c = sh.host.require(r)
            sh.host.start_container(c)
            io.out(r + "\n")
        except DockerError as e:
            io.err(e.stderr.replace("docker: ", "", 1).rstrip() + "\n")
            io.err(f"Error: failed to start containers: {r}\n")
            rc = 1
    return rc


async def docker_stop(sh: Interpreter, args: list[str], io: IO) -> int:
    f, refs = _flags(args, {"-t", "--time", "-s", "--signal"}, set(), "stop")
    if not refs:
        raise DockerError(1, '"docker stop" requires at least 1 argument.')
    rc = 0
    took = 0.0
    for r in refs:
        c = sh.host.container(r)
        if c is None:
            io.err(f"Error response from daemon: No such container: {r}\n")
            rc = 1
            continue
        took = max(took, sh.host.stop_container(c))
        io.out(r + "\n")
    if took:
        await sh.clock.sleep(took)
    return rc


async def docker_restart(sh: Interpreter, args: list[str], io: IO) -> int:
    f, refs = _flags(args, {"-t", "--time", "-s", "--signal"}, set(), "restart")
    rc = 0
    for r in refs:
        c = sh.host.container(r)
        if c is None:
            io.err(f"Error response from daemon: No such container: {r}\n")
            rc = 1
            continue
        took = sh.host.restart_container(c)
        if took:
            await sh.clock.sleep(took)
        io.out(r + "\n")
    return rc


async def docker_rm(sh: Interpreter, args: list[str], io: IO) -> int:
    f, refs = _flags(args, set(), {"-f", "--force", "-v", "--volumes"}, "rm")
    if not refs:
        raise DockerError(1, '"docker rm" requires at least 1 argument.')
    rc = 0
    for r in refs:
        c = sh.host.container(r)
        if c is None:
            if "-f" in f or "--force" in f:
                continue
            io.err(f"Error response from daemon: No such container: {r}\n")
            rc = 1
            continue
        try:
            sh.host.remove_container(c, force="-f" in f or "--force" in f)
            io.out(r + "\n")
        except DockerError as e:
            io.err(e.stderr + "\n")
            rc = 1
    return rc


# ----- logs ----------------------------------------------------------------------------------
async def docker_logs(sh: Interpreter, args: list[str], io: IO) -> int:
    f, refs = _flags(args, {"--tail", "-n", "--since", "--until"}, {"-f", "--follow", "-t", "--timestamps"}, "logs")
    if len(refs) != 1:
        raise DockerError(1, '"docker logs" requires exactly 1 argument.')
    c = sh.host.require(refs[0])
    tail = (f.get("--tail") or f.get("-n") or ["all"])[-1]
    stamps = "-t" in f or "--timestamps" in f
    since = _since((f.get("--since") or [None])[-1], sh.clock.now())

    def emit(lines: list) -> None:
        for ln in lines:
            text = (rfc3339(ln.t) + " " if stamps else "") + ln.text + "\n"
            (io.out if ln.stream == "stdout" else io.err)(text)

    now = sh.clock.now()
    visible = [ln for ln in c.logs if ln.t <= now and (since is None or ln.t >= since)]
    if tail != "all":
        n = int(tail)
        visible = visible[-n:] if n > 0 else []
    emit(visible)
    if "-f" not in f and "--follow" not in f:
        return 0
    shown = len([ln for ln in c.logs if ln.t <= now])
    while True:
        await asyncio.sleep(FOLLOW_POLL_S)
        sh.host.refresh()
        now = sh.clock.now()
        current = sh.host.containers.get(c.name)
        lines = [ln for ln in c.logs if ln.t <= now]
        emit(lines[shown:])
        shown = len(lines)
        if current is not c or c.status != "running":
            return 0


def _since(v: str | None, now: float) -> float | None:
    if v is None:
        return None
    m = re.fullmatch(r"(\d+(?:\.\d+)?)([smh])", v)
    if m:
        return now - float(m.group(1)) * {"s": 1, "m": 60, "h": 3600}[m.group(2)]
    try:
        return float(v)
    except ValueError:
        raise Unsupported(f"docker logs --since {v!r}") from None


# ----- wait ----------------------------------------------------------------------------------
async def docker_wait(sh: Interpreter, args: list[str], io: IO) -> int:
    """Blocks until each container exits, then prints its exit code."""
    _, refs = _flags(args, set(), set(), "wait")
    if not refs:
        raise DockerError(1, '"docker wait" requires at least 1 argument.')
    for r in refs:
        c = sh.host.require(r)
        while True:
            sh.host.refresh()
            if c.status != "running":
                break
            await asyncio.sleep(FOLLOW_POLL_S)
        io.out(f"{c.exit_code}\n")
    return 0


# ----- exec ----------------------------------------------------------------------------------
async def docker_exec(sh: Interpreter, args: list[str], io: IO) -> int:
    f, rest = _flags(
        args,
        {"-e", "--env", "-w", "--workdir", "-u", "--user"},
        {"-d", "--detach", "-i", "--interactive", "-t", "--tty"},
        "exec",
    )
    if len(rest) < 2:
        raise DockerError(1, '"docker exec" requires at least 2 arguments.')
    c = sh.host.require(rest[0])
    if c.status != "running":
        raise DockerError(1, f"Error response from daemon: container {c.id} is not running")
    inner = ContainerShell(sh.host, c, sh.clock, detach="-d" in f or "--detach" in f)
    return await inner.dispatch(rest[1:], io)


# ----- cp ------------------------------------------------------------------------------------
async def docker_cp(sh: Interpreter, args: list[str], io: IO) -> int:
    f, rest = _flags(args, set(), {"-a", "--archive", "-L", "--follow-link", "-q", "--quiet"}, "cp")
    if len(rest) != 2:
        raise DockerError(1, '"docker cp" requires exactly 2 arguments.')
    src, dst = rest
    h = sh.host
    if ":" in dst and not dst.startswith("/"):
        ref, _, path = dst.partition(":")
        c = h.require(ref)
        data = h.files.get(sh.abspath(src))
        if data is None:
            raise DockerError(1, f"lstat {sh.abspath(src)}: no such file or directory")
        if path.endswith("/"):
            path += src.rsplit("/", 1)[-1]
        c.files[path] = data
        c.patched.add(path)
        io.out(f"Successfully copied {len(data) / 1024:.1f}kB to {ref}:{path}\n")
        return 0
    if ":" in src and not src.startswith("/"):
        ref, _, path = src.partition(":")
        c = h.require(ref)
        if path not in c.files:
            raise DockerError(1, f"Error response from daemon: Could not find the file {path} in container {ref}")
        h.files[sh.abspath(dst)] = c.files[path]
        io.out(f"Successfully copied {len(c.files[path]) / 1024:.1f}kB to {dst}\n")
        return 0
    raise DockerError(1, "must specify at least one container source")


# ----- update / pull / images ----------------------------------------------------------------
async def docker_update(sh: Interpreter, args: list[str], io: IO) -> int:
    f, refs = _flags(
        args, {"-m", "--memory", "--memory-swap", "--cpus", "--restart", "--memory-reservation"}, set(), "update"
    )
    if not refs:
        raise DockerError(1, '"docker update" requires at least 1 argument.')
    mem = (f.get("-m") or f.get("--memory") or [None])[-1]
    rc = 0
    for r in refs:
        c = sh.host.container(r)
        if c is None:
            io.err(f"Error response from daemon: No such container: {r}\n")
            rc = 1
            continue
        if mem is not None:
            limit = _memory_bytes(mem)
            now = sh.clock.now()
            if limit and limit < 6 * 1024 * 1024:
                io.err(
                    f"Error response from daemon: Cannot update container {c.id}: Minimum memory limit allowed is 6MB\n"
                )
                rc = 1
                continue
            c.memory_limit = limit
            if limit and c.status == "running" and c.memory_gib(now) * 1024**3 > limit:
                # The kernel's cgroup OOM killer ends the main process.
                sh.host._end_container(c, now, 137)
                c.oom_killed = True
        io.out(r + "\n")
    return rc


async def docker_pull(sh: Interpreter, args: list[str], io: IO) -> int:
    f, rest = _flags(args, {"--platform"}, {"-q", "--quiet", "-a"}, "pull")
    if len(rest) != 1:
        raise DockerError(1, '"docker pull" requires exactly 1 argument.')
    img = norm_image(rest[0])
    if img in sh.host.images:
        io.out(
            f"{img.rpartition(':')[2]}: Pulling from {img.rpartition(':')[0]}\nStatus: Image is up to date for {img}\n"
        )
        return 0
    err: list[str] = []
    try:
        await sh.host.ensure_image(img, err)
    except DockerError as e:
        msg = e.stderr.split("docker: ", 1)[-1].split("\nSee ")[0]
        raise DockerError(1, msg) from None
    io.out("\n".join(err[1:]) + f"\n{img}\n")
    return 0


async def docker_images(sh: Interpreter, args: list[str], io: IO) -> int:
    f, _ = _flags(args, {"--format"}, {"-q", "-a"}, "images")
    rows = [["REPOSITORY", "TAG", "IMAGE ID", "CREATED", "SIZE"]]
    for img, size in sorted(sh.host.images.items()):
        repo, _, tag = img.rpartition(":")
        rows.append([repo, tag, img.encode().hex()[:12], "2 weeks ago", f"{size / 1e9:.1f}GB"])
    io.out(tabwrite(rows))
    return 0


__all__ = ["docker", "register", "run"]


# ----- stats ---------------------------------------------------------------------------------
async def docker_stats(sh: Interpreter, args: list[str], io: IO) -> int:
    f, refs = _flags(args, {"--format"}, {"--no-stream", "-a", "--all", "--no-trunc"}, "stats")
    if "--no-stream" not in f:
        raise Unsupported("docker stats without --no-stream (it would stream forever)")

    now = sh.clock.now()
    cs = (
        [sh.host.require(r) for r in refs]
        if refs
        else [c for c in sh.host.containers.values() if c.status == "running" or "-a" in f or "--all" in f]
    )
    rows = []
    for c in cs:
        gib = c.memory_gib(now) if c.status == "running" else 0.0
        limit = c.memory_limit / 1024**3 if c.memory_limit else DEVICE_TOTAL_GIB
        busy = c.vllm is not None and c.vllm.ended is None and not c.vllm.is_ready(now)
        rows.append(
            {
                "BlockIO": "0B / 0B",
                "CPUPerc": f"{(98.0 if busy else 0.4):.2f}%",
                "Container": c.name,
                "ID": c.id[:12],
                "MemPerc": f"{100 * gib / limit:.2f}%",
                "MemUsage": f"{gib:.4g}GiB / {limit:.4g}GiB",
                "Name": c.name,
                "NetIO": "0B / 0B",
                "PIDs": str(12 if c.status == "running" else 0),
            }
        )
    fmt = (f.get("--format") or ["table"])[-1]
    if fmt == "json":
        fmt = "{{json .}}"
    if fmt.startswith("table"):
        body = (
            fmt[5:].strip()
            or "{{.ID}}\t{{.Name}}\t{{.CPUPerc}}\t{{.MemUsage}}\t{{.MemPerc}}\t{{.NetIO}}\t{{.BlockIO}}\t{{.PIDs}}"
        )
        names = {
            "ID": "CONTAINER ID",
            "CPUPerc": "CPU %",
            "MemUsage": "MEM USAGE / LIMIT",
            "MemPerc": "MEM %",
            "NetIO": "NET I/O",
            "BlockIO": "BLOCK I/O",
        }
        header = TEMPLATE_FIELD.sub(lambda m: names.get(m.group(2), m.group(2).upper()), body.replace("\\t", "\t"))
        io.out(tabwrite([header.split("\t")] + [render_template(body, r).split("\t") for r in rows]))
    else:
        io.out("".join(render_template(fmt, r) + "\n" for r in rows))
    return 0
