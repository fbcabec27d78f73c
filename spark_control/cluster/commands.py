"""Every remote command is built here, from argv lists, and quoted in ONE place (``shell_line``).

Nothing from a request, a catalog entry or a file name reaches a remote shell unquoted: callers
build ``list[str]`` argv (or fill an argv *template* element by element) and ``shell_line``
joins them with ``shlex.join``. A command may carry a working directory (``cd DIR && ...``), an
stdin payload, and may be chained (``a && b``) -- still from argv lists, still quoted here.

Launch/stop templates are configurable so another launcher than spark-vllm-docker can be used.
A template is an argv list whose elements may contain ``{placeholders}``; each element is
formatted on its own (a value can never split into several words or inject syntax). An
element that is exactly ``{serve_args}``, ``{env_flags}``, ``{solo_flag}`` or ``{nodes_flag}``
expands to zero or more argv elements.

A second shell: spark-vllm-docker's ``launch-cluster.sh exec CMD...`` joins its arguments with
spaces and runs them with ``docker exec vllm_node bash -i -c "$COMMAND_TO_RUN"`` on the head, so
everything after ``exec`` is parsed by a shell AGAIN, inside a privileged container. Those elements
are quoted once for that inner shell (``RemoteCommand.reparse_from``), then the whole argv for the
SSH shell, both here in ``shell_line``. Its ``-e K=V`` values are expanded unquoted by the script
(word splitting, globbing, and a shell parse on the workers of a tp=2 launch) and cannot be quoted
for all of those at once: ``check_env_value`` refuses anything outside a safe character set.

What is shown (job logs, SSE, dry runs) is ``RemoteCommand.shown``: env values and API keys
masked (``-e HF_TOKEN=***``, ``--api-key ***``).
"""

from __future__ import annotations

import shlex
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from spark_control.catalog import ModelSpec, check_env_value
from spark_control.errors import ConfigError


@dataclass(frozen=True)
class RemoteCommand:
    """One command line to run on a host: argv (+ optional cwd and chained argvs)."""

    argv: tuple[str, ...]
    cwd: str | None = None
    then: tuple[tuple[str, ...], ...] = ()  # further argvs run with ``&&`` after argv
    stdout_to: str | None = None  # ``> path`` (the path quoted like any argv element)
    input: str | None = field(default=None, compare=False, repr=False)
    # argv[reparse_from:] is parsed again by a second shell on the host (launch-cluster.sh's
    # ``bash -c``): those elements are quoted for it first, then for the SSH shell.
    reparse_from: int | None = None

    @property
    def line(self) -> str:
        return shell_line(
            self.argv, cwd=self.cwd, then=self.then, stdout_to=self.stdout_to, reparse_from=self.reparse_from
        )

    @property
    def shown(self) -> str:
        """The line as logs, events and dry runs show it: env values and API keys masked."""
        line = shell_line(
            mask_argv(self.argv, _MASK),
            cwd=self.cwd,
            then=self.then,
            stdout_to=self.stdout_to,
            reparse_from=self.reparse_from,
        )
        return line.replace(_MASK, "***")  # the mask is quote-free, so it reads as plain ***

    def __str__(self) -> str:
        return self.line


def shell_line(
    argv: Sequence[str],
    *,
    cwd: str | None = None,
    then: Sequence[Sequence[str]] = (),
    stdout_to: str | None = None,
    reparse_from: int | None = None,
) -> str:
    """THE quoting function. Every remote command line in the product comes out of here.
    ``reparse_from``: argv[reparse_from:] reaches a second shell (``bash -c`` of the joined words)
    and is quoted for it before the whole argv is quoted for the SSH shell."""
    parts = [list(argv), *[list(a) for a in then]]
    for p in parts:
        if not p or not all(isinstance(a, str) for a in p):
            raise ValueError(f"argv must be a non-empty list of strings, got {p!r}")
        if any("\x00" in a for a in p):
            raise ValueError("argv elements must not contain NUL")
    if reparse_from is not None:
        if not 0 <= reparse_from <= len(parts[0]):
            raise ValueError(f"reparse_from {reparse_from} is outside argv")
        parts[0] = parts[0][:reparse_from] + [shlex.quote(a) for a in parts[0][reparse_from:]]
    line = " && ".join(shlex.join(p) for p in parts)
    if stdout_to:
        line = f"{line} > {shlex.quote(stdout_to)}"
    if cwd:
        line = f"cd {shlex.quote(cwd)} && {line}"
    return line


