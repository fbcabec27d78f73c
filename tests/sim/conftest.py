"""Fixtures for the simulator's own tests: a client key, the catalog, a fake host driven by a
ManualClock (pure, no sockets) and a whole SimCluster with real SSH servers and HTTP ports."""

from __future__ import annotations

from pathlib import Path

import asyncssh
import pytest

from spark_control.catalog import load_catalog
from spark_control.settings import PROJECT_ROOT
from spark_control.sim.clock import ManualClock
from spark_control.sim.cluster import SimCluster
from spark_control.sim.host import FakeHost
from spark_control.sim.shell import Shell


@pytest.fixture(scope="session")
def catalog():
    return load_catalog(PROJECT_ROOT / "models.yaml")


@pytest.fixture(scope="session")
def client_key() -> asyncssh.SSHKey:
    return asyncssh.generate_private_key("ssh-ed25519", comment="test@sim")


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock()


@pytest.fixture
def host(clock, catalog) -> FakeHost:
    return FakeHost("spark1", clock, models=list(catalog), vllm_port=8888)


@pytest.fixture
def sh(host) -> Shell:
    return Shell(host)


@pytest.fixture
async def sim(tmp_path: Path, catalog, client_key, clock):
    cluster = SimCluster(tmp_path, catalog, client_key.export_public_key().decode(), clock=clock)
    await cluster.start()
    try:
        yield cluster
    finally:
        await cluster.stop()


def known_hosts(sim: SimCluster) -> asyncssh.SSHKnownHosts:
    return asyncssh.import_known_hosts("\n".join(sim.known_hosts_lines()) + "\n")


async def connect(sim: SimCluster, node: str, key: asyncssh.SSHKey, **kw) -> asyncssh.SSHClientConnection:
    n = sim.cluster_config.node(node)
    opts = dict(
        username=n.user,
        client_keys=[key],
        known_hosts=known_hosts(sim),
        agent_path=None,
        config=None,
        preferred_auth="publickey",
        connect_timeout=5,
    )
    opts.update(kw)
    return await asyncssh.connect(n.host, n.ssh_port, **opts)
