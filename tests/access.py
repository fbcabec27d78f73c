"""Access control switched off for one area's router tests, the FastAPI way: the access
dependencies are replaced with ``app.dependency_overrides``. Production code has no such seam
(a controller without ``auth`` fails closed); tests of access control itself use a real
``AuthService`` (tests/auth)."""

from __future__ import annotations

from fastapi import FastAPI, Request

from spark_control.api.deps import (
    ANONYMOUS,
    APP_SCOPES,
    PRINCIPAL_SCOPE_KEY,
    Principal,
    require_app,
    require_operator,
    require_operator_or_cookie,
)

# Who the routes see: any app scope, or the operator (as the access check would leave them for
# the audit middleware).
OPEN_APP = ANONYMOUS
OPEN_OPERATOR = Principal(kind="operator", id="operator", name="operator (unchecked)", scopes=frozenset(APP_SCOPES))


def _as(principal: Principal):
    async def dep(request: Request) -> Principal:
        request.scope[PRINCIPAL_SCOPE_KEY] = principal
        return principal

    return dep


def open_access(api: FastAPI) -> FastAPI:
    """Let every request through ``api``'s routes, as an app of every scope or as the operator."""
    for scope in APP_SCOPES:
        api.dependency_overrides[require_app(scope)] = _as(OPEN_APP)
    api.dependency_overrides[require_operator] = _as(OPEN_OPERATOR)
    api.dependency_overrides[require_operator_or_cookie] = _as(OPEN_OPERATOR)
    return api
