"""CPU work off the event loop: one small, bounded thread pool for the whole controller.

The event loop serves the UI, the API, the LLM fast path and the health monitor, so it must only
wait. Anything that computes for more than a millisecond or two (label merge, scrub, PCM
conversion after a decode, chunk planning, search ranking) goes through ``run_cpu``.

The pool is small on purpose: pure-Python work in a thread still holds the GIL most of the
time, so more threads would not finish sooner, they would only take more turns away from the
loop. Python hands the GIL to a waiting thread every ``sys.getswitchinterval()`` (5 ms), which
keeps the loop answering while a worker computes; the callers also bound the work itself (caps
per request), so no single job runs for long. Extra jobs queue in the pool and their requests
simply wait."""

from __future__ import annotations

import asyncio
import contextvars
import functools
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import ParamSpec, TypeVar

MAX_WORKERS = 2

P = ParamSpec("P")
T = TypeVar("T")

_pool: ThreadPoolExecutor | None = None
_pool_lock = threading.Lock()


def _executor() -> ThreadPoolExecutor:
    """The shared pool, created on first use (nothing starts at import time)."""
    global _pool
    with _pool_lock:
        if _pool is None:
            _pool = ThreadPoolExecutor(max_workers=MAX_WORKERS, thread_name_prefix="sc-cpu")
        return _pool


async def run_cpu(fn: Callable[P, T], /, *args: P.args, **kwargs: P.kwargs) -> T:
    """Run ``fn(*args, **kwargs)`` in the shared CPU pool and wait for its result (or exception).

    Context variables are carried over, as ``asyncio.to_thread`` does. A cancelled caller stops
    waiting; the job itself runs to its end (threads cannot be interrupted), which the callers'
    per-request caps keep short."""
    loop = asyncio.get_running_loop()
    ctx = contextvars.copy_context()
    return await loop.run_in_executor(_executor(), functools.partial(ctx.run, fn, *args, **kwargs))


def shutdown() -> None:
    """Stop the pool (tests and a controller shutdown); the next ``run_cpu`` makes a new one."""
    global _pool
    with _pool_lock:
        pool, _pool = _pool, None
    if pool is not None:
        pool.shutdown(wait=False, cancel_futures=True)
