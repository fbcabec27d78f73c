"""The interpreter of a tiny POSIX-shell subset over ``FakeHost``: what the controller sends over SSH.

Words are split exactly like ``shlex.split`` (so a command built with ``shlex.join`` reaches the
fake commands as the same argv, hostile quoting included); unquoted ``;``, ``&&``, ``||``,
``|``, ``2>&1``, ``>``/``2>`` file redirections and a leading ``cd dir &&`` are understood.
Anything else (``$VAR``, backticks, globs, subshells, ``&``, unknown programs or flags) fails
loudly with rc 127 and ``fakehost: unsupported ...`` so unmodelled behaviour cannot pass as success.

The interpreter knows no program: it is handed a ``Programs`` table (name -> coroutine) and runs
what the table holds. ``shell.py`` builds the host's table, ``container_shell.py`` the one of a
container; program modules import this one, never the other way round."""

from __future__ import annotations

import asyncio
import dataclasses
import re
import shlex
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

from spark_control.sim.clock import Clock
from spark_control.sim.host import DockerError, FakeHost
from spark_control.sim.proc import loadavg, meminfo

FOLLOW_POLL_S = 0.05  # real seconds between checks of `docker logs -f`


class Unsupported(Exception):
    """Syntax or a command the fake host does not model: reported as rc 127."""


class Disconnect(ConnectionAbortedError):
    """Fault: the SSH server should abort the connection now."""


# ----- tokenizer and parser ------------------------------------------------------------------
@dataclass
class Word:
    text: str
    quoted: bool = False


@dataclass
class Op:
    op: str  # ; && || | redir
    fd: int = 1
    target: str = ""  # "&1" / "&2" for dups, else a path (set by the parser)
    append: bool = False


_OPS = ("&&", "||", ";", "|", "&", "(", ")", "<")


def tokenize(line: str, home: str = "~") -> list[Word | Op]:
    toks: list[Word | Op] = []
    buf: list[str] = []
    in_word = False
    quoted = False
    i, n = 0, len(line)

    def flush() -> None:
        nonlocal buf, in_word, quoted
        if in_word:
            toks.append(Word("".join(buf), quoted))
        buf, in_word, quoted = [], False, False

    while i < n:
        ch = line[i]
        if ch in " \t":
            flush()
            i += 1
        elif ch == "\n":
            flush()
            toks.append(Op(";"))
            i += 1
        elif ch == "'":
            j = line.find("'", i + 1)
            if j < 0:
                raise Unsupported("unterminated single quote")
            buf.append(line[i + 1 : j])
            in_word = quoted = True
            i = j + 1
        elif ch == '"':
            i += 1
            in_word = quoted = True
            while True:
                if i >= n:
                    raise Unsupported("unterminated double quote")
                c = line[i]
                if c == '"':
                    i += 1
                    break
                if c == "\\" and i + 1 < n and line[i + 1] in '\\"$`\n':
                    if line[i + 1] != "\n":
                        buf.append(line[i + 1])
                    i += 2
                    continue
                if c in "$`":
                    raise Unsupported(f"expansion {c!r} inside double quotes")
                buf.append(c)
                i += 1
        elif ch == "\\":
            if i + 1 < n and line[i + 1] != "\n":
                buf.append(line[i + 1])
            in_word = True
            i += 2
        elif ch == "#" and not in_word:
            break
        elif ch in "$`":
            raise Unsupported(f"expansion {ch!r}")
        elif ch in "*?[" or (
            ch == "{" and not in_word and "," in line[i : line.find("}", i) if "}" in line[i:] else i]
        ):
            raise Unsupported(f"glob/brace pattern at {line[i : i + 20]!r}")
        elif ch == ">":
            fd = 1
            if in_word and not quoted and "".join(buf) in ("1", "2"):
                fd = int("".join(buf))
                buf, in_word = [], False
            else:
                flush()
            i += 1
            append = False
            if i < n and line[i] == ">":
                append, i = True, i + 1
            if i < n and line[i] == "&":
                m = re.match(r"&([12])", line[i:])
                if not m:
                    raise Unsupported("redirection >&")
                toks.append(Op("redir", fd=fd, target="&" + m.group(1)))
                i += 2
            else:
                toks.append(Op("redir", fd=fd, append=append))
        else:
            two = line[i : i + 2]
            if two in ("&&", "||"):
                flush()
                toks.append(Op(two))
                i += 2
            elif ch in ";|&()<":
                flush()
                toks.append(Op(ch))
                i += 1
            else:
                if ch == "~" and not in_word and (i + 1 == n or line[i + 1] in "/ \t;|&"):
                    buf.append(home)
                else:
                    buf.append(ch)
                in_word = True
                i += 1
    flush()
    return toks


