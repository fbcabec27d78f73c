"""Simulated time. Everything in the fake cluster reads ``clock.now()`` (unix seconds), so tests
can make a two-minute model load take a few milliseconds (``ScaledClock``) or step through it
exactly (``ManualClock``)."""

from __future__ import annotations

import asyncio
import time
from typing import Protocol, runtime_checkable


@runtime_checkable
class Clock(Protocol):
    def now(self) -> float:
        """Simulated wall-clock time in unix seconds."""
        ...

    async def sleep(self, seconds: float) -> None:
        """Wait ``seconds`` of simulated time."""
        ...


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
        return self._origin + (time.monotonic() - self._real0) * self.speed

    async def sleep(self, seconds: float) -> None:
        await asyncio.sleep(max(0.0, seconds) / self.speed)


class ManualClock:
    """Time moves only when told. ``advance(s)`` moves it forward; ``sleep(s)`` advances it by
    ``s`` itself (a simulated wait never blocks a test), then yields to the event loop once."""

    def __init__(self, start: float = 1_790_000_000.0):
        self._t = float(start)

    def now(self) -> float:
        return self._t

    def advance(self, seconds: float) -> float:
        if seconds < 0:
            raise ValueError("time does not go backwards")
        self._t += seconds
        return self._t

    async def sleep(self, seconds: float) -> None:
        self.advance(max(0.0, seconds))
        await asyncio.sleep(0)
