"""Settings are read once and handed down: the cluster services take the upstream key from the
``Settings`` they are given (not from the environment again), the API keeps the object it was
built from, and the Host allowlist looks this machine's names up on first need, bounded in time
(``socket.getfqdn()`` asks the resolver, which can hang)."""

from __future__ import annotations

import socket
import threading

import pytest

from spark_control.api.app import create_api
from spark_control.api.middleware import host_allowlist
from spark_control.api.middleware.host_allowlist import HostPolicy, machine_host_names
from spark_control.audit import AuditLog
from spark_control.catalog import load_catalog
from spark_control.cluster.service import ClusterServices
from spark_control.events import EventHub
from spark_control.llm.config import LLMConfig
from spark_control.settings import PROJECT_ROOT, ClusterConfig, load_settings
from spark_control.store import Database


def test_cluster_services_take_the_upstream_key_from_the_settings_they_are_given(monkeypatch, tmp_path):
    monkeypatch.setenv("LLM_UPSTREAM_API_KEY", "key-from-the-environment")
    settings = load_settings(data_dir=tmp_path, demo=True, llm=LLMConfig(upstream_api_key="key-from-settings"))
    db = Database(tmp_path / "t.db")
    try:
        svc = ClusterServices.build(
            settings=settings,
            catalog=load_catalog(PROJECT_ROOT / "models.yaml"),
            db=db,
            events=EventHub(),
            audit=AuditLog(db),
            cluster=ClusterConfig(),
        )
        assert svc.swaps.upstream_api_key == "key-from-settings"
    finally:
        db.close()


def test_create_api_keeps_the_settings_it_was_built_from(tmp_path):
    settings = load_settings(data_dir=tmp_path, demo=True, cors_origins="http://app.lan:8080")
    api = create_api(settings=settings)
    assert api.state.settings is settings


def test_building_a_host_policy_does_not_ask_the_resolver(monkeypatch):
    calls = []
    monkeypatch.setattr(socket, "getfqdn", lambda *a: calls.append(a) or "box.example.lan")
    policy = HostPolicy("spark.lan")
    assert calls == []  # built at import of the app module: no DNS there
    assert policy.allows("192.0.2.10") and policy.allows("spark.lan") and policy.allows("localhost:9999")
    assert calls == []  # IP literals and configured names need no lookup either
    assert policy.allows("box.example.lan")  # this machine's FQDN, looked up on first need
    assert policy.allows("box.local") and not policy.allows("evil.example")
    assert len(calls) == 1  # and only once


def test_a_resolver_that_hangs_leaves_the_fqdn_out_instead_of_hanging(monkeypatch):
    release = threading.Event()

    def hanging_getfqdn(*_):
        release.wait(30)
        return "late.example.lan"

    monkeypatch.setattr(socket, "getfqdn", hanging_getfqdn)
    monkeypatch.setattr(socket, "gethostname", lambda: "sparkbox")
    try:
        names = machine_host_names(timeout_s=0.2)
    finally:
        release.set()
    assert names == {"localhost", "sparkbox", "sparkbox.local"}
    assert host_allowlist.FQDN_TIMEOUT_S > 0


async def test_the_shipped_app_hands_its_one_settings_to_the_controller(monkeypatch):
    """The app module reads Settings once (import, as granian's worker does); the API, the edge
    checks and the lifespan task's controller all get that object; the lifespan task looks this
    machine's names up before the controller starts."""
    shipped = pytest.importorskip("spark_control.spark_control")
    from spark_control import controller as controller_module

    seen = {}

    class Stop(Exception):
        pass

    class RecordingController:
        def __init__(self, settings, catalog=None) -> None:
            seen["settings"] = settings
            seen["names_resolved"] = shipped.HOST_POLICY._machine is not None

        async def start(self) -> None:
            raise Stop  # the real start is the demo-mode tests' business

    monkeypatch.setattr(controller_module, "Controller", RecordingController)
    with pytest.raises(Stop):
        await shipped.run_controller(shipped.app)
    assert seen["settings"] is shipped.SETTINGS is shipped.api.state.settings
    assert seen["names_resolved"]
