import asyncio
import os
import stat

import pytest

from spark_control.audit import AuditLog
from spark_control.events import EventHub
from spark_control.store import Database


async def test_event_hub_delivers_by_topic_prefix():
    hub = EventHub()
    async with hub.subscribe("swap") as swap_sub, hub.subscribe() as all_sub:
        hub.publish("swap.phase", job="j1", phase="load")
        hub.publish("swapper.other", x=1)  # not a swap.* event
        hub.publish("health.service", name="vllm")
        e = await swap_sub.get(timeout=1)
        assert (e.topic, e.data) == ("swap.phase", {"job": "j1", "phase": "load"})
        with pytest.raises(asyncio.TimeoutError):
            await swap_sub.get(timeout=0.05)
        topics = [(await all_sub.get(timeout=1)).topic for _ in range(3)]
        assert topics == ["swap.phase", "swapper.other", "health.service"]
    hub.publish("swap.phase")  # no subscribers left: nothing to deliver, no error


async def test_slow_subscriber_drops_oldest_not_publisher():
    hub = EventHub()
    async with hub.subscribe("t", maxsize=3) as sub:
        for i in range(10):
            hub.publish("t", i=i)
        got = [(await sub.get(timeout=1)).data["i"] for _ in range(3)]
        assert got == [7, 8, 9]
        assert sub.dropped == 7


def test_database_is_private_and_transactions_roll_back(tmp_path):
    db = Database(tmp_path / "x.db")
    assert stat.S_IMODE(os.stat(tmp_path / "x.db").st_mode) == 0o600
    db.migrate("CREATE TABLE IF NOT EXISTS t (k TEXT PRIMARY KEY, v INTEGER)")
    db.execute("INSERT INTO t VALUES ('a', 1)")
    with pytest.raises(RuntimeError), db.transaction() as conn:
        conn.execute("INSERT INTO t VALUES ('b', 2)")
        raise RuntimeError("boom")
    assert [r["k"] for r in db.query("SELECT k FROM t")] == ["a"]
    db.close()
    assert Database(tmp_path / "x.db").one("SELECT v FROM t WHERE k='a'")["v"] == 1


def test_audit_log_records_and_filters(tmp_path):
    log = AuditLog(Database(tmp_path / "a.db"))
    log.record(actor="operator", action="swap.start", target="m1", source="192.0.2.5", job="j1")
    log.record(actor="key:abc", action="auth.denied", target="/v1/models", result="denied", source="192.0.2.9")
    entries = log.recent()
    assert [e.action for e in entries] == ["auth.denied", "swap.start"]
    assert log.recent(action_prefix="swap")[0].detail == {"job": "j1"}
