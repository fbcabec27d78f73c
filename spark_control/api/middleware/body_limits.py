"""Request body caps per route family: 413, enforced on streamed bodies too (not only on
Content-Length). The LLM fast path reads the same table (``api.state.body_limits``)."""

from __future__ import annotations

import json
from collections.abc import Iterable

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from spark_control.api.errors import error_body
from spark_control.api.middleware._asgi import header
from spark_control.auth.config import AuthSettings

MIB = 1024 * 1024


def default_body_limits(config: AuthSettings, llm_max_body_bytes: int | None = None) -> list[tuple[str, int]]:
    """(path prefix, max bytes); the longest matching prefix wins, else ``MAX_BODY_MB``.

    The one table of body caps: the middleware, the LLM fast path and the LLM routes all read it.
    The text cap is ``MAX_TEXT_BODY_MB``; ``LLM_MAX_BODY_BYTES`` (``settings.llm``, kept as an
    alias for the LLM routes) can only lower it on ``/v1/chat/`` and ``/v1/completions``."""
    audio = int(config.max_audio_body_mb * MIB)
    text = int(config.max_text_body_mb * MIB)
    llm = min(text, llm_max_body_bytes) if llm_max_body_bytes else text
    return [
        ("/v1/audio/", audio),
        ("/api/audio", audio),
        ("/_upload", audio),  # Reflex's upload route (the audio page uploads files through it)
        ("/v1/chat/", llm),
        ("/v1/completions", llm),
        ("/v1/embeddings", text),
        ("/api/embeddings", text),
        ("/v1/rerank", text),
        ("/api/search", text),
        ("/api/audio/merge", text),  # JSON words and turns, not an upload
        # JSON-escaped text can be several times its UTF-8 size; redaction caps the text itself.
        ("/scrub", text),
        ("/rehydrate", text),
        ("/api/redaction", text),
    ]


class _BodyTooLarge(Exception):
    pass


class BodyLimits:
    """The body cap of each path: the longest matching prefix's, else ``default_limit``."""

    def __init__(self, default_limit: int, limits: Iterable[tuple[str, int]] = ()) -> None:
        self.default_limit = default_limit
        self.limits = sorted(limits, key=lambda pl: len(pl[0]), reverse=True)

    def limit_for(self, path: str) -> int:
        for prefix, limit in self.limits:
            if path.startswith(prefix):
                return limit
        return self.default_limit


class BodySizeLimitMiddleware:
    """Refuses bodies above the route's cap with 413. Checks Content-Length up front, then counts
    the bytes actually received (chunked uploads have no Content-Length) and cuts off the read
    the moment the cap is passed; whatever the route then answers is replaced by the 413."""

    def __init__(self, app: ASGIApp, default_limit: int, limits: Iterable[tuple[str, int]] = ()) -> None:
        self.app = app
        self.policy = BodyLimits(default_limit, limits)
        self.limit_for = self.policy.limit_for

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit = self.limit_for(scope["path"])
        if declared_too_large(header(scope, b"content-length"), limit):
            await send_413(send, scope["path"], limit)
            return

        received = 0
        exceeded = False
        started = False

        async def guarded_receive() -> Message:
            nonlocal received, exceeded
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    exceeded = True
                    raise _BodyTooLarge()
            return message

        async def guarded_send(message: Message) -> None:
            nonlocal started
            if exceeded:
                if message["type"] == "http.response.start" and not started:
                    started = True
                    await send_413(send, scope["path"], limit)
                return
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, guarded_receive, guarded_send)
        except Exception:
            if not exceeded:
                raise
            if not started:
                await send_413(send, scope["path"], limit)


def declared_too_large(content_length: str | None, limit: int) -> bool:
    """A Content-Length over ``limit``, or not a number: refused before the body is read."""
    return content_length is not None and (not content_length.isdigit() or int(content_length) > limit)


async def send_413(send: Send, path: str, limit: int, extra_headers: Iterable[tuple[bytes, bytes]] = ()) -> int:
    """The body-cap refusal (also the LLM fast path's). The body may be unread: close after it."""
    mib = limit / MIB
    size = f"{mib:g} MiB" if mib >= 1 else f"{limit // 1024} KiB"
    body = json.dumps(
        error_body(f"Request body too large: {path} accepts at most {size}.", "invalid_request_error", 413)
    ).encode()
    await send(
        {
            "type": "http.response.start",
            "status": 413,
            "headers": [
                (b"content-type", b"application/json"),
                (b"content-length", str(len(body)).encode()),
                (b"connection", b"close"),
                *extra_headers,
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})
    return 413
