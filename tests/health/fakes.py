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

    @property
    def connections(self) -> int:
        """Client connections open right now (the monitor holds a keep-alive one and its sentinel)."""
        return len(self._writers)

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


class DroppableSSHD:
    """``tests.cluster.sshfixture.TinySSHD`` that can go down like a host: stop listening AND
    drop every open connection, then come back on the same port with the same host key."""

    def __init__(self, client_public_line: str, handler) -> None:
        import asyncssh

        from tests.cluster.sshfixture import TinySSHD

        self._conns: set = set()
        outer = self

        class _Server(asyncssh.SSHServer):
            def connection_made(self, conn):
                outer._conns.add(conn)

            def connection_lost(self, exc):
                pass

        self.sshd = TinySSHD(client_public_line, handler)
        self._server_cls = _Server

    @property
    def port(self) -> int:
        return self.sshd.port

    async def start(self, port: int = 0) -> DroppableSSHD:
        import asyncssh

        s = self.sshd
        s.server = await asyncssh.create_server(
            self._server_cls,
            "127.0.0.1",
            port or s.port,
            server_host_keys=[s.host_key],
            authorized_client_keys=asyncssh.import_authorized_keys(s.client_public_line + "\n"),
            process_factory=s._handle,
            encoding="utf-8",
            reuse_address=True,
        )
        s.port = s.server.sockets[0].getsockname()[1]
        return self

    async def down(self) -> None:
        await self.sshd.stop()
        for c in list(self._conns):
            c.abort()
        self._conns.clear()

    async def up(self) -> None:
        await self.start(self.sshd.port)


MEMINFO = "MemTotal:       127535452 kB\nMemFree:         9000000 kB\nMemAvailable:   100000000 kB\n"
DF = "Filesystem 1-blocks Used Available Capacity Mounted on\n/dev/nvme0n1p2 3936326262784 1000000000000 2936326262784 26% /\n"


def node_handler(line: str, stdin: str):
    """A GB10 node: nvidia-smi memory is [N/A]; memory is in /proc/meminfo."""
    if line == "true":
        return "", "", 0
    if line == "hostname":
        return "spark1\n", "", 0
    if line == "cat /proc/uptime":
        return "12345.67 20000.00\n", "", 0
    if line.startswith("nvidia-smi --query-gpu=name,"):
        return "NVIDIA GB10, 87, [N/A], [N/A], 61, 45.5\n", "", 0
    if line.startswith("nvidia-smi --query-gpu=clocks.sm"):
        return "2418, 8533\n", "", 0
    if line == "cat /proc/meminfo":
        return MEMINFO, "", 0
    if line.startswith("df -P -B1"):
        return DF, "", 0
    if line.startswith("docker ps"):
        return (
            '{"Names":"vllm_node","Image":"vllm","Status":"Up 3 minutes (healthy)","State":"running","ID":"abc"}\n',
            "",
            0,
        )
    return "", f"sh: {line}: not found\n", 127
