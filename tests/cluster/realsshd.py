# ruff: noqa: ASYNC220, ASYNC230 - test harness: starting sshd synchronously is fine here
"""A real OpenSSH sshd on 127.0.0.1:<random> in front of a simulated FakeHost (the ``realssh``
suite). Design (research/ssh-harness.md, section B):

- sshd runs with its own config/host key in a temp dir, ``ForceCommand`` a wrapper that runs
  the controller's command line with real ``bash --norc -c`` (real quoting, ``&&``, ``cd``,
  redirections) and a PATH whose first entry holds shims for docker, nvidia-smi, cat, free,
  df, uptime, hostname; ``~/spark-vllm-docker/{launch-cluster,run-recipe}.sh`` are shims too.
- A shim is a thin stdlib client (``/usr/bin/python3 -S``): it sends its argv, cwd and stdin
  over a unix socket to the pytest process, which runs them through the simulator's ``Shell``
  against the SAME in-memory FakeHost the fake vLLM follows; stdout/stderr/rc come back.
- Login user ``sparkops`` (shell /bin/sh, password ``*``): root's login would source bashrc.
"""

from __future__ import annotations

import asyncio
import json
import os
import shlex
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from pathlib import Path

import asyncssh

from spark_control.sim.host import FakeHost
from spark_control.sim.shell import Shell

SSHD = "/usr/sbin/sshd"
USER = "sparkops"
SHIMS = ("docker", "nvidia-smi", "cat", "free", "df", "uptime", "hostname")
SCRIPTS = ("launch-cluster.sh", "run-recipe.sh")

SHIM = r"""#!/usr/bin/python3 -S
import json, os, socket, sys
prog = os.path.basename(sys.argv[0])
args = sys.argv[1:]
data = ""
if prog == "cat" and (not args or args == ["-"]):
    data = sys.stdin.buffer.read().decode("utf-8", "replace")
req = json.dumps({"prog": prog, "args": args, "cwd": os.getcwd(), "stdin": data}).encode()
s = socket.socket(socket.AF_UNIX)
s.connect(%(sock)r)
s.sendall(req)
s.shutdown(socket.SHUT_WR)
buf = b""
while True:
    chunk = s.recv(65536)
    if not chunk:
        break
    buf += chunk
resp = json.loads(buf)
sys.stdout.write(resp["out"])
sys.stderr.write(resp["err"])
sys.stdout.flush()
sys.exit(resp["rc"])
"""

WRAPPER = """#!/bin/sh
[ -z "$SSH_ORIGINAL_COMMAND" ] && { echo "exec only" >&2; exit 1; }
cd %(home)s || exit 1
PATH=%(bin)s:/usr/bin:/bin
export PATH
exec /bin/bash --norc --noprofile -c "$SSH_ORIGINAL_COMMAND"
"""


def available() -> str | None:
    """None if the suite can run here, else the reason to skip."""
    if os.geteuid() != 0:
        return "needs root (sshd privilege separation, a test user)"
    if not Path(SSHD).exists():
        return "openssh-server is not installed"
    if not Path("/usr/bin/python3").exists():
        return "/usr/bin/python3 missing (shims)"
    return None


