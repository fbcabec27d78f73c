"""The SSH layer against a real asyncssh server: key creation, pinning, error classification,
outcome-unknown on a dropped connection, timeouts, the channel semaphore."""

import asyncio
import itertools
import os
import socket
import stat

import asyncssh
import pytest

from spark_control.audit import AuditLog
from spark_control.cluster import commands
from spark_control.cluster.keys import ControllerKey
from spark_control.cluster.nodes import ClusterManager
from spark_control.cluster.pinning import PinMismatch
from spark_control.cluster.ssh import (
    HOST_CONNECTION_TRANSITIONS,
    AuthFailed,
    CommandTimeout,
    HostKeyChanged,
    HostKeyUnknown,
    HostUnreachable,
    OutcomeUnknown,
    SSHOptions,
)
from spark_control.events import EventHub
from spark_control.jobs.machine import InvalidTransition, StateMachine
from spark_control.settings import ClusterConfig, NodeConfig
from spark_control.store import Database
from tests.cluster.sshfixture import TinySSHD


def default_handler(line, stdin):
    if line == "true":
        return "", "", 0
    if line.startswith("echo "):
        return line[5:] + "\n", "", 0
    if line == "docker ps -q":
        return "", "", 0
    if line == "fail":
        return "", "boom\n", 3
    if line == "drop":
        return "abort"
    if line == "hang":
        return "hang"
    return "", f"sh: {line}: not found\n", 127


@pytest.fixture
def keyfile(tmp_path):
    return ControllerKey.load_or_create(tmp_path / "ssh" / "id_ed25519")


async def make_manager(tmp_path, port, *, host="127.0.0.1", opts=None):
    db = Database(tmp_path / "t.db")
    hub = EventHub()
    cm = ClusterManager(
        cluster=ClusterConfig(nodes=[NodeConfig(name="spark1", host=host, user="sparkops", ssh_port=port)]),
        db=db,
        events=hub,
        audit=AuditLog(db),
        key_path=tmp_path / "ssh" / "id_ed25519",
        known_hosts_path=tmp_path / "ssh" / "known_hosts",
        ssh_options=opts or SSHOptions(connect_timeout=1.0, keepalive_interval=1, timeout_margin=0.5),
    )
    await cm.start()
    return cm


def test_key_created_0600_and_stable(tmp_path):
    p = tmp_path / "ssh" / "id_ed25519"
    k1 = ControllerKey.load_or_create(p)
    assert k1.created and stat.S_IMODE(os.stat(p).st_mode) == 0o600
    assert k1.public_line.startswith("ssh-ed25519 ") and k1.public_line.endswith("spark-control@controller")
    assert k1.fingerprint.startswith("SHA256:")
    os.chmod(p, 0o644)
    k2 = ControllerKey.load_or_create(p)
    assert not k2.created and k2.fingerprint == k1.fingerprint
    assert stat.S_IMODE(os.stat(p).st_mode) == 0o600


async def test_pin_then_run_then_key_change_refused(tmp_path, keyfile):
    sshd = await TinySSHD(keyfile.public_line, default_handler).start()
    cm = await make_manager(tmp_path, sshd.port)
    try:
        # unknown key: refused, and test_connection shows the fingerprint to confirm
        with pytest.raises(HostKeyUnknown):
            await cm.run("spark1", commands.probe())
        t = await cm.test_connection("spark1")
        assert (t.ok, t.stage, t.reason) == (False, "host_key", "host_key_unknown")
        fp = sshd.host_key.get_fingerprint()
        assert t.presented_fingerprint == fp
        # confirming a wrong fingerprint pins nothing
        with pytest.raises(PinMismatch):
            await cm.pin("spark1", "SHA256:not-it")
        await cm.pin("spark1", fp)
        r = await cm.run("spark1", commands.cmd("echo", "hi there"))
        assert (r.exit_status, r.stdout) == (0, "'hi there'\n")
        t = await cm.test_connection("spark1")
        assert t.ok and t.docker == "ok"
        # the host is "reinstalled": new key on the same port
        port = sshd.port
        await sshd.stop()
        await cm.conn("spark1").close()
        imposter = await TinySSHD(keyfile.public_line, default_handler).start(port)
        async with cm.events.subscribe("alert") as sub:
            with pytest.raises(HostKeyChanged):
                await cm.run("spark1", commands.probe())
            ev = await sub.get(timeout=1)
        assert ev.topic == "alert.host_key_changed" and ev.data["pinned_fingerprints"] == [fp]
        # pinning the new key is refused while the old pin stands (never silently re-pinned)
        with pytest.raises(HostKeyChanged):
            await cm.pin("spark1", imposter.host_key.get_fingerprint())
        t = await cm.test_connection("spark1")
        assert (t.stage, t.reason) == ("host_key", "host_key_changed")
        assert t.presented_fingerprint == imposter.host_key.get_fingerprint()
        assert any(e.action == "ssh.host_key_changed" for e in cm.audit.recent())
        # explicit unpin + pin (audited) is the only way forward
        await cm.unpin("spark1")
        await cm.pin("spark1", imposter.host_key.get_fingerprint())
        assert (await cm.run("spark1", commands.probe())).ok
        await imposter.stop()
    finally:
        await cm.stop()


