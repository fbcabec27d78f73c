"""The Controller builds the long-lived core objects once, from Settings. Both faces (the API
routers and the Reflex states) get everything from here; nothing else holds global state."""

from __future__ import annotations

import asyncio
import fcntl
import logging
import os
import time
from pathlib import Path

from spark_control.audit import AuditLog, AuditPruner
from spark_control.auth.service import AuthService
from spark_control.catalog import Catalog, load_catalog
from spark_control.cluster.keys import ControllerKey
from spark_control.cluster.service import ClusterServices
from spark_control.cluster.ssh import SSHOptions
from spark_control.errors import ConfigError
from spark_control.events import EventHub
from spark_control.health.model import HealthConfig
from spark_control.health.monitor import HealthMonitor
from spark_control.llm import LLMGateway, SwapManagerTarget
from spark_control.overview import OverviewCollector
from spark_control.redaction.service import RedactionService
from spark_control.search.service import SearchService
from spark_control.settings import ClusterConfig, Settings
from spark_control.speech.service import SpeechService
from spark_control.store import Database
from spark_control.upstreams.embed import EmbedClient

log = logging.getLogger(__name__)

_current: Controller | None = None
STOP_TIMEOUT_S = 15.0


def sim_service_factories() -> dict:
    """The simulated Spark 2 services (demo mode and tests)."""
    from spark_control.sim import asr_server, embed_server, tts_server

    return {"asr": asr_server.create_app, "tts": tts_server.create_app, "embed": embed_server.create_app}


