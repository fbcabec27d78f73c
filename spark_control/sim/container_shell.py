"""What ``docker exec <container> ...`` can run inside a fake container: ``vllm serve``,
``bash -c``/``sh -c`` around it, ``pkill -f``, ``curl`` to its own port, ``cat``/``ls``/``touch``
of the container's files, ``nvidia-smi`` and the small filters. Anything else fails loudly (rc 127).

``bash -c SCRIPT`` is a real second shell, as in spark-vllm-docker's ``launch-cluster.sh``
(``docker exec vllm_node bash -i -c "$COMMAND_TO_RUN"``, the words after ``exec`` joined with
spaces): besides what the host shell understands (quotes, ``;``, ``&&``, newlines...), it runs
``$(...)`` and backtick command substitutions and expands ``$VAR``/``${VAR}`` from the container's
environment, with bash's word splitting of unquoted results. So an unquoted ``$(touch /tmp/x)``
in a launch line creates ``/tmp/x`` in the container, and ``{"temperature":0.6}`` loses its
quotes, exactly as on a real Spark."""

from __future__ import annotations

import asyncio
import json
import re
import shlex

from spark_control.sim import coreutils, nvidia_smi
from spark_control.sim.clock import Clock
from spark_control.sim.host import Container, FakeHost
from spark_control.sim.interpreter import FOLLOW_POLL_S, IO, Buf, Interpreter, Program, Programs, Unsupported

_DQ_SPECIAL = '\\"$`'

# The host programs a container image has too (the rest of its table is below).
_INHERITED = {
    "true",
    "false",
    "echo",
    "head",
    "tail",
    "grep",
    "wc",
    "sleep",
    "nvidia-smi",
    "hostname",
    "uname",
    "nproc",
    "cat",
    "sha256sum",
    "md5sum",
}


class ContainerShell(Interpreter):
    """The shell of ``docker exec``: ``bash -c`` expansion over the interpreter, with the
    container's programs and files."""

    def __init__(self, host: FakeHost, container: Container, clock: Clock | None = None, *, detach: bool = False):
        super().__init__(host, CONTAINER_PROGRAMS, clock, cwd="/")
        self.container = container
        self.detach = detach

    async def execute(self, line: str, io: IO) -> int:
        """``bash -c line``: substitutions and variables first, then the host shell's grammar."""
        try:
            line = await self._expand(line, io)
        except Unsupported as e:
            io.err(f"fakehost: unsupported shell syntax: {e}\n")
            return 127
        return await super().execute(line, io)

    async def _expand(self, line: str, io: IO, depth: int = 0) -> str:
        """Rewrite ``line`` with every ``$(...)``, backtick and ``$VAR`` replaced by its value,
        quoted so the host-shell tokenizer sees bash's words: unquoted results are split at
        whitespace (each word quoted), results inside double quotes stay one escaped string."""
        if depth > 8:
            raise Unsupported("command substitution nested too deep")
        out: list[str] = []
        i, n = 0, len(line)
        in_dq = False
        at_word_start = True
        while i < n:
            ch = line[i]
            if not in_dq and ch == "'":
                j = line.find("'", i + 1)
                if j < 0:
                    raise Unsupported("unterminated single quote")
                out.append(line[i : j + 1])
                i, at_word_start = j + 1, False
                continue
            if ch == "\\":
                out.append(line[i : i + 2])
                i, at_word_start = i + 2, False
                continue
            if ch == '"':
                in_dq = not in_dq
                out.append(ch)
                i, at_word_start = i + 1, False
                continue
            if not in_dq and ch == "{" and at_word_start:
                group = _brace_group(line, i)
                if group is not None:  # bash's brace expansion: {"a":1,"b":2} -> "a":1 "b":2
                    words, end = group
                    line = line[:i] + " ".join(words) + line[end:]
                    n = len(line)
                    continue
                out.append("\\{")  # a literal brace (the host tokenizer would take it for a pattern)
                i, at_word_start = i + 1, False
                continue
            if not in_dq and ch == "#" and at_word_start:
                out.append(line[i:])  # a comment: the tokenizer drops it
                break
            if ch == "$" and line.startswith("$(", i) and not line.startswith("$((", i):
                end = _matching_paren(line, i + 2)
                value = await self._substitute(line[i + 2 : end], io, depth)
                out.append(_requote(value, in_dq))
                i, at_word_start = end + 1, False
                continue
            if ch == "`":
                end = line.find("`", i + 1)
                if end < 0:
                    raise Unsupported("unterminated backtick")
                value = await self._substitute(line[i + 1 : end], io, depth)
                out.append(_requote(value, in_dq))
                i, at_word_start = end + 1, False
                continue
            if ch == "$":
                name, end = _variable(line, i)
                if name is None:
                    out.append("\\$")  # a lone $ is literal
                    i += 1
                else:
                    out.append(_requote(self._env(name), in_dq))
                    i = end
                at_word_start = False
                continue
            out.append(ch)
            at_word_start = not in_dq and ch in " \t\n;&|()"
            i += 1
        if in_dq:
            raise Unsupported("unterminated double quote")
        return "".join(out)

    async def _substitute(self, script: str, io: IO, depth: int) -> str:
        buf = Buf()
        inner = await self._expand(script, io, depth + 1)
        await Interpreter.execute(self, inner, IO(buf, io.err, ""))
        return buf.text().rstrip("\n")

    def _env(self, name: str) -> str:
        env = {"HOME": "/root", "PATH": "/usr/local/bin:/usr/bin:/bin", **self.container.env}
        return env.get(name, "")

    def unknown(self, argv: list[str]) -> Unsupported:
        return Unsupported(f"command {argv[0]!r} inside container {self.container.name}")

    def read_file(self, path: str) -> str | None:
        data = self.container.files.get(path)
        return None if data is None else data.decode("utf-8", "replace")

    def read_bytes(self, path: str) -> bytes | None:
        return self.container.files.get(path)


