"""/access: who may call the controller. App API keys (scoped, shown once, revocable), operator
tokens for scripts, the sign-in lifetime, and the recent audit log."""

from __future__ import annotations

import reflex as rx

from spark_control.auth import APP_SCOPES
from spark_control.components.layout import layout
from spark_control.state.access import AccessState, AuditRow, KeyRow

ROUTE = "/access"
TITLE = "Access"
ICON = "key-round"
ON_LOAD = AccessState.load  # add after SessionState.require_login

SCOPE_HELP = {
    "llm": "chat, completions, models",
    "audio": "transcription, speech",
    "embed": "embeddings, rerank",
    "search": "collections, ingest, query",
    "redaction": "scrub, rehydrate",
}


def _open_gateway_callout() -> rx.Component:
    return rx.cond(
        AccessState.app_auth_off,
        rx.callout(
            "APP_AUTH is off: the gateway routes (chat, audio, embeddings, search, redaction) accept requests "
            "without an API key, from anyone who can reach this port. Use this only on a VPN-only network. "
            "Keys below still work and identify their app. Operator routes always need a sign-in.",
            icon="shield-off",
            color_scheme="orange",
            id="app-auth-off-callout",
        ),
        rx.callout(
            "APP_AUTH is on: every gateway call needs an API key (Authorization: Bearer <key>).",
            icon="shield-check",
            color_scheme="green",
            size="1",
            id="app-auth-on-callout",
        ),
    )


def _secret_dialog() -> rx.Component:
    return rx.dialog.root(
        rx.dialog.content(
            rx.dialog.title("Copy it now"),
            rx.dialog.description(
                rx.text("This is the only time the ", AccessState.created_label, " is shown. It is stored hashed."),
                size="2",
            ),
            rx.vstack(
                rx.input(
                    value=AccessState.created_secret,
                    read_only=True,
                    id="new-secret",
                    width="100%",
                    font_family="monospace",
                ),
                rx.hstack(
                    rx.button(
                        rx.icon("copy", size=14),
                        "Copy",
                        on_click=rx.set_clipboard(AccessState.created_secret),
                        id="copy-secret",
                        variant="soft",
                    ),
                    rx.spacer(),
                    rx.button("I stored it", on_click=AccessState.dismiss_secret, id="dismiss-secret"),
                    width="100%",
                ),
                spacing="3",
                padding_top="1em",
            ),
        ),
        open=AccessState.created_secret != "",
    )


def _key_rows(rows, kind: str) -> rx.Component:
    def row(k: KeyRow) -> rx.Component:
        return rx.table.row(
            rx.table.cell(rx.text(k.name, weight="medium")),
            rx.table.cell(rx.code(k.prefix)),
            rx.table.cell(k.scopes) if kind == "app" else rx.fragment(),
            rx.table.cell(k.created),
            rx.table.cell(rx.text(k.last_used, " ", rx.cond(k.last_used_from != "", "from " + k.last_used_from, ""))),
            rx.table.cell(
                rx.cond(
                    k.active,
                    rx.button(
                        "Revoke",
                        on_click=AccessState.revoke(k.id),
                        color_scheme="red",
                        variant="soft",
                        size="1",
                        id="revoke-" + k.id,
                    ),
                    rx.badge("revoked", color_scheme="gray"),
                )
            ),
            id="row-" + k.id,
        )

    headers = ["Name", "Key", *(["Scopes"] if kind == "app" else []), "Created", "Last used", ""]
    return rx.table.root(
        rx.table.header(rx.table.row(*[rx.table.column_header_cell(h) for h in headers])),
        rx.table.body(rx.foreach(rows, row)),
        width="100%",
        id=f"{kind}-keys-table",
    )


def _app_keys() -> rx.Component:
    return rx.card(
        rx.vstack(
            rx.heading("App API keys", size="4"),
            rx.text(
                "For the apps on the network. Each key opens only the areas you tick.", size="2", color_scheme="gray"
            ),
            rx.hstack(
                rx.input(
                    placeholder="Name, e.g. crm-transcriber",
                    value=AccessState.key_name,
                    on_change=AccessState.set_key_name,
                    id="key-name",
                    width="260px",
                ),
                *[
                    rx.tooltip(
                        rx.checkbox(
                            scope,
                            checked=AccessState.scope_flags[scope],
                            on_change=lambda checked, s=scope: AccessState.set_scope(s, checked),
                            id=f"scope-{scope}",
                        ),
                        content=SCOPE_HELP[scope],
                    )
                    for scope in APP_SCOPES
                ],
                rx.button(rx.icon("plus", size=14), "Create key", on_click=AccessState.create_key, id="create-key"),
                spacing="4",
                align="center",
                wrap="wrap",
            ),
            _key_rows(AccessState.keys, "app"),
            spacing="3",
            width="100%",
        ),
        width="100%",
    )


