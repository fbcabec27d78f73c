"""A tiny asyncssh server for the SSH-layer tests (independent of the simulator): each command
line is answered by a Python callable ``handler(line, stdin) -> (stdout, stderr, rc)``; a
handler may return "abort" (drop the connection mid-command) or "hang"."""

from __future__ import annotations

import asyncio
from collections.abc import Callable

import asyncssh

Handler = Callable[[str, str], "tuple[str, str, int] | str"]


class TinySSHD:
    def __init__(self, client_public_line: str, handler: Handler, host_key: asyncssh.SSHKey | None = None) -> None:
        self.client_public_line = client_public_line
        self.handler = handler
        self.host_key = host_key or asyncssh.generate_private_key("ssh-ed25519")
        self.server: asyncssh.SSHAcceptor | None = None
        self.port = 0
        self.lines: list[str] = []

    @property
    def public_line(self) -> str:
        return self.host_key.export_public_key().decode().strip()

    async def start(self, port: int = 0) -> TinySSHD:
        self.server = await asyncssh.create_server(
            asyncssh.SSHServer,
            "127.0.0.1",
            port,
            server_host_keys=[self.host_key],
            authorized_client_keys=asyncssh.import_authorized_keys(self.client_public_line + "\n"),
            process_factory=self._handle,
            encoding="utf-8",
        )
        self.port = self.server.sockets[0].getsockname()[1]
        return self

    async def _handle(self, process: asyncssh.SSHServerProcess) -> None:
        line = process.command or ""
        self.lines.append(line)
        stdin = ""
        if "cat >" in line:
            stdin = await process.stdin.read()
        res = self.handler(line, stdin)
        if res == "abort":
            process.channel.get_connection().abort()
            return
        if res == "hang":
            await asyncio.sleep(3600)
            return
        out, err, rc = res
        process.stdout.write(out)
        process.stderr.write(err)
        process.exit(rc)

    async def stop(self) -> None:
        if self.server:
            self.server.close()
            await self.server.wait_closed()
