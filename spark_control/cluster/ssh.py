"""One pooled asyncssh connection per host, with keepalive, a connect timeout, a channel
semaphore (OpenSSH allows 10 sessions per connection; we use at most 8) and a hard timeout
around every command.

asyncssh traps handled here (research/ssh-harness.md):
- ``conn.run(timeout=)`` only bounds waiting for exit, not channel open + exec: every call is
  also wrapped in ``asyncio.timeout()``.
- A dropped connection makes ``conn.run()`` return ``exit_status=None`` without raising, even
  with ``check=True``: that is ``OutcomeUnknown``, never success.
- ``agent_path=None, config=None``: a developer's ssh-agent or ~/.ssh/config never changes
  what the controller does.

A host connection is a small state machine (``HOST_CONNECTION_TRANSITIONS``, every move a
compare-and-swap): idle -> connecting -> ready; a lost connection or a failed connect is
``dropped`` and the next command connects again; ``close()`` makes it idle.

Connection errors are classified exactly (``SSHError.reason``): ``dns``, ``refused``,
``timeout``, ``unreachable``, ``auth``, ``host_key_unknown``, ``host_key_changed``,
``handshake``; command errors: ``command_timeout``, ``disconnected``, ``channel``, ``exit_status``.
"""

from __future__ import annotations

import asyncio
import errno
import logging
import socket
import time
from collections.abc import Callable
from dataclasses import dataclass, field

import asyncssh

from spark_control.cluster.commands import RemoteCommand
from spark_control.cluster.keys import ControllerKey
from spark_control.cluster.pinning import KnownHosts
from spark_control.errors import SparkControlError
from spark_control.jobs.machine import StateMachine, transition_table

log = logging.getLogger(__name__)

MAX_CHANNELS = 8

HOST_CONNECTION_TRANSITIONS = transition_table(
    {
        "idle": {"connecting"},  # never connected, or closed by us
        "connecting": {"ready", "dropped"},
        "ready": {"dropped", "idle"},  # lost (or found closed), or closed by us
        "dropped": {"connecting", "idle"},  # lost, or the connect failed: the next command reconnects
    }
)


class SSHError(SparkControlError):
    status, kind = 502, "ssh_error"
    reason = "error"

    def __init__(self, message: str, *, node: str = "", reason: str | None = None, **extra: object) -> None:
        super().__init__(message, **extra)
        self.node = node
        if reason:
            self.reason = reason
        self.extra.setdefault("reason", self.reason)
        if node:
            self.extra.setdefault("node", node)


class HostUnreachable(SSHError):
    """DNS, refused, timeout, no route: we never reached an SSH server."""

    status = 503


class AuthFailed(SSHError):
    reason = "auth"


class HostKeyUnknown(SSHError):
    """No pinned key yet: the operator must confirm the fingerprint first."""

    status, kind, reason = 409, "conflict_error", "host_key_unknown"


class HostKeyChanged(SSHError):
    """The host presents another key than the pinned one. Refused; never re-pinned silently."""

    status, kind, reason = 409, "security_error", "host_key_changed"


class OutcomeUnknown(SSHError):
    """The command may or may not have run (connection dropped, hard timeout)."""

    status, reason = 504, "disconnected"


class CommandTimeout(OutcomeUnknown):
    reason = "command_timeout"


class CommandFailed(SSHError):
    """The command ran and exited non-zero (only raised with ``check=True``)."""

    reason = "exit_status"

    def __init__(self, message: str, result: CommandResult, **kw: object) -> None:
        super().__init__(message, **kw)
        self.result = result


@dataclass(frozen=True)
class CommandResult:
    line: str
    exit_status: int | None
    stdout: str
    stderr: str
    duration_s: float
    exit_signal: str | None = None

    @property
    def ok(self) -> bool:
        return self.exit_status == 0

    def tail(self, n: int = 3) -> str:
        text = (self.stderr.strip() or self.stdout.strip()).splitlines()
        return " | ".join(text[-n:])


