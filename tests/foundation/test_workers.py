"""The CPU pool and the worker process: results and errors come back as raised, the pool is
bounded, the event loop keeps running meanwhile."""

from __future__ import annotations

import asyncio
import threading
import time

import pytest

from spark_control import workers
from spark_control.errors import PayloadTooLarge


def too_large(n: int) -> None:
    raise PayloadTooLarge(f"{n} is too many", param="words")


def spin(seconds: float) -> str:
    end = time.perf_counter() + seconds
    while time.perf_counter() < end:  # pure Python: holds the GIL, as a scrub does
        pass
    return "done"


async def test_run_cpu_is_bounded_and_runs_off_the_loop():
    names, running, peak = set(), [0], [0]
    lock = threading.Lock()

    def job():
        with lock:
            running[0] += 1
            peak[0] = max(peak[0], running[0])
            names.add(threading.current_thread().name)
        time.sleep(0.05)
        with lock:
            running[0] -= 1

    await asyncio.gather(*(workers.run_cpu(job) for _ in range(6)))
    assert peak[0] == workers.MAX_WORKERS
    assert all(n.startswith("sc-cpu") for n in names)


async def test_run_in_process_returns_results_and_core_errors_whole():
    assert await workers.run_in_process(spin, 0.01) == "done"
    with pytest.raises(PayloadTooLarge) as exc:
        await workers.run_in_process(too_large, 7)
    assert exc.value.message == "7 is too many" and exc.value.extra == {"param": "words"}
    with pytest.raises(PayloadTooLarge):
        await asyncio.to_thread(workers.call_in_process, too_large, 8)


async def test_the_loop_keeps_ticking_while_the_process_computes():
    await workers.run_in_process(spin, 0.0)  # the process is up
    job = asyncio.create_task(workers.run_in_process(spin, 1.0))
    worst = 0.0
    while not job.done():
        t = time.perf_counter()
        await asyncio.sleep(0.01)
        worst = max(worst, time.perf_counter() - t - 0.01)
    assert await job == "done"
    assert worst < 0.25  # the job holds a GIL for 1 s, but not ours