async def pinned(tmp_path, keyfile, handler=default_handler, **kw):
    sshd = await TinySSHD(keyfile.public_line, handler).start()
    cm = await make_manager(tmp_path, sshd.port, **kw)
    cm.pin_known("127.0.0.1", sshd.port, sshd.public_line)
    return sshd, cm


async def test_dropped_connection_is_outcome_unknown_never_success(tmp_path, keyfile):
    sshd, cm = await pinned(tmp_path, keyfile)
    try:
        with pytest.raises(OutcomeUnknown) as ei:
            await cm.run("spark1", commands.cmd("drop"))
        assert ei.value.reason == "disconnected"
        # the pool reconnects for the next command
        assert (await cm.run("spark1", commands.probe())).ok
        r = await cm.run("spark1", commands.cmd("fail"))
        assert (r.exit_status, r.stderr, r.ok) == (3, "boom\n", False)
    finally:
        await cm.stop()
        await sshd.stop()


HOST_STATES = ("idle", "connecting", "ready", "dropped")
HOST_ALLOWED = {
    ("idle", "connecting"),
    ("connecting", "ready"),
    ("connecting", "dropped"),
    ("ready", "dropped"),
    ("ready", "idle"),
    ("dropped", "connecting"),
    ("dropped", "idle"),
}


@pytest.mark.parametrize("frm,to", list(itertools.product(HOST_STATES, HOST_STATES)))
def test_every_host_connection_transition(frm, to):
    assert set(HOST_CONNECTION_TRANSITIONS) == set(HOST_STATES)
    m = StateMachine(HOST_CONNECTION_TRANSITIONS, frm)
    if (frm, to) in HOST_ALLOWED:
        assert m.move(to, expect=frm) == frm and m.state == to
    else:
        with pytest.raises(InvalidTransition):
            m.move(to, expect=frm)
        assert m.state == frm  # a refused move changes nothing
    for seen in HOST_STATES:
        if seen != frm:  # a move from a state the caller no longer sees is refused
            m = StateMachine(HOST_CONNECTION_TRANSITIONS, frm)
            with pytest.raises(InvalidTransition):
                m.move(to, expect=seen)
            assert m.state == frm


async def test_a_host_connection_moves_through_its_states(tmp_path, keyfile):
    sshd, cm = await pinned(tmp_path, keyfile)
    try:
        conn = cm.conn("spark1")
        assert conn.state == "idle"
        assert (await cm.run("spark1", commands.probe())).ok
        assert conn.state == "ready"
        with pytest.raises(OutcomeUnknown):
            await cm.run("spark1", commands.cmd("drop"))
        assert conn.state == "dropped"
        assert (await cm.run("spark1", commands.probe())).ok  # reconnects
        assert conn.state == "ready"
        # a late failure on an older connection does not drop the one that replaced it
        old = await conn.connect()
        with pytest.raises(OutcomeUnknown):
            await cm.run("spark1", commands.cmd("drop"))
        new = await conn.connect()
        assert new is not old and conn.state == "ready"
        conn._drop(old)
        assert conn.state == "ready" and (await cm.run("spark1", commands.probe())).ok
        assert await conn.connect() is new
        await conn.close()
        assert conn.state == "idle"
        await sshd.stop()
        with pytest.raises(HostUnreachable):
            await cm.run("spark1", commands.probe())
        assert conn.state == "dropped"  # the connect failed; the next command tries again
    finally:
        await cm.stop()
        await sshd.stop()


