"""What the gateway needs to know about the cluster: which model serves now and where, and
whether a swap is running. The swap area provides the real one; ``ManualServingTarget`` is a
small, complete implementation driven by explicit calls (tests, demo wiring, adapters)."""

from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass
from typing import Protocol, runtime_checkable


@dataclass(frozen=True)
class Serving:
    model: str  # vLLM's served model name (what clients put in "model")
    base_url: str  # http://host:port of that vLLM, without /v1


@dataclass(frozen=True)
class SwapStatus:
    in_progress: bool = False
    eta_s: float | None = None  # seconds until the incoming model should serve, if known
    outgoing: str | None = None  # served name of the model being replaced
    incoming: str | None = None  # served name of the model being loaded

    @property
    def retry_after(self) -> float:
        return max(1.0, self.eta_s) if self.eta_s is not None else 30.0


IDLE = SwapStatus()


@runtime_checkable
class ServingTarget(Protocol):
    def current(self) -> Serving | None:
        """The model serving now, or None (nothing serves, or a swap has stopped the old one)."""

    def swap_status(self) -> SwapStatus: ...

    async def wait_ready(self, max_wait_s: float) -> Serving | None:
        """Return as soon as no swap runs and a model serves (the new one, or the restored one
        after a rollback); None when ``max_wait_s`` passes first."""


class ManualServingTarget:
    """A ServingTarget moved by explicit calls: ``begin_swap`` -> ``finish_swap`` or ``rollback``."""

    def __init__(self, serving: Serving | None = None) -> None:
        self._serving = serving
        self._swap = IDLE
        self._swap_eta_at: float | None = None
        self._changed = asyncio.Event()

    def current(self) -> Serving | None:
        return self._serving

    def swap_status(self) -> SwapStatus:
        if not self._swap.in_progress or self._swap_eta_at is None:
            return self._swap
        eta = max(0.0, self._swap_eta_at - time.monotonic())
        return SwapStatus(True, eta, self._swap.outgoing, self._swap.incoming)

    def set_serving(self, serving: Serving | None) -> None:
        self._serving = serving
        self._notify()

    def begin_swap(self, incoming: str, *, eta_s: float | None = None, stop_outgoing: bool = False) -> None:
        outgoing = self._serving.model if self._serving else None
        self._swap = SwapStatus(True, eta_s, outgoing, incoming)
        self._swap_eta_at = time.monotonic() + eta_s if eta_s is not None else None
        if stop_outgoing:
            self._serving = None
        self._notify()

    def finish_swap(self, serving: Serving) -> None:
        self._serving = serving
        self._swap, self._swap_eta_at = IDLE, None
        self._notify()

    def rollback(self, restored: Serving | None) -> None:
        self._serving = restored
        self._swap, self._swap_eta_at = IDLE, None
        self._notify()

    def _notify(self) -> None:
        self._changed.set()
        self._changed = asyncio.Event()

    async def wait_ready(self, max_wait_s: float) -> Serving | None:
        deadline = time.monotonic() + max_wait_s
        while True:
            if not self._swap.in_progress and self._serving is not None:
                return self._serving
            if not self._swap.in_progress and self._serving is None:
                return None  # nothing serves and nothing is coming
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                return None
            try:
                await asyncio.wait_for(self._changed.wait(), remaining)
            except TimeoutError:
                return None


class SwapManagerTarget:
    """Adapts the swap area's ``SwapManager`` (``serving``, ``swap_in_progress``, ``swap.*``
    events) to ``ServingTarget``. Duck-typed so the gateway does not import the cluster package.
    Catalog names from the swap job are turned into vLLM served names (what clients send)."""

    def __init__(self, manager, catalog, events=None, *, poll_s: float = 0.25) -> None:
        self.manager = manager
        self.catalog = catalog
        self.events = events
        self.poll_s = poll_s

    def _served(self, name: str | None) -> str | None:
        if name is None:
            return None
        spec = self.catalog.by_served_name(name)
        return spec.served_name if spec else name

    def current(self) -> Serving | None:
        info = self.manager.serving
        return Serving(info.served_name, info.base_url) if info is not None else None

    def swap_status(self) -> SwapStatus:
        sig = self.manager.swap_in_progress
        if sig is None:
            return IDLE
        return SwapStatus(True, sig.eta_s, self._served(sig.previous_model), self._served(sig.model))

    def _settled(self) -> tuple[bool, Serving | None]:
        if self.manager.swap_in_progress is not None:
            return False, None
        return True, self.current()

    async def wait_ready(self, max_wait_s: float) -> Serving | None:
        deadline = time.monotonic() + max_wait_s
        if self.events is None:
            while True:
                settled, serving = self._settled()
                if settled or time.monotonic() >= deadline:
                    return serving
                await asyncio.sleep(min(self.poll_s, max(0.0, deadline - time.monotonic())))
        async with self.events.subscribe("swap") as sub:
            while True:
                settled, serving = self._settled()
                left = deadline - time.monotonic()
                if settled or left <= 0:
                    return serving
                try:  # every swap event (phase, serving, job end) is a reason to look again
                    await sub.get(timeout=min(left, self.poll_s * 4))
                except TimeoutError:
                    pass
