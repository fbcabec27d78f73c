"""Demo mode only: inject a fault into the in-process simulated cluster (for the health page's
browser test and for showing the product). Operator-only; 404 outside demo mode, so it does not
exist on a real cluster.

``POST /api/sim/faults {"target": "vllm", "fault": "service_down", "duration_s": 5}``:
``service_down`` stops a fake service (connections refused), ``host_down`` takes a fake node
off the network (SSH and its services), ``clear`` undoes both. With ``duration_s`` the fault
clears itself after that long.

The simulator is ``controller.sim`` (a ``spark_control.sim.cluster.SimCluster``): nodes go down
with its ``host_down``/``host_up``; a service goes down the way it does on a real Spark, by
stopping its container on the fake host (``docker stop``), and comes back by starting it (vLLM
then loads its model again, at simulated speed)."""

from __future__ import annotations

import asyncio
import logging
import time
from typing import Literal

from fastapi import APIRouter, Depends
from pydantic import BaseModel, Field

from spark_control.api.deps import Principal, get_controller, require_operator
from spark_control.errors import BadRequest, NotFound, Unavailable

log = logging.getLogger(__name__)

router = APIRouter()

_pending: set[asyncio.Task] = set()


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


def _service_container(sim, kind: str):
    node = sim.cluster_config.node_for(kind)
    if node is None:
        raise KeyError(kind)
    host = sim.hosts[node.name]
    if kind == "vllm":
        c = host.vllm_container()
    else:
        from spark_control.sim.cluster import SERVICE_CONTAINERS

        c = host.containers.get(SERVICE_CONTAINERS[kind][0])
    if c is None:
        raise KeyError(kind)
    return host, c


async def _service_down(sim, kind: str) -> None:
    host, c = _service_container(sim, kind)
    host.stop_container(c)
    await sim.sync()


async def _service_up(sim, kind: str) -> None:
    host, c = _service_container(sim, kind)
    host.start_container(c)
    await sim.sync()


_ADAPTERS = {"service_down": _service_down, "service_up": _service_up}


async def _call(sim, name: str, arg: str) -> None:
    fn = getattr(sim, name, None)
    if fn is None and name in _ADAPTERS:
        fn = lambda a: _ADAPTERS[name](sim, a)  # noqa: E731
    if fn is None:
        raise Unavailable(f"this simulator cannot {name.replace('_', ' ')}", retry_after=60)
    try:
        res = fn(arg)
        if asyncio.iscoroutine(res):
            await res
    except KeyError:
        raise BadRequest(f"the simulated cluster has no {arg!r}", param="target") from None


async def _clear(sim, target: str) -> None:
    for name in ("service_up", "host_up"):
        try:
            await _call(sim, name, target)
        except (BadRequest, Unavailable):
            continue


@router.post("/api/sim/faults", response_model=FaultResponse)
async def inject_fault(
    req: FaultRequest, controller=Depends(get_controller), _: Principal = Depends(require_operator)
) -> FaultResponse:
    sim = _sim(controller)
    now = time.time()
    if req.fault == "clear":
        await _clear(sim, req.target)
        return FaultResponse(target=req.target, fault="clear", applied_at=now, clears_at=None)
    await _call(sim, req.fault, req.target)
    log.info("demo: fault %s injected on %s for %s s", req.fault, req.target, req.duration_s)
    if req.duration_s:

        async def _later(up: str = "service_up" if req.fault == "service_down" else "host_up") -> None:
            await asyncio.sleep(req.duration_s)
            try:
                await _call(sim, up, req.target)
            except Exception:  # noqa: BLE001
                log.exception("demo: clearing fault on %s failed", req.target)

        task = asyncio.create_task(_later())
        _pending.add(task)
        task.add_done_callback(_pending.discard)
    return FaultResponse(
        target=req.target, fault=req.fault, applied_at=now, clears_at=now + req.duration_s if req.duration_s else None
    )
