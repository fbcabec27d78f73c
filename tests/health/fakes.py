"""A small real HTTP/1.1 server (keep-alive) that can be stopped, restarted on the same port
and slowed: the stand-in for a cluster service in health tests when no simulator is given."""

from __future__ import annotations

import asyncio
import json


class FakeService:
    def __init__(self, *, metrics: str = "", model: str = "fake-model") -> None:
        self.port = 0
        self.health_delay = 0.0
        self.metrics = metrics
        self.model = model
        self.requests = 0
        self._server: asyncio.Server | None = None
        self._writers: set[asyncio.StreamWriter] = set()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    async def start(self) -> None:
        self._server = await asyncio.start_server(self._handle, "127.0.0.1", self.port, reuse_address=True)
        self.port = self._server.sockets[0].getsockname()[1]

    async def stop(self) -> None:
        """Stop listening and drop every connection (a killed process)."""
        if self._server is not None:
            self._server.close()
            for w in list(self._writers):
                w.transport.abort()
            self._writers.clear()
            await self._server.wait_closed()
            self._server = None

    async def _handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self._writers.add(writer)
        try:
            while True:
                line = await reader.readline()
                if not line:
                    return
                method, path, _ = line.decode().split(" ", 2)
                length = 0
                while True:
                    h = await reader.readline()
                    if h in (b"\r\n", b"\n", b""):
                        break
                    k, _, v = h.decode().partition(":")
                    if k.lower() == "content-length":
                        length = int(v.strip())
                if length:
                    await reader.readexactly(length)
                self.requests += 1
                status, body, ctype = await self._route(method, path)
                data = body.encode()
                writer.write(
                    f"HTTP/1.1 {status} X\r\nContent-Type: {ctype}\r\nContent-Length: {len(data)}\r\n\r\n".encode()
                    + data
                )
                await writer.drain()
        except (ConnectionError, asyncio.IncompleteReadError, ValueError):
            return
        finally:
            self._writers.discard(writer)
            writer.close()

    async def _route(self, method: str, path: str) -> tuple[int, str, str]:
        if path in ("/health", "/readyz"):
            if self.health_delay:
                await asyncio.sleep(self.health_delay)
            return 200, "", "text/plain"
        if path == "/metrics":
            return 200, self.metrics, "text/plain"
        if path == "/v1/models":
            return (
                200,
                json.dumps({"object": "list", "data": [{"id": self.model, "object": "model"}]}),
                "application/json",
            )
        if path == "/v1/completions" and method == "POST":
            body = {"id": "cmpl-1", "choices": [{"text": "!"}], "usage": {"completion_tokens": 1}}
            return 200, json.dumps(body), "application/json"
        return 404, "{}", "application/json"
