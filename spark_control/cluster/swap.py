# ruff: noqa: ASYNC109 - `timeout` params are remote-command timeouts, not asyncio ones
"""Swap jobs: change the model Spark 1's vLLM serves, phase by phase, with rollback.

preflight -> stop -> wait_memory -> launch -> load -> verify -> done. A failure after stop
rolls back to the last model that served (``rollback`` -> ``rolled_back``); if that fails too,
or nothing served before, the job ends ``failed`` and says what is (not) serving. The run order
is ``SWAP_TABLE`` (below), the rollback's ``SWAP_ROLLBACK``; the job state machine, store and
runner live in ``spark_control/jobs/``.
This module holds the job kind: requests, rollback, restart reconciliation. Its steps are in
``swap_phases.py``, pure planning in ``swap_plan.py``, what serves in ``serving.py``.

For the LLM gateway (see docs/CLUSTER_API.md, "For the gateway"):
- ``SwapManager.serving`` -> ``ServingInfo | None`` (model, served name, base URL)
- ``SwapManager.swap_in_progress`` -> ``SwapSignal | None`` (job id, target, ETA)
- ``await SwapManager.wait_serving(timeout)`` returns once a model serves and no swap runs
- events ``swap.serving`` (serving model changed or became None), ``swap.job``, ``swap.phase``,
  ``swap.progress``, ``swap.log``.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import statistics
import time
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass
from typing import Any

import httpx

from spark_control.audit import AuditLog
from spark_control.catalog import Catalog, ModelSpec
from spark_control.cluster import commands
from spark_control.cluster.commands import LaunchTemplates
from spark_control.cluster.docker import parse_ps_json
from spark_control.cluster.nodes import ClusterManager
from spark_control.cluster.serving import ServingInfo, ServingTracker, SwapSignal
from spark_control.cluster.ssh import SSHError
from spark_control.cluster.swap_phases import NotListening, ReadFailed, StepFailed, SwapPhases, _reason
from spark_control.cluster.swap_plan import expected_total_s, model_row, swap_commands, swap_nodes
from spark_control.errors import BadRequest, ConfigError, NotFound
from spark_control.events import EventHub
from spark_control.jobs import Job, JobStore, MutationLocks, new_job_id
from spark_control.jobs.phases import PhaseTable
from spark_control.jobs.runner import JobRunner
from spark_control.store import Database

log = logging.getLogger(__name__)


@dataclass
class SwapTuning:
    """Timing knobs. Real seconds; ``time_scale`` divides expected model times (the simulator
    runs ``speed`` times faster than real time, so demo mode passes ``sim_speed``)."""

    time_scale: float = 1.0
    poll_s: float = 1.0
    command_timeout_s: float = 60.0
    stop_timeout_s: float = 120.0
    memory_settle_timeout_s: float = 90.0
    memory_stable_gib: float = 0.5
    load_timeout_factor: float = 3.0  # load fails after factor x expected load time ...
    load_timeout_min_s: float = 60.0  # ... but never sooner than this
    load_timeout_s: float | None = None  # fixed override
    http_timeout_s: float = 10.0
    host_retry_s: float = 30.0  # rollback keeps retrying an unreachable host this long
    drain_timeout_s: float = 30.0  # before stop: how long running gateway requests may finish
    log_tail: int = 400
    serving_recheck_s: float = 5.0  # while nothing is known to serve (and no swap runs), re-read vLLM this often


@dataclass(frozen=True)
class _SwapRun:
    """What a swap's steps work on. A rollback runs for ``spec`` = the model that served before
    (``prev`` None), patient with a host coming back (``retry_s``)."""

    manager: SwapManager
    job: Job
    spec: ModelSpec
    prev: ModelSpec | None
    retry_s: float = 0.0


# The swap's run order, once: the phases it shows, its transitions and its driver come from here.
SWAP_TABLE: PhaseTable[_SwapRun] = PhaseTable(
    [
        ("preflight", lambda r: r.manager._preflight(r.job, r.spec, r.prev), "failed"),  # changes nothing
        ("stop", lambda r: r.manager._stop(r.job), "rollback"),
        ("wait_memory", lambda r: r.manager._wait_memory(r.job, r.spec), "rollback"),
        ("launch", lambda r: r.manager._launch(r.job, r.spec), "rollback"),
        ("load", lambda r: r.manager._load(r.job, r.spec), "rollback"),
        ("verify", lambda r: r.manager._verify(r.job, r.spec), "rollback"),
    ]
)
# The phases a swap shows (in order); rollback/reconcile appear only when they happen.
SWAP_PHASES = SWAP_TABLE.names
SWAP_STEPS = SWAP_TABLE.steps(rollback="rollback")
SWAP_TRANSITIONS: Mapping[str, frozenset[str]] = SWAP_TABLE.transitions(
    rollback="rollback", reconcile=("load", "rollback", "done", "failed")
)
# The rollback's run order: the same phases again for the model that served before, inside the
# job's "rollback" step (which then ends rolled_back, or failed at the first row that fails).
SWAP_ROLLBACK: PhaseTable[_SwapRun] = PhaseTable(
    [
        ("stop", lambda r: r.manager._stop_for_rollback(r.job, retry_s=r.retry_s), "failed"),
        ("wait_memory", lambda r: r.manager._wait_memory(r.job, r.spec, retry_s=r.retry_s), "failed"),
        ("launch", lambda r: r.manager._launch(r.job, r.spec, retry_s=r.retry_s), "failed"),
        ("load", lambda r: r.manager._load(r.job, r.spec, retry_s=r.retry_s), "failed"),
        ("verify", lambda r: r.manager._verify(r.job, r.spec), "failed"),
    ]
)


class SwapManager(SwapPhases):
    def __init__(
        self,
        *,
        cluster: ClusterManager,
        catalog: Catalog,
        db: Database,
        events: EventHub,
        audit: AuditLog,
        templates: LaunchTemplates | None = None,
        tuning: SwapTuning | None = None,
        locks: MutationLocks | None = None,
        http: httpx.AsyncClient | None = None,
        upstream_api_key: str = "",
    ) -> None:
        self.cluster = cluster
        # vLLM's --api-key when the catalog entry does not say (LLM_UPSTREAM_API_KEY, as the gateway)
        self.upstream_api_key = upstream_api_key
        self.catalog = catalog
        self.events = events
        self.audit = audit
        self.templates = templates or LaunchTemplates()
        self.tuning = tuning or SwapTuning()
        self.locks = locks or MutationLocks()
        self.store = JobStore(db, events, "swap")
        self.db = db
        self._http = http
        self._own_http = http is None
        self.tracker = ServingTracker(
            db=db,
            events=events,
            base_url=self._vllm_url,
            swap_in_progress=lambda: self.swap_in_progress,
            read=self._read_serving,
            recheck_s=self.tuning.serving_recheck_s,
        )
        self.runner = JobRunner(
            kind="swap",
            transitions=SWAP_TRANSITIONS,
            phases=SWAP_PHASES,
            store=self.store,
            locks=self.locks,
            audit=audit,
            keep_unfinished=True,  # a swap task that ended unfinished still holds the gateway
            on_finished=self.tracker.wake,
        )
        self._watcher: asyncio.Task | None = None
        # Before vLLM stops, each drainer waits (up to drain_timeout_s) for its in-flight requests
        # to finish; new requests are already held because a swap is in progress.
        self.drainers: list[Callable[[float], Awaitable[bool]]] = []

    # ------------------------------------------------------------------ lifecycle
    async def start(self) -> None:
        if self._http is None:
            self._http = httpx.AsyncClient(timeout=self.tuning.http_timeout_s, trust_env=False)
        await self.refresh_serving()
        self.runner.resume(self._reconcile)
        self._watcher = asyncio.create_task(self.tracker.watch(), name="swap-serving-watch")

    async def stop(self) -> None:
        """Cancel running jobs WITHOUT marking them: they stay "running" in the database and the
        next start reconciles them with the real cluster (the same path as a crash)."""
        if self._watcher is not None:
            self._watcher.cancel()
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await self._watcher
            self._watcher = None
        await self.runner.cancel_all()
        if self._own_http and self._http is not None:
            await self._http.aclose()
            self._http = None

    # ------------------------------------------------------------------ gateway surface
    @property
    def serving(self) -> ServingInfo | None:
        return self.tracker.serving

    @property
    def swap_in_progress(self) -> SwapSignal | None:
        for job in self.runner.jobs.values():
            if not job.done:
                return SwapSignal(job.id, job.model, job.previous_model, job.step, job.created_at, self._eta(job))
        return None

    def _eta(self, job: Job) -> float | None:
        """Seconds until a model should serve again: from the vLLM load progress while loading,
        else what is left of the job's expected duration (measured load times + overhead)."""
        if job.step in ("load", "rollback") and job.progress.get("eta_s") is not None:
            return float(job.progress["eta_s"])
        if job.expected_s is None:
            return None
        return round(max(job.created_at + job.expected_s - time.time(), 1.0), 1)

    async def wait_serving(self, timeout: float | None = None) -> ServingInfo:  # noqa: ASYNC109
        """Wait until a model serves and no swap runs. Raises ``Unavailable`` (with a
        Retry-After from the swap's ETA) when ``timeout`` passes first."""
        return await self.tracker.wait(timeout)

    def _set_serving(self, spec: ModelSpec | None) -> None:
        self.tracker.set(spec)

    def last_served(self) -> str | None:
        return self.tracker.last_served()

    # ------------------------------------------------------------------ topology
    def _head(self) -> str:
        node = self.cluster.cluster.node_for("vllm")
        if node is None:
            raise ConfigError("no node runs the 'vllm' service; set services: {vllm: <port>} on the head node")
        return node.name

    def _vllm_url(self) -> str:
        url = self.cluster.cluster.url_for("vllm")
        if url is None:
            raise ConfigError("no node runs the 'vllm' service")
        return url

    def _port(self) -> int:
        return self.cluster.node(self._head()).services["vllm"]

    def nodes_for(self, spec: ModelSpec) -> list[str]:
        return swap_nodes(self._head(), [n.name for n in self.cluster.cluster.nodes], spec)

    # ------------------------------------------------------------------ reading state
    async def refresh_serving(self) -> ServingInfo | None:
        """Ask vLLM what it serves (``/v1/models``); map it back to a catalog entry."""
        return await self.tracker.refresh()

    async def _read_serving(self) -> ModelSpec | None:
        """The catalog entry vLLM serves now; None if nothing serves or it cannot be read. With
        ``--api-key`` the configured key is tried first, then the keys the catalog launches with."""
        keys = list(dict.fromkeys([self.upstream_api_key, *(s.api_key for s in self.catalog if s.api_key)]))
        ids: list[str] = []
        for key in keys:
            try:
                ids = await self._served_ids(key)
                break
            except ReadFailed as e:
                if e.status != 401:
                    break
            except Exception:  # noqa: BLE001 - not serving / unreachable: nothing known to serve
                break
        return next((s for i in ids if (s := self.catalog.by_served_name(i)) is not None), None)

    def _headers(self, key: str | None) -> dict[str, str]:
        key = self.upstream_api_key if key is None else key
        return {"authorization": f"Bearer {key}"} if key else {}

    def _key_for(self, spec: ModelSpec) -> str:
        return spec.api_key or self.upstream_api_key

    async def _served_ids(self, key: str | None = None) -> list[str]:
        """The ids ``/v1/models`` lists. Raises ``NotListening`` (connection refused) or
        ``ReadFailed`` (anything else that is not a well-formed answer)."""
        assert self._http is not None
        url = self._vllm_url() + "/v1/models"
        try:
            r = await self._http.get(url, headers=self._headers(key))
        except httpx.ConnectError as e:
            raise NotListening(f"GET /v1/models: connection refused ({e})") from e
        except httpx.HTTPError as e:
            raise ReadFailed(f"GET /v1/models failed: {type(e).__name__}: {e}") from e
        if r.status_code != 200:
            raise ReadFailed(f"GET /v1/models returned {r.status_code}: {r.text[:200]}", status=r.status_code)
        try:
            data = r.json()["data"]
            ids = [m["id"] for m in data]
        except (ValueError, KeyError, TypeError) as e:
            raise ReadFailed(f"GET /v1/models returned an unreadable body: {r.text[:200]!r}") from e
        if not all(isinstance(i, str) for i in ids):
            raise ReadFailed(f"GET /v1/models returned non-string ids: {ids!r}"[:300])
        return ids

    async def _health(self) -> bool:
        assert self._http is not None
        try:
            r = await self._http.get(self._vllm_url() + "/health", timeout=min(5.0, self.tuning.http_timeout_s))
            return r.status_code == 200
        except httpx.HTTPError:
            return False

    def expected_load_s(self, spec: ModelSpec) -> float:
        past = self.store.measured_load_times(spec.name)
        if past:
            return float(statistics.median(past))
        return spec.load_time_s / self.tuning.time_scale

    def measured_load_s(self, spec: ModelSpec) -> float | None:
        past = self.store.measured_load_times(spec.name)
        return float(statistics.median(past)) if past else None

    def _expected_total(self, spec: ModelSpec) -> float:
        return expected_total_s(self.expected_load_s(spec), self.tuning.time_scale)

    # ------------------------------------------------------------------ API surface
    def models(self) -> list[dict[str, Any]]:
        sig = self.swap_in_progress
        return [
            model_row(
                spec,
                serving=self.serving is not None and self.serving.model == spec.name,
                loading=sig is not None and sig.model == spec.name,
                expected_load_s=self.expected_load_s(spec),
                measured_load_s=self.measured_load_s(spec),
            )
            for spec in self.catalog
        ]

    def plan(self, spec: ModelSpec) -> dict[str, Any]:
        """What a swap to ``spec`` would do, with the exact commands (nothing runs)."""
        nodes = self.nodes_for(spec)
        cmds = swap_commands(
            self.templates,
            spec,
            head=self._head(),
            nodes=nodes,
            hosts=[self.cluster.node(n).host for n in nodes],
            port=self._port(),
            vllm_url=self._vllm_url(),
            log_tail=self.tuning.log_tail,
        )
        return {
            "model": spec.name,
            "served_name": spec.served_name,
            "previous_model": self.serving.model if self.serving else self.last_served(),
            "nodes": nodes,
            "stops": self.serving.model if self.serving else None,
            "starts": spec.name,
            "expected_s": self._expected_total(spec),
            "memory_gib": spec.memory_gib,
            "commands": cmds,
        }

    def request(
        self, model: str, *, confirm: bool, dry_run: bool = False, actor: str = "operator", source: str = ""
    ) -> dict[str, Any]:
        """Start a swap (returns ``{"job_id"}``) or, with ``dry_run``, return the plan.
        Raises NotFound (unknown model), BadRequest (no confirm), Conflict (a mutation runs)."""
        try:
            spec = self.catalog.get(model)
        except NotFound:
            self.audit.record(actor=actor, source=source, action="swap.request", target=model, result="not_found")
            raise
        if dry_run:
            plan = self.plan(spec)
            self.audit.record(actor=actor, source=source, action="swap.dry_run", target=model)
            return {"dry_run": True, **plan}
        if not confirm:
            raise BadRequest(
                "a swap stops the serving model: send confirm: true (or dry_run: true to preview)", param="confirm"
            )
        prev_spec = self.catalog.models.get(self.serving.model) if self.serving else None
        if prev_spec is None and (ls := self.last_served()):
            prev_spec = self.catalog.models.get(ls)
        nodes = self.nodes_for(spec)
        if prev_spec is not None:
            nodes += [n for n in self.nodes_for(prev_spec) if n not in nodes]
        job = Job(
            id=new_job_id("swap"),
            kind="swap",
            step="preflight",
            transitions=SWAP_TRANSITIONS,
            model=spec.name,
            previous_model=prev_spec.name if prev_spec else None,
            nodes=nodes,
            actor=actor,
            source=source,
            expected_s=self._expected_total(spec),
        )
        return self.runner.submit(
            job,
            lambda j: self._run(j, spec, prev_spec),
            action="swap.request",
            target=model,
            accepted={"previous_model": job.previous_model},
            conflict=lambda e: {"running_job": getattr(e, "extra", {}).get("job_id")},
        )

    def job(self, job_id: str) -> Job:
        return self.runner.job(job_id)

    def job_dict(self, job_id: str, *, log_tail: int | None = 200) -> dict[str, Any]:
        """The job as the API and UI show it, plus ``eta_s`` (seconds until a model should serve
        again) while it runs."""
        job = self.job(job_id)
        return {**job.to_dict(log_tail=log_tail), "eta_s": None if job.done else self._eta(job)}

    def history(self, limit: int = 50) -> list[Job]:
        return self.runner.history(limit)

    async def wait_job(self, job_id: str, timeout: float | None = None) -> Job:  # noqa: ASYNC109
        return await self.runner.wait(job_id, timeout)

    # ------------------------------------------------------------------ running
    def _log(self, job: Job, line: str) -> None:
        self.store.log(job, self._scrub(job, line))

    def _scrub(self, job: Job, text: str) -> str:
        """``text`` without the secrets of the job's models (their API keys, secret env values),
        e.g. in launch-cluster.sh's echo of the command or vLLM's "non-default args" line."""
        secrets: list[str] = [self.upstream_api_key] if len(self.upstream_api_key) >= 4 else []
        for name in (job.model, job.previous_model):
            spec = self.catalog.models.get(name) if name else None
            if spec is not None:
                secrets += spec.secrets
        for s in sorted(set(secrets), key=len, reverse=True):
            text = text.replace(s, "***")
        return text

    def _advance(self, job: Job, step: str, **kw: Any) -> None:
        """``store.advance`` with the job's error and note scrubbed of secrets first."""
        if job.error:
            job.error = self._scrub(job, job.error)
        if job.note:
            job.note = self._scrub(job, job.note)
        self.store.advance(job, step, **kw)

    async def _run(self, job: Job, spec: ModelSpec, prev: ModelSpec | None, *, start_at: str = "preflight") -> None:
        """Drive ``SWAP_TABLE`` from ``start_at``: a failed preflight changed nothing (the job
        fails), a failure after it rolls back to ``prev``."""
        try:
            failure = await SWAP_TABLE.run(job, _SwapRun(self, job, spec, prev), self._advance, start_at=start_at)
            if failure is not None and failure.row.on_fail == "failed":
                e = failure.error
                if isinstance(e, StepFailed):
                    job.error = f"{failure.row.phase} failed: {e.reason}; nothing was changed" + (
                        f", {prev.name} is still serving" if prev and self.serving else ""
                    )
                else:
                    job.error = f"{failure.row.phase} error: {type(e).__name__}: {e}; nothing was changed"
                self._log(job, job.error)
                self._advance(job, "failed", failed=True)
                self._audit_end(job)
                return
            if failure is not None:
                if not isinstance(failure.error, (StepFailed, SSHError)):
                    raise failure.error
                await self._rollback(job, prev, f"swap to {spec.name} failed at {job.step}: {_reason(failure.error)}")
                return
            self._set_serving(spec)
            job.note = f"{spec.name} is serving"
            self._advance(job, "done", expect="verify")
            self._log(job, f"done: {spec.name} serves as {spec.served_name!r}")
            self._audit_end(job)
        except asyncio.CancelledError:
            raise
        except Exception as e:  # noqa: BLE001 - never leave a job hanging in "running"
            log.exception("swap job %s crashed", job.id)
            job.error = f"internal error at {job.step}: {type(e).__name__}: {e}"
            with contextlib.suppress(Exception):
                self._advance(job, "failed", failed=True)
            self._audit_end(job)

    def _audit_end(self, job: Job) -> None:
        self.runner.record_finish(job, action="swap.finish", target=job.model, previous_model=job.previous_model)

    async def _rollback(self, job: Job, prev: ModelSpec | None, why: str) -> None:
        self._log(job, why)
        if prev is None:
            job.error = f"{why}; nothing served before, so there is nothing to roll back to: no model is serving"
            self._set_serving(None)
            self._advance(job, "failed", failed=True)
            self._audit_end(job)
            return
        self._advance(job, "rollback", failed=True)
        self._log(job, f"rolling back to {prev.name}")
        failure = await SWAP_ROLLBACK.run(job, _SwapRun(self, job, prev, None, retry_s=self.tuning.host_retry_s))
        if failure is not None:
            if not isinstance(failure.error, (StepFailed, SSHError)):
                raise failure.error
            job.error = f"{why}; rollback to {prev.name} ALSO failed: {_reason(failure.error)}; no model is serving"
            self._set_serving(None)
            self._log(job, job.error)
            self._advance(job, "failed", failed=True)
            self._audit_end(job)
            return
        self._set_serving(prev)
        job.error = why
        job.note = f"rolled back: {prev.name} is serving again"
        self._log(job, job.note)
        self._advance(job, "rolled_back")
        self._audit_end(job)

    # --- restart reconciliation --------------------------------------------------------------
    async def _reconcile(self, job: Job) -> None:
        """A job was "running" when the controller stopped. Read the real cluster and finish
        the job or mark it honestly."""
        was = job.step
        spec = self.catalog.models.get(job.model)
        prev = self.catalog.models.get(job.previous_model) if job.previous_model else None
        try:
            self._advance(job, "reconcile")
            self._log(job, f"controller restarted while this job was at {was}; reading the cluster")
            try:
                ids, loading = await self._read_cluster(job, [s for s in (spec, prev) if s is not None])
            except StepFailed as e:
                # Unreadable is not "nothing serves": stopping now could take down a model that
                # serves fine. Leave the cluster as it is and say so; serving is re-read later.
                job.error = (
                    f"interrupted by a controller restart at {was}; the cluster could not be read "
                    f"({e.reason}), so nothing was stopped or started: check what vLLM serves"
                )
                self._log(job, job.error)
                self._set_serving(None)
                self._advance(job, "failed", failed=True)
                self._audit_end(job)
                return
            self._log(job, f"vLLM serves {ids or 'nothing'}")
            if spec is not None and spec.served_name in ids:
                self._set_serving(spec)
                job.note = f"finished while the controller was down: {spec.name} is serving"
                self._advance(job, "done")
                self._audit_end(job)
                return
            if prev is not None and prev.served_name in ids:
                self._set_serving(prev)
                job.error = (
                    f"interrupted by a controller restart at {was}; {prev.name} is still serving, "
                    f"so the swap to {job.model} did not happen"
                )
                self._advance(job, "failed", failed=True)
                self._audit_end(job)
                return
            if spec is not None and loading and was in ("launch", "load", "verify"):
                self._log(job, f"{self.templates.container} is running: following the load of {spec.name}")
                self._advance(job, "load")
                await self._run(job, spec, prev, start_at="load")
                return
            if spec is None:
                raise StepFailed(f"{job.model} is no longer in the catalog")
            await self._rollback(job, prev, f"interrupted by a controller restart at {was}; nothing is serving")
        except asyncio.CancelledError:
            raise
        except Exception as e:  # noqa: BLE001
            job.error = f"reconciliation after restart failed: {type(e).__name__}: {e}"
            with contextlib.suppress(Exception):
                self._advance(job, "failed", failed=True)
            self._audit_end(job)

    async def _read_cluster(self, job: Job, specs: list[ModelSpec]) -> tuple[list[str], bool]:
        """What vLLM serves and whether its container runs, for reconciliation. A read that fails
        (an error answer, a timeout, SSH trouble) is retried for ``host_retry_s``; then StepFailed.
        Connection refused on vLLM's port is a reading: nothing serves."""
        keys = list(dict.fromkeys([*(self._key_for(s) for s in specs), self.upstream_api_key]))
        deadline = time.monotonic() + self.tuning.host_retry_s
        while True:
            ids: list[str] | None = None
            why = ""
            for key in keys:
                try:
                    ids = await self._served_ids(key)
                    break
                except NotListening:
                    ids = []
                    break
                except ReadFailed as e:
                    why = e.reason
                    if e.status != 401:
                        break
            if ids is not None and any(s.served_name in ids for s in specs):
                return ids, True
            running: bool | None = None
            try:
                r = await self.cluster.run(self._head(), commands.docker_ps(), timeout=20)
                if r.ok:
                    running = any(c.name == self.templates.container and c.running for c in parse_ps_json(r.stdout))
                else:
                    why = why or f"docker ps exited {r.exit_status}: {r.tail()}"
            except SSHError as e:
                why = why or f"docker ps: {_reason(e)}"
            if ids is not None and running is not None:
                return ids, running
            if time.monotonic() > deadline:
                raise StepFailed(why or "unknown")
            self._log(job, f"cannot read the cluster yet ({why}); retrying")
            await asyncio.sleep(max(self.tuning.poll_s, 0.2))