_SECRET_FLAGS = ("--api-key",)
_MASK = "MASKED-xK9q"  # a word no shell quotes, replaced by *** in what is shown


def mask_argv(argv: Sequence[str], mask: str = "***") -> list[str]:
    """``argv`` with env values (``-e K=V`` -> ``-e K=***``) and API keys (``--api-key ***``) masked."""
    out: list[str] = []
    mask_next: str | None = None
    for a in argv:
        if mask_next == "env":
            k, eq, _ = a.partition("=")
            out.append(f"{k}={mask}" if eq else mask)
        elif mask_next == "key":
            out.append(mask)
        elif a.startswith(tuple(f + "=" for f in _SECRET_FLAGS)):
            out.append(a.split("=", 1)[0] + "=" + mask)
        else:
            out.append(a)
        mask_next = "env" if a in ("-e", "--env") else "key" if a in _SECRET_FLAGS else None
    return out


def cmd(*argv: str, cwd: str | None = None, input: str | None = None) -> RemoteCommand:
    return RemoteCommand(tuple(argv), cwd=cwd, input=input)


# --- templates ----------------------------------------------------------------------------

_LIST_PLACEHOLDERS = ("{serve_args}", "{env_flags}", "{solo_flag}", "{nodes_flag}")


@dataclass(frozen=True)
class LaunchTemplates:
    """How to stop/launch the vLLM model on the head node. Defaults drive spark-vllm-docker
    (https://github.com/eugr/spark-vllm-docker): ``launch-cluster.sh`` in ``workdir``."""

    workdir: str = "spark-vllm-docker"
    container: str = "vllm_node"
    # launch-cluster.sh runs what follows ``exec`` through ``bash -c``; "" for a launcher that
    # passes its arguments through unchanged (e.g. one that re-quotes them with printf %q).
    reparsed_after: str = "exec"
    launch: tuple[str, ...] = (
        "./launch-cluster.sh",
        "-d",
        "{solo_flag}",
        "-t",
        "{image}",
        "--name",
        "{container}",
        "{env_flags}",
        "exec",
        "vllm",
        "serve",
        "{serve_args}",
    )
    stop: tuple[str, ...] = ("./launch-cluster.sh", "--name", "{container}", "stop")
    # tp=2 workers come from launch-cluster.sh's own config (.env CLUSTER_NODES, ConnectX-7 IPs); add
    # "{nodes_flag}" (-n head,worker from the node hosts) if the SSH addresses are the right ones.
    # A recipe-based alternative: ("./run-recipe.sh", "{name}", "-d", "--port", "{port}", "--tp", "{tp}")

    @classmethod
    def from_mapping(cls, raw: Mapping[str, object] | None) -> LaunchTemplates:
        if not raw:
            return cls()
        kw: dict[str, object] = {}
        for key in ("workdir", "container", "reparsed_after"):
            if key in raw:
                kw[key] = str(raw[key])
        for key in ("launch", "stop"):
            if key in raw:
                val = raw[key]
                if isinstance(val, str) or not isinstance(val, Sequence) or not val:
                    raise ConfigError(f"launch template {key!r} must be a non-empty argv list, got {val!r}")
                kw[key] = tuple(str(v) for v in val)
        return cls(**kw)  # type: ignore[arg-type]


def _fill(
    template: Sequence[str], scalars: Mapping[str, str], lists: Mapping[str, list[str]], marker: str = ""
) -> tuple[list[str], int | None]:
    """The filled argv, and where the part re-parsed by a second shell starts (after the
    template's literal ``marker`` element), if anywhere."""
    out: list[str] = []
    reparse_from: int | None = None
    for element in template:
        if marker and element == marker and reparse_from is None:
            out.append(element)
            reparse_from = len(out)
            continue
        if element in _LIST_PLACEHOLDERS:
            out.extend(lists[element])
            continue
        try:
            out.append(element.format_map(scalars))
        except (KeyError, IndexError, ValueError) as e:
            raise ConfigError(f"launch template element {element!r}: unknown or bad placeholder ({e})") from None
    return out, reparse_from


