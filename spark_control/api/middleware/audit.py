"""The audit middleware: every mutating request made by an operator (or any DELETE/PUT/PATCH)
is written to the audit log with who, what, from where and the status, unless the route or core
already recorded the domain action (``deps.mark_audited``)."""

from __future__ import annotations

import logging

from fastapi import FastAPI
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from spark_control.api.deps import AUDITED_SCOPE_KEY, PRINCIPAL_SCOPE_KEY, Principal, actor_label

log = logging.getLogger(__name__)

MUTATING = {"POST", "PUT", "PATCH", "DELETE"}


class AuditMiddleware:
    """After a mutating request, write who did it (as the access dependency found them), what,
    from where and the status. Routes that audit themselves call ``deps.mark_audited``.
    Operator requests are all audited; app requests only when they change or delete something
    (DELETE/PUT/PATCH): a chat completion is not a mutation."""

    def __init__(self, app: ASGIApp, api: FastAPI) -> None:
        self.app = app
        self.api = api

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] not in MUTATING:
            await self.app(scope, receive, send)
            return
        status = 500

        async def capture(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
            await send(message)

        try:
            await self.app(scope, receive, capture)
        finally:
            principal: Principal | None = scope.get(PRINCIPAL_SCOPE_KEY)
            if principal is not None and not scope.get(AUDITED_SCOPE_KEY):
                audit_request(getattr(self.api.state, "controller", None), scope, principal, status)


def audit_request(controller, scope: Scope, principal: Principal, status: int) -> None:
    """The audit rule for a finished mutating request (``AuditMiddleware``, and the LLM fast path
    that bypasses it): every operator request, and an app's DELETE/PUT/PATCH."""
    if principal.kind != "operator" and scope["method"] == "POST":
        return
    if getattr(controller, "audit", None) is None:
        return
    client = scope.get("client")
    try:
        controller.audit.record(
            actor=actor_label(principal),
            action="api.request",
            target=f"{scope['method']} {scope['path']}",
            result=str(status),
            source=client[0] if client else "",
        )
    except Exception:  # the audit must never turn a done mutation into an error
        log.exception("could not write the audit entry for %s %s", scope["method"], scope["path"])
