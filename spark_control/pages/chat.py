"""Chat: talk to the model vLLM serves now, streamed, with its name and measured speed
(time to first token, tokens/s). Paused, with the reason, while a model swap runs."""

from __future__ import annotations

import reflex as rx

from spark_control.components.layout import layout
from spark_control.state.chat import ChatState

ROUTE = "/chat"
TITLE = "Chat"
ICON = "message-square"


def _bubble(m: rx.Var) -> rx.Component:
    mine = m["role"] == "user"
    return rx.box(
        rx.text(m["content"], white_space="pre-wrap", size="3"),
        background=rx.cond(mine, "var(--accent-a3)", "var(--gray-a3)"),
        padding="0.6em 0.9em",
        border_radius="10px",
        max_width="80%",
        align_self=rx.cond(mine, "flex-end", "flex-start"),
        class_name=rx.cond(mine, "chat-msg chat-user", "chat-msg chat-assistant"),
    )


def _stat(label: str, value, id_: str) -> rx.Component:
    return rx.hstack(
        rx.text(label, size="1", color_scheme="gray"),
        rx.text(value, size="2", weight="medium", id=id_),
        spacing="1",
        align="center",
    )


def content() -> rx.Component:
    return rx.vstack(
        rx.hstack(
            rx.badge(
                rx.icon("brain-circuit", size=14),
                rx.cond(ChatState.model != "", ChatState.model, "no model"),
                size="2",
                variant="soft",
                id="chat-model",
            ),
            _stat("TTFT", rx.cond(ChatState.ttft_ms != "", ChatState.ttft_ms, "–"), "chat-ttft"),
            _stat("Speed", rx.cond(ChatState.tokens_per_s != "", ChatState.tokens_per_s, "–"), "chat-speed"),
            rx.spacer(),
            rx.button(
                rx.icon("eraser", size=14),
                "Clear",
                variant="soft",
                color_scheme="gray",
                on_click=ChatState.clear,
                disabled=ChatState.streaming,
                id="chat-clear",
            ),
            width="100%",
            align="center",
            spacing="4",
        ),
        rx.cond(
            ChatState.swap_note != "",
            rx.callout(ChatState.swap_note, icon="refresh-cw", color_scheme="amber", width="100%", id="chat-swap-note"),
        ),
        rx.cond(
            ChatState.error != "",
            rx.callout(ChatState.error, icon="triangle-alert", color_scheme="red", width="100%", id="chat-error"),
        ),
        rx.scroll_area(
            rx.vstack(rx.foreach(ChatState.messages, _bubble), spacing="3", width="100%", padding="0.5em"),
            type="auto",
            scrollbars="vertical",
            height="55vh",
            width="100%",
            id="chat-messages",
        ),
        rx.form(
            rx.hstack(
                rx.text_area(
                    value=ChatState.draft,
                    on_change=ChatState.set_draft,
                    placeholder=rx.cond(
                        ChatState.swap_running, "Paused while the model is swapped…", "Message the model…"
                    ),
                    disabled=ChatState.swap_running | (ChatState.model == ""),
                    rows="3",
                    width="100%",
                    id="chat-input",
                ),
                rx.cond(
                    ChatState.streaming,
                    rx.button(
                        rx.icon("square", size=14),
                        "Stop",
                        color_scheme="red",
                        type="button",
                        on_click=ChatState.stop,
                        id="chat-stop",
                    ),
                    rx.button(
                        rx.icon("send", size=14),
                        "Send",
                        type="submit",
                        id="chat-send",
                        disabled=ChatState.swap_running | (ChatState.model == ""),
                    ),
                ),
                width="100%",
                align="end",
            ),
            on_submit=lambda _: ChatState.send,
            reset_on_submit=False,
            width="100%",
        ),
        spacing="3",
        width="100%",
    )


def page() -> rx.Component:
    return layout(TITLE, content())
