"""/login: sign in, or on first start set the operator password. Not in the sidebar."""

from __future__ import annotations

import reflex as rx

from spark_control.components.layout import logo
from spark_control.state.session import LoginState

ROUTE = "/login"
TITLE = "Sign in"
ICON = "log-in"
ON_LOAD = LoginState.load  # the one page without SessionState.require_login


def _form() -> rx.Component:
    return rx.form(
        rx.vstack(
            rx.text("Password", size="2", weight="medium"),
            rx.input(
                name="password",
                type="password",
                id="login-password",
                placeholder=rx.cond(LoginState.password_set, "Operator password", "At least 10 characters"),
                auto_focus=True,
                auto_complete=rx.cond(LoginState.password_set, "current-password", "new-password"),
                required=True,
                width="100%",
            ),
            rx.cond(
                ~LoginState.password_set,
                rx.vstack(
                    rx.text("Repeat the password", size="2", weight="medium"),
                    rx.input(
                        name="confirm",
                        type="password",
                        id="login-confirm",
                        auto_complete="new-password",
                        required=True,
                        width="100%",
                    ),
                    width="100%",
                    spacing="1",
                ),
            ),
            rx.cond(
                LoginState.error != "",
                rx.callout(
                    LoginState.error,
                    icon="triangle-alert",
                    color_scheme="red",
                    size="1",
                    id="login-error",
                    width="100%",
                ),
            ),
            rx.button(
                rx.cond(LoginState.password_set, "Sign in", "Set password and sign in"),
                type="submit",
                id="login-submit",
                loading=LoginState.busy,
                width="100%",
            ),
            spacing="3",
            width="100%",
        ),
        on_submit=LoginState.submit,
        reset_on_submit=True,
        width="100%",
    )


def page() -> rx.Component:
    return rx.center(
        rx.card(
            rx.vstack(
                rx.hstack(logo(24), rx.heading("Spark Control", size="5"), align="center"),
                rx.heading(
                    rx.cond(LoginState.password_set, "Operator sign-in", "First start: set the operator password"),
                    size="3",
                    id="login-title",
                    weight="medium",
                ),
                rx.cond(
                    ~LoginState.password_set,
                    rx.text(
                        "No operator password is set yet. The one you choose here protects the dashboard and "
                        "every administrative route. (Or set OPERATOR_PASSWORD and restart.)",
                        size="2",
                        color_scheme="gray",
                    ),
                ),
                _form(),
                spacing="4",
                width="100%",
            ),
            size="3",
            width="380px",
        ),
        min_height="100vh",
        background="var(--gray-a2)",
    )
