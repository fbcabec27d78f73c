"""The whole simulated cluster: two fake Sparks behind real SSH servers, the fake vLLM that
follows spark1's ``vllm_node`` container, and the service containers of spark2 served on
loopback ports while their containers run.

    sim = SimCluster(data_dir, catalog, client_public_key)
    await sim.start()
    sim.cluster_config        # spark_control.settings.ClusterConfig pointing at 127.0.0.1 ports
    sim.known_hosts_lines()   # pin these host keys
    sim.hosts["spark1"].faults["host_oom"] = True
    await sim.stop()
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import asyncssh

from spark_control.catalog import Catalog
from spark_control.settings import ClusterConfig, NodeConfig, Settings
from spark_control.sim.clock import Clock, ScaledClock
from spark_control.sim.host import FakeHost, ServiceSpec
from spark_control.sim.serving import LoopbackService
from spark_control.sim.shell import launch_recipe_now
from spark_control.sim.sshd import FakeSSHServer
from spark_control.sim.vllm_server import FakeVLLM

log = logging.getLogger(__name__)

RECONCILE_S = 0.03  # real seconds between checks of container state -> listening ports
SIM_USER = "sparkops"

# Spark 2's long-running service containers: kind -> (container, image, GiB, GPU MiB, files).
SERVICE_CONTAINERS: dict[str, tuple[str, str, float, int, dict[str, bytes]]] = {
    "asr": (
        "parakeet-asr",
        "parakeet-asr:latest",
        6.5,
        5200,
        {
            "/app/main.py": b"# parakeet-asr server (stock image)\n",
            "/app/diarizer.py": b"# speaker diarization (stock image)\n",
        },
    ),
    "tts": ("kokoro", "ghcr.io/remsky/kokoro-fastapi-gpu:latest", 2.4, 1800, {"/app/api/src/main.py": b"# kokoro\n"}),
    "embed": ("spark-embed", "spark-embed:latest", 3.1, 2600, {"/app/main.py": b"# spark-embed server\n"}),
    "qdrant": ("qdrant", "qdrant/qdrant:latest", 1.2, 0, {}),
}
_BANNERS = (
    "INFO:     Started server process [{pid}]",
    "INFO:     Waiting for application startup.",
    "INFO:     Application startup complete.",
    "INFO:     Uvicorn running on http://0.0.0.0:{port} (Press CTRL+C to quit)",
)


@dataclass
class SimServiceContext:
    """What a service factory gets: ``factory(ctx) -> ASGI app``."""

    clock: Clock
    host: FakeHost
    container: str
    faults: dict[str, Any] = field(default_factory=dict)


def _placeholder_app(kind: str, container: str) -> Any:
    """A service nobody provided a fake for yet: healthy while up, loud 501 for the rest."""
    from fastapi import FastAPI
    from fastapi.responses import JSONResponse

    app = FastAPI(docs_url=None, redoc_url=None, openapi_url=None)

    @app.get("/health")
    @app.get("/healthz")
    @app.get("/readyz")
    async def health() -> dict[str, str]:
        return {"status": "ok"}

    @app.get("/")
    async def root() -> dict[str, str]:
        if kind == "qdrant":
            return {"title": "qdrant - vector search engine", "version": "1.15.4"}
        return {"service": container}

    @app.api_route("/{path:path}", methods=["GET", "POST", "PUT", "DELETE", "PATCH"])
    async def other(path: str) -> JSONResponse:
        return JSONResponse(
            {
                "error": {
                    "message": f"simulator: /{path} of {container} is not emulated",
                    "type": "not_implemented",
                    "param": None,
                    "code": 501,
                }
            },
            status_code=501,
        )

    return app


class SimCluster:
    def __init__(
        self,
        data_dir: Path | str,
        catalog: Catalog,
        client_public_key: str,
        speed: float = 20.0,
        extra_services: dict[str, Callable[[SimServiceContext], Any]] | None = None,
        *,
        clock: Clock | None = None,
        default_model: str | None = None,
        ttft_s: float = 0.02,
        tokens_per_s: float = 200.0,
        base_port: int = 0,
    ):
        self.data_dir = Path(data_dir)
        self.catalog = catalog
        self.client_public_key = client_public_key.strip()
        self.clock: Clock = clock or ScaledClock(speed)
        self.extra_services = dict(extra_services or {})
        self.default_model = default_model
        self.base_port = base_port
        self.hosts: dict[str, FakeHost] = {}
        self.ssh: dict[str, FakeSSHServer] = {}
        self.services: dict[str, LoopbackService] = {}  # "vllm", "asr", "tts", "embed", "qdrant"
        self.service_faults: dict[str, dict[str, Any]] = {}
        self.vllm = FakeVLLM(ttft_s=ttft_s, tokens_per_s=tokens_per_s)
        self._task: asyncio.Task | None = None
        self._kick: asyncio.Task | None = None
        self._sync_lock = asyncio.Lock()
        self._outages: set[str] = set()  # service kinds whose port refuses whatever their container does
        self._served_pid: int | None = None
        self._started = False

    @classmethod
    def from_settings(
        cls,
        settings: Settings,
        catalog: Catalog,
        client_public_key: str,
        extra_services: dict[str, Callable[[SimServiceContext], Any]] | None = None,
    ) -> SimCluster:
        """Demo mode: state under ``<data_dir>/sim`` (persistent host keys), ``SIM_SPEED``."""
        return cls(
            Path(settings.data_dir) / "sim",
            catalog,
            client_public_key,
            speed=settings.sim_speed,
            extra_services=extra_services,
        )

    # ----- lifecycle -------------------------------------------------------------------------
    def _port(self, offset: int) -> int:
        return self.base_port + offset if self.base_port else 0

    async def start(self) -> None:
        if self._started:
            return
        models = list(self.catalog)
        vllm_slot = LoopbackService(self.vllm.app, self._port(10), name="vllm")
        self.services["vllm"] = vllm_slot
        spark1 = FakeHost(
            "spark1", self.clock, hostname="spark-1", user=SIM_USER, models=models, vllm_port=vllm_slot.port
        )
        spark2 = FakeHost(
            "spark2", self.clock, hostname="spark-2", user=SIM_USER, models=models, vllm_port=vllm_slot.port
        )
        spark1.peers = {"spark2": spark2, "spark-2": spark2}
        spark2.peers = {"spark1": spark1, "spark-1": spark1}
        self.hosts = {"spark1": spark1, "spark2": spark2}
        self.vllm.host = spark1
        self.vllm._process = lambda: c.vllm if (c := spark1.vllm_container()) is not None else None

        for k, kind in enumerate(("asr", "tts", "embed", "qdrant")):
            container, image, gib, gpu_mib, files = SERVICE_CONTAINERS[kind]
            faults: dict[str, Any] = {}
            self.service_faults[kind] = faults
            factory = self.extra_services.get(kind)
            ctx = SimServiceContext(clock=self.clock, host=spark2, container=container, faults=faults)
            app = factory(ctx) if factory is not None else _placeholder_app(kind, container)
            slot = LoopbackService(app, self._port(20 + k), name=kind)
            self.services[kind] = slot
            spark2.images[image if ":" in image.rsplit("/", 1)[-1] else image + ":latest"] = 4_000_000_000
            spark2.add_service(
                ServiceSpec(
                    kind=kind,
                    container=container,
                    image=image,
                    port=slot.port,
                    mem_gib=gib,
                    gpu_mem_mib=gpu_mib,
                    ready_s=2.0,
                    files=dict(files),
                    banner=tuple(b.replace("{port}", str(slot.port)) for b in _BANNERS),
                )
            )

        default = self.default_model or next((m.name for m in models if m.tensor_parallel == 1), None)
        if default is not None:
            spec = self.catalog.get(default)
            await launch_recipe_now(spark1, default, ago=spec.load_time_s + 120.0)

        for h in self.hosts.values():
            h.listeners.append(self._on_change)

        keys_dir = self.data_dir / "sim-host-keys"
        keys_dir.mkdir(parents=True, exist_ok=True)
        for k, (name, host) in enumerate(self.hosts.items()):
            server = FakeSSHServer(
                host,
                self.clock,
                self.client_public_key,
                _host_key(keys_dir / f"{name}_ed25519"),
                after_command=self.sync,
            )
            await server.start(self._port(1 + k))
            self.ssh[name] = server
        await self.sync()
        self._task = asyncio.create_task(self._reconcile_loop(), name="sim-reconcile")
        self._started = True

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
            self._task = None
        for server in self.ssh.values():
            await server.stop()
        for slot in self.services.values():
            await slot.close()
        self._started = False

    async def __aenter__(self) -> SimCluster:
        await self.start()
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.stop()

    # ----- state -> listening ports ----------------------------------------------------------
    async def sync(self) -> None:
        """Make every service port listen or refuse according to its container, right now."""
        async with self._sync_lock:
            await self._sync()

    async def _sync(self) -> None:
        spark1, spark2 = self.hosts["spark1"], self.hosts["spark2"]
        for h in self.hosts.values():
            h.refresh()
        now = self.clock.now()
        c = spark1.vllm_container()
        vllm_up = (
            spark1.up
            and c is not None
            and c.status == "running"
            and c.vllm is not None
            and c.vllm.is_ready(now)
            and c.vllm.port == self.services["vllm"].port
        )
        if vllm_up and c is not None and c.vllm is not None and c.vllm.pid != self._served_pid:
            # A new vLLM process: fresh counters, like a restarted server.
            self._served_pid = c.vllm.pid
            self.vllm.reset_stats()
        await self._switch("vllm", vllm_up)
        for kind in ("asr", "tts", "embed", "qdrant"):
            container = SERVICE_CONTAINERS[kind][0]
            sc = spark2.containers.get(container)
            await self._switch(kind, spark2.up and sc is not None and sc.service_up(now))

    def _on_change(self) -> None:
        """A container changed: re-check the ports soon (coalesced), not at the next tick."""
        if self._kick is None or self._kick.done():
            try:
                self._kick = asyncio.get_running_loop().create_task(self.sync())
            except RuntimeError:
                pass

    async def _switch(self, kind: str, up: bool) -> None:
        slot = self.services[kind]
        up = up and kind not in self._outages
        if up and not slot.is_up:
            await slot.up()
        elif not up and slot.is_up:
            await slot.down()

    async def _reconcile_loop(self) -> None:
        while True:
            try:
                await self.sync()
            except Exception:  # keep the simulation running; the log says what broke
                log.exception("sim: reconcile failed")
            await asyncio.sleep(RECONCILE_S)

    # ----- for the app and the tests ---------------------------------------------------------
    @property
    def cluster_config(self) -> ClusterConfig:
        s = self.services
        return ClusterConfig(
            nodes=[
                NodeConfig(
                    name="spark1",
                    host="127.0.0.1",
                    user=SIM_USER,
                    ssh_port=self.ssh["spark1"].port,
                    services={"vllm": s["vllm"].port},
                ),
                NodeConfig(
                    name="spark2",
                    host="127.0.0.1",
                    user=SIM_USER,
                    ssh_port=self.ssh["spark2"].port,
                    services={k: s[k].port for k in ("asr", "tts", "embed", "qdrant")},
                ),
            ]
        )

    def known_hosts_lines(self) -> list[str]:
        return [server.known_hosts_line() for server in self.ssh.values()]

    def url_for(self, kind: str) -> str:
        return self.services[kind].url

    async def service_down(self, kind: str) -> None:
        """A service outage (process wedged, port closed) while its container and host stay up:
        the port refuses connections until ``service_up``. Raises KeyError for an unknown kind."""
        if kind not in self.services:
            raise KeyError(kind)
        self._outages.add(kind)
        await self.sync()

    async def service_up(self, kind: str) -> None:
        if kind not in self.services:
            raise KeyError(kind)
        self._outages.discard(kind)
        await self.sync()

    async def host_down(self, name: str) -> None:
        """The host vanishes: SSH refuses, its services refuse, peers cannot reach it."""
        await self.ssh[name].stop()
        await self.sync()

    async def host_up(self, name: str, *, new_host_key: bool = False) -> None:
        """Back on the same SSH port, with the same host key or (reinstall/MITM) a new one."""
        key = asyncssh.generate_private_key("ssh-ed25519", comment=f"root@{name}") if new_host_key else None
        await self.ssh[name].start(host_key=key)
        await self.sync()

    def snapshot(self) -> dict[str, Any]:
        return {name: h.snapshot() for name, h in self.hosts.items()} | {
            "listening": {k: s.is_up for k, s in self.services.items()}
        }


def _host_key(path: Path) -> asyncssh.SSHKey:
    """A persistent ed25519 host key (same fingerprint across restarts of demo mode)."""
    if path.is_file():
        return asyncssh.read_private_key(str(path))
    key = asyncssh.generate_private_key("ssh-ed25519", comment=f"root@{path.stem.split('_')[0]}")
    path.parent.mkdir(parents=True, exist_ok=True)
    key.write_private_key(str(path))
    path.chmod(0o600)
    return key
