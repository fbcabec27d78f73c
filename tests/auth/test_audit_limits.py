"""The audit log cannot be grown without bound by strangers: refusals are rate-limited per
source (the rest counted), old rows are pruned; and /metrics labels stay bounded whatever HTTP
method a client invents."""

from __future__ import annotations

import httpx

from spark_control.api.app import create_api
from spark_control.api.middleware.request_metrics import RequestCounter
from spark_control.audit import AuditLog, AuditPruner

from .conftest import FakeClock, build_app


def _deny(audit: AuditLog, source: str) -> bool:
    return audit.record(actor="anonymous", action="auth.denied", target="POST /x", result="401 missing", source=source)


def test_refusals_are_limited_per_source_and_the_rest_counted(db):
    clock = FakeClock()
    audit = AuditLog(db, refusals_per_minute=5, clock=clock)
    written = [_deny(audit, "198.51.100.7") for _ in range(40)]
    assert written.count(True) == 5 and audit.suppressed_total == 35
    # Another source has its own allowance; mutations and sign-ins are never limited.
    assert _deny(audit, "198.51.100.8")
    for _ in range(20):
        assert audit.record(
            actor="operator", action="api.request", target="POST /api/models/swap", source="198.51.100.7"
        )
    assert len(audit.recent(1000, "auth.denied")) == 6
    assert len(audit.recent(1000, "api.request")) == 20

    clock.advance(61)  # a new minute: the next row says how many were left out before it
    assert _deny(audit, "198.51.100.7")
    newest = audit.recent(1, "auth.denied")[0]
    assert newest.source == "198.51.100.7" and newest.detail["suppressed_before"] == 35
    assert "spark_control_audit_suppressed_total 35" in audit.render_prometheus()


def test_throttled_sign_ins_count_as_refusals(db):
    audit = AuditLog(db, refusals_per_minute=2, clock=FakeClock())
    for _ in range(10):
        audit.record(actor="operator", action="auth.signin", source="203.0.113.9", result="throttled")
    assert len(audit.recent(100, "auth.signin")) == 2


async def test_anonymous_401_flood_through_the_api_writes_bounded_rows(auth):
    auth.audit.refusals_per_minute = 10
    transport = httpx.ASGITransport(app=build_app(auth), client=("198.51.100.4", 1234))
    async with httpx.AsyncClient(transport=transport, base_url="http://test") as c:
        for _ in range(60):
            assert (await c.post("/v1/chat/completions", json={})).status_code == 401
    assert len(auth.audit.recent(1000, "auth.denied")) == 10
    assert auth.audit.suppressed_total == 50


async def test_rows_past_the_retention_are_pruned_at_start_and_periodically(db):
    clock = FakeClock()
    audit = AuditLog(db, retention_days=30, clock=clock)
    audit.record(actor="operator", action="api.request", target="old")
    clock.advance(20 * 86400)
    audit.record(actor="operator", action="api.request", target="newer")
    clock.advance(11 * 86400)  # the first row is now 31 days old
    pruner = AuditPruner(audit, every_s=3600)
    await pruner.start()
    await pruner.stop()
    assert [e.target for e in audit.recent()] == ["newer"]
    assert audit.pruned_total == 1
    keep_all = AuditLog(db, retention_days=0, clock=clock)
    clock.advance(365 * 86400)
    assert keep_all.prune() == 0 and len(keep_all.recent()) == 1


def test_the_controller_takes_the_audit_settings(tmp_path):
    from spark_control.controller import Controller
    from spark_control.settings import load_settings

    c = Controller(load_settings(data_dir=tmp_path, demo=True, audit_retention_days=7, audit_refusals_per_minute=3))
    try:
        assert c.audit.retention_days == 7 and c.audit.refusals_per_minute == 3
    finally:
        c.db.close()


async def test_invented_http_methods_are_counted_as_other():
    api = create_api()
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=api), base_url="http://t") as c:
        for i in range(50):
            await c.request(f"X{i}", "/health")
        await c.get("/nowhere")
    counter: RequestCounter = api.state.request_counter
    methods = {m for m, _, _ in counter.counts}
    assert methods == {"other", "GET"}
    text = counter.render_prometheus()
    assert 'method="other"' in text and "X1" not in text