@dataclass
class Simple:
    argv: list[str]
    redirs: list[Op] = field(default_factory=list)


@dataclass
class Chain:
    """Pipelines joined by ; && ||: [(connector-before, [Simple, ...])]."""

    items: list[tuple[str, list[Simple]]]


def parse(tokens: list[Word | Op]) -> Chain:
    items: list[tuple[str, list[Simple]]] = []
    connector = ";"
    pipeline: list[Simple] = []
    cur = Simple([])
    i = 0

    def end_simple() -> None:
        nonlocal cur
        if not cur.argv:
            raise Unsupported("empty command")
        pipeline.append(cur)
        cur = Simple([])

    while i < len(tokens):
        t = tokens[i]
        if isinstance(t, Word):
            cur.argv.append(t.text)
        elif t.op == "redir":
            if not t.target:
                if i + 1 >= len(tokens) or not isinstance(tokens[i + 1], Word):
                    raise Unsupported("redirection without a target")
                t = dataclasses.replace(t, target=tokens[i + 1].text)  # type: ignore[union-attr]
                i += 1
            cur.redirs.append(t)
        elif t.op == "|":
            end_simple()
        elif t.op in (";", "&&", "||"):
            if not cur.argv and not pipeline and t.op == ";":
                i += 1
                continue
            end_simple()
            items.append((connector, pipeline))
            pipeline, connector = [], t.op
        else:
            raise Unsupported(f"operator {t.op!r}")
        i += 1
    if cur.argv or cur.redirs:
        end_simple()
    if pipeline:
        items.append((connector, pipeline))
    elif connector in ("&&", "||"):
        raise Unsupported("dangling " + connector)
    return Chain(items)


# ----- I/O -----------------------------------------------------------------------------------
class IO:
    def __init__(self, out: Callable[[str], None], err: Callable[[str], None], stdin: str = ""):
        self.out = out
        self.err = err
        self.stdin = stdin


class Buf:
    """An output sink that keeps what it is given (a pipe stage, a capture, a file redirection)."""

    def __init__(self) -> None:
        self.parts: list[str] = []

    def __call__(self, s: str) -> None:
        self.parts.append(s)

    def text(self) -> str:
        return "".join(self.parts)


# ----- the shell -----------------------------------------------------------------------------


# ----- the program table ---------------------------------------------------------------------
Program = Callable[[Any, list[str], "IO"], Awaitable[int]]
"""``await program(shell, args, io) -> exit status``; ``shell`` is the interpreter running it."""


@dataclass
class Programs:
    """What an interpreter can run: ``commands`` by name (``docker``, ``nvidia-smi``...) and
    ``scripts`` by file name, run by path from the host's script directory (``./run-recipe.sh``)."""

    commands: dict[str, Program] = field(default_factory=dict)
    scripts: dict[str, Program] = field(default_factory=dict)

    def add(self, name: str, program: Program) -> None:
        self.commands[name] = program

    def add_script(self, name: str, program: Program) -> None:
        self.scripts[name] = program

    def pick(self, names: set[str] | frozenset[str]) -> Programs:
        """A table with only the commands ``names`` (a container inherits a few host programs)."""
        return Programs({n: p for n, p in self.commands.items() if n in names})


