"""A real SSH server (asyncssh, 127.0.0.1) in front of a ``FakeHost``.

Real ed25519 host key and publickey client auth; each exec request runs one command line
through ``Shell``. If the client closes the channel (its timeout fired) the command is
cancelled; the ``disconnect`` fault aborts the whole connection mid-command (the client sees
``exit_status None``). ``stop()`` is "host down": the listener closes and live connections
drop; ``start()`` again brings it back on the same port, with the same or a new host key."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Callable

import asyncssh

from spark_control.sim.clock import Clock
from spark_control.sim.host import FakeHost
from spark_control.sim.interpreter import Disconnect, Unsupported, parse, tokenize
from spark_control.sim.shell import Shell

log = logging.getLogger(__name__)


def needs_stdin(line: str) -> bool:
    """True when the command reads its stdin (``cat > path`` uploads)."""
    try:
        chain = parse(tokenize(line))
    except Unsupported:
        return False
    for _, pipeline in chain.items:
        first = pipeline[0].argv
        if first and first[0] == "cat" and all(a == "-" for a in first[1:]):
            return True
    return False


class _Server(asyncssh.SSHServer):
    def __init__(self, owner: FakeSSHServer):
        self.owner = owner
        self.conn: asyncssh.SSHServerConnection | None = None

    def connection_made(self, conn: asyncssh.SSHServerConnection) -> None:
        self.conn = conn
        self.owner._conns.add(conn)

    def connection_lost(self, exc: Exception | None) -> None:
        if self.conn is not None:
            self.owner._conns.discard(self.conn)

    def begin_auth(self, username: str) -> bool:
        return True

    def password_auth_supported(self) -> bool:
        return False

    def kbdint_auth_supported(self) -> bool:
        return False


class FakeSSHServer:
    """``FakeSSHServer(host, clock, authorized_keys, host_key)``: ``authorized_keys`` is the
    text of an OpenSSH authorized_keys file (or one public key line); ``host_key`` an
    ``asyncssh.SSHKey`` private key (a new ed25519 key when None)."""

    def __init__(
        self,
        host: FakeHost,
        clock: Clock | None,
        authorized_keys: str,
        host_key: asyncssh.SSHKey | None = None,
        *,
        after_command: Callable[[], Awaitable[None]] | None = None,
    ):
        self.host = host
        self.clock = clock or host.clock
        self.authorized_keys = authorized_keys
        self.host_key = host_key or asyncssh.generate_private_key("ssh-ed25519", comment=f"root@{host.hostname}")
        self.after_command = after_command  # e.g. the cluster re-checking its service ports
        self.port = 0
        self._acceptor: asyncssh.SSHAcceptor | None = None
        self._conns: set[asyncssh.SSHServerConnection] = set()
        self._tasks: set[asyncio.Task] = set()

    @property
    def active_commands(self) -> int:
        """Commands running right now (a hung command stays here until its channel closes)."""
        return len(self._tasks)

    @property
    def listening(self) -> bool:
        return self._acceptor is not None

    async def start(self, port: int | None = None, *, host_key: asyncssh.SSHKey | None = None) -> int:
        """Listen on 127.0.0.1 (``port`` or the previous port, else a free one). Returns the port."""
        if self._acceptor is not None:
            return self.port
        if host_key is not None:
            self.host_key = host_key
        self._acceptor = await asyncssh.create_server(
            lambda: _Server(self),
            "127.0.0.1",
            port if port is not None else self.port,
            server_host_keys=[self.host_key],
            authorized_client_keys=asyncssh.import_authorized_keys(self.authorized_keys),
            process_factory=self._handle,
            encoding="utf-8",
            reuse_address=True,
            login_timeout=10,
        )
        self.port = self._acceptor.sockets[0].getsockname()[1]
        self.host.up = True
        return self.port

    async def stop(self) -> None:
        """Host down: stop listening and drop every live connection (no goodbye)."""
        self.host.up = False
        acc, self._acceptor = self._acceptor, None
        if acc is not None:
            acc.close()  # no new connections from here
        # Abort the live connections BEFORE waiting: wait_closed() can wait for every connection
        # to detach, and a pooled client connection with keepalive never would.
        for conn in list(self._conns):
            conn.abort()
        self._conns.clear()
        for t in list(self._tasks):
            t.cancel()
        if acc is not None:
            with contextlib.suppress(TimeoutError):
                async with asyncio.timeout(2.0):
                    await acc.wait_closed()

    def public_key_line(self) -> str:
        return self.host_key.export_public_key("openssh").decode().strip()

    def known_hosts_line(self, address: str = "127.0.0.1") -> str:
        """OpenSSH known_hosts entry; ``[addr]:port`` form because the port is not 22."""
        key = " ".join(self.public_key_line().split()[:2])
        where = address if self.port == 22 else f"[{address}]:{self.port}"
        return f"{where} {key}"

    def abort_connections(self) -> None:
        for conn in list(self._conns):
            conn.abort()

    async def _handle(self, process: asyncssh.SSHServerProcess) -> None:
        task = asyncio.current_task()
        if task is not None:
            self._tasks.add(task)
        try:
            await self._run(process)
        finally:
            if task is not None:
                self._tasks.discard(task)

    async def _run(self, process: asyncssh.SSHServerProcess) -> None:
        line = process.command
        if line is None:
            process.stderr.write("fakehost: unsupported interactive shell (exec requests only)\n")
            process.exit(127)
            return
        stdin = ""
        if needs_stdin(line):
            stdin = await process.stdin.read()
        shell = Shell(self.host, self.clock)

        def out(s: str) -> None:
            if s and not process.channel.is_closing():
                process.stdout.write(s)

        def err(s: str) -> None:
            if s and not process.channel.is_closing():
                process.stderr.write(s)

        job = asyncio.ensure_future(shell.run(line, stdin, out, err))
        closed = asyncio.ensure_future(process.channel.wait_closed())
        try:
            done, _ = await asyncio.wait({job, closed}, return_when=asyncio.FIRST_COMPLETED)
        except asyncio.CancelledError:
            job.cancel()
            closed.cancel()
            raise
        if job not in done:  # the client went away (timeout, ctrl-c): stop the command
            job.cancel()
            return
        closed.cancel()
        try:
            rc = job.result()
        except Disconnect:
            process.channel.get_connection().abort()
            return
        except Exception:  # a bug in the simulator must not look like success
            log.exception("fakehost %s: command failed: %s", self.host.name, line)
            process.stderr.write("fakehost: internal error (see the simulator log)\n")
            rc = 70
        if self.after_command is not None:
            try:
                await self.after_command()
            except Exception:
                log.exception("fakehost %s: after-command hook failed", self.host.name)
        process.exit(rc)