def classify_connect_error(exc: BaseException, node: str, host: str, port: int, pinned: bool) -> SSHError:
    where = f"{host}:{port}"
    if isinstance(exc, SSHError):
        return exc
    if isinstance(exc, socket.gaierror):
        return HostUnreachable(f"DNS: cannot resolve {host!r} ({exc.strerror or exc})", node=node, reason="dns")
    if isinstance(exc, ConnectionRefusedError):
        return HostUnreachable(f"connection refused by {where} (no SSH server listening)", node=node, reason="refused")
    if isinstance(exc, asyncssh.HostKeyNotVerifiable):
        if pinned:
            return HostKeyChanged(
                f"HOST KEY CHANGED for {where}: the server's key is not the pinned one. Refusing to connect "
                f"(reinstall or man-in-the-middle). Check the host, then unpin and pin again explicitly.",
                node=node,
            )
        return HostKeyUnknown(f"host key of {where} is not pinned yet: confirm its fingerprint first", node=node)
    if isinstance(exc, asyncssh.PermissionDenied):
        return AuthFailed(
            f"authentication failed at {where}: add the controller's public key to the user's authorized_keys",
            node=node,
        )
    if isinstance(exc, TimeoutError | asyncio.TimeoutError | asyncssh.TimeoutError):
        return HostUnreachable(f"timeout connecting to {where}", node=node, reason="timeout")
    if isinstance(exc, asyncssh.DisconnectError | asyncssh.ConnectionLost):
        return HostUnreachable(f"SSH handshake with {where} failed: {exc}", node=node, reason="handshake")
    if isinstance(exc, OSError):
        if exc.errno in (errno.EHOSTUNREACH, errno.ENETUNREACH, errno.EHOSTDOWN):
            return HostUnreachable(f"no route to {where} ({exc.strerror})", node=node, reason="unreachable")
        if exc.errno == errno.ETIMEDOUT:
            return HostUnreachable(f"timeout connecting to {where}", node=node, reason="timeout")
        return HostUnreachable(f"cannot connect to {where}: {exc}", node=node, reason="unreachable")
    return SSHError(f"SSH to {where} failed: {type(exc).__name__}: {exc}", node=node)


@dataclass
class SSHOptions:
    connect_timeout: float = 10.0
    keepalive_interval: float = 15.0
    keepalive_count_max: int = 3
    max_channels: int = MAX_CHANNELS
    timeout_margin: float = 2.0  # asyncio.timeout() = command timeout + margin


