"""The audio queue: every request to Spark 2's GPU goes through here, one at a time.

Parallel requests raced on the single GPU (cuFFT errors, HTTP 503), so apps had to cap
themselves at 2 in flight. Now the gateway serialises:

- **One at a time**: a single slot; a job runs only while it holds it.
- **Bounded**: at most ``max_waiting`` jobs wait; one more gets ``Busy`` (429) with a
  ``Retry-After`` estimated from the queue length and the recent service time.
- **Fair**: waiting jobs are grouped per client id and served round-robin, so one app that sends
  fifty files cannot starve another that sends one.
- **Deadline**: each job has one; if it expires while waiting it is dropped (504) and never
  reaches the GPU; while running, the remaining time bounds the call.
- **Retry**: an upstream 503 (``UpstreamBusy``) is retried with exponential backoff while the
  job keeps the slot (so the retry cannot race another job), within the deadline.
- **Reported**: every job publishes ``audio.queue`` events (queued, started, done) with its
  position and wait; the result carries ``wait_ms`` and the position it entered at.

A job is a small state machine (``AUDIO_JOB_TRANSITIONS``, every move a compare-and-swap):
queued -> running -> done | failed, or queued -> expired | cancelled.
"""

from __future__ import annotations

import asyncio
import itertools
import logging
import time
from collections import OrderedDict, deque
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

from spark_control.errors import Busy, SparkControlError, UpstreamTimeout
from spark_control.jobs.machine import StateMachine, transition_table

log = logging.getLogger(__name__)
T = TypeVar("T")


class UpstreamBusy(SparkControlError):
    """The GPU service answered 503 (busy/cuFFT). Retried by the queue; surfaces as 503."""

    status, kind = 503, "service_unavailable"


AUDIO_JOB_TRANSITIONS = transition_table(
    {
        "queued": {"running", "expired", "cancelled"},
        "running": {"done", "failed"},
        "done": (),
        "failed": (),
        "expired": (),
        "cancelled": (),
    }
)


@dataclass
class Job:
    id: int
    client: str
    label: str
    deadline: float  # time.monotonic() value
    enqueued_at: float
    position: int  # 1-based place in line when it entered
    started_at: float | None = None
    attempts: int = 0
    wait_ms: float = 0.0
    ready: asyncio.Future = field(default=None)  # type: ignore[assignment]

    def __post_init__(self) -> None:
        self._machine = StateMachine(AUDIO_JOB_TRANSITIONS, "queued", name=f"audio job {self.id}")

    @property
    def state(self) -> str:
        return self._machine.state

    def move(self, new: str, *, expect: str) -> None:
        """Compare-and-swap: ``InvalidTransition`` (a RuntimeError) unless the job is at
        ``expect`` and the table allows the move."""
        self._machine.move(new, expect=expect)

    def move_if(self, expect: str, new: str) -> bool:
        return self._machine.move_if(expect, new)


@dataclass
class QueueResult(Generic[T]):
    value: T
    wait_ms: float
    position: int
    attempts: int
    job_id: int


@dataclass
class QueueStats:
    running: int
    waiting: int
    clients: int
    served: int
    rejected: int
    expired: int
    retries: int
    avg_service_s: float


