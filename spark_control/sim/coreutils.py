"""The small programs of the fake host (coreutils, procps, grep): ``echo``, ``cd``, ``cat``,
``ls``, ``free``, ``df``, ``head``/``tail``/``wc``/``grep`` filters... Each is
``await program(shell, args, io)``; ``register`` puts them in a ``Programs`` table."""

from __future__ import annotations

import hashlib
import re
import time

from spark_control.sim.hardware import DISK_TOTAL, GIB
from spark_control.sim.interpreter import IO, Interpreter, Programs, Unsupported
from spark_control.sim.proc import loadavg, mem_numbers


async def true(sh: Interpreter, args: list[str], io: IO) -> int:
    return 0


async def false(sh: Interpreter, args: list[str], io: IO) -> int:
    return 1


async def echo(sh: Interpreter, args: list[str], io: IO) -> int:
    nl = True
    if args and args[0] == "-n":
        nl, args = False, args[1:]
    io.out(" ".join(args) + ("\n" if nl else ""))
    return 0


async def cd(sh: Interpreter, args: list[str], io: IO) -> int:
    target = sh.abspath(args[0] if args else sh.host.home)
    if target not in sh.dirs():
        io.err(f"bash: cd: {args[0] if args else target}: No such file or directory\n")
        return 1
    sh.cwd = target
    return 0


async def hostname(sh: Interpreter, args: list[str], io: IO) -> int:
    if args:
        raise Unsupported("hostname with arguments")
    io.out(sh.host.hostname + "\n")
    return 0


async def sleep(sh: Interpreter, args: list[str], io: IO) -> int:
    await sh.clock.sleep(float(args[0]) if args else 0)
    return 0


async def uname(sh: Interpreter, args: list[str], io: IO) -> int:
    flags = "".join(a.lstrip("-") for a in args) or "s"
    parts = {
        "s": "Linux",
        "n": sh.host.hostname,
        "r": "6.11.0-1016-nvidia",
        "m": "aarch64",
        "o": "GNU/Linux",
        "v": "#16-Ubuntu SMP PREEMPT_DYNAMIC",
    }
    if "a" in flags:
        flags = "snrvmo"
    io.out(" ".join(parts[f] for f in flags if f in parts) + "\n")
    return 0


async def uptime(sh: Interpreter, args: list[str], io: IO) -> int:
    if args:
        raise Unsupported("uptime with options")
    now = sh.clock.now()
    up = int(sh.host.uptime_s(now))
    days, rem = divmod(up, 86400)
    hours, mins = rem // 3600, (rem % 3600) // 60
    s = " " + time.strftime("%H:%M:%S", time.gmtime(now)) + " up "
    if days:
        s += f"{days} day{'s' if days != 1 else ''}, "
    s += f"{hours:2d}:{mins:02d}, " if hours else f"{mins} min, "
    la = loadavg(sh.host)
    io.out(s + f" 1 user,  load average: {la[0]:.2f}, {la[1]:.2f}, {la[2]:.2f}\n")
    return 0


async def nproc(sh: Interpreter, args: list[str], io: IO) -> int:
    io.out("20\n")
    return 0


async def cat(sh: Interpreter, args: list[str], io: IO) -> int:
    if not args or args == ["-"]:
        io.out(io.stdin)
        return 0
    rc = 0
    for a in args:
        if a.startswith("-"):
            raise Unsupported(f"cat option {a}")
        text = sh.read_file(sh.abspath(a))
        if text is None:
            io.err(f"cat: {a}: No such file or directory\n")
            rc = 1
        else:
            io.out(text)
    return rc


async def sha256sum(sh: Interpreter, args: list[str], io: IO) -> int:
    return _digest(sh, "sha256", args, io)


async def md5sum(sh: Interpreter, args: list[str], io: IO) -> int:
    return _digest(sh, "md5", args, io)


def _digest(sh: Interpreter, algo: str, args: list[str], io: IO) -> int:
    if not args:
        io.out(f"{hashlib.new(algo, io.stdin.encode()).hexdigest()}  -\n")
        return 0
    rc = 0
    for a in args:
        if a.startswith("-"):
            raise Unsupported(f"{algo}sum option {a}")
        raw = sh.read_bytes(sh.abspath(a))
        if raw is None:
            io.err(f"{algo}sum: {a}: No such file or directory\n")
            rc = 1
        else:
            io.out(f"{hashlib.new(algo, raw).hexdigest()}  {a}\n")
    return rc


