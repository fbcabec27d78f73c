"""HTTP hardening, installed once by ``create_api`` with ``install_hardening(api, settings)``:

- request body caps per route family (413, enforced on streamed bodies too, not only on
  Content-Length);
- security headers on every response, and a Content-Security-Policy on HTML (the UI) that the
  built Reflex frontend works with;
- the audit middleware: every mutating request made by an operator (or any DELETE/PUT/PATCH)
  is written to the audit log with who, what, from where and the status;
- the OpenAPI docs (``/docs``, ``/openapi.json``) behind operator access;
- CORS only for the origins in ``CORS_ORIGINS`` (Reflex adds its own CORS middleware from
  ``rxconfig.cors_allowed_origins``: that must be set from the same variable);
- secrets scrubbed from every log record, and the data directory's secret files kept 0600.
"""

from __future__ import annotations

import json
import logging
import os
import re
from collections.abc import Iterable
from pathlib import Path
from urllib.parse import urlsplit

from fastapi import Depends, FastAPI
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import HTMLResponse, JSONResponse
from starlette.middleware.cors import CORSMiddleware
from starlette.routing import Mount
from starlette.staticfiles import StaticFiles
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from spark_control.api.deps import (
    AUDITED_SCOPE_KEY,
    PRINCIPAL_SCOPE_KEY,
    Principal,
    actor_label,
    require_operator_or_cookie,
)
from spark_control.api.errors import error_body
from spark_control.auth.config import AuthSettings
from spark_control.auth.files import secure_data_dir  # noqa: F401  (re-exported)
from spark_control.auth.tokens import redact_secrets
from spark_control.errors import ConfigError

log = logging.getLogger(__name__)
MIB = 1024 * 1024

# ----- request size limits -----


def default_body_limits(config: AuthSettings) -> list[tuple[str, int]]:
    """(path prefix, max bytes); the longest matching prefix wins, else ``MAX_BODY_MB``."""
    audio = int(config.max_audio_body_mb * MIB)
    text = int(config.max_text_body_mb * MIB)
    return [
        ("/v1/audio/", audio),
        ("/api/audio", audio),
        ("/_upload", audio),  # Reflex's upload route (the audio page uploads files through it)
        ("/v1/chat/", text),
        ("/v1/completions", text),
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
        if declared_too_large(_header(scope, b"content-length"), limit):
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


def _header(scope: Scope, name: bytes) -> str | None:
    for key, value in scope.get("headers", ()):
        if key.lower() == name:
            return value.decode("latin-1").strip()
    return None


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


# ----- security headers -----

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
                        else ui_csp(_header(scope, b"host"), self.connect_sources)
                    )
                    headers.append((b"content-security-policy", csp.encode()))
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, send_with_headers)


# ----- audit of mutations -----

MUTATING = {"POST", "PUT", "PATCH", "DELETE"}