async def vllm(sh: ContainerShell, args: list[str], io: IO) -> int:
    """``vllm serve ...`` in the foreground (its log streams) or detached."""
    if not args or args[0] != "serve":
        raise Unsupported("vllm " + " ".join(args[:1]) + " (only `vllm serve`)")
    c = sh.container
    if c.vllm is not None and c.vllm.ended is None:
        # A second server in the same container: its port is taken by the first one.
        pass
    p = sh.host.start_vllm(c, args[1:])
    if sh.detach:
        return 0
    shown = 0
    while True:
        sh.host.refresh()
        now = sh.clock.now()
        lines = [ln for ln in c.logs if ln.t <= now and ln.t >= p.started]
        for ln in lines[shown:]:
            (io.out if ln.stream == "stdout" else io.err)(ln.text + "\n")
        shown = len(lines)
        if p.ended is not None and p.ended <= now:
            return p.exit_code
        await asyncio.sleep(FOLLOW_POLL_S)


async def curl(sh: ContainerShell, args: list[str], io: IO) -> int:
    """``curl`` to the container's own vLLM port (health probes of launch scripts)."""
    urls = [a for a in args if a.startswith("http")]
    if len(urls) != 1:
        raise Unsupported("curl without exactly one http URL")
    url = urls[0]
    m = re.match(r"http://(localhost|127\.0\.0\.1|0\.0\.0\.0):(\d+)(/.*)?$", url)
    if not m:
        raise Unsupported(f"curl to {url!r} (only the container's own ports)")
    port, path = int(m.group(2)), m.group(3) or "/"
    now = sh.clock.now()
    p = sh.container.vllm
    if p is not None and p.port == port and p.is_ready(now):
        if path in ("/health", "/ping"):
            return 0
        if path == "/v1/models":
            io.out(json.dumps({"object": "list", "data": [{"id": p.served_name, "object": "model"}]}))
            return 0
        raise Unsupported(f"curl {path} inside the container")
    if not any(a in ("-s", "-sf", "-fs", "--silent") for a in args):
        io.err(f"curl: (7) Failed to connect to localhost port {port} after 0 ms: Couldn't connect to server\n")
    return 7


def _bash(prog: str) -> Program:
    async def bash(sh: ContainerShell, args: list[str], io: IO) -> int:
        flags = [a for a in args if a.startswith("-")]
        script = [a for a in args if not a.startswith("-")]
        if not any("c" in f for f in flags) or len(script) != 1:
            raise Unsupported(f"{prog} without -c SCRIPT inside the container")
        return await sh.execute(script[0], io)

    return bash


async def pkill(sh: ContainerShell, args: list[str], io: IO) -> int:
    pattern = args[-1] if args else "pkill"
    if "vllm" in pattern and sh.host.kill_vllm(sh.container):
        return 0
    return 1


