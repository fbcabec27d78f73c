"""Demo mode only: inject a fault into the in-process simulated cluster (for the health page's
browser test and for showing the product). Operator-only; 404 outside demo mode, so it does not
exist on a real cluster.

``POST /api/sim/faults {"target": "vllm", "fault": "service_down", "duration_s": 5}``:
``service_down`` takes a fake service down (connections refused), ``host_down`` takes a fake
node off the network (SSH and its services), ``clear`` undoes both. With ``duration_s`` the fault
clears itself after that long.

The HTTP face of ``spark_control.sim.faults`` (which does the work on ``controller.sim``)."""

from __future__ import annotations

from typing import Literal

from fastapi import APIRouter, Depends
from pydantic import BaseModel, Field

from spark_control.api.deps import Principal, get_controller, require_operator
from spark_control.errors import BadRequest, NotFound, Unavailable

router = APIRouter()


class FaultRequest(BaseModel):
    target: str = Field(min_length=1, max_length=64, description="service kind (vllm, asr, ...) or node name")
    fault: Literal["service_down", "host_down", "clear"]
    duration_s: float | None = Field(default=None, gt=0, le=600)


class FaultResponse(BaseModel):
    target: str
    fault: str
    applied_at: float
    clears_at: float | None


def _sim(controller):
    if controller is None or not getattr(controller, "demo", False) or getattr(controller, "sim", None) is None:
        raise NotFound("fault injection exists only in demo mode (simulated cluster)")
    return controller.sim


@router.post("/api/sim/faults", response_model=FaultResponse)
async def inject_fault(
    req: FaultRequest, controller=Depends(get_controller), _: Principal = Depends(require_operator)
) -> FaultResponse:
    sim = _sim(controller)
    # Imported here: a real cluster's process never loads the simulator (demo mode already has).
    from spark_control.sim import faults

    try:
        if req.fault == "clear":
            done = await faults.clear(sim, req.target)
        else:
            done = await faults.inject(sim, req.fault, req.target, req.duration_s)
    except faults.UnknownTarget:
        raise BadRequest(f"the simulated cluster has no {req.target!r}", param="target") from None
    except faults.NotSupported as e:
        raise Unavailable(str(e), retry_after=60) from None
    return FaultResponse(target=done.target, fault=done.fault, applied_at=done.applied_at, clears_at=done.clears_at)