class Controller:
    def __init__(self, settings: Settings, catalog: Catalog | None = None) -> None:
        self.settings = settings
        settings.data_dir.mkdir(parents=True, exist_ok=True)
        self.catalog = catalog or load_catalog(settings.models_yaml)
        self.events = EventHub()
        self.db = Database(settings.data_dir / "spark_control.db")
        self.audit = AuditLog(
            self.db,
            refusals_per_minute=settings.audit_refusals_per_minute,
            retention_days=settings.audit_retention_days,
        )
        self.auth = AuthService(self.db, self.audit, settings.auth, data_dir=settings.data_dir)
        self.sim = None  # the simulated cluster, in demo mode
        self.cluster_services: ClusterServices | None = None
        self.overview: OverviewCollector | None = None
        self.speech: SpeechService | None = None
        self.health: HealthMonitor | None = None
        self.embed: EmbedClient | None = None
        self.llm: LLMGateway | None = None
        self.redaction: RedactionService | None = None
        self.search: SearchService | None = None
        self.started_at = time.time()
        self._stack: list = []  # started services, stopped in reverse order
        self._lock = DataDirLock(settings.data_dir)

    @property
    def demo(self) -> bool:
        return self.settings.is_demo

    @property
    def cluster(self) -> ClusterConfig:
        """The nodes in force now (configured, saved from the Settings page, or the simulator's)."""
        if self.cluster_services is not None:
            return self.cluster_services.manager.cluster
        return ClusterConfig()

    @property
    def cluster_manager(self):
        return self.cluster_services.manager

    @property
    def swaps(self):
        return self.cluster_services.swaps

    @property
    def patches(self):
        return self.cluster_services.patches

    async def _start(self, svc):
        """Start a service and remember it for an orderly stop (reverse order)."""
        await svc.start()
        self._stack.append(svc)
        return svc

    async def start(self) -> None:
        s = self.settings
        self._lock.acquire()  # first: a second controller on this DATA_DIR stops here
        await self._start(AuditPruner(self.audit))
        await self.auth.start()
        if self.demo:
            from spark_control.sim.cluster import SimCluster

            key = ControllerKey.load_or_create(s.ssh_key_path)
            self.sim = SimCluster(
                s.data_dir / "sim",
                self.catalog,
                key.public_line,
                speed=s.sim_speed,
                extra_services=sim_service_factories(),
            )
            await self._start(self.sim)
            cluster = self.sim.cluster_config
        else:
            cluster = s.configured_cluster()
        self.cluster_services = ClusterServices.build(
            settings=s,
            catalog=self.catalog,
            db=self.db,
            events=self.events,
            audit=self.audit,
            cluster=cluster,
            demo=self.demo,
            time_scale=s.sim_speed if self.demo else 1.0,
            # short keepalives: the connectivity monitor must see a vanished node within seconds
            ssh_options=SSHOptions(keepalive_interval=2, keepalive_count_max=2),
        )
        if self.sim is not None:
            # The simulator's host keys are ours (we generated them): pinning them is not trust on first use.
            for line in self.sim.known_hosts_lines():
                self.cluster_services.manager.pin_known_hosts_line(line)
        await self._start(self.cluster_services)
        self.overview = await self._start(
            OverviewCollector(self.cluster_services.manager, self.cluster_services.swaps, self.events)
        )
        self.redaction = await self._start(
            RedactionService(
                self.db,
                s.data_dir / "redaction.key",
                ttl_s=s.redaction_ttl_s,
                max_text_bytes=s.redaction_max_text_bytes,
            )
        )
        self.llm = await self._start(
            LLMGateway(s.llm, self.catalog, SwapManagerTarget(self.swaps, self.catalog, self.events))
        )
        self.swaps.drainers.append(self.llm.drain)
        if self.cluster.url_for("asr") and self.cluster.url_for("tts"):
            self.speech = await self._start(SpeechService.from_cluster(self.cluster, events=self.events))
        if self.cluster.url_for("embed"):
            self.embed = await self._start(EmbedClient(self.cluster.url_for("embed")))
            self.search = await self._start(
                SearchService.from_settings(s, self.embed, events=self.events, db=self.db, audit=self.audit)
            )
        self.health = HealthMonitor(
            self.db,
            self.events,
            lambda: self.cluster,
            runner=self.cluster_manager,
            qdrant_url=s.qdrant_url,
            config=HealthConfig(vllm_api_key=self.llm.config.upstream_api_key),
        )
        self._register_health_inputs()
        await self._start(_NodeFollower(self))
        if self.health.telemetry is not None:  # GPU, memory and disk: sampled once, by the overview
            self.health.telemetry.readings = self.overview.fresh_sample
        await self._start(self.health)
        log.info("controller started (demo=%s, nodes=%d)", self.demo, len(self.cluster.nodes))

    async def stop(self) -> None:
        while self._stack:
            svc = self._stack.pop()
            try:
                async with asyncio.timeout(STOP_TIMEOUT_S):  # one stuck service must not hang shutdown
                    await svc.stop()
            except TimeoutError:
                log.error("stopping %s took longer than %.0f s; left behind", type(svc).__name__, STOP_TIMEOUT_S)
            except Exception:
                log.exception("stopping %s failed", type(svc).__name__)
        self.db.close()
        self._lock.release()

    def repoint_services(self) -> list[str]:
        """After the nodes changed (Settings page): point the speech and embeddings clients at the
        services' new addresses. Returns what moved. A service added to or removed from every node
        needs a restart (its client exists, or not, from the start)."""
        moved = []
        c = self.cluster
        pairs = []
        if self.speech is not None:
            pairs += [("asr", self.speech.asr), ("tts", self.speech.tts)]
        if self.embed is not None:
            pairs.append(("embed", self.embed))
        for kind, client in pairs:
            url = c.url_for(kind)
            if not url:
                log.warning("no node offers '%s' any more: its requests fail until it is back (or a restart)", kind)
            elif url.rstrip("/") != client.base_url:
                client.repoint(url)
                moved.append(kind)
                log.info("%s now at %s", kind, url)
        return moved

    def _register_health_inputs(self) -> None:
        """What the gateway knows (its own in-flight work) lets the monitor tell busy from down."""
        if self.speech is not None:
            queue = self.speech.queue

            def gpu_load() -> int:
                st = queue.stats()
                return st.running + st.waiting

            self.health.register_load_provider("asr", gpu_load)
            self.health.register_load_provider("tts", gpu_load)
        self.health.register_load_provider("vllm", lambda: self.llm.in_flight)
        self.health.register_metrics_renderer(self.llm.render_prometheus)
        self.health.register_metrics_renderer(self.audit.render_prometheus)
        if self.search is not None and not self.settings.qdrant_url:
            self.health.register_check("qdrant", self.search.list_collections)  # the embedded engine

    def _status(self, nodes: list[dict], swap) -> tuple[str, str]:
        """The header's one-line status from the health monitor's view (services and nodes) and
        the overview's SSH samples (whichever saw a failure first); a running swap is degraded."""
        view = self.health.view() if self.health else {}
        states = {name: t["state"] for group in ("services", "nodes") for name, t in view.get(group, {}).items()}
        for n in nodes:
            if n["state"] != "unknown" and states.get(n["name"], "unknown") in ("unknown", "up"):
                states[n["name"]] = n["state"]
        known = {k: v for k, v in states.items() if v != "unknown"}
        if not known:
            return "starting", "starting"
        down = sorted(k for k, v in known.items() if v == "down")
        busy = sorted(k for k, v in known.items() if v == "busy")
        status = "down" if len(down) == len(known) else "degraded" if down else "ok"
        parts = ([f"{', '.join(down)} down"] if down else []) + ([f"{', '.join(busy)} busy"] if busy else [])
        text = "; ".join(parts) or "all services up"
        if swap is not None and status == "ok":
            status, text = "degraded", f"swapping to {swap.model}"
        return status, text

    def overview_snapshot(self) -> dict:
        nodes = self.overview.snapshot() if self.overview else []
        serving = self.swaps.serving if self.cluster_services else None
        swap = self.swaps.swap_in_progress if self.cluster_services else None
        status, text = self._status(nodes, swap)
        if swap is not None:
            serving_state = f"swap: {swap.step}"
        elif serving is not None:
            serving_state = "serving"
        else:
            serving_state = "not serving"
        return {
            "demo": self.demo,
            "status": status,
            "status_text": text,
            "serving_model": serving.served_name if serving else "",
            "serving_state": serving_state,
            "nodes": nodes,
            "updated_at": time.strftime("%H:%M:%S"),
        }


