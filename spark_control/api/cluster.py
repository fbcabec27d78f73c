"""Cluster API: models + swaps, SSH key and nodes (settings, test, host-key pinning), and the
"reapply speech-model patches" action. Every route is operator-only. See docs/CLUSTER_API.md.

Services come from the controller: ``controller.cluster_manager`` (ClusterManager),
``controller.swaps`` (SwapManager), ``controller.patches`` (PatchManager)."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from typing import Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import JSONResponse, StreamingResponse
from pydantic import BaseModel, ConfigDict, Field

from spark_control.api.deps import Principal, audited_by_core, client_address, require_operator
from spark_control.cluster.nodes import ClusterManager, ConnectionTest
from spark_control.cluster.patches import PatchManager
from spark_control.cluster.pinning import PinMismatch
from spark_control.cluster.ssh import HostKeyChanged
from spark_control.cluster.swap import SwapManager
from spark_control.errors import Conflict, NotFound
from spark_control.jobs import TERMINAL
from spark_control.settings import NodeConfig

router = APIRouter()


def get_cluster(request: Request) -> ClusterManager:
    return request.app.state.controller.cluster_manager


def get_swaps(request: Request) -> SwapManager:
    return request.app.state.controller.swaps


def get_patches(request: Request) -> PatchManager:
    return request.app.state.controller.patches


# ------------------------------------------------------------------ models / bodies
class SwapRequest(BaseModel):
    model: str = Field(min_length=1, max_length=128)
    confirm: bool = False
    dry_run: bool = False


class JobAccepted(BaseModel):
    job_id: str


class NodesBody(BaseModel):
    nodes: list[NodeConfig]


class PinBody(BaseModel):
    fingerprint: str = Field(pattern=r"^SHA256:[A-Za-z0-9+/=]{20,64}$")


class ActionRequest(BaseModel):
    confirm: bool = False
    dry_run: bool = False


# Typed views of jobs for OpenAPI: the same shape as ``Job.to_dict`` (spark_control/jobs/machine.py).
class JobPhaseView(BaseModel):
    name: str
    state: str  # pending | running | done | failed | skipped
    started_at: float | None
    finished_at: float | None
    duration_s: float | None


class JobLogLine(BaseModel):
    ts: float
    phase: str
    line: str


class JobView(BaseModel):
    job_id: str
    kind: str  # swap | patch
    state: str  # running | done | rolled_back | failed
    step: str
    model: str  # swap: the target model; patch: the patch version
    previous_model: str | None
    error: str | None
    note: str | None
    nodes: list[str]
    actor: str
    source: str
    created_at: float
    finished_at: float | None
    expected_s: float | None
    duration_s: float
    phases: list[JobPhaseView]
    progress: dict[str, Any]
    log: list[JobLogLine]


class SwapJobView(JobView):
    eta_s: float | None  # seconds until a model should serve again, while the job runs


class JobHistory(BaseModel):
    jobs: list[JobView]  # newest first, without log lines


# Typed views of the models list and the mutations' answers, the same shapes as the core's
# ``swap_plan.model_row``, ``serving.ServingInfo``/``SwapSignal``, ``SwapManager.plan`` and
# ``PatchManager.plan``.
class ModelRow(BaseModel):
    name: str
    served_name: str
    hf_repo: str
    description: str
    tensor_parallel: int
    max_model_len: int
    memory_gib: float
    params_b: float | None
    quantization: str | None
    expected_load_s: float
    measured_load_s: float | None
    catalog_load_time_s: float
    serving: bool
    state: str  # serving | loading | stopped


class ServingView(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    model: str
    served_name: str
    base_url: str
    since: float


class SwapSignalView(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    job_id: str
    model: str
    previous_model: str | None
    step: str
    started_at: float
    eta_s: float | None


class ModelsView(BaseModel):
    models: list[ModelRow]
    serving: ServingView | None
    swap: SwapSignalView | None  # the swap in progress, if any


class PlannedCommand(BaseModel):
    phase: str
    node: str
    command: str


class SwapPlan(BaseModel):
    dry_run: bool
    model: str
    served_name: str
    previous_model: str | None
    nodes: list[str]
    stops: str | None
    starts: str
    expected_s: float
    memory_gib: float
    commands: list[PlannedCommand]


class PatchPlan(BaseModel):
    dry_run: bool
    node: str
    container: str
    files: list[str]
    patch_version: str
    memory_limit: str
    commands: list[PlannedCommand]


class PublicKeyView(BaseModel):
    public_key: str
    fingerprint: str
    authorized_keys_hint: str


class NodeView(BaseModel):
    name: str
    host: str
    user: str
    ssh_port: int
    services: dict[str, int]
    pinned_fingerprints: list[str]


class NodesView(BaseModel):
    nodes: list[NodeView]


class HostKeyView(BaseModel):
    node: str
    host: str
    port: int
    key_type: str
    fingerprint: str
    pinned_fingerprints: list[str]
    state: str  # unpinned | pinned | changed


class PinView(BaseModel):
    node: str
    fingerprint: str
    state: str


class UnpinView(BaseModel):
    node: str
    removed: int  # pinned keys removed
    state: str


def mutation_route(path: str, plan: type[BaseModel]):
    """A route that starts a job: 202 ``JobAccepted``, or 200 and the ``plan`` for a dry run."""
    return router.post(
        path,
        tags=["cluster"],
        status_code=202,
        response_model=JobAccepted,
        responses={200: {"model": plan, "description": "dry_run: the plan, nothing runs"}},
    )


def accepted_or_plan(answer: dict[str, Any], dry_run: bool) -> JSONResponse | dict[str, Any]:
    """A mutation's answer: ``{"job_id"}`` (202, the route's status) or, for a dry run, the plan (200)."""
    return JSONResponse(answer, status_code=200) if dry_run else answer


# ------------------------------------------------------------------ models + swaps
@router.get("/api/models", tags=["cluster"], response_model=ModelsView)
async def list_models(swaps: SwapManager = Depends(get_swaps), _: Principal = Depends(require_operator)) -> dict:
    return {"models": swaps.models(), "serving": swaps.serving, "swap": swaps.swap_in_progress}


@mutation_route("/api/swap", SwapPlan)
async def start_swap(
    body: SwapRequest,
    request: Request,
    swaps: SwapManager = Depends(get_swaps),
    who: Principal = Depends(require_operator),
) -> JSONResponse | dict:
    with audited_by_core(request, NotFound, Conflict):  # swap.request / swap.dry_run rows
        res = swaps.request(
            body.model, confirm=body.confirm, dry_run=body.dry_run, actor=who.id, source=client_address(request)
        )
    return accepted_or_plan(res, body.dry_run)


@router.get("/api/swap/history", tags=["cluster"], response_model=JobHistory)
async def swap_history(
    limit: int = 50, swaps: SwapManager = Depends(get_swaps), _: Principal = Depends(require_operator)
) -> dict:
    return {"jobs": [j.to_dict(log_tail=0) for j in swaps.history(min(max(limit, 1), 500))]}


@router.get("/api/swap/{job_id}", tags=["cluster"], response_model=SwapJobView)
async def get_swap(
    job_id: str, swaps: SwapManager = Depends(get_swaps), _: Principal = Depends(require_operator)
) -> dict:
    return swaps.job_dict(job_id)


# The job event streams (Server-Sent Events): ``job`` (the job as ``JobView``), ``phase``, ``log``, then ``end``.
JOB_EVENTS: dict[int | str, dict[str, Any]] = {
    200: {"content": {"text/event-stream": {"schema": {"type": "string"}}}, "description": "the job's events"}
}


def _sse(event: str, data: dict) -> bytes:
    return f"event: {event}\ndata: {json.dumps(data, default=str)}\n\n".encode()


def job_events(get_job, events, topic: str, job_id: str, request: Request) -> StreamingResponse:
    """A job's event stream (``job_event_stream``); an unknown job is a 404 before streaming starts."""
    get_job(job_id)
    return StreamingResponse(
        job_event_stream(get_job, events, topic, job_id, request),
        media_type="text/event-stream",
        headers={"Cache-Control": "no-cache"},
    )


