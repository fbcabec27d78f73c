"""Controller-level routes: version and the overview snapshot."""

from __future__ import annotations

from fastapi import APIRouter, Depends
from pydantic import BaseModel

from spark_control.api.deps import Principal, get_controller, require_operator

router = APIRouter()


# Typed views for OpenAPI: the shapes of ``Controller.overview_snapshot`` and
# ``overview.node_summary`` (what the Overview page shows).
class ContainerRow(BaseModel):
    name: str
    image: str
    status: str
    healthy: str  # yes | starting | no


class NodeSummary(BaseModel):
    name: str
    hostname: str
    state: str  # up | down | unknown
    error: str
    uptime: str
    memory: str
    mem_pct: int
    gpu: str
    disk: str
    containers: list[ContainerRow]


class OverviewView(BaseModel):
    demo: bool
    status: str  # ok | degraded | down | starting
    status_text: str
    serving_model: str
    serving_state: str
    nodes: list[NodeSummary]
    updated_at: str  # HH:MM:SS, the controller's local time


@router.get("/api/overview", response_model=OverviewView)
async def overview(controller=Depends(get_controller), _: Principal = Depends(require_operator)) -> dict:
    return controller.overview_snapshot()