class AuditMiddleware:
    """After a mutating request, write who did it (as the access dependency found them), what,
    from where and the status. Routes that audit themselves call ``deps.mark_audited``.
    Operator requests are all audited; app requests only when they change or delete something
    (DELETE/PUT/PATCH): a chat completion is not a mutation."""

    def __init__(self, app: ASGIApp, api: FastAPI) -> None:
        self.app = app
        self.api = api

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] not in MUTATING:
            await self.app(scope, receive, send)
            return
        status = 500

        async def capture(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
            await send(message)

        try:
            await self.app(scope, receive, capture)
        finally:
            principal: Principal | None = scope.get(PRINCIPAL_SCOPE_KEY)
            if principal is not None and not scope.get(AUDITED_SCOPE_KEY):
                audit_request(getattr(self.api.state, "controller", None), scope, principal, status)


def audit_request(controller, scope: Scope, principal: Principal, status: int) -> None:
    """The audit rule for a finished mutating request (``AuditMiddleware``, and the LLM fast path
    that bypasses it): every operator request, and an app's DELETE/PUT/PATCH."""
    if principal.kind != "operator" and scope["method"] == "POST":
        return
    if getattr(controller, "audit", None) is None:
        return
    client = scope.get("client")
    try:
        controller.audit.record(
            actor=actor_label(principal),
            action="api.request",
            target=f"{scope['method']} {scope['path']}",
            result=str(status),
            source=client[0] if client else "",
        )
    except Exception:  # the audit must never turn a done mutation into an error
        log.exception("could not write the audit entry for %s %s", scope["method"], scope["path"])


# ----- OpenAPI docs behind operator access -----


def protect_docs(api: FastAPI) -> None:
    """Replace FastAPI's open ``/docs``, ``/redoc`` and ``/openapi.json`` with operator-only ones.
    A browser passes with the UI's session cookie (read-only routes, so no CSRF exposure)."""
    openapi_url = api.openapi_url or "/openapi.json"
    docs_url = api.docs_url or "/docs"
    drop = {api.openapi_url, api.docs_url, api.redoc_url, api.swagger_ui_oauth2_redirect_url} - {None}
    api.router.routes = [r for r in api.router.routes if getattr(r, "path", None) not in drop]
    api.openapi_url = openapi_url  # keeps api.openapi() working; the route itself is ours
    api.docs_url = api.redoc_url = None

    @api.get(openapi_url, include_in_schema=False)
    async def openapi_json(_: Principal = Depends(require_operator_or_cookie)) -> JSONResponse:
        return JSONResponse(api.openapi())

    @api.get(docs_url, include_in_schema=False)
    async def swagger(_: Principal = Depends(require_operator_or_cookie)) -> HTMLResponse:
        return get_swagger_ui_html(openapi_url=openapi_url, title=f"{api.title} - docs")


# ----- CORS -----


def cors_origins(value: str) -> list[str]:
    """``CORS_ORIGINS`` ("https://a.lan,https://b.lan") as a list; empty means closed."""
    return [o.strip().rstrip("/") for o in value.split(",") if o.strip()]


def install_cors(api: FastAPI, origins: list[str]) -> None:
    """For the API served without Reflex (tests, a bare uvicorn). Under Reflex, its own CORS
    middleware (from ``rxconfig.cors_allowed_origins`` = CORS_ORIGINS) sits in front and decides."""
    if origins:
        api.add_middleware(
            CORSMiddleware,
            allow_origins=origins,
            allow_methods=["GET", "POST", "PUT", "PATCH", "DELETE"],
            allow_headers=["Authorization", "Content-Type"],
            allow_credentials=False,  # bearer tokens, not cookies
            max_age=600,
        )


# ----- Host allowlist (DNS rebinding) and the websocket's Origin check -----


def host_name(host_header: str | None) -> str:
    """``Host`` header -> lower-case name without port ("[::1]:9999" -> "::1"); "" when absent."""
    host = (host_header or "").strip().lower()
    if host.startswith("["):
        return host[1 : host.find("]")] if "]" in host else ""
    if host.count(":") == 1:
        host = host.split(":", 1)[0]
    return host.rstrip(".")


def _is_ip(name: str) -> bool:
    import ipaddress

    try:
        ipaddress.ip_address(name)
    except ValueError:
        return False
    return True


def machine_host_names() -> set[str]:
    """This machine's own names (hostname, its FQDN, and the mDNS ``<hostname>.local``)."""
    import socket

    names = {"localhost"}
    for name in (socket.gethostname(), socket.getfqdn()):
        name = (name or "").lower().rstrip(".")
        if name:
            names |= {name, name.split(".")[0], name.split(".")[0] + ".local"}
    return names


class HostPolicy:
    """Which ``Host`` headers the controller answers. A web page that re-points its own DNS name
    at the controller (DNS rebinding) sends its own name as Host: refusing unknown names stops it
    reaching the UI (first-start password setup included) as if same-origin.

    Allowed: every IP literal, ``localhost`` (and ``*.localhost``), this machine's names, the
    hosts of ``CORS_ORIGINS``, and ``ALLOWED_HOSTS`` entries ("spark.lan", or ".lan" for every
    name under it); ``ALLOWED_HOSTS=*`` turns the check off."""

    def __init__(self, extra: str = "", cors: Iterable[str] = (), machine: Iterable[str] | None = None) -> None:
        entries = [e.strip().lower().rstrip(".") for e in (extra or "").split(",") if e.strip()]
        self.any = "*" in entries
        self.names = set(machine_host_names() if machine is None else machine) | {"localhost"}
        self.suffixes = {".localhost"}
        for origin in cors:
            name = host_name(urlsplit(origin).netloc)
            if name:
                self.names.add(name)
        for e in entries:
            if e.startswith("."):
                self.suffixes.add(e)
            elif e != "*":
                self.names.add(host_name(e))

    @classmethod
    def from_settings(cls, settings) -> HostPolicy:
        return cls(settings.allowed_hosts, cors_origins(settings.cors_origins))

    def allows(self, host_header: str | None) -> bool:
        if self.any:
            return True
        name = host_name(host_header)
        return bool(name) and (_is_ip(name) or self.is_our_name(name))

    def is_our_name(self, name: str) -> bool:
        """A name configured or found for this controller (not merely any IP address)."""
        return name in self.names or any(name.endswith(sfx) for sfx in self.suffixes)


class HostAllowlistMiddleware:
    """Refuses HTTP requests (400) and websocket handshakes (403) whose Host is not allowed."""

    def __init__(self, app: ASGIApp, policy: HostPolicy) -> None:
        self.app = app
        self.policy = policy

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] not in ("http", "websocket") or self.policy.allows(_header(scope, b"host")):
            await self.app(scope, receive, send)
            return
        if scope["type"] == "websocket":
            await send({"type": "websocket.close", "code": 1008})
            return
        name = host_name(_header(scope, b"host"))[:100]
        message = (
            f"Host {name!r} is not allowed. If this is a name of this controller, add it to ALLOWED_HOSTS "
            "(see docs/SECURITY.md)."
        )
        await send_json(send, 400, error_body(message, "invalid_request_error", 400))


