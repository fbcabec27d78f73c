"""FastAPI dependencies shared by every router: the controller, and who is calling.

Routers never import a global controller; they declare ``controller: Controller =
Depends(get_controller)`` so tests can hand them another one.

Access: gateway routes declare ``principal: Principal = Depends(require_app("llm"))`` (scopes:
llm, audio, embed, search, redaction); operator routes (every mutation and admin read) declare
``Depends(require_operator)``. Both read ``Authorization: Bearer <secret>`` (what the OpenAI SDK's
``api_key`` sends) and check it with ``controller.auth`` (``spark_control.auth.AuthService``).

- an app key passes ``require_app(scope)`` when it has that scope (403 otherwise);
- an operator token or an operator session passes both;
- ``APP_AUTH=off`` lets app routes through without a key (``ANONYMOUS``; a valid key given anyway
  still identifies its caller), never operator routes.
Every refusal is written to the audit log (key id and name, never the secret). A controller
without ``auth`` fails closed; tests replace these dependencies with ``dependency_overrides``."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from spark_control.auth.service import APP_SCOPES, Denial
from spark_control.errors import ConfigError, Forbidden, Unauthorized, Unavailable

if TYPE_CHECKING:
    from spark_control.auth import AuthService
    from spark_control.controller import Controller

# Declares "Authorization: Bearer" in the OpenAPI schema (clients and /docs see it); the check
# itself is ours (auto_error off), so refusals keep the OpenAI error shape.
_BEARER_APP = HTTPBearer(auto_error=False, scheme_name="AppKey", description="An app API key (sck_...)")
_BEARER_OPERATOR = HTTPBearer(
    auto_error=False, scheme_name="Operator", description="An operator token (sco_...) or sign-in token (scs_...)"
)
# Where the principal is left for the audit middleware (``api.middleware.audit``) to read.
PRINCIPAL_SCOPE_KEY = "spark_control.principal"
AUDITED_SCOPE_KEY = "spark_control.audited"
SESSION_COOKIE = "sc_session"  # the UI's session cookie; accepted only on read-only docs routes


@dataclass(frozen=True)
class Principal:
    kind: str  # "operator" | "app" | "anonymous"
    id: str  # stable id (key id, operator name); "anonymous" when auth is off
    name: str = ""
    scopes: frozenset[str] = field(default_factory=frozenset)


ANONYMOUS = Principal(kind="anonymous", id="anonymous", name="anonymous", scopes=frozenset(APP_SCOPES))

_MESSAGES = {
    "missing": "Missing API key. Send it as 'Authorization: Bearer <key>' (the OpenAI SDK's api_key does this). "
    "An operator creates keys on the Access page.",
    "unknown": "Invalid API key.",
    "revoked": "This API key was revoked. Ask an operator for a new one.",
    "expired": "This sign-in has expired. Sign in again.",
}
_OPERATOR_MESSAGES = {
    "missing": "This route needs an operator: send 'Authorization: Bearer <operator token or session token>'.",
    "unknown": "Invalid operator token.",
    "revoked": "This operator token was revoked.",
    "expired": "This sign-in has expired. Sign in again.",
}


def get_controller(request: Request) -> Controller:
    return request.app.state.controller


def controller_service(request: Request, name: str):
    """An area's service from the controller. Absent (its service is not configured on any
    node) -> 503 with a message saying so."""
    svc = getattr(request.app.state.controller, name, None)
    if svc is None:
        raise Unavailable(f"{name} is not available: its service is not configured on any node (see Settings)")
    return svc


def client_address(request: Request) -> str:
    return request.client.host if request.client else ""


def bearer_token(request: Request) -> str:
    """The secret from ``Authorization: Bearer <secret>`` ("" when absent or not a bearer)."""
    return parse_bearer(request.headers.get("authorization", ""))


def parse_bearer(value: str) -> str:
    scheme, _, token = value.partition(" ")
    if scheme.lower() != "bearer":
        return ""
    return token.strip()


def actor_label(principal: Principal) -> str:
    """How a principal appears in the audit log: kind, name and stable id; never a secret."""
    if principal.kind == "anonymous":
        return "anonymous"
    if principal.name and principal.name != principal.id:
        return f"{principal.kind}:{principal.id} ({principal.name})"
    return f"{principal.kind}:{principal.id}"


def mark_audited(request: Request) -> None:
    """A route that wrote its own audit entry calls this so the middleware does not add a second."""
    request.scope[AUDITED_SCOPE_KEY] = True


@contextmanager
def audited_by_core(request: Request, *recorded: type[BaseException]) -> Iterator[None]:
    """Around a core call that writes its own audit row (``ssh.pin``, ``swap.request``...): when it
    returns, and when it raises one of the ``recorded`` errors the core also writes a row for
    (a lock conflict, a pin mismatch), the audit middleware adds no second row. Other errors (bad
    input the core refused before recording anything) keep the middleware's ``api.request`` row."""
    try:
        yield
    except recorded:
        mark_audited(request)
        raise
    mark_audited(request)


