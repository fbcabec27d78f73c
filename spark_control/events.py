"""In-process event hub: the core publishes what happens; the UI and SSE routes subscribe.

Subscribers get a bounded queue each; a slow subscriber loses its oldest events rather than
slowing the publisher (it is told via a ``dropped`` counter)."""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Event:
    topic: str
    data: dict[str, Any]
    ts: float = field(default_factory=time.time)


class Subscription:
    def __init__(self, topics: tuple[str, ...], maxsize: int) -> None:
        self.topics = topics
        self.queue: asyncio.Queue[Event] = asyncio.Queue(maxsize)
        self.dropped = 0

    def matches(self, topic: str) -> bool:
        return not self.topics or any(topic == t or topic.startswith(t + ".") for t in self.topics)

    def offer(self, event: Event) -> None:
        if self.queue.full():
            self.queue.get_nowait()
            self.dropped += 1
        self.queue.put_nowait(event)

    async def get(self, timeout: float | None = None) -> Event:  # noqa: ASYNC109 - a queue wait, not I/O
        return await asyncio.wait_for(self.queue.get(), timeout)

    def __aiter__(self) -> AsyncIterator[Event]:
        return self._iter()

    async def _iter(self) -> AsyncIterator[Event]:
        while True:
            yield await self.queue.get()


class EventHub:
    """Topics are dotted names (``swap.phase``, ``health.service``); subscribing to ``swap``
    receives every ``swap.*`` event. An empty topic list receives everything."""

    def __init__(self) -> None:
        self._subs: set[Subscription] = set()

    def publish(self, topic: str, **data: Any) -> Event:
        event = Event(topic, data)
        for sub in list(self._subs):
            if sub.matches(topic):
                sub.offer(event)
        return event

    @asynccontextmanager
    async def subscribe(self, *topics: str, maxsize: int = 1000) -> AsyncIterator[Subscription]:
        sub = Subscription(topics, maxsize)
        self._subs.add(sub)
        try:
            yield sub
        finally:
            self._subs.discard(sub)
