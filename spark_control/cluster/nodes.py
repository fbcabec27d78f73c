"""Cluster nodes (host, user, SSH port, services) persisted in SQLite, the SSH pool over them,
the controller key, host-key pinning and "test connection".

``ClusterManager`` is the one object the rest of the product uses to reach a host:
``await cluster.run("spark1", commands.meminfo(), timeout=10)``.
"""

from __future__ import annotations

import asyncio
import json
import logging
import socket
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

from pydantic import ValidationError

from spark_control.audit import AuditLog
from spark_control.cluster import commands
from spark_control.cluster.commands import RemoteCommand
from spark_control.cluster.keys import ControllerKey
from spark_control.cluster.pinning import HostKeyInfo, KnownHosts, PinMismatch, fetch_host_key
from spark_control.cluster.ssh import (
    CommandResult,
    HostConnection,
    HostKeyChanged,
    SSHError,
    SSHOptions,
    SSHPool,
    classify_connect_error,
)
from spark_control.errors import BadRequest, NotFound
from spark_control.events import EventHub
from spark_control.settings import ClusterConfig, NodeConfig
from spark_control.store import Database

log = logging.getLogger(__name__)

SCHEMA = """
CREATE TABLE IF NOT EXISTS cluster_nodes (
    name TEXT PRIMARY KEY,
    position INTEGER NOT NULL,
    host TEXT NOT NULL,
    user TEXT NOT NULL DEFAULT '',
    ssh_port INTEGER NOT NULL DEFAULT 22,
    services TEXT NOT NULL DEFAULT '{}',
    updated_at REAL NOT NULL
);
"""


@dataclass
class ConnectionTest:
    """What "test connection" found, stage by stage. ``reason`` is the classified failure."""

    node: str
    host: str
    port: int
    ok: bool
    stage: str  # dns | connect | host_key | auth | command | docker | ok
    reason: str | None = None  # dns | refused | timeout | unreachable | auth | host_key_unknown | ...
    message: str = ""
    presented_fingerprint: str | None = None
    pinned_fingerprints: list[str] = field(default_factory=list)
    docker: str | None = None  # "ok" or the error docker gave
    duration_ms: float = 0.0

    def to_dict(self) -> dict:
        return asdict(self)


_STAGE_OF_REASON = {
    "dns": "dns",
    "refused": "connect",
    "timeout": "connect",
    "unreachable": "connect",
    "handshake": "connect",
    "host_key_unknown": "host_key",
    "host_key_changed": "host_key",
    "auth": "auth",
}