async def job_event_stream(get_job, events, topic: str, job_id: str, request: Request) -> AsyncIterator[bytes]:
    """Snapshot first, then every event of this job, until it ends (or the client leaves)."""
    async with events.subscribe(topic) as sub:
        job = get_job(job_id)
        yield _sse("job", job.to_dict())
        if job.done:
            yield _sse("end", {"job_id": job_id, "state": job.state})
            return
        while True:
            try:
                ev = await sub.get(timeout=15)
            except TimeoutError:
                if await request.is_disconnected():
                    return
                yield b": keepalive\n\n"
                continue
            if ev.data.get("job_id") != job_id:
                continue
            kind = ev.topic.split(".", 1)[1]
            yield _sse(kind, ev.data)
            if kind == "job" and ev.data.get("step") in TERMINAL:
                yield _sse("end", {"job_id": job_id, "state": ev.data.get("state")})
                return


@router.get("/api/swap/{job_id}/events", tags=["cluster"], response_class=StreamingResponse, responses=JOB_EVENTS)
async def swap_events(
    job_id: str, request: Request, swaps: SwapManager = Depends(get_swaps), _: Principal = Depends(require_operator)
) -> StreamingResponse:
    return job_events(swaps.job, swaps.events, "swap", job_id, request)


# ------------------------------------------------------------------ SSH key + nodes
@router.get("/api/ssh/public-key", tags=["cluster"], response_model=PublicKeyView)
async def public_key(cluster: ClusterManager = Depends(get_cluster), _: Principal = Depends(require_operator)) -> dict:
    assert cluster.key is not None
    return {
        "public_key": cluster.key.public_line,
        "fingerprint": cluster.key.fingerprint,
        "authorized_keys_hint": "append public_key to ~/.ssh/authorized_keys of the login user on each node",
    }


