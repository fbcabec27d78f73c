"""Health: a status card per service and node (up / busy / down / unknown, since when), an outage
timeline per target over the last hour, the recent outage log, and telemetry charts. Everything
is pushed from the backend."""

from __future__ import annotations

import reflex as rx

from spark_control.components.layout import layout
from spark_control.state.health import CardView, ChartView, HealthState, OutageView, SegmentView, TimelineView

ROUTE = "/status"
TITLE = "Health"
ICON = "heart-pulse"

PALETTE = ("#16a34a", "#2563eb", "#d97706", "#9333ea")


def _state_color(state):
    return rx.match(state, ("up", "green"), ("busy", "amber"), ("down", "red"), "gray")


def status_card(c: CardView) -> rx.Component:
    return rx.card(
        rx.vstack(
            rx.hstack(
                rx.icon(rx.cond(c.kind == "node", "server", "plug"), size=16),
                rx.text(c.name, weight="bold", size="3"),
                rx.spacer(),
                rx.badge(
                    c.state, color_scheme=_state_color(c.state), variant="solid", size="2", class_name="health-state"
                ),
                align="center",
                width="100%",
            ),
            rx.text(
                rx.cond(c.since != "", rx.text.span("since ", c.since, " (", c.for_text, ")"), "not probed yet"),
                size="1",
                color_scheme="gray",
            ),
            rx.hstack(
                rx.text(c.kind, " on ", c.node, size="1", color_scheme="gray"),
                rx.spacer(),
                rx.text(c.latency, size="1", color_scheme="gray"),
                width="100%",
            ),
            rx.cond(c.error != "", rx.text(c.error, size="1", color_scheme="red")),
            spacing="1",
            width="100%",
        ),
        id=rx.Var.create("health-card-") + c.name,
        class_name="health-card",
        data_state=c.state,
        width="100%",
    )


def _segment(s: SegmentView) -> rx.Component:
    return rx.tooltip(
        rx.box(
            position="absolute",
            left=s.left,
            width=s.width,
            top="0",
            height="100%",
            background="var(--red-9)",
            border_radius="2px",
            class_name="outage-segment",
        ),
        content=s.title,
    )


def timeline_row(t: TimelineView) -> rx.Component:
    return rx.hstack(
        rx.text(t.name, size="2", width="110px", min_width="110px"),
        rx.box(
            rx.foreach(t.segments, _segment),
            position="relative",
            height="14px",
            width="100%",
            background="var(--green-a5)",
            border_radius="3px",
        ),
        rx.text(t.count, size="1", color_scheme="gray", width="30px", text_align="right"),
        align="center",
        width="100%",
        id=rx.Var.create("health-timeline-") + t.name,
    )


def outage_row(o: OutageView) -> rx.Component:
    return rx.table.row(
        rx.table.cell(o.target),
        rx.table.cell(o.started),
        rx.table.cell(o.ended),
        rx.table.cell(o.duration),
        rx.table.cell(o.failed),
        rx.table.cell(o.detected_by, color_scheme="gray"),
        rx.table.cell(o.note, color_scheme="gray"),
        class_name="outage-row",
    )


def chart_card(ch: ChartView) -> rx.Component:
    return rx.card(
        rx.text(ch.label, size="2", weight="medium"),
        rx.recharts.line_chart(
            rx.foreach(
                ch.sources,
                lambda s, i: rx.recharts.line(
                    data_key=s,
                    name=s,
                    stroke=rx.match(i, (0, PALETTE[0]), (1, PALETTE[1]), (2, PALETTE[2]), PALETTE[3]),
                    dot=False,
                    is_animation_active=False,
                    type_="monotone",
                ),
            ),
            rx.recharts.x_axis(data_key="t", min_tick_gap=40),
            rx.recharts.y_axis(width=40),
            rx.recharts.cartesian_grid(stroke_dasharray="3 3"),
            rx.recharts.graphing_tooltip(),
            rx.recharts.legend(),
            data=ch.points,
            height=200,
            width="100%",
        ),
        id=rx.Var.create("chart-") + ch.metric,
        width="100%",
    )


def page() -> rx.Component:
    return layout(
        TITLE,
        rx.vstack(
            rx.hstack(
                rx.text("Overall", size="2", color_scheme="gray"),
                rx.badge(
                    HealthState.status,
                    size="2",
                    id="health-status",
                    color_scheme=rx.match(
                        HealthState.status, ("ok", "green"), ("degraded", "amber"), ("down", "red"), "gray"
                    ),
                ),
                rx.spacer(),
                rx.text("Updated ", HealthState.updated_at, size="1", color_scheme="gray", id="health-updated-at"),
                width="100%",
                align="center",
            ),
            rx.grid(rx.foreach(HealthState.cards, status_card), columns="4", spacing="3", width="100%"),
            rx.heading("Outages, last hour", size="4"),
            rx.vstack(rx.foreach(HealthState.timelines, timeline_row), width="100%", spacing="2"),
            rx.heading("Connectivity log, last 24 h", size="4"),
            rx.cond(
                HealthState.outages.length() > 0,
                rx.table.root(
                    rx.table.header(
                        rx.table.row(
                            *[
                                rx.table.column_header_cell(h)
                                for h in ("Target", "Start", "End", "Duration", "What failed", "Detected by", "Note")
                            ]
                        )
                    ),
                    rx.table.body(rx.foreach(HealthState.outages, outage_row)),
                    size="1",
                    width="100%",
                    id="outage-table",
                ),
                rx.text("No outages in the last 24 hours.", size="2", color_scheme="gray", id="no-outages"),
            ),
            rx.heading("Telemetry, last hour", size="4"),
            rx.grid(rx.foreach(HealthState.charts, chart_card), columns="2", spacing="3", width="100%"),
            spacing="4",
            width="100%",
        ),
    )