@dataclass
class HostConnection:
    """A lazily (re)connected, pooled connection to one host."""

    node: str
    host: str
    port: int
    user: str
    key: ControllerKey
    pins: KnownHosts
    options: SSHOptions = field(default_factory=SSHOptions)
    on_error: Callable[[SSHError], None] | None = None

    def __post_init__(self) -> None:
        self._conn: asyncssh.SSHClientConnection | None = None
        self._lock = asyncio.Lock()
        self._sem = asyncio.Semaphore(max(1, min(self.options.max_channels, MAX_CHANNELS)))
        self._state = StateMachine(HOST_CONNECTION_TRANSITIONS, "idle", name=f"SSH connection to {self.node}")
        self.commands_run = 0

    @property
    def state(self) -> str:
        """idle | connecting | ready | dropped (see ``HOST_CONNECTION_TRANSITIONS``)."""
        return self._state.state

    @property
    def connected(self) -> bool:
        return self._conn is not None and not self._conn.is_closed()

    async def connect(self) -> asyncssh.SSHClientConnection:
        async with self._lock:
            if self._conn is not None and not self._conn.is_closed():
                return self._conn
            if self._conn is not None:  # closed under us (keepalive, the peer): it dropped
                self._conn = None
                self._state.move("dropped", expect="ready")
            self._state.move("connecting")
            o = self.options
            try:
                async with asyncio.timeout(o.connect_timeout + o.timeout_margin):
                    conn = await asyncssh.connect(
                        self.host,
                        self.port,
                        username=self.user or None,
                        client_keys=[self.key.private],
                        known_hosts=self.pins.known_hosts(),
                        agent_path=None,
                        config=None,
                        preferred_auth="publickey",
                        connect_timeout=o.connect_timeout,
                        keepalive_interval=o.keepalive_interval,
                        keepalive_count_max=o.keepalive_count_max,
                    )
            except BaseException as exc:
                self._state.move("dropped", expect="connecting")
                if not isinstance(exc, Exception):  # cancelled: not an SSH failure
                    raise
                err = classify_connect_error(
                    exc, self.node, self.host, self.port, pinned=bool(self.pins.lookup(self.host, self.port))
                )
                if self.on_error:
                    self.on_error(err)
                raise err from exc
            self._conn = conn
            self._state.move("ready", expect="connecting")
            return conn

    def _drop(self, conn: asyncssh.SSHClientConnection) -> None:
        """Abort ``conn`` after it failed; it drops this host's connection only if it still is
        that connection (another command may have reconnected meanwhile)."""
        conn.abort()
        if self._conn is conn:
            self._conn = None
            self._state.move("dropped", expect="ready")

    async def run(self, command: RemoteCommand, *, timeout: float = 30.0, check: bool = False) -> CommandResult:  # noqa: ASYNC109
        line = command.line
        async with self._sem:
            conn = await self.connect()
            t0 = time.monotonic()
            try:
                async with asyncio.timeout(timeout + self.options.timeout_margin):
                    r = await conn.run(line, input=command.input, timeout=timeout, check=False)
            except asyncssh.TimeoutError as e:
                # the channel timed out waiting for exit; the connection itself stays usable
                raise CommandTimeout(
                    f"{self.node}: command did not finish within {timeout:.0f}s (outcome unknown): {line[:200]}",
                    node=self.node,
                ) from e
            except TimeoutError as e:
                self._drop(conn)  # hung in channel open/exec: do not trust this connection
                raise CommandTimeout(
                    f"{self.node}: no answer within {timeout:.0f}s (outcome unknown): {line[:200]}", node=self.node
                ) from e
            except asyncssh.ChannelOpenError as e:
                raise SSHError(f"{self.node}: could not open a channel: {e}", node=self.node, reason="channel") from e
            except (asyncssh.DisconnectError, asyncssh.ConnectionLost, ConnectionError, OSError) as e:
                self._drop(conn)
                raise OutcomeUnknown(
                    f"{self.node}: connection dropped while running a command (outcome unknown): {line[:200]}",
                    node=self.node,
                ) from e
            self.commands_run += 1
            if r.exit_status is None and r.exit_signal is None:
                self._drop(conn)
                raise OutcomeUnknown(
                    f"{self.node}: connection dropped before the command reported its exit (outcome unknown): "
                    f"{line[:200]}",
                    node=self.node,
                )
            res = CommandResult(
                line=line,
                exit_status=r.exit_status if r.exit_status is not None and r.exit_status >= 0 else None,
                stdout=_text(r.stdout),
                stderr=_text(r.stderr),
                duration_s=time.monotonic() - t0,
                exit_signal=r.exit_signal[0] if r.exit_signal else None,
            )
            if check and not res.ok:
                raise CommandFailed(
                    f"{self.node}: `{line[:200]}` exited {res.exit_status if res.exit_signal is None else res.exit_signal}"
                    f": {res.tail()}",
                    res,
                    node=self.node,
                )
            return res

    async def close(self) -> None:
        async with self._lock:
            conn = self._conn
            if conn is not None:
                conn.close()
                try:
                    async with asyncio.timeout(2):
                        await conn.wait_closed()
                except (TimeoutError, Exception):  # noqa: BLE001 - closing best-effort
                    pass
            self._conn = None
            if self.state != "idle":  # ready, or dropped meanwhile by a failing command
                self._state.move("idle")


def _text(v: object) -> str:
    if v is None:
        return ""
    if isinstance(v, bytes):
        return v.decode("utf-8", "replace")
    return str(v)


class SSHPool:
    """Connections by node name. Node settings may change at runtime (``update``)."""

    def __init__(
        self,
        key: ControllerKey,
        pins: KnownHosts,
        options: SSHOptions | None = None,
        on_error: Callable[[SSHError], None] | None = None,
    ) -> None:
        self.key = key
        self.pins = pins
        self.options = options or SSHOptions()
        self.on_error = on_error
        self._hosts: dict[str, HostConnection] = {}

    def get(self, name: str, host: str, port: int, user: str) -> HostConnection:
        hc = self._hosts.get(name)
        if hc is not None and (hc.host, hc.port, hc.user) == (host, port, user):
            return hc
        if hc is not None:
            asyncio.ensure_future(hc.close())
        hc = HostConnection(name, host, port, user, self.key, self.pins, self.options, self.on_error)
        self._hosts[name] = hc
        return hc

    async def drop(self, name: str) -> None:
        hc = self._hosts.pop(name, None)
        if hc is not None:
            await hc.close()

    async def close(self) -> None:
        for name in list(self._hosts):
            await self.drop(name)
