"""The shared page layout: sidebar navigation, header with cluster status and the demo badge."""

from __future__ import annotations

import reflex as rx

from spark_control.components.navigation import NAV
from spark_control.components.session import session_controls
from spark_control.state.cluster import ClusterState

LOGO = "/logo.svg"  # assets/logo.svg; also the favicon (spark_control.py's head)

STATUS_COLORS = {"ok": "green", "degraded": "amber", "down": "red", "starting": "gray"}


def logo(size: int) -> rx.Component:
    return rx.image(src=LOGO, alt="", width=f"{size}px", height=f"{size}px", class_name="app-logo")


def status_badge(status, text) -> rx.Component:
    return rx.badge(
        text,
        color_scheme=rx.match(status, ("ok", "green"), ("degraded", "amber"), ("down", "red"), "gray"),
        variant="soft",
        size="2",
        id="cluster-status",
    )


def demo_badge() -> rx.Component:
    return rx.cond(
        ClusterState.demo,
        rx.badge(
            rx.icon("flask-conical", size=14),
            "Demo: simulated cluster",
            color_scheme="violet",
            variant="solid",
            size="2",
            id="demo-badge",
        ),
    )


def sidebar() -> rx.Component:
    return rx.vstack(
        rx.hstack(
            logo(22),
            rx.heading("Spark Control", size="4"),
            align="center",
            spacing="2",
            padding_bottom="1em",
        ),
        *[
            rx.link(
                rx.hstack(rx.icon(item.icon, size=16), rx.text(item.title, size="3"), align="center", spacing="2"),
                href=item.route,
                id=f"nav-{item.route.strip('/') or 'overview'}",
                underline="none",
                color_scheme="gray",
                high_contrast=True,
                width="100%",
                padding="0.4em 0.6em",
                border_radius="6px",
                _hover={"background": "var(--gray-a4)"},
            )
            for item in NAV
        ],
        width="210px",
        min_width="210px",
        padding="1.2em 0.8em",
        height="100vh",
        position="sticky",
        top="0",
        border_right="1px solid var(--gray-a5)",
        background="var(--gray-a2)",
        spacing="1",
    )


def header(title: str) -> rx.Component:
    return rx.hstack(
        rx.heading(title, size="6", id="page-title"),
        rx.spacer(),
        demo_badge(),
        rx.cond(
            ClusterState.serving_model != "",
            rx.badge(
                rx.icon("cpu", size=14), ClusterState.serving_model, variant="outline", size="2", id="header-model"
            ),
        ),
        status_badge(ClusterState.status, ClusterState.status_text),
        session_controls(),
        align="center",
        spacing="3",
        width="100%",
        padding_bottom="1em",
        border_bottom="1px solid var(--gray-a4)",
        margin_bottom="1em",
    )


def layout(title: str, *children: rx.Component) -> rx.Component:
    return rx.hstack(
        sidebar(),
        rx.box(header(title), *children, padding="1.5em 2em", width="100%", max_width="1400px"),
        spacing="0",
        align="start",
        width="100%",
        min_height="100vh",
    )