class DataDirLock:
    """One controller per DATA_DIR: an exclusive ``flock`` on ``DATA_DIR/.lock`` held while the
    controller runs. The OS drops it when the process ends, however it ends, so a crash leaves
    nothing stale behind; the pid written into the file is only for the message."""

    def __init__(self, data_dir: Path) -> None:
        self.path = Path(data_dir) / ".lock"
        self._fd: int | None = None

    def acquire(self) -> None:
        if self._fd is not None:
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            holder = os.pread(fd, 32, 0).decode(errors="replace").strip()
            os.close(fd)
            raise ConfigError(
                f"another Spark Control controller{f' (pid {holder})' if holder else ''} is already running "
                f"with DATA_DIR={self.path.parent}. Two controllers on one data directory would corrupt it. "
                "Fix: stop the other one, or give this one its own DATA_DIR."
            ) from None
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"{os.getpid()}\n".encode(), 0)
        self._fd = fd

    def release(self) -> None:
        if self._fd is None:
            return
        try:
            fcntl.flock(self._fd, fcntl.LOCK_UN)
        finally:
            os.close(self._fd)
            self._fd = None


def current_controller() -> Controller | None:
    return _current


def get_controller() -> Controller:
    if _current is None:
        raise RuntimeError("the controller is not started")
    return _current


def set_controller(controller: Controller | None) -> None:
    global _current
    _current = controller


class _NodeFollower:
    """Re-points the service clients whenever the nodes are saved (``cluster.nodes`` events)."""

    def __init__(self, controller: Controller) -> None:
        self.controller = controller
        self._task: asyncio.Task | None = None

    async def start(self) -> None:
        self._task = asyncio.create_task(self._run(), name="follow-nodes")

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            await asyncio.gather(self._task, return_exceptions=True)

    async def _run(self) -> None:
        async with self.controller.events.subscribe("cluster.nodes") as sub:
            async for _ in sub:
                try:
                    self.controller.repoint_services()
                except Exception:  # noqa: BLE001 - a bad config must not end the follower
                    log.exception("could not re-point the service clients")
