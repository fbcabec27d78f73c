"""Access routes: operator sign-in/out and first-start password, API keys and operator tokens
(operator only), session settings, and the audit log (operator only).

Secrets appear exactly once, in the response that creates them."""

from __future__ import annotations

from typing import Literal

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import Response
from pydantic import BaseModel, Field

from spark_control.api.deps import (
    Principal,
    actor_label,
    bearer_token,
    client_address,
    get_controller,
    mark_audited,
    require_operator,
)
from spark_control.audit import AuditEntry
from spark_control.errors import NotFound

router = APIRouter(tags=["access"])


class PasswordIn(BaseModel):
    password: str = Field(min_length=1, max_length=1024)


class ChangePasswordIn(BaseModel):
    current_password: str = Field(min_length=1, max_length=1024)
    new_password: str = Field(min_length=1, max_length=1024)


class SessionOut(BaseModel):
    token: str
    token_type: Literal["bearer"] = "bearer"
    expires_at: float


class StatusOut(BaseModel):
    password_set: bool
    app_auth: Literal["on", "off"]


class MeOut(BaseModel):
    kind: str
    id: str
    name: str
    scopes: list[str]


class KeyOut(BaseModel):
    id: str
    kind: Literal["app", "operator"]
    name: str
    prefix: str
    scopes: list[str]
    created_at: float
    created_by: str
    last_used_at: float | None
    last_used_from: str
    revoked_at: float | None
    active: bool


class NewKeyOut(KeyOut):
    key: str = Field(description="The secret. Shown only in this response: store it now.")


class KeyIn(BaseModel):
    name: str = Field(min_length=1, max_length=64)
    scopes: list[str] = Field(min_length=1, description="llm, audio, embed, search, redaction")


class OperatorTokenIn(BaseModel):
    name: str = Field(min_length=1, max_length=64)


class AuthSettingsOut(BaseModel):
    session_ttl_seconds: float
    app_auth: Literal["on", "off"]


class AuthSettingsIn(BaseModel):
    session_ttl_seconds: float = Field(ge=1, le=90 * 24 * 3600)


class SessionListItem(BaseModel):
    id: str
    created_at: float
    expires_at: float
    created_from: str


def _key_out(info, secret: str | None = None) -> KeyOut:
    data = dict(
        id=info.id,
        kind=info.kind,
        name=info.name,
        prefix=info.prefix,
        scopes=list(info.scopes),
        created_at=info.created_at,
        created_by=info.created_by,
        last_used_at=info.last_used_at,
        last_used_from=info.last_used_from,
        revoked_at=info.revoked_at,
        active=info.active,
    )
    return NewKeyOut(**data, key=secret) if secret is not None else KeyOut(**data)


def _by(principal: Principal, request: Request) -> dict[str, str]:
    """Who did it and from where, as the auth core records a change (``actor``, ``source``)."""
    return {"actor": actor_label(principal), "source": client_address(request)}


def _auth_settings_out(controller) -> AuthSettingsOut:
    return AuthSettingsOut(session_ttl_seconds=controller.auth.session_ttl, app_auth=controller.settings.app_auth)


def _session_out(controller, new) -> SessionOut:
    return SessionOut(token=new.secret, expires_at=new.info.created_at + controller.auth.session_ttl)


# ----- sign-in -----


@router.get("/api/auth/status")
async def auth_status(controller=Depends(get_controller)) -> StatusOut:
    """Open: whether the operator password is set yet (first start) and whether app keys are needed."""
    return StatusOut(password_set=controller.auth.password_is_set(), app_auth=controller.settings.app_auth)


@router.post("/api/auth/setup", status_code=201)
async def first_start(body: PasswordIn, request: Request, controller=Depends(get_controller)) -> SessionOut:
    """First start only: set the operator password (409 once it is set) and get a session."""
    mark_audited(request)
    new = await controller.auth.set_initial_password(body.password, source=client_address(request))
    return _session_out(controller, new)


@router.post("/api/auth/login")
async def sign_in(body: PasswordIn, request: Request, controller=Depends(get_controller)) -> SessionOut:
    """Operator sign-in. Failed attempts are slowed per source address (429 + Retry-After)."""
    mark_audited(request)
    new = await controller.auth.sign_in(body.password, source=client_address(request))
    return _session_out(controller, new)


@router.post("/api/auth/logout", status_code=204)
async def sign_out(
    request: Request, controller=Depends(get_controller), _: Principal = Depends(require_operator)
) -> Response:
    mark_audited(request)
    controller.auth.sign_out(bearer_token(request), source=client_address(request))
    return Response(status_code=204)


@router.get("/api/auth/me")
async def me(principal: Principal = Depends(require_operator)) -> MeOut:
    return MeOut(kind=principal.kind, id=principal.id, name=principal.name, scopes=sorted(principal.scopes))


