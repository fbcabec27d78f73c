"""The injectable clock the monitor runs on (``spark_control.clock``)."""

from __future__ import annotations

import asyncio

import pytest

from spark_control.clock import SYSTEM_CLOCK, Clock, ManualClock, ScaledClock


def test_every_clock_has_both_times_and_sleep():
    for clock in (SYSTEM_CLOCK, ScaledClock(2.0), ManualClock()):
        assert isinstance(clock, Clock)


def test_manual_advance_moves_wall_and_monotonic_time_together():
    clock = ManualClock(start=1000.0)
    assert (clock.now(), clock.monotonic()) == (1000.0, 0.0)
    clock.advance(2.5)
    assert (clock.now(), clock.monotonic()) == (1002.5, 2.5)
    with pytest.raises(ValueError):
        clock.advance(-1)


async def test_a_blocking_manual_sleep_waits_for_advance():
    clock = ManualClock(start=0.0, sleep_advances=False)
    woke: list[float] = []

    async def sleeper(s: float) -> None:
        await clock.sleep(s)
        woke.append(clock.now())

    tasks = [asyncio.create_task(sleeper(s)) for s in (0.5, 1.0)]
    await asyncio.sleep(0.01)
    assert woke == []  # real time passed, clock time did not
    clock.advance(0.5)
    await asyncio.sleep(0)
    assert woke == [0.5]
    clock.advance(0.4)
    await asyncio.sleep(0)
    assert woke == [0.5]
    clock.advance(0.1)
    await asyncio.gather(*tasks)
    assert woke == [0.5, 1.0]


async def test_a_cancelled_manual_sleep_is_forgotten():
    clock = ManualClock(start=0.0, sleep_advances=False)
    task = asyncio.create_task(clock.sleep(1.0))
    await asyncio.sleep(0)
    task.cancel()
    await asyncio.gather(task, return_exceptions=True)
    clock.advance(2.0)  # no error setting a cancelled future
    assert clock.now() == 2.0


async def test_the_simulators_manual_sleep_advances_by_itself():
    clock = ManualClock(start=0.0)
    await clock.sleep(3.0)
    assert clock.now() == 3.0 and clock.monotonic() == 3.0
