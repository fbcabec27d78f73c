"""Streaming a response that holds a scarce resource (the GPU turn of a TTS stream) so that a
client who leaves gives it back at once, whether it left while waiting in line, before the first
byte, or in the middle; and whatever ASGI spec version the server speaks (Starlette only
watches for a disconnect below 2.4, and an async generator never started never runs its
``finally``).

Use: ``gone = watch_disconnect(request)``, then ``await until_ready(work, gone)`` for the part
before the response (returns None when the client left), then
``HeldStreamingResponse(chunks, gone=gone, ...)`` where ``chunks.aclose()`` releases."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Awaitable
from typing import Any, TypeVar

from starlette.requests import Request
from starlette.responses import StreamingResponse
from starlette.types import Receive, Scope, Send

T = TypeVar("T")
CLIENT_CLOSED = 499  # nginx's "client closed request": logged and counted, never read by anyone


def watch_disconnect(request: Request) -> asyncio.Future[None]:
    """A task that finishes when the client disconnects (call after the body was read)."""

    async def wait() -> None:
        while True:
            message = await request.receive()
            if message["type"] == "http.disconnect":
                return

    return asyncio.ensure_future(wait())


async def until_ready(work: Awaitable[T], gone: asyncio.Future[None]) -> T | None:
    """``await work`` unless the client leaves first: then ``work`` is cancelled (its own
    cleanup gives back what it held) and None is returned. Errors of ``work`` propagate."""
    task = asyncio.ensure_future(work)
    try:
        await asyncio.wait({task, gone}, return_when=asyncio.FIRST_COMPLETED)
    except asyncio.CancelledError:
        task.cancel()
        gone.cancel()
        await asyncio.gather(task, gone, return_exceptions=True)
        raise
    if task.done() and not gone.done():
        try:
            return task.result()
        except BaseException:
            gone.cancel()
            raise
    task.cancel()
    result = (await asyncio.gather(task, return_exceptions=True))[0]
    if task.done() and not task.cancelled() and not isinstance(result, BaseException):
        with contextlib.suppress(Exception):
            await _release(result)  # finished just as the client left: give it back now
    return None


async def _release(result: Any) -> None:
    for item in result if isinstance(result, tuple) else (result,):
        close = getattr(item, "aclose", None)
        if close is not None:
            await close()


class HeldStreamingResponse(StreamingResponse):
    """A streaming response whose ``content`` has ``aclose()`` (releases what it holds). Streams
    until done or until ``gone`` (the client left); either way ``content.aclose()`` runs."""

    def __init__(self, content: Any, *, gone: asyncio.Future[None], **kwargs: Any) -> None:
        super().__init__(content, **kwargs)
        self._content = content
        self._gone = gone

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        streaming = asyncio.ensure_future(self.stream_response(send))
        try:
            await asyncio.wait({streaming, self._gone}, return_when=asyncio.FIRST_COMPLETED)
            if streaming.done():
                try:
                    streaming.result()
                except OSError:
                    return  # the client went away while we were writing
                if self.background is not None:
                    await self.background()
        finally:
            for task in (streaming, self._gone):
                task.cancel()
            await asyncio.gather(streaming, self._gone, return_exceptions=True)
            await self._content.aclose()
