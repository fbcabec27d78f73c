"""Health page state: filled by pushes from the backend (``forward_health``), never polled."""

from __future__ import annotations

import asyncio
import dataclasses
import logging
from collections.abc import Awaitable, Callable
from typing import Any

import reflex as rx

log = logging.getLogger(__name__)


@dataclasses.dataclass
class CardView:
    name: str = ""
    kind: str = ""
    node: str = ""
    state: str = "unknown"
    since: str = ""
    for_text: str = ""
    latency: str = ""
    error: str = ""


@dataclasses.dataclass
class SegmentView:
    left: str = "0%"
    width: str = "0%"
    title: str = ""


@dataclasses.dataclass
class TimelineView:
    name: str = ""
    kind: str = ""
    count: int = 0
    segments: list[SegmentView] = dataclasses.field(default_factory=list)


@dataclasses.dataclass
class OutageView:
    id: int = 0
    target: str = ""
    kind: str = ""
    started: str = ""
    ended: str = ""
    duration: str = ""
    failed: str = ""
    detected_by: str = ""
    note: str = ""
    open: bool = False


@dataclasses.dataclass
class ChartView:
    metric: str = ""
    label: str = ""
    sources: list[str] = dataclasses.field(default_factory=list)
    points: list[dict[str, Any]] = dataclasses.field(default_factory=list)


def _dc(cls, d: dict):
    names = {f.name for f in dataclasses.fields(cls)}
    return cls(**{k: v for k, v in d.items() if k in names})


class HealthState(rx.State):
    status: str = "starting"
    cards: list[CardView] = []
    timelines: list[TimelineView] = []
    outages: list[OutageView] = []
    charts: list[ChartView] = []
    updated_at: str = ""

    @rx.event
    def load(self):
        """on_load: the current view at once (later updates are pushed)."""
        from spark_control.controller import current_controller
        from spark_control.health.view import health_view

        controller = current_controller()
        monitor = getattr(controller, "health", None) if controller is not None else None
        if monitor is not None:
            self.apply(health_view(monitor))

    def apply(self, view: dict) -> None:
        self.status = view.get("status", "starting")
        self.cards = [_dc(CardView, c) for c in view.get("cards", [])]
        self.timelines = [
            TimelineView(
                name=t["name"],
                kind=t["kind"],
                count=t["count"],
                segments=[_dc(SegmentView, s) for s in t.get("segments", [])],
            )
            for t in view.get("timelines", [])
        ]
        self.outages = [_dc(OutageView, o) for o in view.get("outages", [])]
        self.charts = [_dc(ChartView, c) for c in view.get("charts", [])]
        self.updated_at = view.get("updated_at", "")


Push = Callable[[type[rx.State], Callable[[Any], None]], Awaitable[None]]


async def forward_health(controller, push: Push, *, refresh_s: float = 5.0, coalesce_s: float = 0.1) -> None:
    """Lifespan task: on every ``health.*`` event (state change, outage, telemetry sample), and
    every ``refresh_s`` anyway ("since" texts), push ``health_view`` to every browser's
    HealthState. ``push(state_cls, apply)`` is the app's push-to-browsers function."""
    from spark_control.health.view import health_view

    async with controller.events.subscribe("health") as sub:
        while True:
            try:
                await sub.get(timeout=refresh_s)
                await asyncio.sleep(coalesce_s)  # a burst of events -> one push
                while not sub.queue.empty():
                    sub.queue.get_nowait()
            except TimeoutError:
                pass
            monitor = getattr(controller, "health", None)
            if monitor is None:
                continue
            try:
                view = health_view(monitor)
                await push(HealthState, lambda s, v=view: s.apply(v))
            except Exception:  # noqa: BLE001 - keep pushing after a bad view
                log.exception("pushing the health view failed")