class AudioQueue:
    def __init__(
        self,
        *,
        max_waiting: int = 64,
        default_deadline_s: float = 600.0,
        retries: int = 4,
        backoff_s: float = 0.5,
        backoff_max_s: float = 8.0,
        events: Any = None,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
    ) -> None:
        self.max_waiting = max_waiting
        self.default_deadline_s = default_deadline_s
        self.retries = retries
        self.backoff_s = backoff_s
        self.backoff_max_s = backoff_max_s
        self.events = events
        self._sleep = sleep
        self._ids = itertools.count(1)
        self._lines: OrderedDict[str, deque[Job]] = OrderedDict()  # round-robin order of clients
        self._running: Job | None = None
        self._served = self._rejected = self._expired = self._retries = 0
        self._service_ewma = 2.0

    # ---- reporting -------------------------------------------------------------------------
    @property
    def waiting(self) -> int:
        return sum(len(q) for q in self._lines.values())

    def stats(self) -> QueueStats:
        return QueueStats(
            running=1 if self._running else 0,
            waiting=self.waiting,
            clients=len(self._lines),
            served=self._served,
            rejected=self._rejected,
            expired=self._expired,
            retries=self._retries,
            avg_service_s=round(self._service_ewma, 3),
        )

    def estimate_wait_s(self, ahead: int | None = None) -> float:
        ahead = self.waiting + (1 if self._running else 0) if ahead is None else ahead
        return ahead * self._service_ewma

    def _publish(self, job: Job, phase: str, **data: Any) -> None:
        if self.events is not None:
            self.events.publish(
                "audio.queue", job=job.id, client=job.client, label=job.label, phase=phase,
                waiting=self.waiting, **data,
            )  # fmt: skip

    # ---- scheduling ------------------------------------------------------------------------
    def _dispatch(self) -> None:
        """Give the free slot to the next waiting job, round-robin over clients."""
        if self._running is not None:
            return
        now = time.monotonic()
        while self._lines:
            client, line = next(iter(self._lines.items()))
            job = line.popleft()
            if line:
                self._lines.move_to_end(client)  # the client goes to the back of the round
            else:
                del self._lines[client]
            if now >= job.deadline:
                job.move("expired", expect="queued")
                self._expired += 1
                self._publish(job, "expired")
                job.ready.set_exception(
                    UpstreamTimeout(f"the request waited {now - job.enqueued_at:.1f} s and passed its deadline")
                )
                continue
            job.move("running", expect="queued")
            job.started_at = now
            self._running = job
            job.ready.set_result(None)
            return

    def _remove(self, job: Job) -> None:
        line = self._lines.get(job.client)
        if line is not None and job in line:
            line.remove(job)
            if not line:
                del self._lines[job.client]

    async def run(
        self,
        client: str,
        fn: Callable[[], Awaitable[T]],
        *,
        label: str = "audio",
        deadline_s: float | None = None,
    ) -> QueueResult[T]:
        """Wait for the GPU slot, then run ``fn`` (retrying ``UpstreamBusy``). Raises ``Busy`` when full."""
        async with self.hold(client, label=label, deadline_s=deadline_s) as job:
            value = await self.attempts(job, fn)
            return QueueResult(value, job.wait_ms, job.position, job.attempts, job.id)

    @asynccontextmanager
    async def hold(self, client: str, *, label: str = "audio", deadline_s: float | None = None) -> AsyncIterator[Job]:
        """Hold the GPU slot for the body (e.g. a TTS stream from first to last byte)."""
        if self.waiting >= self.max_waiting:
            self._rejected += 1
            retry = max(1.0, self.estimate_wait_s() / max(1, len(self._lines)))
            raise Busy(
                f"the audio queue is full ({self.waiting} waiting); retry later",
                retry_after=retry, queue_waiting=self.waiting,
            )  # fmt: skip
        now = time.monotonic()
        budget = self.default_deadline_s if deadline_s is None else deadline_s
        job = Job(
            id=next(self._ids), client=client or "anonymous", label=label, deadline=now + budget,
            enqueued_at=now, position=self.waiting + (1 if self._running else 0) + 1,
            ready=asyncio.get_running_loop().create_future(),
        )  # fmt: skip
        self._lines.setdefault(job.client, deque()).append(job)
        self._publish(job, "queued", position=job.position, estimate_s=round(self.estimate_wait_s(), 2))
        self._dispatch()
        try:
            await asyncio.wait_for(asyncio.shield(job.ready), max(0.0, job.deadline - time.monotonic()))
        except TimeoutError:
            if job.state != "queued":
                if job.state != "running":
                    raise
            else:
                self._remove(job)
                job.move("expired", expect="queued")
                self._expired += 1
                self._publish(job, "expired")
                raise UpstreamTimeout(
                    f"the request waited {time.monotonic() - now:.1f} s in the audio queue and passed its deadline"
                ) from None
        except asyncio.CancelledError:
            if job.state == "queued":
                self._remove(job)
                job.move("cancelled", expect="queued")
                self._publish(job, "cancelled")
            elif job.state == "running":
                self._finish(job, ok=False)
            raise
        job.wait_ms = (job.started_at - job.enqueued_at) * 1000.0  # type: ignore[operator]
        self._publish(job, "started", wait_ms=round(job.wait_ms, 1))
        ok = False
        try:
            yield job
            ok = True
        finally:
            self._finish(job, ok=ok)

    async def attempts(self, job: Job, fn: Callable[[], Awaitable[T]]) -> T:
        delay = self.backoff_s
        while True:
            job.attempts += 1
            remaining = job.deadline - time.monotonic()
            if remaining <= 0:
                raise UpstreamTimeout("the request passed its deadline while the GPU service was busy")
            try:
                async with asyncio.timeout(remaining):
                    return await fn()
            except TimeoutError:
                raise UpstreamTimeout(
                    f"the GPU service did not answer within the deadline ({remaining:.0f} s)"
                ) from None
            except UpstreamBusy:
                if job.attempts > self.retries or time.monotonic() + delay >= job.deadline:
                    raise
                self._retries += 1
                self._publish(job, "retry", attempt=job.attempts, backoff_s=delay)
                await self._sleep(delay)
                delay = min(self.backoff_max_s, delay * 2)

    def _finish(self, job: Job, *, ok: bool) -> None:
        job.move_if("running", "done" if ok else "failed")
        if self._running is job:
            self._running = None
            if job.started_at is not None:
                took = time.monotonic() - job.started_at
                self._service_ewma = 0.8 * self._service_ewma + 0.2 * took
            self._served += 1
            self._publish(job, job.state, took_ms=round((time.monotonic() - (job.started_at or 0)) * 1000, 1))
        self._dispatch()
