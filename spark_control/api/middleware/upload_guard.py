"""Reflex's upload route (``/_upload``) refused before its body is read unless an operator is signed in."""

from __future__ import annotations

import logging

from starlette.types import ASGIApp, Receive, Scope, Send

from spark_control.api.errors import error_body
from spark_control.api.middleware._asgi import header
from spark_control.api.middleware.security_headers import send_json

log = logging.getLogger(__name__)


class UploadSessionGuard:
    """Reflex's ``/_upload`` reads the whole multipart body (up to the audio cap) before its event
    reaches the UI's session guard. This refuses, before one byte of the body is read, any request
    under ``/_upload`` (the upload POST and the uploaded files) without a signed-in operator
    session: ``signed_in(scope)`` decides (the session cookie, or the Reflex client's state)."""

    def __init__(self, app: ASGIApp, signed_in, audit=None, path: str = "/_upload") -> None:
        self.app = app
        self.signed_in = signed_in
        self.audit = audit  # () -> AuditLog | None
        self.path = path

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        path = scope.get("path", "")
        if scope["type"] != "http" or not (path == self.path or path.startswith(self.path + "/")):
            await self.app(scope, receive, send)
            return
        try:
            ok = await self.signed_in(scope)
        except Exception:
            log.exception("the upload session check failed; refusing")
            ok = False
        if ok:
            await self.app(scope, receive, send)
            return
        audit = self.audit() if self.audit is not None else None
        if audit is not None:
            client = scope.get("client")
            audit.record(
                actor="anonymous",
                action="auth.denied",
                target=f"{scope['method']} {self.path}",
                result="401 no session",
                source=client[0] if client else "",
            )
        message = "Uploads need a signed-in operator session (sign in at /login)."
        await send_json(send, 401, error_body(message, "authentication_error", 401))


def session_cookie(scope: Scope) -> str:
    """The UI's session cookie (``sc_session``) from a request's Cookie header, or ""."""
    from http.cookies import SimpleCookie

    from spark_control.api.deps import SESSION_COOKIE

    raw = header(scope, b"cookie")
    if not raw:
        return ""
    jar: SimpleCookie = SimpleCookie()
    try:
        jar.load(raw)
    except Exception:
        return ""
    morsel = jar.get(SESSION_COOKIE)
    return morsel.value if morsel is not None else ""
