"""The one live-push path from the core to the browsers.

A ``Feed`` names the EventHub topics a state follows, how to compute what it shows from the
controller (once per burst of events, for every browser), and how to apply that to one browser's
state. The lifespan task in ``spark_control.py`` runs ``run_feeds`` with every feed; each burst of
events (or ``refresh_s`` of quiet, for "since" texts) becomes one push to every signed-in browser
(``push_to_browsers``). The browser never polls, and no tab starts its own watcher."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from typing import Any

import reflex as rx

from spark_control.events import Event
from spark_control.state.session import is_signed_in

log = logging.getLogger(__name__)

COALESCE_S = 0.1  # a burst of events (log lines, phase changes) -> one push

Push = Callable[[type[rx.State], Callable[[Any], None]], Awaitable[None]]


@dataclass(frozen=True)
class Feed:
    """``view(controller, events)`` returns what to show (``None``: nothing to push now);
    ``apply(state, view)`` puts it into one browser's ``state_cls`` instance."""

    name: str
    state_cls: type[rx.State]
    topics: tuple[str, ...]
    view: Callable[[Any, list[Event]], Any]
    apply: Callable[[Any, Any], None]
    refresh_s: float = 5.0


async def push_to_browsers(app: rx.App, state_cls: type[rx.State], apply: Callable[[Any], None]) -> None:
    """Apply ``apply(state)`` to every connected, signed-in browser's instance of ``state_cls``."""
    namespace = app.event_namespace
    if namespace is None:
        return
    for token in list(namespace.token_to_sid):
        try:
            async with app.modify_state(rx.BaseStateToken(ident=token, cls=state_cls)) as root:
                if await is_signed_in(root):  # the sign-in page gets no cluster data
                    apply(await root.get_state(state_cls))
        except Exception:  # noqa: BLE001 - a client that just left must not stop the others
            log.debug("push to a client failed", exc_info=True)


async def next_burst(sub, wait_s: float, coalesce_s: float = COALESCE_S) -> list[Event]:
    """Wait up to ``wait_s`` for an event, then collect what else arrives within ``coalesce_s``.
    An empty list means the wait timed out."""
    try:
        first = await sub.get(timeout=wait_s)
    except TimeoutError:
        return []
    await asyncio.sleep(coalesce_s)
    burst = [first]
    while not sub.queue.empty():
        burst.append(sub.queue.get_nowait())
    return burst


async def follow(
    controller, feed: Feed, push: Push, *, refresh_s: float | None = None, coalesce_s: float = COALESCE_S
) -> None:
    """Push ``feed`` to every browser on each burst of its events, and every ``refresh_s`` anyway."""
    wait = feed.refresh_s if refresh_s is None else refresh_s
    async with controller.events.subscribe(*feed.topics) as sub:
        while True:
            events = await next_burst(sub, wait, coalesce_s)
            try:
                view = feed.view(controller, events)
                if view is not None:
                    await push(feed.state_cls, lambda state, v=view: feed.apply(state, v))
            except Exception:  # noqa: BLE001 - keep pushing after a bad view; the traceback is logged
                log.exception("pushing the %s view failed", feed.name)


async def run_feeds(controller, feeds: Sequence[Feed], push: Push) -> None:
    """Lifespan task: follow every feed until cancelled."""
    async with asyncio.TaskGroup() as group:
        for feed in feeds:
            group.create_task(follow(controller, feed, push), name=f"push-{feed.name}")