def _operator_tokens() -> rx.Component:
    return rx.card(
        rx.vstack(
            rx.heading("Operator tokens", size="4"),
            rx.text(
                "For your own scripts that call operator routes (swap, settings, audit). They act as you "
                "and last until revoked.",
                size="2",
                color_scheme="gray",
            ),
            rx.hstack(
                rx.input(
                    placeholder="Name, e.g. nightly-swap",
                    value=AccessState.token_name,
                    on_change=AccessState.set_token_name,
                    id="token-name",
                    width="260px",
                ),
                rx.button(
                    rx.icon("plus", size=14),
                    "Create token",
                    on_click=AccessState.create_operator_token,
                    id="create-token",
                    variant="outline",
                ),
                spacing="3",
            ),
            _key_rows(AccessState.operator_tokens, "operator"),
            spacing="3",
            width="100%",
        ),
        width="100%",
    )


def _sessions() -> rx.Component:
    return rx.card(
        rx.vstack(
            rx.heading("Sign-ins", size="4"),
            rx.hstack(
                rx.text("A sign-in lasts", size="2"),
                rx.input(
                    value=AccessState.session_hours,
                    on_change=AccessState.set_session_hours,
                    id="session-hours",
                    width="80px",
                    type="number",
                    min="0.01",
                    step="any",
                ),
                rx.text("hours.", size="2"),
                rx.button(
                    "Save",
                    on_click=AccessState.save_session_hours,
                    id="save-session-hours",
                    size="2",
                    variant="outline",
                ),
                rx.spacer(),
                rx.text(AccessState.open_sessions, " open", size="2", color_scheme="gray", id="open-sessions"),
                rx.button(
                    "Sign out everywhere",
                    on_click=AccessState.sign_out_everywhere,
                    color_scheme="red",
                    variant="soft",
                    id="sign-out-everywhere",
                ),
                align="center",
                spacing="3",
                width="100%",
            ),
            spacing="3",
            width="100%",
        ),
        width="100%",
    )


def _password() -> rx.Component:
    def field(name: str, label: str, autocomplete: str) -> rx.Component:
        return rx.input(
            name=name,
            type="password",
            placeholder=label,
            auto_complete=autocomplete,
            required=True,
            id=name.replace("_", "-"),
            width="200px",
        )

    return rx.card(
        rx.vstack(
            rx.heading("Operator password", size="4"),
            rx.form(
                rx.hstack(
                    field("current_password", "Current password", "current-password"),
                    field("new_password", "New password (10+ characters)", "new-password"),
                    field("confirm_password", "Repeat the new password", "new-password"),
                    rx.button("Change password", type="submit", id="change-password", variant="outline"),
                    spacing="3",
                    wrap="wrap",
                ),
                on_submit=AccessState.change_password,
                reset_on_submit=True,
            ),
            rx.text(
                "Changing it ends every other sign-in. If OPERATOR_PASSWORD is set, the next restart puts "
                "that one back.",
                size="1",
                color_scheme="gray",
            ),
            spacing="3",
            width="100%",
        ),
        width="100%",
    )


def _audit() -> rx.Component:
    def row(e: AuditRow) -> rx.Component:
        return rx.table.row(
            rx.table.cell(e.when),
            rx.table.cell(e.actor),
            rx.table.cell(e.source),
            rx.table.cell(rx.code(e.action)),
            rx.table.cell(e.target),
            rx.table.cell(e.result),
        )

    return rx.card(
        rx.vstack(
            rx.heading("Recent audit log", size="4"),
            rx.text(
                "Every mutation and every refused request. The full log: GET /api/audit.", size="2", color_scheme="gray"
            ),
            rx.table.root(
                rx.table.header(
                    rx.table.row(
                        *[rx.table.column_header_cell(h) for h in ("When", "Who", "From", "What", "Target", "Result")]
                    )
                ),
                rx.table.body(rx.foreach(AccessState.audit, row)),
                width="100%",
                size="1",
                id="audit-table",
            ),
            spacing="3",
            width="100%",
        ),
        width="100%",
    )


def content() -> rx.Component:
    return rx.vstack(
        _open_gateway_callout(),
        rx.cond(
            AccessState.error != "",
            rx.callout(AccessState.error, icon="triangle-alert", color_scheme="red", id="access-error"),
        ),
        rx.cond(
            AccessState.notice != "",
            rx.callout(AccessState.notice, icon="info", color_scheme="blue", size="1", id="access-notice"),
        ),
        _app_keys(),
        _operator_tokens(),
        _sessions(),
        _password(),
        _audit(),
        _secret_dialog(),
        spacing="4",
        width="100%",
    )


def page() -> rx.Component:
    return layout(TITLE, content())
