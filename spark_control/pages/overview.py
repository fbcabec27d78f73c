"""Overview: each node (hostname, uptime, memory, GPU, containers) and the model vLLM serves now.
Everything here is pushed from the backend; the browser never polls the cluster."""

from __future__ import annotations

import reflex as rx

from spark_control.components.layout import layout
from spark_control.state.cluster import ClusterState, ContainerView, NodeView

ROUTE = "/"
TITLE = "Overview"
ICON = "layout-dashboard"


def _stat(label: str, value, **props) -> rx.Component:
    return rx.vstack(
        rx.text(label, size="1", color_scheme="gray"),
        rx.text(value, size="3", weight="medium", **props),
        spacing="0",
    )


def _container_row(c: ContainerView) -> rx.Component:
    return rx.table.row(
        rx.table.cell(c.name),
        rx.table.cell(c.image, color_scheme="gray"),
        rx.table.cell(
            rx.badge(
                c.status,
                color_scheme=rx.cond(c.healthy == "yes", "green", rx.cond(c.healthy == "starting", "amber", "gray")),
                variant="soft",
            )
        ),
    )


def node_card(node: NodeView) -> rx.Component:
    return rx.card(
        rx.vstack(
            rx.hstack(
                rx.icon("server", size=18),
                rx.heading(node.name, size="4"),
                rx.text(node.hostname, color_scheme="gray", size="2"),
                rx.spacer(),
                rx.badge(
                    node.state,
                    color_scheme=rx.match(node.state, ("up", "green"), ("down", "red"), "gray"),
                    variant="soft",
                ),
                align="center",
                width="100%",
            ),
            rx.cond(
                node.error != "",
                rx.callout(node.error, icon="triangle-alert", color_scheme="red", size="1", width="100%"),
            ),
            rx.grid(
                _stat("Uptime", node.uptime),
                _stat("Memory", node.memory),
                _stat("GPU", node.gpu),
                _stat("Disk", node.disk),
                columns="4",
                spacing="4",
                width="100%",
            ),
            rx.progress(value=node.mem_pct, max=100, width="100%"),
            rx.table.root(
                rx.table.header(
                    rx.table.row(
                        rx.table.column_header_cell("Container"),
                        rx.table.column_header_cell("Image"),
                        rx.table.column_header_cell("Status"),
                    )
                ),
                rx.table.body(rx.foreach(node.containers, _container_row)),
                size="1",
                width="100%",
            ),
            spacing="3",
            width="100%",
        ),
        id=rx.Var.create("node-") + node.name,
        class_name="node-card",
        width="100%",
    )


def serving_card() -> rx.Component:
    return rx.card(
        rx.hstack(
            rx.icon("brain-circuit", size=28),
            rx.vstack(
                rx.text("vLLM serves now", size="2", color_scheme="gray"),
                rx.heading(
                    rx.cond(ClusterState.serving_model != "", ClusterState.serving_model, "no model"),
                    size="6",
                    id="serving-model",
                ),
                spacing="0",
            ),
            rx.spacer(),
            rx.badge(ClusterState.serving_state, size="2", variant="soft", id="serving-state"),
            align="center",
            width="100%",
        ),
        width="100%",
    )


def page() -> rx.Component:
    return layout(
        TITLE,
        rx.vstack(
            serving_card(),
            rx.grid(rx.foreach(ClusterState.nodes, node_card), columns="2", spacing="4", width="100%"),
            rx.text("Updated ", ClusterState.updated_at, size="1", color_scheme="gray", id="updated-at"),
            spacing="4",
            width="100%",
        ),
    )