async def test_command_timeout(tmp_path, keyfile):
    sshd, cm = await pinned(tmp_path, keyfile)
    try:
        with pytest.raises(CommandTimeout) as ei:
            await cm.run("spark1", commands.cmd("hang"), timeout=0.2)
        assert isinstance(ei.value, OutcomeUnknown) and ei.value.reason == "command_timeout"
        assert (await cm.run("spark1", commands.probe())).ok
    finally:
        await cm.stop()
        await sshd.stop()


async def test_channel_semaphore_bounds_concurrency(tmp_path, keyfile):
    live = {"now": 0, "max": 0}

    sshd, cm = await pinned(tmp_path, keyfile)
    orig = sshd._handle

    async def counting(process):
        live["now"] += 1
        live["max"] = max(live["max"], live["now"])
        await asyncio.sleep(0.02)
        try:
            await orig(process)
        finally:
            live["now"] -= 1

    sshd._handle = counting
    await sshd.stop()
    await sshd.start(sshd.port)
    try:
        rs = await asyncio.gather(*[cm.run("spark1", commands.probe()) for _ in range(30)])
        assert all(r.ok for r in rs)
        assert 1 <= live["max"] <= 8
    finally:
        await cm.stop()
        await sshd.stop()


async def test_wrong_client_key_is_auth(tmp_path, keyfile):
    other = asyncssh.generate_private_key("ssh-ed25519").export_public_key().decode().strip()
    sshd = await TinySSHD(other, default_handler).start()
    cm = await make_manager(tmp_path, sshd.port)
    cm.pin_known("127.0.0.1", sshd.port, sshd.public_line)
    try:
        with pytest.raises(AuthFailed):
            await cm.run("spark1", commands.probe())
        t = await cm.test_connection("spark1")
        assert (t.ok, t.stage, t.reason) == (False, "auth", "auth")
    finally:
        await cm.stop()
        await sshd.stop()


async def test_refused_timeout_dns_classified(tmp_path, keyfile):
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    closed_port = s.getsockname()[1]
    s.close()
    cm = await make_manager(tmp_path, closed_port)
    try:
        with pytest.raises(HostUnreachable) as ei:
            await cm.run("spark1", commands.probe())
        assert ei.value.reason == "refused"
        t = await cm.test_connection("spark1")
        assert (t.stage, t.reason) == ("connect", "refused")
    finally:
        await cm.stop()
    # a port that accepts TCP but never speaks SSH
    silent = await asyncio.start_server(lambda r, w: None, "127.0.0.1", 0)
    cm = await make_manager(
        tmp_path, silent.sockets[0].getsockname()[1], opts=SSHOptions(connect_timeout=0.3, timeout_margin=0.2)
    )
    try:
        with pytest.raises(HostUnreachable) as ei:
            await cm.run("spark1", commands.probe())
        assert ei.value.reason == "timeout"
    finally:
        await cm.stop()
        silent.close()
    cm = await make_manager(tmp_path, 22, host="no-such-host.invalid")
    try:
        t = await cm.test_connection("spark1")
        assert (t.ok, t.stage, t.reason) == (False, "dns", "dns")
        with pytest.raises(HostUnreachable) as ei:
            await cm.run("spark1", commands.probe())
        assert ei.value.reason == "dns"
    finally:
        await cm.stop()


async def test_set_nodes_persisted_and_validated(tmp_path, keyfile):
    cm = await make_manager(tmp_path, 2222)
    cm.set_nodes(
        [
            {"name": "spark1", "host": "10.0.0.5", "user": "ops", "ssh_port": 22, "services": {"vllm": 8000}},
            {"name": "spark2", "host": "10.0.0.6", "user": "ops"},
        ]
    )
    from spark_control.errors import BadRequest

    with pytest.raises(BadRequest):
        cm.set_nodes([{"name": "spark1", "host": "-oProxyCommand=x"}])
    with pytest.raises(BadRequest):
        cm.set_nodes([])
    await cm.stop()
    cm2 = await make_manager(tmp_path, 2222)
    assert [n.host for n in cm2.cluster.nodes] == ["10.0.0.5", "10.0.0.6"]
    assert cm2.cluster.url_for("vllm") == "http://10.0.0.5:8000"
    assert cm2.audit.recent(action_prefix="settings.nodes")
    await cm2.stop()