def _nodes_view(cluster: ClusterManager) -> dict:
    return {
        "nodes": [
            {**n.model_dump(), "pinned_fingerprints": cluster.pins.fingerprints(n.host, n.ssh_port)}
            for n in cluster.cluster.nodes
        ]
    }


@router.get("/api/settings/nodes", tags=["cluster"], response_model=NodesView)
async def get_nodes(cluster: ClusterManager = Depends(get_cluster), _: Principal = Depends(require_operator)) -> dict:
    return _nodes_view(cluster)


@router.put("/api/settings/nodes", tags=["cluster"], response_model=NodesView)
async def put_nodes(
    body: NodesBody,
    request: Request,
    cluster: ClusterManager = Depends(get_cluster),
    who: Principal = Depends(require_operator),
) -> dict:
    with audited_by_core(request):  # the settings.nodes row
        cluster.set_nodes(body.nodes, actor=who.id, source=client_address(request))
    return _nodes_view(cluster)


@router.post("/api/settings/nodes/{name}/test", tags=["cluster"], response_model=ConnectionTest)
async def test_node(
    name: str, cluster: ClusterManager = Depends(get_cluster), _: Principal = Depends(require_operator)
) -> ConnectionTest:
    return await cluster.test_connection(name)


@router.get("/api/settings/nodes/{name}/host-key", tags=["cluster"], response_model=HostKeyView)
async def node_host_key(
    name: str, cluster: ClusterManager = Depends(get_cluster), _: Principal = Depends(require_operator)
) -> dict:
    return await cluster.fetch_host_key(name)


@router.post("/api/settings/nodes/{name}/pin", tags=["cluster"], response_model=PinView)
async def pin_node(
    name: str,
    body: PinBody,
    request: Request,
    cluster: ClusterManager = Depends(get_cluster),
    who: Principal = Depends(require_operator),
) -> dict:
    with audited_by_core(request, PinMismatch, HostKeyChanged):  # ssh.pin, also its refusals
        return await cluster.pin(name, body.fingerprint, actor=who.id, source=client_address(request))


@router.delete("/api/settings/nodes/{name}/pin", tags=["cluster"], response_model=UnpinView)
async def unpin_node(
    name: str,
    request: Request,
    cluster: ClusterManager = Depends(get_cluster),
    who: Principal = Depends(require_operator),
) -> dict:
    with audited_by_core(request):  # the ssh.unpin row
        return await cluster.unpin(name, actor=who.id, source=client_address(request))


# ------------------------------------------------------------------ reapply patches
@mutation_route("/api/actions/reapply-patches", PatchPlan)
async def reapply_patches(
    body: ActionRequest,
    request: Request,
    patches: PatchManager = Depends(get_patches),
    who: Principal = Depends(require_operator),
) -> JSONResponse | dict:
    with audited_by_core(request, Conflict):  # patches.request / patches.dry_run rows
        res = patches.request(confirm=body.confirm, dry_run=body.dry_run, actor=who.id, source=client_address(request))
    return accepted_or_plan(res, body.dry_run)


@router.get("/api/actions/reapply-patches/history", tags=["cluster"], response_model=JobHistory)
async def patches_history(
    patches: PatchManager = Depends(get_patches), _: Principal = Depends(require_operator)
) -> dict:
    return {"jobs": [j.to_dict(log_tail=0) for j in patches.history()]}


@router.get("/api/actions/reapply-patches/{job_id}", tags=["cluster"], response_model=JobView)
async def patch_job(
    job_id: str, patches: PatchManager = Depends(get_patches), _: Principal = Depends(require_operator)
) -> dict:
    return patches.job(job_id).to_dict()


@router.get(
    "/api/actions/reapply-patches/{job_id}/events",
    tags=["cluster"],
    response_class=StreamingResponse,
    responses=JOB_EVENTS,
)
async def patch_events(
    job_id: str,
    request: Request,
    patches: PatchManager = Depends(get_patches),
    _: Principal = Depends(require_operator),
) -> StreamingResponse:
    return job_events(patches.job, patches.events, "patches", job_id, request)
