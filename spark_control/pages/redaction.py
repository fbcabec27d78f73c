"""Redaction page: paste text, see it scrubbed with each placeholder coloured by type, try a rehydrate."""

from __future__ import annotations

import reflex as rx

from spark_control.state.redaction import RedactionState

ROUTE = "/redaction"
TITLE = "Redaction"
ICON = "shield-check"


def _piece(p: dict) -> rx.Component:
    return rx.cond(
        p["type"] != "",
        rx.badge(p["text"], color_scheme=p["color"], variant="soft", radius="small", class_name="redaction-ph"),
        rx.text.span(p["text"]),
    )


def content() -> rx.Component:
    return rx.vstack(
        rx.text(
            "Text goes to a cloud LLM only after scrubbing; the answer comes back through rehydrate. "
            "Placeholders are consistent within a session.",
            color_scheme="gray",
        ),
        rx.text_area(
            value=RedactionState.text,
            on_change=RedactionState.set_text,
            placeholder="Paste an email, notes or a transcript...",
            id="redaction-input",
            rows="8",
            width="100%",
        ),
        rx.hstack(
            rx.button("Scrub", on_click=RedactionState.scrub, id="redaction-scrub"),
            rx.button(
                "Forget session",
                on_click=RedactionState.forget,
                variant="soft",
                color_scheme="gray",
                id="redaction-forget",
            ),  # fmt: skip
            rx.cond(RedactionState.session_id != "", rx.code(RedactionState.session_id, id="redaction-session")),
        ),
        rx.cond(RedactionState.error != "", rx.callout(RedactionState.error, color_scheme="red", id="redaction-error")),
        rx.cond(
            RedactionState.scrubbed != "",
            rx.vstack(
                rx.heading("Scrubbed", size="3"),
                rx.hstack(
                    rx.foreach(
                        RedactionState.entity_counts,
                        lambda e: rx.badge(e["type"] + " × " + e["count"], color_scheme=e["color"]),
                    ),
                    wrap="wrap",
                ),
                rx.box(
                    rx.foreach(RedactionState.pieces, _piece),
                    white_space="pre-wrap",
                    font_family="monospace",
                    padding="0.75em",
                    border="1px solid var(--gray-6)",
                    border_radius="6px",
                    width="100%",
                    id="redaction-output",
                ),
                rx.heading("Try a rehydrate", size="3"),
                rx.text("Edit as an LLM might (e.g. [person_1], **PERSON_1**), then rehydrate.", color_scheme="gray"),
                rx.text_area(
                    value=RedactionState.answer,
                    on_change=RedactionState.set_answer,
                    id="redaction-answer",
                    rows="6",
                    width="100%",
                ),
                rx.button("Rehydrate", on_click=RedactionState.rehydrate, id="redaction-rehydrate"),
                rx.cond(
                    RedactionState.rehydrated != "",
                    rx.box(
                        RedactionState.rehydrated,
                        white_space="pre-wrap",
                        padding="0.75em",
                        border="1px solid var(--gray-6)",
                        border_radius="6px",
                        width="100%",
                        id="redaction-rehydrated",
                    ),
                ),
                rx.cond(
                    RedactionState.unresolved.length() > 0,
                    rx.text(
                        "Unresolved: ",
                        rx.foreach(RedactionState.unresolved, lambda u: rx.code(u + " ")),
                        color_scheme="amber",
                        id="redaction-unresolved",
                    ),  # fmt: skip
                ),
                width="100%",
                align="start",
            ),
        ),
        width="100%",
        align="start",
        spacing="3",
    )


def page() -> rx.Component:
    try:
        from spark_control.components.layout import layout
    except ImportError:  # the shared layout is wired by the lead
        return content()
    return layout(TITLE, content())