@router.post("/api/auth/password")
async def change_password(
    body: ChangePasswordIn,
    request: Request,
    controller=Depends(get_controller),
    _: Principal = Depends(require_operator),
) -> SessionOut:
    """Change the operator password: ends every session and returns a new one."""
    mark_audited(request)
    new = await controller.auth.change_password(
        body.current_password, body.new_password, source=client_address(request)
    )
    return _session_out(controller, new)


@router.get("/api/auth/sessions")
async def list_sessions(
    controller=Depends(get_controller), _: Principal = Depends(require_operator)
) -> list[SessionListItem]:
    return [SessionListItem(**vars(s)) for s in controller.auth.sessions()]


class SignedOut(BaseModel):
    signed_out: int  # sessions ended


@router.delete("/api/auth/sessions", response_model=SignedOut)
async def sign_out_everywhere(
    request: Request, controller=Depends(get_controller), principal: Principal = Depends(require_operator)
) -> dict:
    mark_audited(request)
    n = controller.auth.sign_out_everywhere(**_by(principal, request))
    return {"signed_out": n}


@router.get("/api/auth/settings")
async def get_auth_settings(
    controller=Depends(get_controller), _: Principal = Depends(require_operator)
) -> AuthSettingsOut:
    return _auth_settings_out(controller)


@router.put("/api/auth/settings")
async def put_auth_settings(
    body: AuthSettingsIn,
    request: Request,
    controller=Depends(get_controller),
    principal: Principal = Depends(require_operator),
) -> AuthSettingsOut:
    """Change the operator session lifetime (applies to open sessions too)."""
    mark_audited(request)
    controller.auth.set_session_ttl(body.session_ttl_seconds, **_by(principal, request))
    return _auth_settings_out(controller)


# ----- app API keys -----


@router.get("/api/keys")
async def list_keys(
    include_revoked: bool = True, controller=Depends(get_controller), _: Principal = Depends(require_operator)
) -> list[KeyOut]:
    return [_key_out(k) for k in controller.auth.list_keys("app", include_revoked=include_revoked)]


@router.post("/api/keys", status_code=201)
async def create_key(
    body: KeyIn, request: Request, controller=Depends(get_controller), principal: Principal = Depends(require_operator)
) -> NewKeyOut:
    """Create an app API key. The ``key`` field is the only copy: it is stored hashed."""
    mark_audited(request)
    new = controller.auth.create_app_key(body.name, body.scopes, **_by(principal, request))
    return _key_out(new.info, new.secret)


@router.delete("/api/keys/{key_id}")
async def revoke_key(
    key_id: str, request: Request, controller=Depends(get_controller), principal: Principal = Depends(require_operator)
) -> KeyOut:
    return _revoke(controller, request, principal, key_id, "app", "app API key")


# ----- operator tokens (for scripts that call operator routes) -----


@router.get("/api/auth/operator-tokens")
async def list_operator_tokens(
    controller=Depends(get_controller), _: Principal = Depends(require_operator)
) -> list[KeyOut]:
    return [_key_out(k) for k in controller.auth.list_keys("operator")]


@router.post("/api/auth/operator-tokens", status_code=201)
async def create_operator_token(
    body: OperatorTokenIn,
    request: Request,
    controller=Depends(get_controller),
    principal: Principal = Depends(require_operator),
) -> NewKeyOut:
    mark_audited(request)
    new = controller.auth.create_operator_token(body.name, **_by(principal, request))
    return _key_out(new.info, new.secret)


@router.delete("/api/auth/operator-tokens/{token_id}")
async def revoke_operator_token(
    token_id: str,
    request: Request,
    controller=Depends(get_controller),
    principal: Principal = Depends(require_operator),
) -> KeyOut:
    return _revoke(controller, request, principal, token_id, "operator", "operator token")


def _revoke(controller, request: Request, principal: Principal, key_id: str, kind: str, what: str) -> KeyOut:
    """Revoke one secret of ``kind``; an id of the other kind is "not found" (no cross-kind revokes)."""
    mark_audited(request)
    if controller.auth.get_key(key_id).kind != kind:
        raise NotFound(f"no {what} with id {key_id!r}")
    return _key_out(controller.auth.revoke_key(key_id, **_by(principal, request)))


# ----- audit log -----


@router.get("/api/audit")
async def audit_log(
    limit: int = Query(200, ge=1, le=5000),
    action: str = Query("", description="only actions starting with this, e.g. 'auth.'"),
    controller=Depends(get_controller),
    _: Principal = Depends(require_operator),
) -> list[AuditEntry]:
    return controller.audit.recent(limit=limit, action_prefix=action)