async def touch(sh: ContainerShell, args: list[str], io: IO) -> int:
    for f in [a for a in args if not a.startswith("-")]:
        path = sh.abspath(f)
        sh.container.files.setdefault(path, b"")
    return 0


async def ls(sh: ContainerShell, args: list[str], io: IO) -> int:
    d = ([a for a in args if not a.startswith("-")] or ["/"])[0].rstrip("/")
    names = sorted({f[len(d) + 1 :].split("/")[0] for f in sh.container.files if f.startswith(d + "/")})
    io.out("".join(n + "\n" for n in names))
    return 0


def _container_programs() -> Programs:
    host = Programs()
    coreutils.register(host)
    nvidia_smi.register(host)
    table = host.pick(_INHERITED)
    for prog in ("bash", "sh", "/bin/bash", "/bin/sh"):
        table.add(prog, _bash(prog))
    for name, program in (("vllm", vllm), ("pkill", pkill), ("curl", curl), ("touch", touch), ("ls", ls)):
        table.add(name, program)
    return table


CONTAINER_PROGRAMS = _container_programs()


_WORD_END = " \t\n;&|()<>"


def _brace_group(line: str, start: int) -> tuple[list[str], int] | None:
    """The words a brace expansion at ``start`` (a word beginning with ``{``) gives, and where its
    word ends; None when bash leaves it literal (no top-level comma, or no ``}`` in the word)."""
    depth, i, n = 0, start, len(line)
    commas: list[int] = []
    close = -1
    while i < n:
        ch = line[i]
        if ch == "'":
            j = line.find("'", i + 1)
            if j < 0:
                return None
            i = j + 1
            continue
        if ch == '"':
            j = i + 1
            while j < n and line[j] != '"':
                j += 2 if line[j] == "\\" else 1
            i = j + 1
            continue
        if ch == "\\":
            i += 2
            continue
        if ch in _WORD_END:
            break
        if ch == "{":
            depth += 1
        elif ch == "}":
            depth -= 1
            if depth == 0 and close < 0:
                close = i
        elif ch == "," and depth == 1 and close < 0:
            commas.append(i)
        i += 1
    if close < 0 or not commas:
        return None
    bounds = [start, *commas, close]
    suffix = line[close + 1 : i]
    return [line[a + 1 : b] + suffix for a, b in zip(bounds, bounds[1:], strict=False)], i


def _matching_paren(line: str, start: int) -> int:
    """Index of the ``)`` closing a ``$(`` whose body starts at ``start`` (quotes respected)."""
    depth, i, n = 1, start, len(line)
    while i < n:
        ch = line[i]
        if ch == "'":
            j = line.find("'", i + 1)
            i = n if j < 0 else j + 1
            continue
        if ch == "\\":
            i += 2
            continue
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
            if depth == 0:
                return i
        i += 1
    raise Unsupported("unterminated $(")


def _variable(line: str, i: int) -> tuple[str | None, int]:
    """``$NAME`` or ``${NAME}`` at ``i`` -> (NAME, index after it); (None, i) if not a variable."""
    if line.startswith("${", i):
        end = line.find("}", i + 2)
        name = line[i + 2 : end] if end > 0 else ""
        if not name or not (name[0].isalpha() or name[0] == "_") or not all(c.isalnum() or c == "_" for c in name):
            raise Unsupported(f"parameter expansion {line[i : i + 20]!r}")
        return name, end + 1
    nxt = line[i + 1 : i + 2]
    if nxt and (nxt.isdigit() or nxt in "?#@*!$-"):
        raise Unsupported(f"special parameter {line[i : i + 2]!r}")
    if not nxt or not (nxt.isalpha() or nxt == "_"):
        return None, i
    j = i + 1
    while j < len(line) and (line[j].isalnum() or line[j] == "_"):
        j += 1
    return line[i + 1 : j], j


def _requote(value: str, in_dq: bool) -> str:
    """An expansion result as text the host tokenizer reads back as bash would have: inside double
    quotes one string (specials escaped); unquoted, split at whitespace (no re-parsing)."""
    if in_dq:
        return "".join("\\" + c if c in _DQ_SPECIAL else c for c in value)
    return " ".join(shlex.quote(w) for w in value.split())
