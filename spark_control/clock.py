"""Time, injectable. Code that stamps, measures or waits takes a ``Clock`` so tests can drive it.

Two meanings, kept apart: ``now()`` is wall-clock time in unix seconds (timestamps stored or
shown), ``monotonic()`` is for durations and periods (never jumps). ``sleep(s)`` waits ``s``
seconds of the clock's time.

- ``SystemClock`` (``SYSTEM_CLOCK``): the real ones, the production default.
- ``ScaledClock``: time passes ``speed`` times faster (the simulator's demo clock).
- ``ManualClock``: time moves only when told (``advance``); a test steps through exactly.

Timeouts that bound real I/O (``asyncio.timeout`` around a socket) stay on the event loop's own
time: they protect against a real hang, which a manual clock cannot describe."""

from __future__ import annotations

import asyncio
import time
from typing import Protocol, runtime_checkable


@runtime_checkable
class Clock(Protocol):
    def now(self) -> float:
        """Wall-clock time in unix seconds."""
        ...

    def monotonic(self) -> float:
        """Seconds from an arbitrary origin that never goes backwards: for durations."""
        ...

    async def sleep(self, seconds: float) -> None:
        """Wait ``seconds`` of this clock's time."""
        ...


class SystemClock:
    """The real clocks: ``time.time``, ``time.monotonic``, ``asyncio.sleep``."""

    def now(self) -> float:
        return time.time()

    def monotonic(self) -> float:
        return time.monotonic()

    async def sleep(self, seconds: float) -> None:
        await asyncio.sleep(seconds)


SYSTEM_CLOCK = SystemClock()


class ScaledClock:
    """Simulated seconds pass ``speed`` times faster than real ones (speed 20: a 120 s model
    load takes 6 real seconds). Starts at the current wall-clock time unless ``origin`` is given."""

    def __init__(self, speed: float = 1.0, origin: float | None = None):
        if speed <= 0:
            raise ValueError("speed must be > 0")
        self.speed = float(speed)
        self._real0 = time.monotonic()
        self._origin = time.time() if origin is None else float(origin)

    def now(self) -> float:
        return self._origin + self.monotonic()

    def monotonic(self) -> float:
        return (time.monotonic() - self._real0) * self.speed

    async def sleep(self, seconds: float) -> None:
        await asyncio.sleep(max(0.0, seconds) / self.speed)


class ManualClock:
    """Time moves only when told: ``advance(s)`` moves ``now()`` and ``monotonic()`` forward together.

    ``sleep_advances=True`` (the simulator's tests): ``sleep(s)`` advances the clock by ``s``
    itself (a simulated wait never blocks a test), then yields to the event loop once.
    ``sleep_advances=False`` (code with several waiting tasks, e.g. the health monitor):
    ``sleep(s)`` waits until ``advance`` has moved time ``s`` on, so the test alone decides when
    each waiter runs."""

    def __init__(self, start: float = 1_790_000_000.0, *, sleep_advances: bool = True):
        self._t = float(start)
        self._mono = 0.0
        self.sleep_advances = sleep_advances
        self._sleepers: list[tuple[float, asyncio.Future]] = []

    def now(self) -> float:
        return self._t

    def monotonic(self) -> float:
        return self._mono

    def advance(self, seconds: float) -> float:
        if seconds < 0:
            raise ValueError("time does not go backwards")
        self._t += seconds
        self._mono += seconds
        waiting = []
        for deadline, fut in self._sleepers:
            if fut.done():
                continue  # cancelled
            if deadline <= self._mono:
                fut.set_result(None)
            else:
                waiting.append((deadline, fut))
        self._sleepers = waiting
        return self._t

    async def sleep(self, seconds: float) -> None:
        if self.sleep_advances or seconds <= 0:
            self.advance(max(0.0, seconds) if self.sleep_advances else 0.0)
            await asyncio.sleep(0)
            return
        fut = asyncio.get_running_loop().create_future()
        self._sleepers.append((self._mono + seconds, fut))
        await fut