def launch_command(t: LaunchTemplates, spec: ModelSpec, *, port: int, node_hosts: Sequence[str]) -> RemoteCommand:
    env_flags: list[str] = []
    for k, v in spec.env:
        try:
            check_env_value(k, v)
        except ValueError as e:
            raise ConfigError(f"model {spec.name}: {e}") from None
        env_flags += ["-e", f"{k}={v}"]
    scalars = {
        "name": spec.name,
        "image": spec.image,
        "container": t.container,
        "port": str(port),
        "tp": str(spec.tensor_parallel),
        "served_name": spec.served_name,
        "hf_repo": spec.hf_repo,
        "max_model_len": str(spec.max_model_len),
        "gpu_mem": str(spec.gpu_memory_utilization),
    }
    lists = {
        "{serve_args}": spec.vllm_serve_args(port),
        "{env_flags}": env_flags,
        "{solo_flag}": ["--solo"] if spec.tensor_parallel == 1 else [],
        "{nodes_flag}": ["-n", ",".join(node_hosts)] if spec.tensor_parallel > 1 else [],
    }
    argv, reparse_from = _fill(t.launch, scalars, lists, t.reparsed_after)
    return RemoteCommand(tuple(argv), cwd=t.workdir or None, reparse_from=reparse_from)


def stop_command(t: LaunchTemplates) -> RemoteCommand:
    argv, _ = _fill(t.stop, {"container": t.container}, {p: [] for p in _LIST_PLACEHOLDERS})
    return RemoteCommand(tuple(argv), cwd=t.workdir or None)


# --- the fixed commands the controller uses -----------------------------------------------


def docker_ps(all_: bool = True) -> RemoteCommand:
    argv = ["docker", "ps", "--no-trunc", "--format", "{{json .}}"]
    if all_:
        argv.insert(2, "-a")
    return RemoteCommand(tuple(argv))


def docker_inspect(*names: str) -> RemoteCommand:
    return RemoteCommand(("docker", "inspect", *names))


def docker_logs(name: str, tail: int = 200) -> RemoteCommand:
    return RemoteCommand(("docker", "logs", "--tail", str(int(tail)), name))


def docker_rm_force(name: str) -> RemoteCommand:
    return RemoteCommand(("docker", "rm", "-f", name))


def docker_restart(name: str) -> RemoteCommand:
    return RemoteCommand(("docker", "restart", name))


def docker_update_memory(name: str, limit: str) -> RemoteCommand:
    return RemoteCommand(("docker", "update", "--memory", limit, "--memory-swap", limit, name))


def docker_cp(src: str, dst: str) -> RemoteCommand:
    return RemoteCommand(("docker", "cp", src, dst))


def upload(path: str, content: str) -> RemoteCommand:
    """Write ``content`` to ``path`` on the host through stdin (no scp/sftp needed)."""
    return RemoteCommand(("cat",), stdout_to=path, input=content)


def mkdir_p(path: str) -> RemoteCommand:
    return RemoteCommand(("mkdir", "-p", path))


def meminfo() -> RemoteCommand:
    return RemoteCommand(("cat", "/proc/meminfo"))


def nvidia_smi_gpu() -> RemoteCommand:
    return RemoteCommand(
        (
            "nvidia-smi",
            "--query-gpu=name,utilization.gpu,memory.used,memory.total,temperature.gpu,power.draw",
            "--format=csv,noheader,nounits",
        )
    )


def disk_free(path: str = "/") -> RemoteCommand:
    return RemoteCommand(("df", "-P", "-B1", path))


def uptime() -> RemoteCommand:
    return RemoteCommand(("cat", "/proc/uptime"))


def probe() -> RemoteCommand:
    return RemoteCommand(("true",))
