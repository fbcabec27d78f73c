"""Host-key pinning (our own known_hosts file, OpenSSH format).

First use: ``fetch()`` asks the host for its key without authenticating
(``asyncssh.get_server_host_key``) and returns its fingerprint for the operator to confirm.
``pin()`` fetches again and pins only if the key still has the fingerprint the operator saw.
A host whose pinned key changes is refused (``HostKeyChanged``); nothing here ever replaces a
pin on its own -- replacing one takes an explicit ``unpin`` by the operator (audited).
"""

from __future__ import annotations

import asyncio
import os
import threading
from dataclasses import dataclass
from pathlib import Path

import asyncssh

from spark_control.errors import Conflict, SparkControlError


class PinMismatch(Conflict):
    """The key the host presents now is not the one the operator confirmed."""


@dataclass(frozen=True)
class HostKeyInfo:
    host: str
    port: int
    key_type: str
    fingerprint: str
    public_line: str  # "ssh-ed25519 AAAA..."


def host_pattern(host: str, port: int) -> str:
    """known_hosts names a non-22 port as ``[host]:port`` and port 22 as bare ``host``."""
    return host if port == 22 else f"[{host}]:{port}"


def fingerprint_of(public_line: str) -> str:
    return asyncssh.import_public_key(public_line).get_fingerprint()


class KnownHosts:
    """Our own known_hosts file. Lines we add: ``<pattern> <type> <base64>``."""

    def __init__(self, path: Path | str) -> None:
        self.path = Path(path)
        self._lock = threading.Lock()

    def _lines(self) -> list[str]:
        try:
            return [ln for ln in self.path.read_text().splitlines() if ln.strip() and not ln.startswith("#")]
        except FileNotFoundError:
            return []

    def _write(self, lines: list[str]) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.path.with_suffix(".tmp")
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w") as f:
            f.write("".join(ln + "\n" for ln in lines))
        os.replace(tmp, self.path)

    def lookup(self, host: str, port: int) -> list[str]:
        """Pinned public lines (``type base64``) for exactly this host:port."""
        pat = host_pattern(host, port)
        out = []
        for ln in self._lines():
            parts = ln.split()
            if len(parts) >= 3 and pat in parts[0].split(","):
                out.append(f"{parts[1]} {parts[2]}")
        return out

    def fingerprints(self, host: str, port: int) -> list[str]:
        return [fingerprint_of(line) for line in self.lookup(host, port)]

    def add(self, host: str, port: int, public_line: str) -> None:
        parts = public_line.split()
        with self._lock:
            lines = self._lines()
            entry = f"{host_pattern(host, port)} {parts[0]} {parts[1]}"
            if entry not in lines:
                lines.append(entry)
                self._write(lines)

    def remove(self, host: str, port: int) -> int:
        pat = host_pattern(host, port)
        with self._lock:
            lines = self._lines()
            keep = [ln for ln in lines if pat not in ln.split()[0].split(",")]
            self._write(keep)
            return len(lines) - len(keep)

    def known_hosts(self) -> asyncssh.SSHKnownHosts:
        """The object handed to ``asyncssh.connect(known_hosts=...)`` (read fresh each connect)."""
        return asyncssh.import_known_hosts("".join(ln + "\n" for ln in self._lines()))


async def fetch_host_key(host: str, port: int, timeout: float = 10.0) -> HostKeyInfo:  # noqa: ASYNC109
    """Ask the server for its host key (no authentication). Errors are classified by ssh.py."""
    async with asyncio.timeout(timeout):
        key = await asyncssh.get_server_host_key(host, port, config=None)
    if key is None:
        raise SparkControlError(f"{host}:{port} presented no host key")
    line = key.export_public_key("openssh").decode().strip()
    parts = line.split()
    return HostKeyInfo(host, port, key.get_algorithm(), key.get_fingerprint(), f"{parts[0]} {parts[1]}")
