"""A tiny POSIX-shell subset over ``FakeHost``: what the controller sends over SSH.

Words are split exactly like ``shlex.split`` (so a command built with ``shlex.join`` reaches the
fake commands as the same argv, hostile quoting included); unquoted ``;``, ``&&``, ``||``,
``|``, ``2>&1``, ``>``/``2>`` file redirections and a leading ``cd dir &&`` are understood.
Anything else (``$VAR``, backticks, globs, subshells, ``&``, unknown programs or flags) fails
loudly with rc 127 and ``fakehost: unsupported ...`` so unmodelled behaviour cannot pass as success.

This module is the host's side of it: the table of every program a Spark host runs (coreutils,
``nvidia-smi``, ``docker``, spark-vllm-docker's scripts), handed to the interpreter
(``interpreter.py``). A new program goes in its own module with a ``register(programs)`` and
one line below."""

from __future__ import annotations

from spark_control.sim import coreutils, docker, nvidia_smi, scripts
from spark_control.sim.clock import Clock
from spark_control.sim.host import FakeHost
from spark_control.sim.interpreter import IO, Buf, Interpreter, Programs


def host_programs() -> Programs:
    """Every program of a Spark host's login shell."""
    programs = Programs()
    for module in (coreutils, nvidia_smi, docker, scripts):
        module.register(programs)
    return programs


HOST_PROGRAMS = host_programs()


class Shell(Interpreter):
    """The login shell of a fake Spark host: what one SSH command runs in."""

    def __init__(self, host: FakeHost, clock: Clock | None = None, *, cwd: str | None = None):
        super().__init__(host, HOST_PROGRAMS, clock, cwd=cwd)


async def launch_recipe_now(host: FakeHost, recipe: str, *, ago: float = 0.0) -> None:
    """Cluster setup: the state after ``run-recipe.sh <recipe> --solo -d`` ran ``ago`` simulated
    seconds before now (``ago`` >= the load time means the model is already serving)."""
    sh = Shell(host)
    out, err = Buf(), Buf()
    host._backdate = ago
    try:
        rc = await scripts.run_recipe(sh, [recipe, "--solo", "-d"], IO(out, err))
    finally:
        host._backdate = 0.0
    if rc:
        raise RuntimeError(f"initial launch of {recipe} failed: {err.text()}")
