"""Redaction gateway routes: ``POST /scrub`` and ``POST /rehydrate`` (also under
``/api/redaction/...``) and ``DELETE /api/redaction/sessions/{id}``. Thin: the core does the work."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Request, Response
from pydantic import BaseModel, Field

from spark_control.api.deps import Principal, controller_service, require_app
from spark_control.redaction.service import RedactionService
from spark_control.workers import run_cpu

router = APIRouter(tags=["redaction"])
require_redaction = require_app("redaction")  # one callable, so tests can override it


def get_redaction(request: Request) -> RedactionService:
    return controller_service(request, "redaction")


class ScrubRequest(BaseModel):
    text: str
    session_id: str | None = None


class Entity(BaseModel):
    placeholder: str
    type: str


class ScrubReply(BaseModel):
    text: str
    session_id: str
    entities: list[Entity]


class RehydrateRequest(BaseModel):
    text: str
    session_id: str
    stream_id: str | None = Field(default=None, max_length=128)
    final: bool = False


class RehydrateReply(BaseModel):
    text: str
    unresolved: list[str]


@router.post("/scrub", response_model=ScrubReply)
@router.post("/api/redaction/scrub", response_model=ScrubReply)
async def scrub(
    body: ScrubRequest,
    principal: Principal = Depends(require_redaction),
    service: RedactionService = Depends(get_redaction),
) -> ScrubReply:
    # CPU work in the bounded pool (a sync route would take one of FastAPI's 40 threads instead)
    r = await run_cpu(service.scrub, body.text, body.session_id, owner=principal.id)
    return ScrubReply(text=r.text, session_id=r.session_id, entities=[Entity(**e) for e in r.entities])


@router.post("/rehydrate", response_model=RehydrateReply)
@router.post("/api/redaction/rehydrate", response_model=RehydrateReply)
def rehydrate(
    body: RehydrateRequest,
    principal: Principal = Depends(require_redaction),
    service: RedactionService = Depends(get_redaction),
) -> RehydrateReply:
    r = service.rehydrate(body.text, body.session_id, owner=principal.id, stream_id=body.stream_id, final=body.final)
    return RehydrateReply(text=r.text, unresolved=r.unresolved)


@router.delete("/api/redaction/sessions/{session_id}", status_code=204)
def delete_session(
    session_id: str,
    principal: Principal = Depends(require_redaction),
    service: RedactionService = Depends(get_redaction),
) -> Response:
    owner = None if principal.kind == "operator" else principal.id
    service.delete_session(session_id, owner=owner)
    return Response(status_code=204)
