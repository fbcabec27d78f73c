"""Models: the catalog as cards (serving model marked), Swap with a confirmation naming what
stops and starts and the expected time, live progress by phase with ETA and a log tail, and
the history of past swaps."""

from __future__ import annotations

import reflex as rx

from spark_control.components.dialogs import confirm_action, confirm_dialog
from spark_control.components.jobs import phase_chip
from spark_control.components.layout import layout
from spark_control.state.models import HistoryRow, ModelCard, ModelsState

ROUTE = "/models"
TITLE = "Models"
ICON = "brain-circuit"

STATE_COLORS = (("done", "green"), ("running", "blue"), ("rolled_back", "amber"), ("failed", "red"))


def _fact(label: str, value) -> rx.Component:
    return rx.vstack(
        rx.text(label, size="1", color_scheme="gray"), rx.text(value, size="2", weight="medium"), spacing="0"
    )


def model_card(m: ModelCard) -> rx.Component:
    return rx.card(
        rx.vstack(
            rx.hstack(
                rx.heading(m.name, size="4"),
                rx.spacer(),
                rx.cond(
                    m.serving,
                    rx.badge(
                        rx.icon("circle-check", size=14),
                        "serving",
                        color_scheme="green",
                        variant="solid",
                        id=rx.Var.create("serving-badge-") + m.name,
                    ),
                ),
                rx.cond(m.state == "loading", rx.badge("loading", color_scheme="blue", variant="soft")),
                align="center",
                width="100%",
            ),
            rx.text(m.description, size="2", color_scheme="gray"),
            rx.grid(
                _fact("Size", m.params),
                _fact("Context", m.context),
                _fact("Memory", m.memory),
                _fact("Load time", rx.cond(m.load_measured, m.load_time, m.load_time + " (est.)")),
                _fact("Nodes", rx.cond(m.tp > 1, "2 (tensor parallel)", "1")),
                columns="5",
                spacing="3",
                width="100%",
            ),
            rx.hstack(
                rx.code(m.served_name, size="1"),
                rx.spacer(),
                rx.button(
                    rx.icon("arrow-left-right", size=14),
                    "Swap",
                    on_click=ModelsState.open_confirm(m.name),
                    disabled=m.serving | (ModelsState.job_state == "running"),
                    id=rx.Var.create("swap-") + m.name,
                    size="2",
                ),
                width="100%",
                align="center",
            ),
            spacing="3",
            width="100%",
        ),
        id=rx.Var.create("model-") + m.name,
        class_name="model-card",
        width="100%",
    )


def swap_dialog() -> rx.Component:
    return confirm_dialog(
        "Swap the served model?",
        rx.vstack(
            rx.text("Stops: ", rx.text.strong(ModelsState.confirm_stops)),
            rx.text("Starts: ", rx.text.strong(ModelsState.confirm_model)),
            rx.text("Expected time: ", rx.text.strong(ModelsState.confirm_expected)),
            rx.text(
                "Apps get 503 + Retry-After while it loads. If the new model fails, the previous one is started again.",
                size="2",
                color_scheme="gray",
            ),
            spacing="2",
        ),
        confirm=confirm_action("Swap now", ModelsState.do_swap, "swap-confirm"),
        open=ModelsState.confirm_open,
        on_open_change=ModelsState.set_confirm_open,
        cancel_id="swap-cancel",
    )


def progress_panel() -> rx.Component:
    return rx.cond(
        ModelsState.job_id != "",
        rx.card(
            rx.vstack(
                rx.hstack(
                    rx.heading("Swap to ", ModelsState.job_model, size="4"),
                    rx.text(
                        rx.cond(ModelsState.job_previous != "", "from " + ModelsState.job_previous, ""),
                        color_scheme="gray",
                        size="2",
                    ),
                    rx.spacer(),
                    rx.badge(
                        ModelsState.job_state,
                        id="swap-state",
                        size="2",
                        color_scheme=rx.match(ModelsState.job_state, *STATE_COLORS, "gray"),
                    ),
                    align="center",
                    width="100%",
                ),
                rx.hstack(rx.foreach(ModelsState.phases, phase_chip), wrap="wrap", spacing="2", id="swap-phases"),
                rx.progress(value=ModelsState.percent, max=100, width="100%", id="swap-progress"),
                rx.hstack(
                    rx.text(ModelsState.eta, size="2", id="swap-eta"),
                    rx.cond(
                        ModelsState.stage != "", rx.text("vLLM: " + ModelsState.stage, size="2", color_scheme="gray")
                    ),
                    spacing="4",
                ),
                rx.cond(
                    ModelsState.job_error != "",
                    rx.callout(
                        ModelsState.job_error,
                        icon="triangle-alert",
                        color_scheme=rx.cond(ModelsState.job_state == "rolled_back", "amber", "red"),
                        size="1",
                        width="100%",
                        id="swap-error",
                    ),
                ),
                rx.cond(
                    ModelsState.job_note != "",
                    rx.callout(
                        ModelsState.job_note, icon="info", color_scheme="green", size="1", width="100%", id="swap-note"
                    ),
                ),
                rx.scroll_area(
                    rx.vstack(
                        rx.foreach(
                            ModelsState.log_lines,
                            lambda ln: rx.text(ln, size="1", font_family="mono", white_space="pre-wrap"),
                        ),
                        spacing="0",
                    ),
                    type="auto",
                    scrollbars="vertical",
                    style={"height": "220px"},
                    background="var(--gray-a2)",
                    padding="0.5em",
                    border_radius="6px",
                    id="swap-log",
                ),
                spacing="3",
                width="100%",
            ),
            width="100%",
            id="swap-panel",
        ),
    )


def history_table() -> rx.Component:
    def row(h: HistoryRow) -> rx.Component:
        return rx.table.row(
            rx.table.cell(h.started),
            rx.table.cell(h.model),
            rx.table.cell(h.previous),
            rx.table.cell(rx.badge(h.state, color_scheme=rx.match(h.state, *STATE_COLORS, "gray"), variant="soft")),
            rx.table.cell(h.duration),
            rx.table.cell(rx.text(h.error, size="1", color_scheme="gray")),
        )

    return rx.table.root(
        rx.table.header(
            rx.table.row(
                *[
                    rx.table.column_header_cell(c)
                    for c in ("Started", "Model", "Previous", "Result", "Duration", "Detail")
                ]
            )
        ),
        rx.table.body(rx.foreach(ModelsState.history, row)),
        size="1",
        width="100%",
        id="swap-history",
    )


def content() -> rx.Component:
    return rx.vstack(
        rx.cond(
            ModelsState.message != "",
            rx.callout(ModelsState.message, icon="info", color_scheme="red", id="models-message"),
        ),
        progress_panel(),
        rx.grid(rx.foreach(ModelsState.models, model_card), columns="2", spacing="4", width="100%"),
        rx.heading("History", size="4", margin_top="1em"),
        history_table(),
        swap_dialog(),
        spacing="4",
        width="100%",
    )


def page() -> rx.Component:
    return layout(TITLE, content())
