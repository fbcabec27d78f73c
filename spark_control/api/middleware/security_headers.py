"""Security headers on every response, and a Content-Security-Policy on HTML (the UI) that the
built Reflex frontend works with. ``send_json``: the middleware's own refusals, with those headers."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from urllib.parse import urlsplit

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from spark_control.api.middleware._asgi import header

BASE_HEADERS = [
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"no-referrer"),
    (b"cross-origin-opener-policy", b"same-origin"),
    (b"permissions-policy", b"camera=(), geolocation=(), payment=(), usb=()"),
]

# The Reflex frontend needs: inline <script>s in its prebuilt HTML (theme + router context),
# eval for rx.call_script / rx.set_clipboard, data: module imports for dynamic components,
# inline styles (emotion), and its websocket /_event on the same host. Everything else is 'self'.
_HOST_OK = re.compile(r"^[A-Za-z0-9.\-:\[\]]{1,255}$")


def ui_csp(host: str | None, connect_sources: Iterable[str] = ()) -> str:
    connect = "'self'"
    if host and _HOST_OK.match(host):
        connect += f" ws://{host} wss://{host}"
    for source in connect_sources:
        connect += f" {source}"
    return "; ".join(
        [
            "default-src 'self'",
            "script-src 'self' 'unsafe-inline' 'unsafe-eval' data:",
            "style-src 'self' 'unsafe-inline'",
            "img-src 'self' data: blob:",
            "font-src 'self' data:",
            "media-src 'self' data: blob:",
            f"connect-src {connect}",
            "worker-src 'self' blob:",
            "object-src 'none'",
            "base-uri 'self'",
            "form-action 'self'",
            "frame-ancestors 'none'",
        ]
    )


# Swagger UI comes from a CDN (as FastAPI serves it); only the docs page allows that.
DOCS_CSP = (
    "default-src 'self'; script-src 'self' 'unsafe-inline' https://cdn.jsdelivr.net; "
    "style-src 'self' 'unsafe-inline' https://cdn.jsdelivr.net; img-src 'self' data: https:; "
    "connect-src 'self'; object-src 'none'; base-uri 'self'; frame-ancestors 'none'"
)


def reflex_backend_sources() -> list[str]:
    """The backend origin baked into the built frontend (``api_url``: its websocket goes there),
    as http and ws sources, so the CSP allows it even when the UI is opened under another name."""
    try:
        from reflex.config import get_config

        url = urlsplit(get_config().api_url or "")
    except Exception:
        return []
    if url.scheme not in ("http", "https") or not url.netloc or not _HOST_OK.match(url.netloc):
        return []
    ws = "wss" if url.scheme == "https" else "ws"
    return [f"{url.scheme}://{url.netloc}", f"{ws}://{url.netloc}"]


class SecurityHeadersMiddleware:
    def __init__(self, app: ASGIApp, docs_path: str = "/docs", connect_sources: Iterable[str] = ()) -> None:
        self.app = app
        self.docs_path = docs_path
        self.connect_sources = list(connect_sources)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                present = {k.lower() for k, _ in headers}
                headers += [(k, v) for k, v in BASE_HEADERS if k not in present]
                ctype = next((v for k, v in headers if k.lower() == b"content-type"), b"")
                if ctype.startswith(b"text/html") and b"content-security-policy" not in present:
                    csp = (
                        DOCS_CSP
                        if scope["path"] == self.docs_path
                        else ui_csp(header(scope, b"host"), self.connect_sources)
                    )
                    headers.append((b"content-security-policy", csp.encode()))
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, send_with_headers)


async def send_json(send: Send, status: int, payload: dict) -> None:
    body = json.dumps(payload).encode()
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [
                (b"content-type", b"application/json"),
                (b"content-length", str(len(body)).encode()),
                (b"connection", b"close"),
                *BASE_HEADERS,
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})
