"""Header pieces for the operator session: the open-gateway warning and the sign-out button."""

from __future__ import annotations

import reflex as rx

from spark_control.state.session import SessionState


def open_gateway_badge() -> rx.Component:
    return rx.cond(
        SessionState.app_auth_off,
        rx.tooltip(
            rx.badge(
                rx.icon("shield-off", size=14),
                "APP_AUTH=off: gateway open",
                color_scheme="orange",
                variant="solid",
                size="2",
                id="app-auth-off-badge",
            ),
            content="Apps on the network can call the gateway without an API key. Operator routes still need "
            "a sign-in.",
        ),
    )


def sign_out_button() -> rx.Component:
    return rx.cond(
        SessionState.signed_in,
        rx.button(
            rx.icon("log-out", size=14),
            "Sign out",
            on_click=SessionState.sign_out,
            variant="soft",
            color_scheme="gray",
            size="2",
            id="sign-out",
        ),
    )


def session_controls() -> rx.Component:
    return rx.hstack(open_gateway_badge(), sign_out_button(), spacing="3", align="center")
