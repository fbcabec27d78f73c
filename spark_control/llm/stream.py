"""The response side of the proxy: ``ProxyResponse`` passes vLLM's bytes on exactly as they
arrive (one upstream read -> one chunk to the client, never buffered whole) and looks at them
only as much as the metrics need:

- time to first token: the first chunk(s) are JSON-parsed until one carries generated text;
  after that, chunks are not parsed at all;
- tokens: ``usage.completion_tokens`` from the final chunk when the client asked for usage
  (``stream_options.include_usage``), else the number of SSE events from the first token on
  (vLLM sends one per token; a separate finish-only event makes it one too many);
- the end: ``data: [DONE]`` must close an SSE stream.

If vLLM dies mid-stream (connection reset, truncated body, read timeout) the client gets one
last SSE event and the stream closes WITHOUT ``data: [DONE]``::

    data: {"error": {"message": "vLLM at http://<host>:<port> closed the stream before it was complete (...)",
                     "type": "upstream_error", "param": null, "code": 502}}

(``"type": "timeout_error", "code": 504`` when vLLM went silent for longer than the read timeout).
The OpenAI SDKs raise ``APIError`` with that message. A client that disconnects makes the
caller close the ProxyResponse, which closes the upstream connection, and vLLM aborts the request.
"""

from __future__ import annotations

import json
import logging
import time
from collections.abc import AsyncIterator, Awaitable, Callable

from spark_control.upstreams import http1

log = logging.getLogger(__name__)

SSE_HEADERS = [(b"cache-control", b"no-cache"), (b"x-accel-buffering", b"no")]
_TOKEN_KEYS = ("content", "reasoning", "reasoning_content", "text", "tool_calls")


def error_event(message: str, kind: str, code: int) -> bytes:
    body = {"error": {"message": message, "type": kind, "param": None, "code": code}}
    return b"data: " + json.dumps(body).encode() + b"\n\n"


def first_token_event(chunk: bytes) -> int | None:
    """Index (among the chunk's ``data:`` events) of the first complete SSE event that carries
    generated text or a tool call; None if there is none in this chunk."""
    n = -1
    for line in chunk.split(b"\n"):
        if not line.startswith(b"data:"):
            continue
        n += 1
        payload = line[5:].strip()
        if not payload.startswith(b"{"):
            continue
        try:
            data = json.loads(payload)
        except ValueError:
            continue  # an event split across reads; a later chunk will do
        for choice in data.get("choices") or ():
            if not isinstance(choice, dict):
                continue
            src = choice.get("delta")
            if not isinstance(src, dict):
                src = choice  # completions: {"text": ...}
            for key in _TOKEN_KEYS:
                if src.get(key):
                    return n
    return None


def trailing_non_token_events(end: bytes) -> int:
    """How many complete events just before ``[DONE]`` carry no token (finish-only, usage-only)."""
    n = 0
    for event in reversed(end.split(b"\n\n")):
        payload = event.strip()
        if not payload.startswith(b"data:"):
            continue
        payload = payload[5:].strip()
        if payload == b"[DONE]":
            continue
        if first_token_event(b"data: " + payload) is not None:
            break
        if not payload.startswith(b"{"):
            break  # a fragment of an event cut by the read boundary: stop guessing
        n += 1
    return n


def usage_completion_tokens(tail: bytes) -> int | None:
    """``usage.completion_tokens`` of the last event in ``tail`` that carries usage, if any."""
    idx = tail.rfind(b'"usage"')
    if idx < 0:
        return None
    start = tail.rfind(b"data:", 0, idx)
    if start < 0:  # a non-streamed JSON body
        payload = tail
    else:
        end = tail.find(b"\n", idx)
        payload = tail[start + 5 : end if end >= 0 else len(tail)]
    try:
        usage = json.loads(payload).get("usage")
        return int(usage["completion_tokens"]) if isinstance(usage, dict) else None
    except (ValueError, KeyError, TypeError, AttributeError):
        return None


