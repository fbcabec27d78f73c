"""The confirmation dialog every mutation asks through (a swap, a patch reapply, pinning a host
key): a title, what will happen, Cancel, and the action."""

from __future__ import annotations

import reflex as rx


def confirm_action(label: str, on_click, id: str) -> rx.Component:
    """The dialog's confirming button (closes the dialog, then runs ``on_click``)."""
    return rx.alert_dialog.action(rx.button(label, on_click=on_click, id=id))


def confirm_dialog(
    title,
    description,
    *,
    confirm: rx.Component,
    open,
    on_open_change,
    cancel_id: str | None = None,
) -> rx.Component:
    cancel_props = {"id": cancel_id} if cancel_id else {}
    return rx.alert_dialog.root(
        rx.alert_dialog.content(
            rx.alert_dialog.title(title),
            rx.alert_dialog.description(description),
            rx.hstack(
                rx.alert_dialog.cancel(rx.button("Cancel", variant="soft", color_scheme="gray", **cancel_props)),
                confirm,
                spacing="3",
                justify="end",
                margin_top="1em",
            ),
        ),
        open=open,
        on_open_change=on_open_change,
    )