async def ls(sh: Interpreter, args: list[str], io: IO) -> int:
    paths = [a for a in args if not a.startswith("-")] or [sh.cwd]
    rc = 0
    for p in paths:
        ap = sh.abspath(p)
        names = sorted(
            {f[len(ap.rstrip("/")) + 1 :].split("/")[0] for f in sh.host.files if f.startswith(ap.rstrip("/") + "/")}
        )
        if ap == sh.host.script_dir:
            names = sorted(set(names) | {"launch-cluster.sh", "run-recipe.sh", "recipes", "build-and-copy.sh"})
        if not names and ap not in sh.dirs() and ap not in sh.host.files:
            io.err(f"ls: cannot access '{p}': No such file or directory\n")
            rc = 2
            continue
        io.out("".join(n + "\n" for n in names) if names else (p + "\n" if ap in sh.host.files else ""))
    return rc


async def free(sh: Interpreter, args: list[str], io: IO) -> int:
    unit = {"-b": 1, "-k": 1024, "--kibi": 1024, "-m": 1024**2, "--mebi": 1024**2, "-g": 1024**3, "--gibi": 1024**3}
    div = 1024
    for a in args:
        if a not in unit:
            raise Unsupported(f"free option {a}")
        div = unit[a]
    m = mem_numbers(sh.host, sh.clock.now())
    cols = ("total", "used", "free", "shared", "buff/cache", "available")
    w = 13
    io.out(" " * 7 + "".join(c.rjust(w) for c in cols) + "\n")
    vals = (m["total"], m["used"], m["free"], m["shared"], m["cache"], m["available"])
    io.out("Mem:".ljust(7) + "".join(str(v // div).rjust(w) for v in vals) + "\n")
    sw = 16 * GIB
    io.out("Swap:".ljust(7) + "".join(str(v // div).rjust(w) for v in (sw, 0, sw)) + "\n")
    return 0


async def df(sh: Interpreter, args: list[str], io: IO) -> int:
    opts = [a for a in args if a.startswith("-")]
    paths = [a for a in args if not a.startswith("-")]
    sizes = [o for o in opts if o != "-P"]  # -P (POSIX format) prints the same columns here
    if sizes not in (["-B1"], ["--block-size=1"]) or paths not in ([], ["/"], ["/home"], [sh.host.home]):
        raise Unsupported(f"df {' '.join(args)} (only df [-P] -B1 /)")
    used = sh.host.disk_used()
    avail = DISK_TOTAL - used
    pct = -(-used * 100 // DISK_TOTAL)
    io.out("Filesystem          1B-blocks          Used     Available Use% Mounted on\n")
    io.out(f"/dev/nvme0n1p2 {DISK_TOTAL:>14} {used:>13} {avail:>13} {pct:>3}% /\n")
    return 0


async def head(sh: Interpreter, args: list[str], io: IO) -> int:
    n = _count_arg(args, 10)
    io.out("".join(io.stdin.splitlines(keepends=True)[:n]))
    return 0


async def tail(sh: Interpreter, args: list[str], io: IO) -> int:
    n = _count_arg(args, 10)
    lines = io.stdin.splitlines(keepends=True)
    io.out("".join(lines[-n:] if n else []))
    return 0


async def wc(sh: Interpreter, args: list[str], io: IO) -> int:
    if args != ["-l"]:
        raise Unsupported("wc (only wc -l)")
    io.out(f"{io.stdin.count(chr(10))}\n")
    return 0


async def grep(sh: Interpreter, args: list[str], io: IO) -> int:
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
            data = sh.read_file(sh.abspath(f))
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


def register(programs: Programs) -> None:
    """Add the small programs of a Spark host (GNU coreutils, procps, grep) to ``programs``."""
    for name, program in (
        ("true", true),
        ("false", false),
        ("echo", echo),
        ("cd", cd),
        ("hostname", hostname),
        ("sleep", sleep),
        ("uname", uname),
        ("uptime", uptime),
        ("nproc", nproc),
        ("cat", cat),
        ("sha256sum", sha256sum),
        ("md5sum", md5sum),
        ("ls", ls),
        ("free", free),
        ("df", df),
        ("head", head),
        ("tail", tail),
        ("wc", wc),
        ("grep", grep),
    ):
        programs.add(name, program)
