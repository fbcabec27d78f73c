"""Serve an ASGI app on a fixed 127.0.0.1 port that can be switched between "listening" and
"connection refused", like a real server process coming and going.

The port is reserved by a socket that is bound but not listening: a client connecting to it
gets ECONNREFUSED, which is exactly what vLLM shows while it loads (it binds early and listens
once the engine is built). ``up()`` starts listening with uvicorn on that socket; ``down()``
drops every connection (as a dying process would) and goes back to bound-but-refusing."""

from __future__ import annotations

import asyncio
import logging
import socket
from typing import Any

import uvicorn
from uvicorn.server import ServerState

log = logging.getLogger(__name__)


def _reserve(port: int) -> socket.socket:
    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    s.bind(("127.0.0.1", port))
    s.setblocking(False)
    return s


class LoopbackService:
    def __init__(self, app: Any, port: int = 0, *, name: str = "service"):
        self.app = app
        self.name = name
        self._sock: socket.socket | None = _reserve(port)
        self.port: int = self._sock.getsockname()[1]
        self._server: asyncio.Server | None = None
        self._state: ServerState | None = None
        self._config: uvicorn.Config | None = None
        self._lifespan: Any = None
        self._lock = asyncio.Lock()

    @property
    def is_up(self) -> bool:
        return self._server is not None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    async def up(self) -> None:
        """Start accepting connections (uvicorn's HTTP protocol on the reserved socket)."""
        async with self._lock:
            if self._server is not None:
                return
            if self._sock is None:
                self._sock = _reserve(self.port)
            if self._config is None:
                self._config = uvicorn.Config(
                    self.app, log_config=None, access_log=False, lifespan="auto", timeout_keep_alive=5
                )
                self._config.load()
                # The app's own startup (models, clients) runs once, at the first up();
                # its shutdown at close(). Up/down only switch the listening port.
                self._lifespan = self._config.lifespan_class(self._config)
                await self._lifespan.startup()
                if self._lifespan.should_exit:
                    raise RuntimeError(f"{self.name}: the app's lifespan startup failed")
            config, state = self._config, ServerState()
            app_state = self._lifespan.state if self._lifespan is not None else {}
            loop = asyncio.get_running_loop()
            sock, self._sock = self._sock, None

            def protocol() -> asyncio.Protocol:
                return config.http_protocol_class(config=config, server_state=state, app_state=app_state)  # type: ignore[call-arg]

            self._server = await loop.create_server(protocol, sock=sock, backlog=128)
            self._state = state

    async def down(self) -> None:
        """Stop listening and cut every open connection at once (a dying process); the port
        stays reserved, so clients now get "connection refused"."""
        async with self._lock:
            server, state = self._server, self._state
            self._server, self._state = None, None
            if server is None or state is None:
                return
            server.close()  # closes the listening socket: new connects are refused from here
            for conn in list(state.connections):
                transport = getattr(conn, "transport", None)
                if transport is not None:
                    transport.abort()
            for t in list(state.tasks):
                t.cancel()
            self._sock = _reserve(self.port)

    async def close(self) -> None:
        await self.down()
        if self._lifespan is not None:
            # uvicorn waits for the app's lifespan task to acknowledge shutdown; if that task is
            # already gone it would wait forever, so the wait is bounded.
            try:
                async with asyncio.timeout(5.0):
                    await self._lifespan.shutdown()
            except TimeoutError:
                log.warning("%s: the app's lifespan shutdown did not finish within 5 s", self.name)
            self._lifespan = None
        if self._sock is not None:
            self._sock.close()
            self._sock = None