class ProxyResponse:
    """An open upstream response. Read it once (``async for chunk in resp``, or ``relay(send)``) and always
    ``await resp.aclose()`` (idempotent) when done or when the client went away."""

    def __init__(
        self,
        upstream: http1.Response,
        *,
        stream: bool,
        model: str,
        base_url: str,
        t0: float,
        on_done: Callable[[ProxyResponse, str | None], None],
    ) -> None:
        self.status = upstream.status
        self.stream = stream
        self.model = model
        ctype = upstream.headers.get("content-type", "text/event-stream" if stream else "application/json")
        self.headers: list[tuple[bytes, bytes]] = [(b"content-type", ctype.encode("latin-1"))]
        if stream:
            self.headers += SSE_HEADERS
        self._upstream = upstream
        self._base_url = base_url
        self._t0 = t0
        self._on_done = on_done
        self._closed = False
        self._gen: AsyncIterator[bytes] | None = None
        # read by on_done (metrics, chat page)
        self.first_token_at: float | None = None
        self.finished_at: float | None = None
        self.tokens = 0
        self.error: str | None = None

    def __aiter__(self) -> AsyncIterator[bytes]:
        self._gen = self._pump() if self.stream else self._pump_body()
        return self._gen

    async def relay(self, send: Callable[[dict], Awaitable[None]]) -> None:
        """Send every chunk to an ASGI ``send`` as ``http.response.body`` (more to come), the
        failure event last if the stream broke. The same as ``async for chunk in resp`` with
        one generator layer less on each chunk (the proxy's hot path)."""
        if not self.stream:
            async for chunk in self:
                await send({"type": "http.response.body", "body": chunk, "more_body": True})
            return
        self._begin()
        try:
            async for chunk in self._upstream.aiter_raw():
                arrived = time.monotonic() if self.first_token_at is None else 0.0
                await send({"type": "http.response.body", "body": chunk, "more_body": True})
                self._observe(chunk, arrived)  # after the send: off the chunk's latency path
        except http1.HTTPClientError as e:
            failure = self._end(e)
        else:
            failure = self._end(None)
        if failure is not None:
            await send({"type": "http.response.body", "body": failure, "more_body": True})

    async def _pump(self) -> AsyncIterator[bytes]:
        self._begin()
        try:
            async for chunk in self._upstream.aiter_raw():
                arrived = time.monotonic() if self.first_token_at is None else 0.0
                yield chunk  # first to the consumer; the bookkeeping is off its latency path
                self._observe(chunk, arrived)
        except http1.HTTPClientError as e:
            failure = self._end(e)
        else:
            failure = self._end(None)
        if failure is not None:
            yield failure

    def _begin(self) -> None:
        self._events_before_token = 0
        self._events = 0
        self._prev = self._tail = b""

    def _observe(self, chunk: bytes, arrived: float) -> None:
        self._prev, self._tail = self._tail, chunk
        n = chunk.count(b"data:")
        self._events += n
        if self.first_token_at is None:
            idx = first_token_event(chunk)
            if idx is None:
                self._events_before_token += n
            else:
                self.first_token_at = arrived
                self._events_before_token += idx

    def _end(self, exc: http1.HTTPClientError | None) -> bytes | None:
        """The stream ended (``exc``: how it broke): set the tokens, the error and the end time;
        return the failure event to send last, if any."""
        failure: bytes | None = None
        if isinstance(exc, http1.ReadTimeout):
            self.error = "upstream_timeout"
            failure = error_event(
                f"vLLM at {self._base_url} sent nothing for longer than the read timeout; the response is incomplete",
                "timeout_error",
                504,
            )
        elif exc is not None:
            self.error = "upstream_died"
            failure = error_event(
                f"vLLM at {self._base_url} closed the stream before it was complete ({exc!r})", "upstream_error", 502
            )
        else:
            end = self._prev + self._tail
            if not end.rstrip().endswith(b"[DONE]"):
                self.error = "upstream_truncated"
                failure = error_event(
                    f"vLLM at {self._base_url} ended the stream without [DONE]; the response is incomplete",
                    "upstream_error",
                    502,
                )
            else:
                usage = usage_completion_tokens(end) if b'"usage"' in end else None
                if usage is not None:
                    self.tokens = usage
                else:  # vLLM sends one event per token; not counted: what came before the first token,
                    # [DONE] and the trailing finish-only / usage-only events
                    self.tokens = max(0, self._events - self._events_before_token - 1 - trailing_non_token_events(end))
        if failure is not None:
            log.warning("stream for %s cut short: %s", self.model, self.error)
        self.finished_at = time.monotonic()
        return failure

    async def _pump_body(self) -> AsyncIterator[bytes]:
        parts: list[bytes] = []
        try:
            async for chunk in self._upstream.aiter_raw():
                parts.append(chunk)
                yield chunk
        except http1.HTTPClientError as e:
            # the status line is already out: the body is cut; the client's JSON parser will say so
            self.error = "upstream_timeout" if isinstance(e, http1.ReadTimeout) else "upstream_died"
            log.warning("response body for %s cut short: %r", self.model, e)
            return
        self.finished_at = self.first_token_at = time.monotonic()
        usage = usage_completion_tokens(b"".join(parts))
        self.tokens = usage or 0

    async def aclose(self) -> None:
        if self._closed:
            return
        self._closed = True
        if self.finished_at is None and self.error is None:
            self.error = "client_disconnected"
        try:
            if self._gen is not None:
                try:
                    await self._gen.aclose()  # type: ignore[attr-defined]
                except RuntimeError:  # still running in a task being torn down
                    pass
            await self._upstream.aclose()  # mid-body: closes the connection, so vLLM aborts the request
        finally:
            self._on_done(self, self.error)

    @property
    def ttft(self) -> float | None:
        return self.first_token_at - self._t0 if self.first_token_at is not None else None


async def iter_sse_deltas(chunks: AsyncIterator[bytes]) -> AsyncIterator[str]:
    """Text deltas of an OpenAI SSE stream (chat ``delta.content`` or completions ``text``), for
    in-process consumers such as the Chat page. An ``{"error": ...}`` event raises StreamFailed."""
    buf = b""
    async for chunk in chunks:
        buf += chunk
        *events, buf = buf.split(b"\n\n")
        for event in events:
            for line in event.split(b"\n"):
                if not line.startswith(b"data:"):
                    continue
                payload = line[5:].strip()
                if payload == b"[DONE]" or not payload:
                    continue
                data = json.loads(payload)
                if isinstance(data.get("error"), dict):
                    raise StreamFailed(str(data["error"].get("message") or "the stream failed"))
                for choice in data.get("choices") or ():
                    delta = choice.get("delta")
                    text = delta.get("content") if isinstance(delta, dict) else choice.get("text")
                    if text:
                        yield text


class StreamFailed(Exception):
    """The upstream stream ended with an error event."""
