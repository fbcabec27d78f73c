"""The Access page: app API keys, operator tokens, the session lifetime, the recent audit log.
Every handler is ``@operator_only``; secrets are held in state only until the dialog closes."""

from __future__ import annotations

import dataclasses
import time

import reflex as rx

from spark_control.auth import APP_SCOPES
from spark_control.state.session import SessionState, _app_auth_off, _auth, operator_only

AUDIT_ROWS = 50


def _when(ts: float | None) -> str:
    return time.strftime("%Y-%m-%d %H:%M", time.localtime(ts)) if ts else "never"


@dataclasses.dataclass
class KeyRow:
    id: str = ""
    name: str = ""
    prefix: str = ""
    scopes: str = ""
    created: str = ""
    last_used: str = ""
    last_used_from: str = ""
    active: bool = True


@dataclasses.dataclass
class AuditRow:
    when: str = ""
    actor: str = ""
    source: str = ""
    action: str = ""
    target: str = ""
    result: str = ""


def _row(info) -> KeyRow:
    return KeyRow(
        id=info.id,
        name=info.name,
        prefix=info.prefix + "…",
        scopes=", ".join(info.scopes) if info.scopes else "operator",
        created=_when(info.created_at),
        last_used=_when(info.last_used_at),
        last_used_from=info.last_used_from,
        active=info.active,
    )


class AccessState(SessionState):
    keys: list[KeyRow] = []
    operator_tokens: list[KeyRow] = []
    audit: list[AuditRow] = []
    key_name: str = ""
    scope_flags: dict[str, bool] = {s: s == "llm" for s in APP_SCOPES}
    token_name: str = ""
    created_secret: str = ""
    created_label: str = ""
    error: str = ""
    notice: str = ""
    session_hours: str = ""
    open_sessions: int = 0

    def _actor(self) -> str:
        return "operator:operator"

    def _refresh(self) -> None:
        auth = _auth()
        if auth is None:
            return
        from spark_control.controller import current_controller

        self.app_auth_off = _app_auth_off()
        self.keys = [_row(k) for k in auth.list_keys("app")]
        self.operator_tokens = [_row(k) for k in auth.list_keys("operator")]
        self.session_hours = f"{auth.session_ttl / 3600:g}"
        self.open_sessions = len(auth.sessions())
        controller = current_controller()
        self.audit = [
            AuditRow(_when(e.ts), e.actor, e.source, e.action, e.target, e.result)
            for e in controller.audit.recent(limit=AUDIT_ROWS)
        ]

    @rx.event
    @operator_only
    def load(self):
        self.error = self.notice = ""
        self._refresh()

    @rx.event
    def set_key_name(self, value: str):
        self.key_name = value

    @rx.event
    def set_token_name(self, value: str):
        self.token_name = value

    @rx.event
    def set_scope(self, scope: str, checked: bool):
        if scope in self.scope_flags:
            self.scope_flags = {**self.scope_flags, scope: bool(checked)}

    @rx.event
    def set_session_hours(self, value: str):
        self.session_hours = value

    @rx.event
    @operator_only
    def create_key(self):
        from spark_control.errors import SparkControlError

        scopes = [s for s, on in self.scope_flags.items() if on]
        try:
            new = _auth().create_app_key(
                self.key_name, scopes, actor=self._actor(), source=self.router.session.client_ip
            )
        except SparkControlError as e:
            self.error = e.message
            return
        self.error = ""
        self.created_secret = new.secret
        self.created_label = f"API key “{new.info.name}” ({', '.join(new.info.scopes)})"
        self.key_name = ""
        self._refresh()

    @rx.event
    @operator_only
    def create_operator_token(self):
        from spark_control.errors import SparkControlError

        try:
            new = _auth().create_operator_token(
                self.token_name, actor=self._actor(), source=self.router.session.client_ip
            )
        except SparkControlError as e:
            self.error = e.message
            return
        self.error = ""
        self.created_secret = new.secret
        self.created_label = f"operator token “{new.info.name}”"
        self.token_name = ""
        self._refresh()

    @rx.event
    def dismiss_secret(self):
        self.created_secret = ""
        self.created_label = ""

    @rx.event
    @operator_only
    def revoke(self, key_id: str):
        from spark_control.errors import SparkControlError

        try:
            info = _auth().revoke_key(key_id, actor=self._actor(), source=self.router.session.client_ip)
        except SparkControlError as e:
            self.error = e.message
            return
        self.notice = f"Revoked “{info.name}”."
        self._refresh()

    @rx.event
    @operator_only
    def save_session_hours(self):
        from spark_control.errors import SparkControlError

        try:
            hours = float(self.session_hours)
            _auth().set_session_ttl(hours * 3600, actor=self._actor(), source=self.router.session.client_ip)
        except ValueError:
            self.error = "The session lifetime must be a number of hours."
            return
        except SparkControlError as e:
            self.error = e.message
            return
        self.error = ""
        self.notice = f"Sign-ins now last {hours:g} h."
        self._refresh()

    @rx.event
    @operator_only
    async def change_password(self, form: dict):
        """Change the operator password: every other sign-in ends, this browser stays signed in."""
        from spark_control.errors import SparkControlError

        new = str(form.get("new_password", ""))
        if new != str(form.get("confirm_password", "")):
            self.error = "The two new passwords differ."
            return
        try:
            session = await _auth().change_password(
                str(form.get("current_password", "")), new, source=self.router.session.client_ip
            )
        except SparkControlError as e:
            self.error = e.message
            return
        self.session_token = session.secret
        self.error = ""
        self.notice = "Password changed. Every other sign-in has ended."
        self._refresh()

    @rx.event
    @operator_only
    def sign_out_everywhere(self):
        _auth().sign_out_everywhere(actor=self._actor(), source=self.router.session.client_ip)
        self.session_token = ""
        self.signed_in = False
        return rx.redirect("/login")
