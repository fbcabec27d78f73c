"""CPU work off the event loop: one small, bounded thread pool for the whole controller, and
one worker process for the few jobs that hold the GIL in long single calls.

The event loop serves the UI, the API, the LLM fast path and the health monitor, so it must only
wait. Anything that computes for more than a millisecond or two (label merge, scrub, PCM
conversion after a decode, chunk planning, search ranking) goes through ``run_cpu``.

The pool is small on purpose: pure-Python work in a thread still holds the GIL most of the
time, so more threads would not finish sooner, they would only take more turns away from the
loop. Python hands the GIL to a waiting thread every ``sys.getswitchinterval()`` (5 ms), which
keeps the loop answering while a worker computes; the callers also bound the work itself (caps
per request), so no single job runs for long. Extra jobs queue in the pool and their requests
simply wait.

Some work cannot be sliced: ``json.loads`` of an 8 MiB body is one C call that holds the GIL
for ~0.3 s on a busy 2-core box, and the loop would wait that long for its next turn.
``run_in_process`` sends such a job (bytes in, bytes out) to a separate process instead: the
loop does not share a GIL with it. The process is started on first use (``spawn``: no copy of
our threads or sockets) and reused."""

from __future__ import annotations

import asyncio
import contextvars
import functools
import multiprocessing
import threading
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import ParamSpec, TypeVar

from spark_control.errors import SparkControlError

MAX_WORKERS = 2
MAX_PROCESSES = 1

P = ParamSpec("P")
T = TypeVar("T")

_pool: ThreadPoolExecutor | None = None
_procs: ProcessPoolExecutor | None = None
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


def _process_pool() -> ProcessPoolExecutor:
    global _procs
    with _pool_lock:
        if _procs is None:
            _procs = ProcessPoolExecutor(max_workers=MAX_PROCESSES, mp_context=multiprocessing.get_context("spawn"))
        return _procs


class _Raised:
    """A core error raised in the worker process, carried back whole (pickling an exception
    keeps only its message; ours also carry ``param`` and ``retry_after``)."""

    def __init__(self, exc: SparkControlError) -> None:
        self.cls, self.message, self.retry_after, self.extra = type(exc), exc.message, exc.retry_after, exc.extra

    def reraise(self) -> None:
        raise self.cls(self.message, retry_after=self.retry_after, **self.extra)


def _call(fn: Callable[..., T], args: tuple) -> T | _Raised:
    try:
        return fn(*args)
    except SparkControlError as e:
        return _Raised(e)


async def run_in_process(fn: Callable[..., T], /, *args: object) -> T:
    """Run ``fn(*args)`` in the worker process (``fn`` a module-level function, arguments and
    result picklable, ideally bytes). Core errors come back as they were raised."""
    loop = asyncio.get_running_loop()
    return _unwrap(await _guard(loop.run_in_executor(_process_pool(), _call, fn, args)))


def call_in_process(fn: Callable[..., T], /, *args: object) -> T:
    """``run_in_process`` for code already running in a worker thread: blocks that thread (never
    the event loop's) until the process answers."""

    try:
        return _unwrap(_process_pool().submit(_call, fn, args).result())
    except BrokenProcessPool:
        _forget_process_pool()
        raise


async def _guard(fut: asyncio.Future) -> object:
    try:
        return await fut
    except BrokenProcessPool:  # the process died (killed, out of memory): start a new one next time
        _forget_process_pool()
        raise


def _forget_process_pool() -> None:
    global _procs
    with _pool_lock:
        _procs = None


def _unwrap(result: object) -> T:  # type: ignore[type-var]
    if isinstance(result, _Raised):
        result.reraise()
    return result  # type: ignore[return-value]


def shutdown() -> None:
    """Stop the pools (tests and a controller shutdown); the next call makes new ones."""
    global _pool, _procs
    with _pool_lock:
        pool, _pool = _pool, None
        procs, _procs = _procs, None
    if pool is not None:
        pool.shutdown(wait=False, cancel_futures=True)
    if procs is not None:
        procs.shutdown(wait=False, cancel_futures=True)
