"""A tiny POSIX-shell subset over ``FakeHost``: what the controller sends over SSH.

Words are split exactly like ``shlex.split`` (so a command built with ``shlex.join`` reaches the
fake commands as the same argv, hostile quoting included); unquoted ``;``, ``&&``, ``||``,
``|``, ``2>&1``, ``>``/``2>`` file redirections and a leading ``cd dir &&`` are understood.
Anything else (``$VAR``, backticks, globs, subshells, ``&``, unknown programs or flags) fails
loudly with rc 127 and ``fakehost: unsupported ...`` so unmodelled behaviour cannot pass as success."""

from __future__ import annotations

import asyncio
import dataclasses
import re
import shlex
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from spark_control.sim.clock import Clock
from spark_control.sim.hardware import DEVICE_TOTAL_GIB, DISK_TOTAL, GIB, MEM_TOTAL_KB, PAGE_CACHE_GIB
from spark_control.sim.host import (
    DockerError,
    FakeHost,
    is_valid_name,
    norm_image,
)

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


class _Buf:
    def __init__(self) -> None:
        self.parts: list[str] = []

    def __call__(self, s: str) -> None:
        self.parts.append(s)

    def text(self) -> str:
        return "".join(self.parts)


# ----- the shell -----------------------------------------------------------------------------
class Shell:
    """Runs one SSH command line against a FakeHost. ``run`` returns the exit status; output is
    written through the ``out``/``err`` callables as it is produced (``docker logs -f`` streams)."""

    def __init__(self, host: FakeHost, clock: Clock | None = None, *, cwd: str | None = None):
        self.host = host
        self.clock = clock or host.clock
        self.cwd = cwd or host.home

    async def capture(self, line: str, stdin: str = "") -> tuple[str, str, int]:
        out, err = _Buf(), _Buf()
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
            buf = None if last else _Buf()
            stage_io = IO(io.out if last else buf, io.err, data)  # type: ignore[arg-type]
            rc = await self._simple(simple, stage_io)
            if buf is not None:
                data = buf.text()
        return rc

    async def _simple(self, s: Simple, io: IO) -> int:
        files: list[tuple[str, _Buf, bool]] = []
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
                b = _Buf()
                files.append((self._abspath(r.target), b, r.append))
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

    def _abspath(self, p: str) -> str:
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
        if prog in ("./launch-cluster.sh", "./run-recipe.sh") or prog.endswith(
            ("/launch-cluster.sh", "/run-recipe.sh")
        ):
            path = self._abspath(prog)
            script = path.rsplit("/", 1)[-1]
            if path != f"{self.host.script_dir}/{script}":
                io.err(f"bash: {prog}: No such file or directory\n")
                return 127
            from spark_control.sim.scripts import launch_cluster, run_recipe

            return await (launch_cluster if script == "launch-cluster.sh" else run_recipe)(self, argv[1:], io)
        fn = getattr(self, "cmd_" + prog.replace("-", "_").replace(".", "_"), None)
        if fn is None or prog.startswith("_"):
            raise Unsupported(f"command {shlex.join(argv)[:200]!r} (program {prog!r} is not modelled)")
        return await fn(argv[1:], io)

    # ----- builtins and small programs --------------------------------------------------------
    async def cmd_true(self, args: list[str], io: IO) -> int:
        return 0

    async def cmd_false(self, args: list[str], io: IO) -> int:
        return 1

    async def cmd_echo(self, args: list[str], io: IO) -> int:
        nl = True
        if args and args[0] == "-n":
            nl, args = False, args[1:]
        io.out(" ".join(args) + ("\n" if nl else ""))
        return 0

    async def cmd_cd(self, args: list[str], io: IO) -> int:
        target = self._abspath(args[0] if args else self.host.home)
        if target not in self._dirs():
            io.err(f"bash: cd: {args[0] if args else target}: No such file or directory\n")
            return 1
        self.cwd = target
        return 0

    def _dirs(self) -> set[str]:
        d = set(self.host.dirs)
        for f in self.host.files:
            parts = f.split("/")
            for k in range(1, len(parts)):
                d.add("/".join(parts[:k]) or "/")
        return d

    async def cmd_hostname(self, args: list[str], io: IO) -> int:
        if args:
            raise Unsupported("hostname with arguments")
        io.out(self.host.hostname + "\n")
        return 0

    async def cmd_sleep(self, args: list[str], io: IO) -> int:
        await self.clock.sleep(float(args[0]) if args else 0)
        return 0

    async def cmd_uname(self, args: list[str], io: IO) -> int:
        flags = "".join(a.lstrip("-") for a in args) or "s"
        parts = {
            "s": "Linux",
            "n": self.host.hostname,
            "r": "6.11.0-1016-nvidia",
            "m": "aarch64",
            "o": "GNU/Linux",
            "v": "#16-Ubuntu SMP PREEMPT_DYNAMIC",
        }
        if "a" in flags:
            flags = "snrvmo"
        io.out(" ".join(parts[f] for f in flags if f in parts) + "\n")
        return 0

    async def cmd_uptime(self, args: list[str], io: IO) -> int:
        if args:
            raise Unsupported("uptime with options")
        now = self.clock.now()
        up = int(self.host.uptime_s(now))
        days, rem = divmod(up, 86400)
        hours, mins = rem // 3600, (rem % 3600) // 60
        s = " " + time.strftime("%H:%M:%S", time.gmtime(now)) + " up "
        if days:
            s += f"{days} day{'s' if days != 1 else ''}, "
        s += f"{hours:2d}:{mins:02d}, " if hours else f"{mins} min, "
        la = self._loadavg()
        io.out(s + f" 1 user,  load average: {la[0]:.2f}, {la[1]:.2f}, {la[2]:.2f}\n")
        return 0

    def _loadavg(self) -> tuple[float, float, float]:
        u = self.host.gpu_util() / 100
        return (0.05 + 1.9 * u, 0.08 + 1.4 * u, 0.1 + 0.9 * u)

    async def cmd_nproc(self, args: list[str], io: IO) -> int:
        io.out("20\n")
        return 0

    async def cmd_cat(self, args: list[str], io: IO) -> int:
        if not args or args == ["-"]:
            io.out(io.stdin)
            return 0
        rc = 0
        for a in args:
            if a.startswith("-"):
                raise Unsupported(f"cat option {a}")
            text = self._read_file(self._abspath(a))
            if text is None:
                io.err(f"cat: {a}: No such file or directory\n")
                rc = 1
            else:
                io.out(text)
        return rc

    def _read_file(self, path: str) -> str | None:
        now = self.clock.now()
        if path == "/proc/meminfo":
            return meminfo(self.host, now)
        if path == "/proc/uptime":
            up = self.host.uptime_s(now)
            return f"{up:.2f} {up * 19.1:.2f}\n"
        if path == "/proc/loadavg":
            la = self._loadavg()
            return f"{la[0]:.2f} {la[1]:.2f} {la[2]:.2f} 1/912 {self.host._pid}\n"
        if path == "/etc/hostname":
            return self.host.hostname + "\n"
        data = self.host.files.get(path)
        return None if data is None else data.decode("utf-8", "replace")

    async def cmd_sha256sum(self, args: list[str], io: IO) -> int:
        return self._digest("sha256", args, io)

    async def cmd_md5sum(self, args: list[str], io: IO) -> int:
        return self._digest("md5", args, io)

    def _digest(self, algo: str, args: list[str], io: IO) -> int:
        import hashlib

        if not args:
            io.out(f"{hashlib.new(algo, io.stdin.encode()).hexdigest()}  -\n")
            return 0
        rc = 0
        for a in args:
            if a.startswith("-"):
                raise Unsupported(f"{algo}sum option {a}")
            raw = self._read_bytes(self._abspath(a))
            if raw is None:
                io.err(f"{algo}sum: {a}: No such file or directory\n")
                rc = 1
            else:
                io.out(f"{hashlib.new(algo, raw).hexdigest()}  {a}\n")
        return rc

    def _read_bytes(self, path: str) -> bytes | None:
        data = self.host.files.get(path)
        if data is not None:
            return data
        text = self._read_file(path)
        return None if text is None else text.encode()

    async def cmd_ls(self, args: list[str], io: IO) -> int:
        paths = [a for a in args if not a.startswith("-")] or [self.cwd]
        rc = 0
        for p in paths:
            ap = self._abspath(p)
            names = sorted(
                {
                    f[len(ap.rstrip("/")) + 1 :].split("/")[0]
                    for f in self.host.files
                    if f.startswith(ap.rstrip("/") + "/")
                }
            )
            if ap == self.host.script_dir:
                names = sorted(set(names) | {"launch-cluster.sh", "run-recipe.sh", "recipes", "build-and-copy.sh"})
            if not names and ap not in self._dirs() and ap not in self.host.files:
                io.err(f"ls: cannot access '{p}': No such file or directory\n")
                rc = 2
                continue
            io.out("".join(n + "\n" for n in names) if names else (p + "\n" if ap in self.host.files else ""))
        return rc

    async def cmd_free(self, args: list[str], io: IO) -> int:
        unit = {"-b": 1, "-k": 1024, "--kibi": 1024, "-m": 1024**2, "--mebi": 1024**2, "-g": 1024**3, "--gibi": 1024**3}
        div = 1024
        for a in args:
            if a not in unit:
                raise Unsupported(f"free option {a}")
            div = unit[a]
        m = mem_numbers(self.host, self.clock.now())
        cols = ("total", "used", "free", "shared", "buff/cache", "available")
        w = 13
        io.out(" " * 7 + "".join(c.rjust(w) for c in cols) + "\n")
        vals = (m["total"], m["used"], m["free"], m["shared"], m["cache"], m["available"])
        io.out("Mem:".ljust(7) + "".join(str(v // div).rjust(w) for v in vals) + "\n")
        sw = 16 * GIB
        io.out("Swap:".ljust(7) + "".join(str(v // div).rjust(w) for v in (sw, 0, sw)) + "\n")
        return 0

    async def cmd_df(self, args: list[str], io: IO) -> int:
        opts = [a for a in args if a.startswith("-")]
        paths = [a for a in args if not a.startswith("-")]
        sizes = [o for o in opts if o != "-P"]  # -P (POSIX format) prints the same columns here
        if sizes not in (["-B1"], ["--block-size=1"]) or paths not in ([], ["/"], ["/home"], [self.host.home]):
            raise Unsupported(f"df {' '.join(args)} (only df [-P] -B1 /)")
        used = self.host.disk_used()
        avail = DISK_TOTAL - used
        pct = -(-used * 100 // DISK_TOTAL)
        io.out("Filesystem          1B-blocks          Used     Available Use% Mounted on\n")
        io.out(f"/dev/nvme0n1p2 {DISK_TOTAL:>14} {used:>13} {avail:>13} {pct:>3}% /\n")
        return 0

    # ----- filters ----------------------------------------------------------------------------
    async def cmd_head(self, args: list[str], io: IO) -> int:
        n = _count_arg(args, 10)
        io.out("".join(io.stdin.splitlines(keepends=True)[:n]))
        return 0

    async def cmd_tail(self, args: list[str], io: IO) -> int:
        n = _count_arg(args, 10)
        lines = io.stdin.splitlines(keepends=True)
        io.out("".join(lines[-n:] if n else []))
        return 0

    async def cmd_wc(self, args: list[str], io: IO) -> int:
        if args != ["-l"]:
            raise Unsupported("wc (only wc -l)")
        io.out(f"{io.stdin.count(chr(10))}\n")
        return 0

    async def cmd_grep(self, args: list[str], io: IO) -> int:
        invert = ignore = count = fixed = quiet = False
        pattern = None
        rest = []
        i = 0
        while i < len(args):
            a = args[i]
            if a.startswith("-") and len(a) > 1 and pattern is None and a != "--":
                if a == "-e":
                    pattern, i = args[i + 1], i + 2
                    continue
                for f in a[1:]:
                    if f == "v":
                        invert = True
                    elif f == "i":
                        ignore = True
                    elif f == "c":
                        count = True
                    elif f == "F":
                        fixed = True
                    elif f == "q":
                        quiet = True
                    elif f == "E":
                        pass
                    else:
                        raise Unsupported(f"grep option -{f}")
            elif pattern is None:
                pattern = a
            else:
                rest.append(a)
            i += 1
        if pattern is None:
            io.err("Usage: grep [OPTION]... PATTERNS [FILE]...\n")
            return 2
        text = io.stdin
        if rest:
            parts = []
            for f in rest:
                data = self._read_file(self._abspath(f))
                if data is None:
                    io.err(f"grep: {f}: No such file or directory\n")
                    return 2
                parts.append(data)
            text = "".join(parts)
        rx = re.compile(re.escape(pattern) if fixed else pattern, re.I if ignore else 0)
        hits = [ln for ln in text.splitlines(keepends=True) if bool(rx.search(ln)) != invert]
        if count:
            io.out(f"{len(hits)}\n")
        elif not quiet:
            io.out("".join(hits))
        return 0 if hits else 1

    # ----- nvidia-smi -------------------------------------------------------------------------
    async def cmd_nvidia_smi(self, args: list[str], io: IO) -> int:
        h = self.host
        if h.fault("nvidia_smi_broken"):
            io.out(
                "NVIDIA-SMI has failed because it couldn't communicate with the NVIDIA driver. Make sure that the "
                "latest NVIDIA driver is installed and running.\n\n"
            )
            return 9
        return nvidia_smi(h, self.clock.now(), args, io)

    # ----- docker -----------------------------------------------------------------------------
    async def cmd_docker(self, args: list[str], io: IO) -> int:
        from spark_control.sim import docker

        if self.host.fault("docker_down"):
            io.err(
                "Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?\n"
            )
            return 1
        return await docker.run(self, args, io)


def _count_arg(args: list[str], default: int) -> int:
    n = default
    i = 0
    while i < len(args):
        a = args[i]
        if a == "-n" and i + 1 < len(args):
            n = int(args[i + 1].lstrip("+-"))
            i += 2
            continue
        if re.fullmatch(r"-n?\d+", a):
            n = int(a.lstrip("-n"))
        elif a.startswith("-n"):
            n = int(a[2:])
        else:
            raise Unsupported(f"head/tail argument {a!r} (filters read stdin only)")
        i += 1
    return n


# ----- /proc/meminfo, free -------------------------------------------------------------------
def mem_numbers(host: FakeHost, now: float) -> dict[str, int]:
    total = MEM_TOTAL_KB * 1024
    used_gib = host.mem_used_gib(now)
    avail = int((DEVICE_TOTAL_GIB - used_gib) * GIB)
    cache = int(min(PAGE_CACHE_GIB * GIB, max(0, avail - GIB)))
    free = max(0, avail - cache)
    return {
        "total": total,
        "available": avail,
        "free": free,
        "cache": cache,
        "used": total - free - cache,
        "shared": 72 * 1024 * 1024,
        "buffers": 380 * 1024 * 1024,
    }


def meminfo(host: FakeHost, now: float) -> str:
    m = mem_numbers(host, now)
    kb = {k: v // 1024 for k, v in m.items()}
    rows = [
        ("MemTotal", kb["total"]),
        ("MemFree", kb["free"]),
        ("MemAvailable", kb["available"]),
        ("Buffers", kb["buffers"]),
        ("Cached", kb["cache"] - kb["buffers"]),
        ("SwapCached", 0),
        ("Active", kb["used"] // 2 + kb["cache"] // 3),
        ("Inactive", kb["cache"] // 2),
        ("Active(anon)", kb["used"] // 2),
        ("Inactive(anon)", 1024),
        ("Active(file)", kb["cache"] // 3),
        ("Inactive(file)", kb["cache"] // 2),
        ("Unevictable", 30720),
        ("Mlocked", 30720),
        ("SwapTotal", 16 * 1024 * 1024),
        ("SwapFree", 16 * 1024 * 1024),
        ("Dirty", 112),
        ("Writeback", 0),
        ("AnonPages", kb["used"] // 2),
        ("Mapped", 612_000),
        ("Shmem", kb["shared"]),
        ("KReclaimable", 410_000),
        ("Slab", 820_000),
        ("SReclaimable", 410_000),
        ("SUnreclaim", 410_000),
        ("KernelStack", 24_000),
        ("PageTables", 60_000),
        ("CommitLimit", kb["total"] // 2 + 16 * 1024 * 1024),
        ("Committed_AS", kb["used"]),
        ("VmallocTotal", 133_141_626_880),
        ("VmallocUsed", 110_000),
        ("HugePages_Total", 0),
        ("HugePages_Free", 0),
        ("Hugepagesize", 2048),
    ]
    lines = []
    for k, v in rows:
        unit = "" if k.startswith("HugePages_") else " kB"
        lines.append(f"{k + ':':<15}{v:>9}{unit}")
    return "\n".join(lines) + "\n"


# ----- nvidia-smi (GB10: memory fields are [N/A]) --------------------------------------------
DRIVER = "580.95.05"
GPU_UUID = "GPU-6b3f0c1e-2a4d-4e55-9a0b-7f1c2d3e4f50"
NA = "[N/A]"


def _gpu_fields(host: FakeHost, now: float) -> dict[str, tuple[str, str]]:
    """field -> (value with units, unit for the header)."""
    util, temp, power, clk = host.gpu_util(now), host.gpu_temp(now), host.gpu_power_w(now), host.gpu_clock_mhz(now)
    ts = time.strftime("%Y/%m/%d %H:%M:%S", time.gmtime(now)) + f".{int(now * 1000) % 1000:03d}"
    f = {
        "timestamp": (ts, ""),
        "index": ("0", ""),
        "count": ("1", ""),
        "name": ("NVIDIA GB10", ""),
        "uuid": (GPU_UUID.replace("50", host.name[-2:].rjust(2, "0")), ""),
        "driver_version": (DRIVER, ""),
        "pci.bus_id": ("0000000F:01:00.0", ""),
        "pstate": ("P0", ""),
        "persistence_mode": ("Enabled", ""),
        "compute_mode": ("Default", ""),
        "temperature.gpu": (str(temp), ""),
        "utilization.gpu": (f"{util} %", "%"),
        "utilization.memory": (NA, "%"),
        "memory.used": (NA, "MiB"),
        "memory.total": (NA, "MiB"),
        "memory.free": (NA, "MiB"),
        "memory.reserved": (NA, "MiB"),
        "power.draw": (f"{power:.2f} W", "W"),
        "power.limit": (NA, "W"),
        "power.draw.instant": (f"{power:.2f} W", "W"),
        "enforced.power.limit": (NA, "W"),
        "clocks.sm": (f"{clk} MHz", "MHz"),
        "clocks.gr": (f"{clk} MHz", "MHz"),
        "clocks.mem": (NA, "MHz"),
        "clocks.current.sm": (f"{clk} MHz", "MHz"),
        "clocks.current.graphics": (f"{clk} MHz", "MHz"),
        "clocks.max.sm": ("3003 MHz", "MHz"),
        "clocks.max.gr": ("3003 MHz", "MHz"),
        "fan.speed": (NA, "%"),
        "temperature.memory": ("N/A", ""),
        "display_active": ("Disabled", ""),
    }
    return f


def nvidia_smi(host: FakeHost, now: float, args: list[str], io: IO) -> int:
    query = kind = None
    fmt: list[str] = []
    for a in args:
        if a.startswith("--query-gpu="):
            query, kind = a.split("=", 1)[1], "gpu"
        elif a.startswith("--query-compute-apps="):
            query, kind = a.split("=", 1)[1], "apps"
        elif a.startswith("--format="):
            fmt = a.split("=", 1)[1].split(",")
        elif a == "-L":
            io.out(f"GPU 0: NVIDIA GB10 (UUID: {_gpu_fields(host, now)['uuid'][0]})\n")
            return 0
        else:
            raise Unsupported(f"nvidia-smi option {a!r}")
    if query is None:
        io.out(nvidia_smi_table(host, now))
        return 0
    if "csv" not in fmt:
        io.out('"--format=" switch is missing. Please try again with one of these formats: csv\n')
        return 2
    names = [q.strip() for q in query.split(",") if q.strip()]
    if kind == "gpu":
        fields = _gpu_fields(host, now)
        rows = [[fields[n] if n in fields else None for n in names]]
    else:
        fields = {}
        rows = []
        for pid, pname, mib in host.gpu_processes(now):
            vals = {
                "pid": (str(pid), ""),
                "process_name": (pname, ""),
                "used_memory": (f"{mib} MiB", "MiB"),
                "gpu_uuid": (_gpu_fields(host, now)["uuid"][0], ""),
                "name": (pname, ""),
            }
            fields = vals
            rows.append([vals.get(n) for n in names])
        known = {"pid", "process_name", "used_memory", "gpu_uuid", "name"}
        fields = dict.fromkeys(known, ("", "")) | fields
    for n in names:
        if n not in fields:
            io.out(f'Field "{n}" is not a valid field to query.\n\n')
            return 2
    lines = []
    if "noheader" not in fmt:
        lines.append(", ".join(n + (f" [{fields[n][1]}]" if fields[n][1] else "") for n in names))
    for row in rows:
        vals = []
        for v in row:
            text = v[0] if v else ""
            if "nounits" in fmt and v and v[1] and text != NA:
                text = text.removesuffix(" " + v[1])
            vals.append(text)
        lines.append(", ".join(vals))
    io.out("".join(ln + "\n" for ln in lines))
    return 0


def nvidia_smi_table(host: FakeHost, now: float) -> str:
    util, temp, power = host.gpu_util(now), host.gpu_temp(now), host.gpu_power_w(now)
    stamp = time.strftime("%a %b %d %H:%M:%S %Y", time.gmtime(now))
    sep = "+-----------------------------------------+------------------------+----------------------+"
    lines = [
        f"{stamp}       ",
        "+-----------------------------------------------------------------------------------------+",
        f"| NVIDIA-SMI {DRIVER}              Driver Version: {DRIVER}      CUDA Version: 13.0     |",
        sep,
        "| GPU  Name                 Persistence-M | Bus-Id          Disp.A | Volatile Uncorr. ECC |",
        "| Fan  Temp   Perf          Pwr:Usage/Cap |           Memory-Usage | GPU-Util  Compute M. |",
        "|                                         |                        |               MIG M. |",
        "|=========================================+========================+======================|",
        "|   0  NVIDIA GB10                    On  |   0000000F:01:00.0 Off |                  N/A |",
        f"| N/A   {temp:>2}C    P0            {int(power):>3}W /  N/A  | Not Supported          |"
        f"    {util:>3}%      Default |",
        "|                                         |                        |                  N/A |",
        sep,
        "",
        "+-----------------------------------------------------------------------------------------+",
        "| Processes:                                                                              |",
        "|  GPU   GI   CI              PID   Type   Process name                        GPU Memory |",
        "|        ID   ID                                                               Usage      |",
        "|=========================================================================================|",
    ]
    procs = host.gpu_processes(now)
    if not procs:
        lines.append("|  No running processes found                                                             |")
    for pid, name, mib in procs:
        lines.append(f"|    0   N/A  N/A          {pid:>7}      C   {name:<33} {mib:>7}MiB |")
    lines.append("+-----------------------------------------------------------------------------------------+")
    return "\n".join(lines) + "\n"


__all__ = ["Shell", "Unsupported", "Disconnect", "tokenize", "parse", "IO", "is_valid_name", "norm_image"]
