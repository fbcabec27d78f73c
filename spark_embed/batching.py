"""Server-side batching: concurrent requests share model calls.

One worker per model drains a queue: it takes the first waiting job, lets others join for up to
``max_wait`` seconds or until ``max_batch`` items, runs one model call in a thread, and hands each
job its slice. One worker also means one model call at a time on the GPU."""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Callable, Sequence
from typing import Generic, TypeVar

log = logging.getLogger(__name__)

In = TypeVar("In")
Out = TypeVar("Out")


class MicroBatcher(Generic[In, Out]):
    def __init__(self, fn: Callable[[list[In]], Sequence[Out]], *, max_batch: int, max_wait: float) -> None:
        self.fn = fn
        self.max_batch = max_batch
        self.max_wait = max_wait
        self._queue: asyncio.Queue[tuple[list[In], asyncio.Future[list[Out]]]] = asyncio.Queue()
        self._worker: asyncio.Task[None] | None = None
        self.calls = 0  # model calls made (for tests and /health)

    async def submit(self, items: list[In]) -> list[Out]:
        if self._worker is None or self._worker.done():
            self._worker = asyncio.create_task(self._run())
        parts = [items[i : i + self.max_batch] for i in range(0, len(items), self.max_batch)]
        futures = []
        loop = asyncio.get_running_loop()
        for p in parts:
            fut: asyncio.Future[list[Out]] = loop.create_future()
            self._queue.put_nowait((p, fut))
            futures.append(fut)
        results = await asyncio.gather(*futures)
        return [r for part in results for r in part]

    async def close(self) -> None:
        if self._worker is not None:
            self._worker.cancel()
            try:
                await self._worker
            except asyncio.CancelledError:
                pass
            self._worker = None

    async def _run(self) -> None:
        while True:
            jobs = [await self._queue.get()]
            size = len(jobs[0][0])
            deadline = time.monotonic() + self.max_wait
            while size < self.max_batch:
                timeout = deadline - time.monotonic()
                if timeout <= 0:
                    break
                try:
                    nxt = await asyncio.wait_for(self._queue.get(), timeout)
                except TimeoutError:
                    break
                if size + len(nxt[0]) > self.max_batch:
                    # does not fit: run it next, first in line
                    await self._run_jobs(jobs)
                    jobs, size = [nxt], len(nxt[0])
                    deadline = time.monotonic() + self.max_wait
                    continue
                jobs.append(nxt)
                size += len(nxt[0])
            await self._run_jobs(jobs)

    async def _run_jobs(self, jobs: list[tuple[list[In], asyncio.Future[list[Out]]]]) -> None:
        flat = [x for items, _ in jobs for x in items]
        try:
            out = list(await asyncio.to_thread(self.fn, flat))
            self.calls += 1
        except Exception as e:  # the model failed: every waiting request hears about it
            log.exception("model call failed for a batch of %d", len(flat))
            for _, fut in jobs:
                if not fut.done():
                    fut.set_exception(e)
            return
        k = 0
        for items, fut in jobs:
            if not fut.done():
                fut.set_result(out[k : k + len(items)])
            k += len(items)
