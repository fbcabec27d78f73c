"""Health page state: filled by ``HEALTH_FEED`` pushed from the backend (``state/push.py``), never polled."""

from __future__ import annotations

import dataclasses
from typing import Any

import reflex as rx

from spark_control.state.push import Feed, Push, follow


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


def _health(controller, _events) -> dict | None:
    """On every ``health.*`` event (state change, outage, telemetry sample), and every few
    seconds anyway ("since" texts)."""
    from spark_control.health.view import health_view

    monitor = getattr(controller, "health", None)
    return health_view(monitor) if monitor is not None else None


HEALTH_FEED = Feed(
    name="health", state_cls=HealthState, topics=("health",), view=_health, apply=lambda state, view: state.apply(view)
)


async def forward_health(controller, push: Push, *, refresh_s: float = 5.0, coalesce_s: float = 0.1) -> None:
    """``HEALTH_FEED`` alone (``push(state_cls, apply)`` is the app's push-to-browsers function)."""
    await follow(controller, HEALTH_FEED, push, refresh_s=refresh_s, coalesce_s=coalesce_s)