def same_host_origins(cors: Iterable[str], policy: HostPolicy):
    """engine.io's ``cors_allowed_origins`` check for the UI websocket: the page's Origin must be
    one of ``CORS_ORIGINS``, or (the socket's Host passing the allowlist) name the host the socket
    was opened on (the UI's own origin, any port: the dev frontend runs on another port) or
    another name of this controller (the built frontend may open its socket at the baked
    ``API_URL`` host while the page was opened under a name): never merely another IP address.
    Reflex passes an empty list when CORS_ORIGINS is empty, which turns engine.io's check off."""
    listed = set(cors)

    def check(origin: str | None, environ: dict | None = None) -> bool:
        if not origin:
            return True  # not a browser page (browsers always send Origin on a websocket)
        if origin.rstrip("/") in listed:
            return True
        host = (environ or {}).get("HTTP_HOST", "")
        parts = urlsplit(origin)
        if parts.scheme not in ("http", "https") or not policy.allows(host) or not host_name(host):
            return False
        page = host_name(parts.netloc)
        return page == host_name(host) or policy.is_our_name(page)

    return check


def install_socket_origin_check(sio, cors: Iterable[str], policy: HostPolicy) -> None:
    """Point the UI websocket's (python-socketio ``AsyncServer``) origin check at ``same_host_origins``."""
    sio.eio.cors_allowed_origins = same_host_origins(cors, policy)


# ----- Reflex's upload route -----


class UploadSessionGuard:
    """Reflex's ``/_upload`` reads the whole multipart body (up to the audio cap) before its event
    reaches the UI's session guard. This refuses, before one byte of the body is read, any request
    under ``/_upload`` (the upload POST and the uploaded files) without a signed-in operator
    session: ``signed_in(scope)`` decides (the session cookie, or the Reflex client's state)."""

    def __init__(self, app: ASGIApp, signed_in, audit=None, path: str = "/_upload") -> None:
        self.app = app
        self.signed_in = signed_in
        self.audit = audit  # () -> AuditLog | None
        self.path = path

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        path = scope.get("path", "")
        if scope["type"] != "http" or not (path == self.path or path.startswith(self.path + "/")):
            await self.app(scope, receive, send)
            return
        try:
            ok = await self.signed_in(scope)
        except Exception:
            log.exception("the upload session check failed; refusing")
            ok = False
        if ok:
            await self.app(scope, receive, send)
            return
        audit = self.audit() if self.audit is not None else None
        if audit is not None:
            client = scope.get("client")
            audit.record(
                actor="anonymous",
                action="auth.denied",
                target=f"{scope['method']} {self.path}",
                result="401 no session",
                source=client[0] if client else "",
            )
        message = "Uploads need a signed-in operator session (sign in at /login)."
        await send_json(send, 401, error_body(message, "authentication_error", 401))


