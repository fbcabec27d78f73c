"""What every mutation job does around its own steps, written once:
request -> lock -> register -> persist -> audit -> spawn, then history, wait, and restart
reconciliation (a job still "running" in the store after a restart is locked again and handed
to the kind's reconcile step). A job kind (swap, patch) brings its transitions, its phases and
the coroutines that run them.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Awaitable, Callable, Mapping, Sequence
from typing import Any

from spark_control.audit import AuditLog
from spark_control.jobs.locks import MutationLocks
from spark_control.jobs.machine import Job
from spark_control.jobs.store import JobStore

_RECANCEL_S = 0.01  # cancel_all: how long a cancelled task may take to end before it is cancelled again


class JobRunner:
    """The live jobs of one kind and their tasks.

    ``keep_unfinished``: a job whose task ended without reaching a terminal step stays in
    ``jobs`` (the swap keeps reporting it as in progress); otherwise it is dropped and read back
    from the store. ``on_finished`` runs after each task that was not cancelled.
    """

    def __init__(
        self,
        *,
        kind: str,
        transitions: Mapping[str, frozenset[str]],
        phases: Sequence[str],
        store: JobStore,
        locks: MutationLocks,
        audit: AuditLog,
        keep_unfinished: bool = False,
        on_finished: Callable[[], None] | None = None,
    ) -> None:
        self.kind = kind
        self.transitions = transitions
        self.phases = tuple(phases)
        self.store = store
        self.locks = locks
        self.audit = audit
        self.keep_unfinished = keep_unfinished
        self.on_finished = on_finished
        self.jobs: dict[str, Job] = {}
        self.tasks: dict[str, asyncio.Task] = {}

    def submit(
        self,
        job: Job,
        run: Callable[[Job], Awaitable[None]],
        *,
        action: str,
        target: str,
        accepted: Mapping[str, Any] | None = None,
        conflict: Callable[[Exception], Mapping[str, Any]] | None = None,
    ) -> dict[str, Any]:
        """Lock the job's nodes (on a conflict: audit ``result="conflict"`` and re-raise), store
        the job with its first phases, audit ``result="accepted"``, start ``run(job)``."""
        try:
            self.locks.acquire(job.nodes, job.id)
        except Exception as e:
            extra = dict(conflict(e)) if conflict is not None else {}
            self.audit.record(
                actor=job.actor, source=job.source, action=action, target=target, result="conflict", **extra
            )
            raise
        self.jobs[job.id] = job
        self.store.create(job, self.phases)
        self.audit.record(
            actor=job.actor,
            source=job.source,
            action=action,
            target=target,
            result="accepted",
            job_id=job.id,
            **dict(accepted or {}),
        )
        self.spawn(job, run(job))
        return {"job_id": job.id}

    def record_finish(self, job: Job, *, action: str, target: str, **detail: Any) -> None:
        """The audit row for a job that ended (done, rolled back or failed)."""
        self.audit.record(
            actor=job.actor or "controller",
            source=job.source,
            action=action,
            target=target,
            result=job.state,
            job_id=job.id,
            **detail,
            error=job.error,
        )

    def resume(self, reconcile: Callable[[Job], Awaitable[None]]) -> None:
        """After a (re)start: every job the store still calls running is locked again (another
        interrupted job may hold a node: reconcile anyway) and reconciled with the cluster."""
        for job in self.store.running(self.kind, self.transitions):
            self.jobs[job.id] = job
            with contextlib.suppress(Exception):
                self.locks.acquire(job.nodes, job.id)
            self.spawn(job, reconcile(job))

    def spawn(self, job: Job, coro: Awaitable[None]) -> None:
        task = asyncio.ensure_future(coro)
        self.tasks[job.id] = task

        def _done(t: asyncio.Task, job_id: str = job.id) -> None:
            self.tasks.pop(job_id, None)
            if t.cancelled():
                return
            self.locks.release(job_id)
            j = self.jobs.get(job_id)
            if j is not None and (j.done or not self.keep_unfinished):
                self.jobs.pop(job_id, None)
            if self.on_finished is not None:
                self.on_finished()

        task.add_done_callback(_done)

    async def cancel_all(self) -> None:
        """Cancel running tasks WITHOUT marking their jobs: they stay "running" in the store and
        the next start reconciles them (the same path as a crash).

        Cancelled until they end, not once: a library can swallow one ``Task.cancel()`` (anyio's
        ``connect_tcp``, under httpx, uncancels the task when the cancel lands while its
        connection attempts end: anyio issue #1214, still seen with anyio 4.16 on Python 3.11),
        and a job that survived its controller's stop would go on moving the cluster while the
        next controller reconciles the same job."""
        tasks = list(self.tasks.values())
        while pending := [t for t in tasks if not t.done()]:
            for task in pending:
                task.cancel()
            await asyncio.wait(pending, timeout=_RECANCEL_S)
        for task in tasks:
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await task
        self.tasks.clear()

    def job(self, job_id: str) -> Job:
        return self.jobs.get(job_id) or self.store.load(job_id, self.transitions)

    def history(self, limit: int) -> list[Job]:
        return self.store.history(self.kind, self.transitions, limit)

    async def wait(self, job_id: str, timeout: float | None = None) -> Job:  # noqa: ASYNC109
        task = self.tasks.get(job_id)
        if task is not None:
            await asyncio.wait_for(asyncio.shield(task), timeout)
        return self.job(job_id)