class Interpreter:
    """Runs one SSH command line against a FakeHost with the programs of ``programs``. ``run``
    returns the exit status; output is written through the ``out``/``err`` callables as it is
    produced (``docker logs -f`` streams)."""

    def __init__(self, host: FakeHost, programs: Programs, clock: Clock | None = None, *, cwd: str | None = None):
        self.host = host
        self.programs = programs
        self.clock = clock or host.clock
        self.cwd = cwd or host.home

    async def capture(self, line: str, stdin: str = "") -> tuple[str, str, int]:
        out, err = Buf(), Buf()
        rc = await self.run(line, stdin, out, err)
        return out.text(), err.text(), rc

    async def run(self, line: str, stdin: str, out: Callable[[str], None], err: Callable[[str], None]) -> int:
        h = self.host
        h.calls.append(line)
        if len(h.calls) > 20_000:  # bounded in a long demo run; tests look at the recent ones
            del h.calls[:10_000]
        self.cwd = h.home  # every SSH command starts a fresh login shell
        latency = h.fault("latency")
        if latency:
            await asyncio.sleep(float(latency))
        if h.fault("disconnect"):
            raise Disconnect(line)
        action = self._command_fault(line)
        if action == "hang":
            await asyncio.Event().wait()
        if action == "disconnect":
            raise Disconnect(line)
        if isinstance(action, dict):
            out(action.get("stdout", ""))
            err(action.get("stderr", ""))
            return int(action.get("rc", 1))
        return await self.execute(line, IO(out, err, stdin))

    async def execute(self, line: str, io: IO) -> int:
        """Parse and run ``line`` (no call recording, no faults: also used for ``bash -c`` inside)."""
        try:
            chain = parse(tokenize(line, self.host.home))
        except Unsupported as e:
            io.err(f"fakehost: unsupported shell syntax: {e}\n")
            return 127
        self.host.refresh()
        rc = 0
        for connector, pipeline in chain.items:
            if (connector == "&&" and rc != 0) or (connector == "||" and rc == 0):
                continue
            rc = await self._pipeline(pipeline, io)
        return rc

    def _command_fault(self, line: str) -> Any:
        for prefix, action in (self.host.fault("commands") or {}).items():
            if line.startswith(prefix) or f" {prefix}" in line or f"&&{prefix}" in line:
                return action
        return None

    async def _pipeline(self, stages: list[Simple], io: IO) -> int:
        data = io.stdin
        rc = 0
        for k, simple in enumerate(stages):
            last = k == len(stages) - 1
            buf = None if last else Buf()
            stage_io = IO(io.out if last else buf, io.err, data)  # type: ignore[arg-type]
            rc = await self._simple(simple, stage_io)
            if buf is not None:
                data = buf.text()
        return rc

    async def _simple(self, s: Simple, io: IO) -> int:
        files: list[tuple[str, Buf, bool]] = []
        out, err = io.out, io.err
        for r in s.redirs:
            if r.target in ("&1", "&2"):
                src = out if r.target == "&1" else err
                if r.fd == 2:
                    err = src
                else:
                    out = src
                continue
            if r.target == "/dev/null":
                sink: Callable[[str], None] = lambda _s: None  # noqa: E731
            else:
                b = Buf()
                files.append((self.abspath(r.target), b, r.append))
                sink = b
            if r.fd == 2:
                err = sink
            else:
                out = sink
        sub = IO(out, err, io.stdin)
        try:
            rc = await self.dispatch(s.argv, sub)
        except Unsupported as e:
            sub.err(f"fakehost: unsupported {e}\n")
            rc = 127
        except DockerError as e:
            sub.err(e.stderr.rstrip("\n") + "\n")
            rc = e.rc
        for path, b, append in files:
            old = self.host.files.get(path, b"") if append else b""
            self.host.files[path] = old + b.text().encode()
        return rc

    def abspath(self, p: str) -> str:
        if p.startswith("~"):
            p = self.host.home + p[1:]
        if not p.startswith("/"):
            p = self.cwd.rstrip("/") + "/" + p
        parts: list[str] = []
        for seg in p.split("/"):
            if seg in ("", "."):
                continue
            if seg == "..":
                if parts:
                    parts.pop()
            else:
                parts.append(seg)
        return "/" + "/".join(parts)

    # ----- dispatch ---------------------------------------------------------------------------
    async def dispatch(self, argv: list[str], io: IO) -> int:
        prog = argv[0]
        script = self.programs.scripts.get(prog.rsplit("/", 1)[-1]) if "/" in prog else None
        if script is not None:
            # A script runs only from where it is installed (spark-vllm-docker's checkout).
            path = self.abspath(prog)
            if path != f"{self.host.script_dir}/{path.rsplit('/', 1)[-1]}":
                io.err(f"bash: {prog}: No such file or directory\n")
                return 127
            return await script(self, argv[1:], io)
        fn = self.programs.commands.get(prog)
        if fn is None:
            raise self.unknown(argv)
        return await fn(self, argv[1:], io)

    def unknown(self, argv: list[str]) -> Unsupported:
        return Unsupported(f"command {shlex.join(argv)[:200]!r} (program {argv[0]!r} is not modelled)")

    # ----- the file system the programs see ---------------------------------------------------
    def dirs(self) -> set[str]:
        d = set(self.host.dirs)
        for f in self.host.files:
            parts = f.split("/")
            for k in range(1, len(parts)):
                d.add("/".join(parts[:k]) or "/")
        return d

    def read_file(self, path: str) -> str | None:
        now = self.clock.now()
        if path == "/proc/meminfo":
            return meminfo(self.host, now)
        if path == "/proc/uptime":
            up = self.host.uptime_s(now)
            return f"{up:.2f} {up * 19.1:.2f}\n"
        if path == "/proc/loadavg":
            la = loadavg(self.host)
            return f"{la[0]:.2f} {la[1]:.2f} {la[2]:.2f} 1/912 {self.host._pid}\n"
        if path == "/etc/hostname":
            return self.host.hostname + "\n"
        data = self.host.files.get(path)
        return None if data is None else data.decode("utf-8", "replace")

    def read_bytes(self, path: str) -> bytes | None:
        data = self.host.files.get(path)
        if data is not None:
            return data
        text = self.read_file(path)
        return None if text is None else text.encode()
