"""Simulated time. Everything in the fake cluster reads ``clock.now()`` (unix seconds), so tests
can make a two-minute model load take a few milliseconds (``ScaledClock``) or step through it
exactly (``ManualClock``). The clocks live in ``spark_control.clock`` (the health monitor uses
them too); this module re-exports them for the simulator."""

from spark_control.clock import Clock, ManualClock, ScaledClock

__all__ = ["Clock", "ManualClock", "ScaledClock"]
