"""spark_embed's micro-batcher (no model needed): concurrent requests share model calls, each gets
its own results in order, oversized requests are split, and a model failure reaches every caller."""

from __future__ import annotations

import asyncio
import threading

import pytest

from spark_embed.batching import MicroBatcher


class Model:
    def __init__(self, fail: bool = False) -> None:
        self.batches: list[list[int]] = []
        self.fail = fail
        self.lock = threading.Lock()

    def __call__(self, items: list[int]) -> list[int]:
        with self.lock:
            self.batches.append(list(items))
        if self.fail:
            raise RuntimeError("CUDA out of memory")
        return [x * 10 for x in items]


async def test_concurrent_requests_are_coalesced_and_answered_in_order():
    model = Model()
    b = MicroBatcher(model, max_batch=16, max_wait=0.05)
    results = await asyncio.gather(*(b.submit([i, i + 100]) for i in range(5)))
    assert results == [[i * 10, (i + 100) * 10] for i in range(5)]
    assert len(model.batches) < 5  # shared calls
    assert all(len(batch) <= 16 for batch in model.batches)
    await b.close()


async def test_large_request_is_split_at_max_batch():
    model = Model()
    b = MicroBatcher(model, max_batch=4, max_wait=0.0)
    out = await b.submit(list(range(10)))
    assert out == [x * 10 for x in range(10)]
    assert [len(x) for x in model.batches] == [4, 4, 2]
    assert b.calls == 3
    await b.close()


async def test_a_job_that_does_not_fit_waits_for_the_next_call():
    model = Model()
    b = MicroBatcher(model, max_batch=4, max_wait=0.05)
    a, c = await asyncio.gather(b.submit([1, 2, 3]), b.submit([4, 5]))
    assert (a, c) == ([10, 20, 30], [40, 50])
    assert all(len(x) <= 4 for x in model.batches)
    await b.close()


async def test_model_failure_reaches_every_waiting_request_and_the_batcher_survives():
    model = Model(fail=True)
    b = MicroBatcher(model, max_batch=8, max_wait=0.05)
    results = await asyncio.gather(b.submit([1]), b.submit([2]), return_exceptions=True)
    assert all(isinstance(r, RuntimeError) for r in results)
    model.fail = False
    assert await b.submit([3]) == [30]
    await b.close()


@pytest.mark.parametrize("n", [1, 7])
async def test_sequential_use(n):
    b = MicroBatcher(Model(), max_batch=8, max_wait=0.0)
    for i in range(n):
        assert await b.submit([i]) == [i * 10]
    await b.close()
