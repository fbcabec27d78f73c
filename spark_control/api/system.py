"""Controller-level routes: version and the overview snapshot."""

from __future__ import annotations

from fastapi import APIRouter, Depends

from spark_control.api.deps import Principal, get_controller, require_operator

router = APIRouter()


@router.get("/api/overview")
async def overview(controller=Depends(get_controller), _: Principal = Depends(require_operator)) -> dict:
    return controller.overview_snapshot()