def ensure_user() -> None:
    Path("/run/sshd").mkdir(mode=0o755, exist_ok=True)
    if subprocess.run(["id", USER], capture_output=True).returncode != 0:
        subprocess.run(
            ["useradd", "--system", "--no-create-home", "--home-dir", "/nonexistent", "--shell", "/bin/sh", USER],
            check=True,
            capture_output=True,
        )
    subprocess.run(["usermod", "-p", "*", USER], check=True, capture_output=True)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class RealSSHD:
    def __init__(self, host: FakeHost, client_public_line: str, after_command=None) -> None:
        self.host = host
        self.client_public_line = client_public_line
        self.after_command = after_command
        self.dir = Path(tempfile.mkdtemp(prefix="spark-realsshd-", dir="/tmp"))
        os.chmod(self.dir, 0o755)
        self.port = 0
        self.proc: subprocess.Popen | None = None
        self.server: asyncio.AbstractServer | None = None
        self.calls: list[list[str]] = []
        self.host_key: asyncssh.SSHKey | None = None

    @property
    def sock(self) -> str:
        return str(self.dir / "fakehost.sock")

    def _write(self, path: Path, text: str, mode: int) -> None:
        path.write_text(text)
        os.chmod(path, mode)

    async def start(self) -> RealSSHD:
        d = self.dir
        (d / "bin").mkdir()
        home = d / "home"
        (home / "spark-vllm-docker").mkdir(parents=True)
        os.chmod(home, 0o777)
        shim = SHIM % {"sock": self.sock}
        for name in SHIMS:
            self._write(d / "bin" / name, shim, 0o755)
        for name in SCRIPTS:
            self._write(home / "spark-vllm-docker" / name, shim, 0o755)
        self._write(
            d / "wrapper", WRAPPER % {"home": shlex.quote(str(home)), "bin": shlex.quote(str(d / "bin"))}, 0o755
        )
        self.host_key = asyncssh.generate_private_key("ssh-ed25519", comment="realsshd")
        self.host_key.write_private_key(str(d / "host_key"))
        os.chmod(d / "host_key", 0o600)
        self._write(d / "authorized_keys", self.client_public_line + "\n", 0o644)
        self.server = await asyncio.start_unix_server(self._serve, self.sock)
        os.chmod(self.sock, 0o777)
        for _attempt in range(3):
            self.port = _free_port()
            self._write(
                d / "sshd_config",
                "\n".join(
                    [
                        f"ListenAddress 127.0.0.1:{self.port}",
                        f"HostKey {d / 'host_key'}",
                        f"PidFile {d / 'sshd.pid'}",
                        f"AuthorizedKeysFile {d / 'authorized_keys'}",
                        "StrictModes no",
                        "UsePAM no",
                        "PubkeyAuthentication yes",
                        "PasswordAuthentication no",
                        "KbdInteractiveAuthentication no",
                        "PermitRootLogin no",
                        f"AllowUsers {USER}",
                        f"ForceCommand {d / 'wrapper'}",
                        "MaxSessions 10",
                        "LogLevel VERBOSE",
                        "",
                    ]
                ),
                0o644,
            )
            log = open(d / "sshd.log", "ab")
            self._log = log
            self.proc = subprocess.Popen(
                [SSHD, "-D", "-e", "-f", str(d / "sshd_config")],
                stdout=log,
                stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL,
                start_new_session=True,
            )
            if await self._wait_banner():
                return self
            self._kill()
        raise RuntimeError("sshd did not start: " + (d / "sshd.log").read_text()[-2000:])

    async def _wait_banner(self) -> bool:
        deadline = time.monotonic() + 5
        while time.monotonic() < deadline:
            if self.proc is not None and self.proc.poll() is not None:
                return False
            try:
                r, w = await asyncio.open_connection("127.0.0.1", self.port)
                banner = await asyncio.wait_for(r.readline(), 2)
                w.close()
                if banner.startswith(b"SSH-"):
                    return True
            except OSError:
                await asyncio.sleep(0.02)
        return False

    def known_hosts_line(self) -> str:
        assert self.host_key is not None
        key = " ".join(self.host_key.export_public_key().decode().split()[:2])
        return f"[127.0.0.1]:{self.port} {key}"

    async def _serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            req = json.loads(await reader.read())
            prog, args = req["prog"], req["args"]
            self.calls.append([prog, *args])
            line = shlex.join([f"./{prog}" if prog in SCRIPTS else prog, *args])
            if prog in SCRIPTS:  # the shim lives in ~/spark-vllm-docker; so does the fake script
                line = f"cd {shlex.quote(self.host.script_dir)} && {line}"
            out, err, rc = await Shell(self.host).capture(line, req.get("stdin", ""))
            if self.after_command is not None:
                await self.after_command()
            writer.write(json.dumps({"out": out, "err": err, "rc": rc}).encode())
            await writer.drain()
        except Exception as e:  # noqa: BLE001 - report to the shim as a failed command
            writer.write(json.dumps({"out": "", "err": f"shim server: {e}\n", "rc": 70}).encode())
        finally:
            writer.close()

    def _kill(self) -> None:
        """Kill the listener AND its per-connection children (they setsid(), so the process
        group is not enough): walk /proc for descendants."""
        if self.proc is None:
            return
        pids = _descendants(self.proc.pid)
        for pid in [*pids, self.proc.pid]:
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        try:
            self.proc.wait(timeout=5)
        except subprocess.TimeoutExpired:
            pass
        self.proc = None

    async def stop(self) -> None:
        self._kill()
        if getattr(self, "_log", None):
            self._log.close()
        if self.server is not None:
            self.server.close()
            await self.server.wait_closed()
        shutil.rmtree(self.dir, ignore_errors=True)


def _descendants(root: int) -> list[int]:
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            stat = Path(f"/proc/{entry}/stat").read_text()
        except OSError:
            continue
        ppid = int(stat.rsplit(")", 1)[1].split()[1])
        children.setdefault(ppid, []).append(int(entry))
    out, todo = [], [root]
    while todo:
        for c in children.get(todo.pop(), []):
            out.append(c)
            todo.append(c)
    return out
