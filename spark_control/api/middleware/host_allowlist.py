"""The Host allowlist (DNS rebinding) and the UI websocket's Origin check."""

from __future__ import annotations

import logging
import socket
import threading
from collections.abc import Iterable
from urllib.parse import urlsplit

from starlette.types import ASGIApp, Receive, Scope, Send

from spark_control.api.errors import error_body
from spark_control.api.middleware._asgi import header
from spark_control.api.middleware.cors import cors_origins
from spark_control.api.middleware.security_headers import send_json

log = logging.getLogger(__name__)

FQDN_TIMEOUT_S = 2.0  # socket.getfqdn() asks the resolver, which can hang on a bad DNS setup


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


def machine_host_names(timeout_s: float = FQDN_TIMEOUT_S) -> set[str]:
    """This machine's own names (hostname, its FQDN, and the mDNS ``<hostname>.local``). The FQDN
    lookup runs in a daemon thread for at most ``timeout_s``; a resolver that does not answer by
    then leaves the FQDN out (logged), the host name still counts."""
    found: list[str] = []
    lookup = threading.Thread(target=lambda: found.append(socket.getfqdn()), name="getfqdn", daemon=True)
    lookup.start()
    lookup.join(timeout_s)
    if not found:
        log.warning("this machine's FQDN was not resolved within %.1f s; add it to ALLOWED_HOSTS if needed", timeout_s)
    names = {"localhost"}
    for name in (socket.gethostname(), *found):
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
    name under it); ``ALLOWED_HOSTS=*`` turns the check off.

    This machine's names (``machine``, default: ``machine_host_names()``, a DNS lookup) are looked
    up on first need, not when the policy is built (that happens at import of the app module)."""

    def __init__(self, extra: str = "", cors: Iterable[str] = (), machine: Iterable[str] | None = None) -> None:
        entries = [e.strip().lower().rstrip(".") for e in (extra or "").split(",") if e.strip()]
        self.any = "*" in entries
        self.names = {"localhost"}
        self._machine: set[str] | None = None if machine is None else set(machine)
        self._machine_lock = threading.Lock()
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

    def machine_names(self) -> set[str]:
        """This machine's names, looked up once (the lifespan task does it at start, in a thread)."""
        if self._machine is None:
            with self._machine_lock:
                if self._machine is None:
                    self._machine = machine_host_names()
        return self._machine

    def is_our_name(self, name: str) -> bool:
        """A name configured or found for this controller (not merely any IP address)."""
        return name in self.names or any(name.endswith(sfx) for sfx in self.suffixes) or name in self.machine_names()


class HostAllowlistMiddleware:
    """Refuses HTTP requests (400) and websocket handshakes (403) whose Host is not allowed."""

    def __init__(self, app: ASGIApp, policy: HostPolicy) -> None:
        self.app = app
        self.policy = policy

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] not in ("http", "websocket") or self.policy.allows(header(scope, b"host")):
            await self.app(scope, receive, send)
            return
        if scope["type"] == "websocket":
            await send({"type": "websocket.close", "code": 1008})
            return
        name = host_name(header(scope, b"host"))[:100]
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
