"""FastAPI dependencies shared by every router: the controller, and who is calling.

Routers never import a global controller; they declare ``controller: Controller =
Depends(get_controller)`` so tests can hand them another one.

Access: gateway routes declare ``principal: Principal = Depends(require_app("llm"))`` (scopes:
llm, audio, embed, search, redaction); operator routes (every mutation and admin read) declare
``Depends(require_operator)``. The auth area implements the checks behind these two names."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from fastapi import Request

from spark_control.errors import Unavailable

if TYPE_CHECKING:
    from spark_control.controller import Controller

APP_SCOPES = ("llm", "audio", "embed", "search", "redaction")


@dataclass(frozen=True)
class Principal:
    kind: str  # "operator" | "app" | "anonymous"
    id: str  # stable id (key id, operator name); "anonymous" when auth is off
    name: str = ""
    scopes: frozenset[str] = field(default_factory=frozenset)


ANONYMOUS = Principal(kind="anonymous", id="anonymous", name="anonymous", scopes=frozenset(APP_SCOPES))


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


def require_app(scope: str):
    """Dependency factory for gateway routes of one scope."""
    if scope not in APP_SCOPES:
        raise ValueError(f"unknown scope {scope!r}")

    async def _dep(request: Request) -> Principal:
        return ANONYMOUS  # replaced by the auth area

    _dep.scope = scope  # type: ignore[attr-defined]
    return _dep


async def require_operator(request: Request) -> Principal:
    return Principal(kind="operator", id="operator", name="operator")  # replaced by the auth area