class ClusterManager:
    def __init__(
        self,
        *,
        cluster: ClusterConfig,
        db: Database,
        events: EventHub,
        audit: AuditLog,
        key_path: Path,
        known_hosts_path: Path,
        ssh_options: SSHOptions | None = None,
        use_saved_nodes: bool = True,
    ) -> None:
        """``cluster`` is the configured (env/file or simulator) topology; nodes the operator
        saved later (``set_nodes``) replace it when ``use_saved_nodes`` (off in demo mode, where
        the simulator's ports change every start)."""
        self.db = db
        self.events = events
        self.audit = audit
        self.key_path = Path(key_path)
        self.pins = KnownHosts(known_hosts_path)
        self.ssh_options = ssh_options or SSHOptions()
        self._configured = cluster
        self._cluster = cluster
        self._use_saved = use_saved_nodes
        self.key: ControllerKey | None = None
        self._pool: SSHPool | None = None
        self._alerted: dict[str, float] = {}
        db.migrate(SCHEMA)

    # --- lifecycle ----------------------------------------------------------------------
    async def start(self) -> None:
        self.key = await asyncio.to_thread(ControllerKey.load_or_create, self.key_path)
        self._pool = SSHPool(self.key, self.pins, self.ssh_options, on_error=self._on_ssh_error)
        if self._use_saved:
            saved = self._load_saved()
            if saved is not None:
                self._cluster = saved
        log.info("cluster: %d node(s); controller key %s", len(self._cluster.nodes), self.key.fingerprint)

    async def stop(self) -> None:
        if self._pool is not None:
            await self._pool.close()

    # --- nodes --------------------------------------------------------------------------
    @property
    def cluster(self) -> ClusterConfig:
        return self._cluster

    def node(self, name: str) -> NodeConfig:
        try:
            return self._cluster.node(name)
        except KeyError:
            raise NotFound(f"no node named {name!r}") from None

    def _load_saved(self) -> ClusterConfig | None:
        rows = self.db.query("SELECT * FROM cluster_nodes ORDER BY position")
        if not rows:
            return None
        nodes = [
            NodeConfig(
                name=r["name"],
                host=r["host"],
                user=r["user"],
                ssh_port=r["ssh_port"],
                services=json.loads(r["services"]),
            )
            for r in rows
        ]
        return ClusterConfig(nodes=nodes)

    def set_nodes(self, nodes: list[NodeConfig | dict], *, actor: str = "operator", source: str = "") -> ClusterConfig:
        try:
            cfg = ClusterConfig(nodes=[n if isinstance(n, NodeConfig) else NodeConfig.model_validate(n) for n in nodes])
        except ValidationError as e:
            err = e.errors()[0]
            loc = ".".join(str(p) for p in err.get("loc", ()))
            raise BadRequest(f"nodes: {loc}: {err['msg']}", param=loc or None) from None
        if not cfg.nodes:
            raise BadRequest("at least one node is needed")
        now = time.time()
        with self.db.transaction() as tx:
            tx.execute("DELETE FROM cluster_nodes")
            for i, n in enumerate(cfg.nodes):
                tx.execute(
                    "INSERT INTO cluster_nodes(name, position, host, user, ssh_port, services, updated_at) "
                    "VALUES (?,?,?,?,?,?,?)",
                    (n.name, i, n.host, n.user, n.ssh_port, json.dumps(n.services), now),
                )
        self._cluster = cfg
        self.audit.record(
            actor=actor,
            source=source,
            action="settings.nodes",
            target=",".join(n.name for n in cfg.nodes),
            nodes=[{"name": n.name, "host": n.host, "user": n.user, "port": n.ssh_port} for n in cfg.nodes],
        )
        self.events.publish("cluster.nodes", nodes=[n.name for n in cfg.nodes])
        return cfg

    # --- SSH ----------------------------------------------------------------------------
    def conn(self, name: str) -> HostConnection:
        if self._pool is None:
            raise RuntimeError("ClusterManager.start() was not awaited")
        n = self.node(name)
        return self._pool.get(n.name, n.host, n.ssh_port, n.user)

    async def run(
        self,
        name: str,
        command: RemoteCommand,
        *,
        timeout: float = 30.0,  # noqa: ASYNC109 - the remote command's own timeout
        check: bool = False,
    ) -> CommandResult:
        return await self.conn(name).run(command, timeout=timeout, check=check)

    def _on_ssh_error(self, err: SSHError) -> None:
        if not isinstance(err, HostKeyChanged):
            return
        last = self._alerted.get(err.node, 0.0)
        if time.monotonic() - last < 60:
            return
        self._alerted[err.node] = time.monotonic()
        n = self._cluster.node(err.node) if err.node in {x.name for x in self._cluster.nodes} else None
        pinned = self.pins.fingerprints(n.host, n.ssh_port) if n else []
        log.error("HOST KEY CHANGED for node %s: refusing to connect", err.node)
        self.events.publish(
            "alert.host_key_changed",
            level="critical",
            node=err.node,
            host=n.host if n else "",
            port=n.ssh_port if n else 0,
            pinned_fingerprints=pinned,
            message=err.message,
        )
        self.audit.record(
            actor="controller",
            action="ssh.host_key_changed",
            target=err.node,
            result="refused",
            pinned_fingerprints=pinned,
        )

    # --- host keys ----------------------------------------------------------------------
    async def fetch_host_key(self, name: str, timeout: float = 10.0) -> dict:  # noqa: ASYNC109
        n = self.node(name)
        try:
            info = await fetch_host_key(n.host, n.ssh_port, timeout=timeout)
        except Exception as exc:  # noqa: BLE001 - classified
            raise classify_connect_error(exc, n.name, n.host, n.ssh_port, pinned=False) from exc
        pinned = self.pins.fingerprints(n.host, n.ssh_port)
        state = "unpinned" if not pinned else ("pinned" if info.fingerprint in pinned else "changed")
        return {
            "node": name,
            "host": n.host,
            "port": n.ssh_port,
            "key_type": info.key_type,
            "fingerprint": info.fingerprint,
            "pinned_fingerprints": pinned,
            "state": state,
        }

    async def pin(self, name: str, fingerprint: str, *, actor: str = "operator", source: str = "") -> dict:
        """Pin the host's key if it still has ``fingerprint`` (what the operator confirmed).
        Refuses when another key is already pinned: that needs an explicit ``unpin`` first."""
        n = self.node(name)
        info: HostKeyInfo = await fetch_host_key(n.host, n.ssh_port, timeout=self.ssh_options.connect_timeout)
        pinned = self.pins.fingerprints(n.host, n.ssh_port)
        if info.fingerprint != fingerprint:
            self.audit.record(
                actor=actor,
                source=source,
                action="ssh.pin",
                target=name,
                result="mismatch",
                confirmed=fingerprint,
                presented=info.fingerprint,
            )
            raise PinMismatch(
                f"{name}: the host now presents {info.fingerprint}, not the confirmed {fingerprint}; nothing pinned"
            )
        if pinned and fingerprint not in pinned:
            self.audit.record(
                actor=actor,
                source=source,
                action="ssh.pin",
                target=name,
                result="refused",
                presented=info.fingerprint,
                pinned=pinned,
            )
            raise HostKeyChanged(
                f"{name}: another key ({', '.join(pinned)}) is pinned; unpin it explicitly before pinning a new one",
                node=name,
            )
        self.pins.add(n.host, n.ssh_port, info.public_line)
        await self._pool.drop(name) if self._pool else None
        self.audit.record(actor=actor, source=source, action="ssh.pin", target=name, fingerprint=fingerprint)
        self.events.publish("cluster.host_key_pinned", node=name, fingerprint=fingerprint)
        return {"node": name, "fingerprint": fingerprint, "state": "pinned"}

    async def unpin(self, name: str, *, actor: str = "operator", source: str = "") -> dict:
        n = self.node(name)
        removed = self.pins.remove(n.host, n.ssh_port)
        if self._pool:
            await self._pool.drop(name)
        self._alerted.pop(name, None)
        self.audit.record(actor=actor, source=source, action="ssh.unpin", target=name, removed=removed)
        self.events.publish("cluster.host_key_unpinned", node=name)
        return {"node": name, "removed": removed, "state": "unpinned"}

    def pin_known(self, host: str, port: int, public_line: str) -> None:
        """Demo mode: pre-pin the simulator's own host keys (they are ours; nothing to confirm)."""
        self.pins.add(host, port, public_line)

    def pin_known_hosts_line(self, line: str) -> None:
        """Demo mode only: pre-pin an OpenSSH known_hosts line (``[127.0.0.1]:2222 ssh-ed25519 AAAA...``)
        from ``SimCluster.known_hosts_lines()`` -- the simulator's keys are our own, so there is
        nothing for an operator to confirm. Never use this for real hosts."""
        pattern, key_type, b64 = line.split()[:3]
        host, port = pattern, 22
        if pattern.startswith("["):
            host, _, p = pattern[1:].partition("]:")
            port = int(p)
        # the simulator's ports change between runs: replace whatever an earlier run pinned there
        self.pins.remove(host, port)
        self.pins.add(host, port, f"{key_type} {b64}")

    # --- test connection ----------------------------------------------------------------
    async def test_connection(self, name: str) -> ConnectionTest:
        n = self.node(name)
        t0 = time.monotonic()
        res = ConnectionTest(
            node=name,
            host=n.host,
            port=n.ssh_port,
            ok=False,
            stage="dns",
            pinned_fingerprints=self.pins.fingerprints(n.host, n.ssh_port),
        )

        def done() -> ConnectionTest:
            res.duration_ms = round((time.monotonic() - t0) * 1000, 1)
            return res

        try:
            async with asyncio.timeout(self.ssh_options.connect_timeout):
                await asyncio.get_running_loop().getaddrinfo(n.host, n.ssh_port, type=socket.SOCK_STREAM)
        except (OSError, TimeoutError) as exc:
            err = classify_connect_error(
                exc if isinstance(exc, OSError) else TimeoutError(), name, n.host, n.ssh_port, pinned=False
            )
            res.reason, res.message = err.reason, err.message
            if isinstance(exc, socket.gaierror):
                return done()
            res.stage = "dns"
            return done()
        # A fresh, separate connection: test what a reconnect would see, without touching the
        # pooled one a running job may be using.
        assert self.key is not None
        hc = HostConnection(
            n.name, n.host, n.ssh_port, n.user, self.key, self.pins, self.ssh_options, self._on_ssh_error
        )
        try:
            return await self._test_with(hc, res, done)
        finally:
            await hc.close()

    async def _test_with(self, hc: HostConnection, res: ConnectionTest, done) -> ConnectionTest:
        n = self.node(res.node)
        try:
            await hc.connect()
        except SSHError as err:
            res.stage = _STAGE_OF_REASON.get(err.reason, "connect")
            res.reason, res.message = err.reason, err.message
            if err.reason in ("host_key_unknown", "host_key_changed"):
                try:
                    info = await fetch_host_key(n.host, n.ssh_port, timeout=self.ssh_options.connect_timeout)
                    res.presented_fingerprint = info.fingerprint
                except Exception:  # noqa: BLE001 - best effort extra info
                    pass
            return done()
        res.stage = "command"
        try:
            r = await hc.run(commands.probe(), timeout=10)
            if not r.ok:
                res.reason, res.message = "exit_status", f"`true` exited {r.exit_status}: {r.tail()}"
                return done()
        except SSHError as err:
            res.reason, res.message = err.reason, err.message
            return done()
        res.stage = "docker"
        try:
            r = await hc.run(commands.RemoteCommand(("docker", "ps", "-q")), timeout=10)
            res.docker = "ok" if r.ok else (r.tail() or f"exit {r.exit_status}")
        except SSHError as err:
            res.docker = err.message
        res.ok, res.stage, res.message = True, "ok", "connected, authenticated, host key matches the pin"
        return done()