def _auth_of(controller) -> AuthService:
    """The auth service. A controller without one is a wiring mistake: every request fails
    closed (500 naming the fix). Tests that exercise one area's routes without access control
    replace the access dependencies with FastAPI's ``app.dependency_overrides`` instead."""
    auth = getattr(controller, "auth", None)
    if auth is None:
        raise ConfigError("access control is not wired: the Controller has no 'auth' service (AuthService).")
    return auth


def _principal(identity) -> Principal:
    return Principal(kind=identity.kind, id=identity.id, name=identity.name, scopes=identity.scopes)


def _deny(controller, exc: Unauthorized | Forbidden, *, actor: str, reason: str, target: str, source: str, **detail):
    controller.audit.record(
        actor=actor, action="auth.denied", target=target, result=f"{exc.status} {reason}", source=source, **detail
    )
    raise exc


def _denied_actor(denial) -> str:
    if denial.token_id:
        return f"{denial.token_id} ({denial.name})" if denial.name else denial.token_id
    return "anonymous" if denial.reason == "missing" else "unknown-key"


def _remember(request: Request, principal: Principal) -> Principal:
    request.scope[PRINCIPAL_SCOPE_KEY] = principal
    return principal


def check_app_access(controller, scope: str, token: str, *, source: str, target: str) -> Principal:
    """Who may call a gateway route of ``scope`` with this bearer ``token`` (raises 401/403,
    audited). The one check behind ``require_app`` and the LLM fast path (``api.fastpath``);
    ``target`` ("POST /v1/...") and ``source`` (client address) are for the audit entry."""
    auth = _auth_of(controller)
    open_gateway = controller.settings.app_auth == "off"
    found = auth.authenticate(token, source=source)
    if isinstance(found, Denial):
        if open_gateway:
            return ANONYMOUS
        _deny(
            controller,
            Unauthorized(_MESSAGES[found.reason]),
            actor=_denied_actor(found),
            reason=found.reason,
            target=target,
            source=source,
            scope=scope,
        )
    principal = _principal(found)
    if principal.kind == "app" and scope not in principal.scopes:
        if open_gateway:
            return ANONYMOUS
        _deny(
            controller,
            Forbidden(
                f"This API key does not have the '{scope}' scope (it has: {', '.join(sorted(principal.scopes))}). "
                "An operator can create a key with it on the Access page.",
            ),
            actor=actor_label(principal),
            reason="scope",
            target=target,
            source=source,
            scope=scope,
        )
    return principal


_APP_DEPS: dict[str, object] = {}


def require_app(scope: str):
    """Dependency factory for gateway routes of one scope. One dependency per scope (the same
    object on every route), so ``app.dependency_overrides[require_app(scope)]`` replaces it."""
    if scope not in APP_SCOPES:
        raise ValueError(f"unknown scope {scope!r}")
    if scope in _APP_DEPS:
        return _APP_DEPS[scope]

    async def _dep(request: Request, _: HTTPAuthorizationCredentials | None = Depends(_BEARER_APP)) -> Principal:
        principal = check_app_access(
            get_controller(request),
            scope,
            bearer_token(request),
            source=client_address(request),
            target=f"{request.method} {request.url.path}",
        )
        return _remember(request, principal)

    _dep.scope = scope  # type: ignore[attr-defined]
    _APP_DEPS[scope] = _dep
    return _dep


async def require_operator(
    request: Request, _: HTTPAuthorizationCredentials | None = Depends(_BEARER_OPERATOR)
) -> Principal:
    controller = get_controller(request)
    auth = _auth_of(controller)
    source, target = client_address(request), f"{request.method} {request.url.path}"
    found = auth.authenticate(bearer_token(request), source=source)
    if isinstance(found, Denial):
        _deny(
            controller,
            Unauthorized(_OPERATOR_MESSAGES[found.reason]),
            actor=_denied_actor(found),
            reason=found.reason,
            target=target,
            source=source,
        )
    principal = _principal(found)
    if principal.kind != "operator":
        _deny(
            controller,
            Forbidden("App API keys cannot use operator routes; use an operator token."),
            actor=actor_label(principal),
            reason="not-operator",
            target=target,
            source=source,
        )
    return _remember(request, principal)


async def require_operator_or_cookie(request: Request) -> Principal:
    """Operator check for read-only pages a browser opens directly (the OpenAPI docs): the
    bearer header, or the UI's session cookie. Never used on mutating routes (CSRF)."""
    if not bearer_token(request):
        cookie = request.cookies.get(SESSION_COOKIE, "")
        auth = _auth_of(get_controller(request))
        if cookie:
            identity = auth.session_identity(cookie)
            if identity is not None:
                return _remember(request, _principal(identity))
    return await require_operator(request, None)
