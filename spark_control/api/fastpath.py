"""The LLM fast path: the outermost ASGI layer of the backend (``LLMFastPath``, installed by
``SparkControlApp.__call__`` around everything Reflex builds).

``POST /v1/chat/completions`` and ``POST /v1/completions`` from API clients are served here
directly: the same access check (``deps.check_app_access``), body caps, security headers,
request metrics and audit rule as the routes in ``api/llm.py``, the same ``proxy_call``, but
without the ~12 framework layers (Reflex's and FastAPI's middleware stacks, routing, dependency
solving) that otherwise wrap every request and every streamed chunk. Measured on the 2-core
test machine in ``benchmarks/llm_proxy.py``; numbers in ``docs/LLM_API.md``.

Everything else goes to the app below, untouched, including these two routes when the request
carries an ``Origin`` header (a browser: CORS is decided by the full stack) and the OpenAPI
schema (the routes in ``api/llm.py`` still document them and answer when the fast path is not
installed, e.g. the API served on its own in tests).
"""

from __future__ import annotations

import logging
import time

from fastapi import FastAPI
from starlette.types import ASGIApp, Receive, Scope, Send

from spark_control.api.deps import check_app_access, parse_bearer
from spark_control.api.errors import send_error
from spark_control.api.llm import add_chunk, body_limit, check_declared_length, proxy_call
from spark_control.api.middleware.audit import audit_request
from spark_control.api.middleware.body_limits import declared_too_large, send_413
from spark_control.api.middleware.security_headers import BASE_HEADERS
from spark_control.errors import InternalError, SparkControlError, Unavailable

log = logging.getLogger(__name__)

FAST_ROUTES = {"/v1/chat/completions": "chat/completions", "/v1/completions": "completions"}
# what the full stack adds to these responses: the security headers, and Reflex's CORS layer's
# "Vary: Origin" (its answer depends on the Origin header, which these requests do not carry)
RESPONSE_HEADERS = [*BASE_HEADERS, (b"vary", b"Origin")]
_WANTED = (b"authorization", b"content-length", b"origin")


class LLMFastPath:
    def __init__(self, app: ASGIApp, api: FastAPI) -> None:
        self.app = app
        self.api = api
        self._limits: dict[str, int | None] = {}

    def _limit(self, path: str) -> int | None:
        """The hardening's body cap for ``path`` (``api.state.body_limits``), looked up once."""
        try:
            return self._limits[path]
        except KeyError:
            limits = getattr(self.api.state, "body_limits", None)
            limit = self._limits[path] = limits.limit_for(path) if limits is not None else None
            return limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope["method"] == "POST":
            endpoint = FAST_ROUTES.get(scope["path"])
            if endpoint is not None:
                headers = _headers(scope)
                if b"origin" not in headers:
                    await self._serve(endpoint, headers, scope, receive, send)
                    return
        await self.app(scope, receive, send)

    async def _serve(self, endpoint: str, headers: dict, scope: Scope, receive: Receive, send: Send) -> None:
        t0 = time.perf_counter()
        state = self.api.state
        controller = getattr(state, "controller", None)
        path = scope["path"]
        client = scope.get("client")
        status = 500
        principal = None
        # Ask for the body now: a server that fetches it on another thread (granian) does so
        # while the access check below runs. Awaited only once the request is let in.
        first = receive()
        try:
            try:
                declared = headers.get(b"content-length")
                limit = self._limit(path)
                if limit is not None and declared_too_large(declared, limit):
                    status = await send_413(send, path, limit, RESPONSE_HEADERS)  # as the hardening does
                    return
                gateway = getattr(controller, "llm", None)
                if gateway is None:
                    raise Unavailable("The LLM gateway is not running yet (Spark Control is starting).", retry_after=5)
                principal = check_app_access(
                    controller,
                    "llm",
                    parse_bearer(headers.get(b"authorization", "")),
                    source=client[0] if client else "",
                    target=f"POST {path}",
                )
                if limit is None:  # no hardening installed (the API served on its own)
                    limit = body_limit(state, path, gateway)
                body = await _read_body(first, receive, declared, limit)
                first = None
            except SparkControlError as exc:
                status = await send_error(send, exc, RESPONSE_HEADERS)
                return
            status = await proxy_call(gateway, endpoint, body, receive, send, RESPONSE_HEADERS)
        except ClientGone:
            status = 499  # the client left while sending its body (nginx's code for it)
        except Exception:
            log.exception("POST %s failed", path)
            try:  # refused by the server if the response had already started: then nothing can be said
                await send_error(
                    send, InternalError("Internal error in the LLM gateway; see the log."), RESPONSE_HEADERS
                )
            except Exception:
                pass
        finally:
            if first is not None and hasattr(first, "close"):
                first.close()  # a coroutine (uvicorn's receive) that was never awaited
            counter = getattr(state, "request_counter", None)
            if counter is not None:
                counter.add("POST", path, status, time.perf_counter() - t0)
            if principal is not None:
                audit_request(controller, scope, principal, status)


def _headers(scope: Scope) -> dict[bytes, str]:
    found: dict[bytes, str] = {}
    for key, value in scope["headers"]:
        key = key.lower()
        if key in _WANTED:
            found[key] = value.decode("latin-1")
    return found


async def _read_body(first, receive: Receive, declared: str | None, limit: int) -> bytes:
    """The request body, given the already requested first ``receive()``."""
    check_declared_length(declared, limit)
    chunks: list[bytes] = []
    total = 0
    message = await first
    while True:
        if message["type"] == "http.disconnect":
            raise ClientGone()
        total = add_chunk(chunks, message.get("body", b""), total, limit)
        if not message.get("more_body", False):
            return chunks[0] if len(chunks) == 1 else b"".join(chunks)
        message = await receive()


class ClientGone(Exception):
    """The client disconnected while sending its body."""
