"""Whole-service and whole-node faults of the simulated cluster, for demo mode (the health page
and showing the product): ``inject(sim, fault, target, duration_s)`` and ``clear(sim, target)``.

``sim`` is a ``SimCluster`` or anything with the same fault methods: ``service_down(kind)``
(the service's port refuses connections while its container and host stay up),
``host_down(name)`` (the node leaves the network: SSH and its services) and their ``*_up``
undo. A simulator without ``service_down``/``service_up`` has its service container stopped and
started the way it happens on a real Spark (``docker stop``; vLLM then loads its model again, at
simulated speed). With ``duration_s`` the fault clears itself after that long.

Finer faults (one command hanging, OOM at the next start, vLLM's own faults) are set directly
on ``sim.hosts[...].faults`` and ``sim.vllm.faults``; see ``docs/SIMULATOR.md``."""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from spark_control.sim.cluster import SERVICE_CONTAINERS

log = logging.getLogger(__name__)

FAULTS = ("service_down", "host_down")
_UNDO = {"service_down": "service_up", "host_down": "host_up"}

_pending: set[asyncio.Task] = set()  # self-clearing timers (a strong reference until they ran)


class UnknownTarget(KeyError):
    """The simulated cluster has no service kind or node of that name."""

    def __init__(self, target: str):
        super().__init__(target)
        self.target = target


class NotSupported(Exception):
    """This simulator cannot do that (it lacks the method)."""

    def __init__(self, action: str):
        super().__init__(f"this simulator cannot {action.replace('_', ' ')}")
        self.action = action


@dataclass(frozen=True)
class Injected:
    target: str
    fault: str
    applied_at: float  # wall-clock seconds
    clears_at: float | None


async def inject(sim: Any, fault: str, target: str, duration_s: float | None = None) -> Injected:
    """Apply ``fault`` (one of ``FAULTS``) to ``target``; with ``duration_s`` it clears itself.
    Raises UnknownTarget or NotSupported, and then nothing changed."""
    if fault not in FAULTS:
        raise ValueError(f"unknown fault {fault!r}; known: {', '.join(FAULTS)}")
    now = time.time()
    await _call(sim, fault, target)
    log.info("demo: fault %s injected on %s for %s s", fault, target, duration_s)
    if duration_s:
        task = asyncio.create_task(_clear_later(sim, _UNDO[fault], target, duration_s))
        _pending.add(task)
        task.add_done_callback(_pending.discard)
    return Injected(target, fault, now, now + duration_s if duration_s else None)


async def clear(sim: Any, target: str) -> Injected:
    """Undo whatever ``service_down``/``host_down`` holds ``target`` (nothing to undo is fine)."""
    now = time.time()
    for name in ("service_up", "host_up"):
        try:
            await _call(sim, name, target)
        except (UnknownTarget, NotSupported):
            continue
    return Injected(target, "clear", now, None)


async def _clear_later(sim: Any, undo: str, target: str, delay_s: float) -> None:
    await asyncio.sleep(delay_s)
    try:
        await _call(sim, undo, target)
    except Exception:  # noqa: BLE001
        log.exception("demo: clearing fault on %s failed", target)


async def _call(sim: Any, name: str, target: str) -> None:
    fn: Callable[[str], Any] | None = getattr(sim, name, None)
    if fn is None and name in _BY_CONTAINER:
        fn = lambda t: _BY_CONTAINER[name](sim, t)  # noqa: E731
    if fn is None:
        raise NotSupported(name)
    try:
        res = fn(target)
        if asyncio.iscoroutine(res):
            await res
    except KeyError:
        raise UnknownTarget(target) from None


# ----- service faults through the service's container (a simulator without service_down) -----
def _service_container(sim: Any, kind: str) -> tuple[Any, Any]:
    node = sim.cluster_config.node_for(kind)
    if node is None:
        raise KeyError(kind)
    host = sim.hosts[node.name]
    c = host.vllm_container() if kind == "vllm" else host.containers.get(SERVICE_CONTAINERS[kind][0])
    if c is None:
        raise KeyError(kind)
    return host, c


async def _stop_service_container(sim: Any, kind: str) -> None:
    host, c = _service_container(sim, kind)
    host.stop_container(c)
    await sim.sync()


async def _start_service_container(sim: Any, kind: str) -> None:
    host, c = _service_container(sim, kind)
    host.start_container(c)
    await sim.sync()


_BY_CONTAINER: dict[str, Callable[[Any, str], Awaitable[None]]] = {
    "service_down": _stop_service_container,
    "service_up": _start_service_container,
}
