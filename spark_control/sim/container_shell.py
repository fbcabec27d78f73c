"""What ``docker exec <container> ...`` can run inside a fake container: ``vllm serve``,
``bash -c``/``sh -c`` around it, ``pkill -f``, ``curl`` to its own port, ``cat``/``ls`` of the
container's files, ``nvidia-smi`` and the small filters. Anything else fails loudly (rc 127)."""

from __future__ import annotations

import asyncio
import json

from spark_control.sim.clock import Clock
from spark_control.sim.host import Container, FakeHost
from spark_control.sim.shell import FOLLOW_POLL_S, IO, Shell, Unsupported

_INHERITED = {
    "true",
    "false",
    "echo",
    "head",
    "tail",
    "grep",
    "wc",
    "sleep",
    "nvidia-smi",
    "hostname",
    "uname",
    "nproc",
    "cat",
    "sha256sum",
    "md5sum",
}


class ContainerShell(Shell):
    def __init__(self, host: FakeHost, container: Container, clock: Clock | None = None, *, detach: bool = False):
        super().__init__(host, clock, cwd="/")
        self.container = container
        self.detach = detach

    async def dispatch(self, argv: list[str], io: IO) -> int:
        prog = argv[0]
        if prog in ("bash", "sh", "/bin/bash", "/bin/sh"):
            flags = [a for a in argv[1:] if a.startswith("-")]
            script = [a for a in argv[1:] if not a.startswith("-")]
            if not any("c" in f for f in flags) or len(script) != 1:
                raise Unsupported(f"{prog} without -c SCRIPT inside the container")
            return await self.execute(script[0], io)
        if prog == "vllm":
            return await self._vllm(argv[1:], io)
        if prog == "pkill":
            pattern = argv[-1]
            if "vllm" in pattern and self.host.kill_vllm(self.container):
                return 0
            return 1
        if prog == "curl":
            return self._curl(argv[1:], io)
        if prog == "ls":
            d = ([a for a in argv[1:] if not a.startswith("-")] or ["/"])[0].rstrip("/")
            names = sorted({f[len(d) + 1 :].split("/")[0] for f in self.container.files if f.startswith(d + "/")})
            io.out("".join(n + "\n" for n in names))
            return 0
        if prog in _INHERITED:
            return await super().dispatch(argv, io)
        raise Unsupported(f"command {prog!r} inside container {self.container.name}")

    def _read_file(self, path: str) -> str | None:
        data = self.container.files.get(path)
        return None if data is None else data.decode("utf-8", "replace")

    def _read_bytes(self, path: str) -> bytes | None:
        return self.container.files.get(path)

    async def _vllm(self, args: list[str], io: IO) -> int:
        if not args or args[0] != "serve":
            raise Unsupported("vllm " + " ".join(args[:1]) + " (only `vllm serve`)")
        c = self.container
        if c.vllm is not None and c.vllm.ended is None:
            # A second server in the same container: its port is taken by the first one.
            pass
        p = self.host.start_vllm(c, args[1:])
        if self.detach:
            return 0
        shown = 0
        while True:
            self.host.refresh()
            now = self.clock.now()
            lines = [ln for ln in c.logs if ln.t <= now and ln.t >= p.started]
            for ln in lines[shown:]:
                (io.out if ln.stream == "stdout" else io.err)(ln.text + "\n")
            shown = len(lines)
            if p.ended is not None and p.ended <= now:
                return p.exit_code
            await asyncio.sleep(FOLLOW_POLL_S)

    def _curl(self, args: list[str], io: IO) -> int:
        urls = [a for a in args if a.startswith("http")]
        if len(urls) != 1:
            raise Unsupported("curl without exactly one http URL")
        url = urls[0]
        import re

        m = re.match(r"http://(localhost|127\.0\.0\.1|0\.0\.0\.0):(\d+)(/.*)?$", url)
        if not m:
            raise Unsupported(f"curl to {url!r} (only the container's own ports)")
        port, path = int(m.group(2)), m.group(3) or "/"
        now = self.clock.now()
        p = self.container.vllm
        if p is not None and p.port == port and p.is_ready(now):
            if path in ("/health", "/ping"):
                return 0
            if path == "/v1/models":
                io.out(json.dumps({"object": "list", "data": [{"id": p.served_name, "object": "model"}]}))
                return 0
            raise Unsupported(f"curl {path} inside the container")
        if not any(a in ("-s", "-sf", "-fs", "--silent") for a in args):
            io.err(f"curl: (7) Failed to connect to localhost port {port} after 0 ms: Couldn't connect to server\n")
        return 7