def session_cookie(scope: Scope) -> str:
    """The UI's session cookie (``sc_session``) from a request's Cookie header, or ""."""
    from http.cookies import SimpleCookie

    from spark_control.api.deps import SESSION_COOKIE

    raw = _header(scope, b"cookie")
    if not raw:
        return ""
    jar: SimpleCookie = SimpleCookie()
    try:
        jar.load(raw)
    except Exception:
        return ""
    morsel = jar.get(SESSION_COOKIE)
    return morsel.value if morsel is not None else ""


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


# ----- logs and files -----

_BEARER = re.compile(r"(?i)(bearer\s+)[A-Za-z0-9._~+/=-]{8,}")
_factory_installed = False


def scrub(text: str) -> str:
    return _BEARER.sub(r"\1<redacted>", redact_secrets(text))


def install_log_redaction() -> None:
    """Scrub bearer secrets from every log record, whatever logger or handler it goes to
    (defence in depth: our code never logs them; a library's debug line might)."""
    global _factory_installed
    if _factory_installed:
        return
    previous = logging.getLogRecordFactory()

    def factory(*args, **kwargs) -> logging.LogRecord:
        record = previous(*args, **kwargs)
        try:
            message = record.getMessage()
        except Exception:
            return record
        clean = scrub(message)
        if clean != message:
            record.msg, record.args = clean, None
        return record

    logging.setLogRecordFactory(factory)
    _factory_installed = True


def served_directories(app: ASGIApp) -> list[Path]:
    """Every directory a StaticFiles mount under ``app`` serves (walks nested mounts)."""
    found: list[Path] = []
    seen: set[int] = set()

    def walk(node) -> None:
        if node is None or id(node) in seen:
            return
        seen.add(id(node))
        if isinstance(node, StaticFiles):
            found.extend(Path(d).resolve() for d in node.all_directories)
        for route in getattr(node, "routes", None) or []:
            if isinstance(route, Mount):
                walk(route.app)
            elif hasattr(route, "original_router"):  # FastAPI's included routers
                walk(route.original_router)
        for attr in ("app", "router"):
            child = getattr(node, attr, None)
            if child is not None and child is not node:
                walk(child)

    walk(app)
    return found


def assert_data_dir_not_served(app: ASGIApp, data_dir: Path) -> None:
    """Fail at start if any static mount would serve the data directory (keys, vault, database)."""
    data = Path(data_dir).resolve()
    for served in served_directories(app):
        if served == data or data in served.parents or served in data.parents:
            raise ConfigError(
                f"a static route serves {served}, which overlaps DATA_DIR {data} (keys and the database "
                "live there). Fix: move DATA_DIR or the static directory."
            )


# ----- all together -----


def install_hardening(api: FastAPI, settings=None, config: AuthSettings | None = None) -> None:
    """Call once in ``create_api``, after the routers are included. Middleware order (outermost
    first): security headers, body limits, audit; CORS (if configured) sits outside them all.
    ``settings`` (for ``cors_origins``) may be None: then CORS_ORIGINS is read from the environment."""
    config = config or AuthSettings()
    origins = settings.cors_origins if settings is not None else os.environ.get("CORS_ORIGINS", "")
    protect_docs(api)
    api.add_middleware(AuditMiddleware, api=api)
    default_limit, limits = int(config.max_body_mb * MIB), default_body_limits(config)
    api.state.body_limits = BodyLimits(default_limit, limits)  # read by the LLM fast path too
    api.add_middleware(BodySizeLimitMiddleware, default_limit=default_limit, limits=limits)
    api.add_middleware(SecurityHeadersMiddleware, connect_sources=reflex_backend_sources())
    install_cors(api, cors_origins(origins or ""))
    install_log_redaction()
