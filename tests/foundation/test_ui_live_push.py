"""The UI's one live-push path (``state/push.py``) and its one error helper (``state/core.py``),
driven with the real EventHub and the feeds the app runs (no browser: the push function here
records what the app's ``push_to_browsers`` would apply to each browser's state)."""

from __future__ import annotations

import asyncio
import logging
from types import SimpleNamespace

import pytest

from spark_control.errors import Conflict
from spark_control.events import EventHub
from spark_control.state.core import call_core
from spark_control.state.models import MODELS_FEED
from spark_control.state.push import Feed, follow, run_feeds
from spark_control.state.settings import SETTINGS_FEED
from tests.health.conftest import wait_for


class Recorder:
    """Stands in for one browser: each push applies the feed to a fresh target and keeps it."""

    def __init__(self) -> None:
        self.pushes: list[tuple[type, SimpleNamespace]] = []

    async def __call__(self, state_cls, apply) -> None:
        target = SimpleNamespace(seen=[])
        target.apply = target.seen.append
        apply(target)
        self.pushes.append((state_cls, target))


def _feed(view, **kw) -> Feed:
    return Feed(name="t", state_cls=object, topics=("t",), view=view, apply=lambda s, v: s.apply(v), **kw)


async def test_a_burst_of_events_becomes_one_push_with_every_event():
    hub, push = EventHub(), Recorder()
    controller = SimpleNamespace(events=hub)
    task = asyncio.create_task(follow(controller, _feed(lambda c, events: [e.data["n"] for e in events]), push))
    try:
        await asyncio.sleep(0.02)
        for n in range(5):
            hub.publish("t.tick", n=n)
        hub.publish("other", n=99)  # not this feed's topic
        await wait_for(lambda: push.pushes)
        await asyncio.sleep(0.3)  # nothing else arrives
        assert [t.seen for _, t in push.pushes] == [[[0, 1, 2, 3, 4]]]
        assert push.pushes[0][0] is object
    finally:
        task.cancel()


async def test_quiet_time_refresh_pushes_and_a_view_of_none_pushes_nothing():
    hub, push = EventHub(), Recorder()
    controller = SimpleNamespace(events=hub)
    feeds = [
        _feed(lambda c, events: "tick" if not events else "event", refresh_s=0.05),
        Feed("quiet", object, ("q",), view=lambda c, events: None, apply=lambda s, v: s.apply(v), refresh_s=0.05),
    ]
    task = asyncio.create_task(run_feeds(controller, feeds, push))
    try:
        await wait_for(lambda: len(push.pushes) >= 3)
        assert {t.seen[0] for _, t in push.pushes} == {"tick"}
    finally:
        task.cancel()


async def test_a_failing_view_is_logged_and_the_next_burst_still_pushes(caplog):
    hub, push = EventHub(), Recorder()
    controller = SimpleNamespace(events=hub)

    def view(c, events):
        if events[0].data["n"] == 0:
            raise RuntimeError("bad view")
        return "ok"

    task = asyncio.create_task(follow(controller, _feed(view), push))
    try:
        await asyncio.sleep(0.02)
        with caplog.at_level(logging.ERROR, logger="spark_control.state.push"):
            hub.publish("t", n=0)
            await wait_for(lambda: "pushing the t view failed" in caplog.text)
        hub.publish("t", n=1)
        await wait_for(lambda: push.pushes)
        assert push.pushes[0][1].seen == ["ok"]
    finally:
        task.cancel()


async def test_models_and_settings_feeds_refresh_only_on_events():
    controller = SimpleNamespace(swaps="the swap manager", cluster_manager="cm")
    assert MODELS_FEED.view(controller, []) is None
    assert SETTINGS_FEED.view(controller, []) is None
    hub = EventHub()
    ev = hub.publish("swap.phase", job_id="j")
    assert MODELS_FEED.view(controller, [ev]) == "the swap manager"


async def test_settings_feed_reports_a_host_key_alert_anywhere_in_the_burst():
    hub = EventHub()
    burst = [
        hub.publish("patches.phase", job_id="p"),
        hub.publish("alert.host_key_changed", node="spark1", pinned_fingerprints=["SHA256:x"]),
    ]
    controller = SimpleNamespace(cluster_manager="cm")
    said, filled = [], []
    state = SimpleNamespace(_say=lambda text, ok=True: said.append((text, ok)), _fill=filled.append)
    from spark_control.state.settings import SettingsState

    SETTINGS_FEED.apply(
        SimpleNamespace(_apply_events=lambda c, alerts: SettingsState._apply_events(state, c, alerts)),
        SETTINGS_FEED.view(controller, burst),
    )
    assert said == [('HOST KEY CHANGED for spark1: connections refused. ["SHA256:x"]', False)]
    assert filled == [controller]


@pytest.mark.parametrize(
    ("error", "shown", "logged"),
    [
        (Conflict("a swap is already running (job j1)"), "a swap is already running (job j1)", False),
        (ValueError("Metadata must be a JSON object"), "Metadata must be a JSON object", False),
        (RuntimeError("boom"), "boom", True),
    ],
)
def test_call_core_turns_an_error_into_the_line_a_person_sees(error, shown, logged, caplog):
    with caplog.at_level(logging.ERROR, logger="spark_control.state.core"), call_core() as call:
        raise error
    assert call.error == shown
    assert ("failed unexpectedly" in caplog.text) is logged


def test_call_core_leaves_no_error_when_the_call_works():
    with call_core() as call:
        value = 1 + 1
    assert call.error == "" and value == 2


def test_chat_feed_rereads_the_swap_status_on_events_and_on_quiet_ticks():
    from spark_control.state.chat import CHAT_FEED

    read = []
    state = SimpleNamespace(_read_status=lambda: read.append(1))
    controller = SimpleNamespace()
    for events in ([], [EventHub().publish("swap.phase", job_id="j")]):
        view = CHAT_FEED.view(controller, events)
        assert view is not None
        CHAT_FEED.apply(state, view)
    assert len(read) == 2 and CHAT_FEED.topics == ("swap",)
