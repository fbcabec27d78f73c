"""The connectivity monitor: one watcher task per node and per service, each probing on its own
clock (``interval_s`` normally, ``fast_interval_s`` while failing), a persistent TCP connection
per HTTP service whose loss wakes the watcher at once, debounced outages written to SQLite, the
current view for ``GET /health``, the deep check for ``GET /health/deep``, and the controller's
Prometheus text.

Nothing on a request path calls upstream: ``view()`` reads what the watchers last saw."""

from __future__ import annotations

import asyncio
import logging
import time
from collections import deque
from collections.abc import Awaitable, Callable
from urllib.parse import urlsplit

import httpx

from spark_control.clock import SYSTEM_CLOCK, Clock
from spark_control.events import EventHub
from spark_control.health import probes
from spark_control.health.model import STATES, HealthConfig, Observation, Target, Tracker, overall_status
from spark_control.health.outages import OutageLog
from spark_control.health.telemetry import TelemetryCollector
from spark_control.settings import ClusterConfig
from spark_control.store import Database

log = logging.getLogger(__name__)

STALL_S = 0.25  # an event-loop stall longer than this makes a timed-out probe inconclusive
LOOP_LAG_TICK_S = 0.01  # the loop-lag gauge's timer
LOOP_LAG_WINDOW_S = 60.0  # the gauge's maximum covers this long


class LoopLag:
    """How late the event loop's timer fired: the last lag and the largest within a window."""

    def __init__(self, window_s: float = LOOP_LAG_WINDOW_S) -> None:
        self.window_s = window_s
        self.last = 0.0
        self._peaks: deque[tuple[float, float]] = deque()  # (time, lag), lags decreasing

    def add(self, now: float, lag: float) -> None:
        self.last = lag
        while self._peaks and self._peaks[-1][1] <= lag:
            self._peaks.pop()
        self._peaks.append((now, lag))
        while self._peaks[0][0] < now - self.window_s:
            self._peaks.popleft()

    def max(self) -> float:
        return self._peaks[0][1] if self._peaks else 0.0

    def render_prometheus(self) -> str:
        return (
            "# HELP spark_control_event_loop_lag_seconds How late the controller's 10 ms event-loop timer "
            "fired last time (time every other request waited too).\n"
            "# TYPE spark_control_event_loop_lag_seconds gauge\n"
            f"spark_control_event_loop_lag_seconds {self.last:.6f}\n"
            "# HELP spark_control_event_loop_lag_max_seconds The largest event-loop lag in the last "
            f"{self.window_s:.0f} s.\n"
            "# TYPE spark_control_event_loop_lag_max_seconds gauge\n"
            f"spark_control_event_loop_lag_max_seconds {self.max():.6f}\n"
        )


HEALTH_PATHS = {"vllm": "/health", "asr": "/health", "tts": "/health", "embed": "/health", "qdrant": "/readyz"}

LoadProvider = Callable[[], int]
MetricsRenderer = Callable[[], str]


class HealthMonitor:
    """Construct once (``controller.health``), ``await start()`` in the lifespan, ``await stop()``.

    ``cluster`` is a ClusterConfig or a zero-argument callable returning the current one (the
    node list may change at runtime; targets are reconciled every ``reconcile_s``). ``runner``
    runs SSH commands on a node by name (``cluster.nodes.ClusterManager``); without it nodes are
    not watched. ``qdrant_url`` set: Qdrant is probed at ``<url>/readyz``; empty: the embedded
    engine is checked through ``register_check("qdrant", fn)`` if the search area registers one.
    ``clock`` stamps observations and outages and paces the watchers (``SYSTEM_CLOCK``; tests
    pass a ``ManualClock(sleep_advances=False)`` and step time themselves).
    """

    def __init__(
        self,
        db: Database,
        events: EventHub,
        cluster: ClusterConfig | Callable[[], ClusterConfig],
        *,
        runner: probes.CommandRunner | None = None,
        qdrant_url: str = "",
        config: HealthConfig | None = None,
        telemetry: bool = True,
        reconcile_s: float = 2.0,
        clock: Clock = SYSTEM_CLOCK,
    ) -> None:
        self.db = db
        self.clock = clock
        self.events = events
        self._cluster = cluster if callable(cluster) else (lambda: cluster)
        self.runner = runner
        self.qdrant_url = qdrant_url.rstrip("/")
        self.cfg = config or HealthConfig()
        self.log = OutageLog(db, clock=clock)
        self.reconcile_s = reconcile_s
        self.trackers: dict[str, Tracker] = {}
        self._targets: dict[str, Target] = {}
        self._tasks: dict[str, list[asyncio.Task]] = {}
        self._wake: dict[str, asyncio.Event] = {}
        self._wake_reason: dict[str, tuple[float, str]] = {}
        self._open_ids: dict[str, int] = {}
        self._detected_by: dict[str, str] = {}
        self._stall_at = -1e9  # real monotonic time the event loop was last seen stalled
        self.loop_lag = LoopLag()
        self._load_providers: dict[str, list[LoadProvider]] = {}
        self._last_load_at: dict[str, float] = {}
        self._checks: dict[str, Callable[[], Awaitable[object]]] = {}
        self._renderers: list[MetricsRenderer] = []
        self._stats: dict[str, dict[str, float]] = {}
        self._client: httpx.AsyncClient | None = None
        self._bg: list[asyncio.Task] = []
        self.running = False
        self.started_at: float | None = None
        self.telemetry = (
            TelemetryCollector(db, events, self._cluster, runner=runner, config=self.cfg, clock=clock)
            if telemetry
            else None
        )
        if self.telemetry is not None:
            self.register_load_provider("vllm", self.telemetry.vllm_load)

    # --- registries -----------------------------------------------------------------------------
    def register_load_provider(self, kind: str, fn: LoadProvider) -> None:
        """``fn() -> int``: requests in flight + queued for service ``kind`` (vllm, asr, tts, embed,
        qdrant) as the gateway sees them. Any > 0 turns a slow-but-reachable service into ``busy``."""
        self._load_providers.setdefault(kind, []).append(fn)

    def register_check(self, kind: str, fn: Callable[[], Awaitable[object]]) -> None:
        """An in-process engine check (embedded Qdrant): raises or times out when unhealthy."""
        self._checks[kind] = fn

    def register_metrics_renderer(self, fn: MetricsRenderer) -> None:
        """``fn() -> str``: Prometheus text appended to ``GET /metrics`` (e.g. the LLM gateway's)."""
        self._renderers.append(fn)

    def load(self, kind: str) -> int:
        total = 0
        for fn in self._load_providers.get(kind, []):
            try:
                total += max(0, int(fn()))
            except Exception:  # noqa: BLE001 - a broken provider must not break health
                log.debug("load provider for %s failed", kind, exc_info=True)
        now = self.clock.monotonic()
        if total > 0:
            self._last_load_at[kind] = now
        elif now - self._last_load_at.get(kind, -1e9) < self.cfg.busy_grace_s:
            total = 1  # a request just finished; its slow health answer is still load
        return total

    # --- targets --------------------------------------------------------------------------------
    def targets(self) -> list[Target]:
        cluster = self._cluster()
        out: list[Target] = []
        for node in cluster.nodes:
            out.append(Target(node.name, "node", node=node.name, host=node.host, port=node.ssh_port))
        for node in cluster.nodes:
            for kind, port in node.services.items():
                if kind == "qdrant":
                    continue
                out.append(
                    Target(
                        kind,
                        "service",
                        node=node.name,
                        host=node.host,
                        port=port,
                        url=node.url(kind),
                        health_path=HEALTH_PATHS.get(kind, "/health"),
                    )
                )
        if self.qdrant_url:
            u = urlsplit(self.qdrant_url)
            q_node = cluster.node_for("qdrant")
            out.append(
                Target(
                    "qdrant",
                    "service",
                    node=q_node.name if q_node else "",
                    host=u.hostname or "",
                    port=u.port or (443 if u.scheme == "https" else 80),
                    url=self.qdrant_url,
                    health_path="/readyz",
                )
            )
        elif "qdrant" in self._checks:
            out.append(Target("qdrant", "service", node="controller"))
        return out

    # --- lifecycle ------------------------------------------------------------------------------
    async def start(self) -> None:
        if self.running:
            return
        closed = self.log.recover_after_restart()
        if closed:
            log.info("closed %d outage(s) left open by the previous run", len(closed))
        self._client = httpx.AsyncClient(
            limits=httpx.Limits(max_keepalive_connections=20, keepalive_expiry=60.0), trust_env=False
        )
        self.running = True
        self.started_at = self.clock.now()
        self._reconcile()
        self._bg = [
            asyncio.create_task(self._supervise(), name="health-supervise"),
            asyncio.create_task(self._watch_loop_lag(), name="health-loop-lag"),
        ]
        if self.telemetry is not None:
            await self.telemetry.start(self._client)

    async def stop(self) -> None:
        if not self.running:
            return
        self.running = False
        if self.telemetry is not None:
            await self.telemetry.stop()
        tasks = [t for ts in self._tasks.values() for t in ts] + self._bg
        for t in tasks:
            t.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
        self._tasks.clear()
        self._bg = []
        self.log.mark_stopped()
        if self._client is not None:
            await self._client.aclose()
            self._client = None

    @property
    def healthy(self) -> bool:
        """False when the monitor itself is broken (not started, or its supervisor died)."""
        return self.running and all(not t.done() for t in self._bg)

    async def _supervise(self) -> None:
        last_beat = 0.0
        while True:
            await self.clock.sleep(min(self.reconcile_s, self.cfg.heartbeat_s))
            try:
                self._reconcile()
            except Exception:  # noqa: BLE001 - a bad cluster config must not kill the monitor
                log.exception("health: reconciling targets failed")
            if self.clock.monotonic() - last_beat >= self.cfg.heartbeat_s:
                self.log.heartbeat()
                last_beat = self.clock.monotonic()

    async def _watch_loop_lag(self, tick: float = LOOP_LAG_TICK_S) -> None:
        """Times how late a short timer fires: that is how long anything else waiting on this
        process's event loop waited too (the ``spark_control_event_loop_lag_seconds`` gauges).
        A probe timing out during a stall says the controller was busy, not that the service was down.
        This is the one real-time measurement here: it is about this process's event loop, which the
        injected clock does not drive."""
        while True:
            t = time.monotonic()
            await asyncio.sleep(tick)
            now = time.monotonic()
            self.loop_lag.add(now, max(0.0, now - t - tick))
            if now - t - tick > STALL_S:
                self._stall_at = now

    def _inconclusive(self, obs: Observation, started: float) -> bool:
        """A timeout seen while our own loop stalled is not evidence (a refusal always is).
        ``started``: real ``time.monotonic()`` when the probe began (the loop-lag watcher's time)."""
        if obs.ok or "refused" in obs.error:
            return False
        overshoot = (obs.latency_ms or 0.0) / 1000.0 - max(self.cfg.http_timeout_s, self.cfg.tcp_timeout_s)
        return self._stall_at >= started - STALL_S or (("time" in obs.error) and overshoot > STALL_S)

    def _reconcile(self) -> None:
        wanted = {t.key: t for t in self.targets()}
        for key in list(self._targets):
            if key not in wanted or wanted[key] != self._targets[key]:
                for task in self._tasks.pop(key, []):
                    task.cancel()
                self._targets.pop(key)
                if key not in wanted:
                    self.trackers.pop(key, None)
                    self._close_open(key, self.clock.now(), note="target removed from the cluster configuration")
        for key, target in wanted.items():
            if key in self._targets:
                continue
            self._targets[key] = target
            self.trackers.setdefault(key, Tracker(target, confirm_failures=self.cfg.confirm_failures))
            self.trackers[key].target = target
            self._wake[key] = asyncio.Event()
            tasks = [asyncio.create_task(self._watch(target), name=f"health-watch-{key}")]
            if target.url and self.cfg.persistent_connections:
                tasks.append(asyncio.create_task(self._sentinel(target), name=f"health-sentinel-{key}"))
            self._tasks[key] = tasks

    # --- watching -------------------------------------------------------------------------------
    async def _observe(self, target: Target) -> Observation:
        if target.kind == "node":
            if self.runner is None:
                return Observation(self.clock.now(), False, False, None, "no SSH runner configured", "none")
            return await probes.observe_node(target, self.runner, self.cfg, clock=self.clock)
        if not target.url:
            return await probes.observe_embedded(target, self._checks.get(target.name), self.cfg, clock=self.clock)
        assert self._client is not None
        return await probes.observe_service(target, self._client, self.cfg, clock=self.clock)

    async def _watch(self, target: Target) -> None:
        key = target.key
        tracker = self.trackers[key]
        wake = self._wake[key]
        if target.kind == "node" and self.runner is None:
            return  # stays "unknown": nothing to probe with
        while True:
            t0 = self.clock.monotonic()
            loop_t0 = time.monotonic()  # the loop-lag watcher's time, for the stall check
            try:
                obs = await self._observe(target)
                await asyncio.sleep(0)  # let the loop-lag watcher note a stall that just ended
                if self._inconclusive(obs, loop_t0):
                    st = self._stat(target.key)
                    st["inconclusive"] = st.get("inconclusive", 0) + 1
                else:
                    self._apply(target, tracker, obs)
            except asyncio.CancelledError:
                raise
            except Exception:  # noqa: BLE001 - never let one probe bug stop watching
                log.exception("health: probing %s failed unexpectedly", key)
            fast = tracker.failing and (
                tracker.failing_since is None or self.clock.now() - tracker.failing_since < self.cfg.fast_for_s
            )
            period = self.cfg.fast_interval_s if fast else self.cfg.interval_s
            delay = max(0.0, period - (self.clock.monotonic() - t0))
            if delay:
                await self._sleep_or_wake(delay, wake)
            wake.clear()

    async def _sleep_or_wake(self, delay: float, wake: asyncio.Event) -> None:
        """Wait ``delay`` seconds of the clock, or less if ``wake`` is set."""
        sleeper = asyncio.ensure_future(self.clock.sleep(delay))
        woken = asyncio.ensure_future(wake.wait())
        try:
            await asyncio.wait((sleeper, woken), return_when=asyncio.FIRST_COMPLETED)
        finally:
            for t in (sleeper, woken):
                t.cancel()
            await asyncio.gather(sleeper, woken, return_exceptions=True)

    async def _sentinel(self, target: Target) -> None:
        """Hold one idle TCP connection to the service. Its loss (server stopped, host gone)
        wakes the watcher at once instead of at its next tick."""
        key = target.key
        while True:
            try:
                async with asyncio.timeout(self.cfg.tcp_timeout_s):
                    reader, writer = await asyncio.open_connection(target.host, target.port)
            except (OSError, TimeoutError):
                await self.clock.sleep(self.cfg.interval_s)
                continue
            try:
                while await reader.read(4096):
                    pass  # we never send; a server has nothing to say to us
            except OSError:
                pass
            finally:
                writer.close()
            self._wake_reason[key] = (self.clock.now(), "persistent connection closed")
            self._wake[key].set()
            await self.clock.sleep(self.cfg.fast_interval_s)

    def _stat(self, key: str) -> dict[str, float]:
        return self._stats.setdefault(
            key, {"probes": 0, "failures": 0, "blips": 0, "inconclusive": 0, "latency_sum": 0.0, "latency_count": 0}
        )

    def _apply(self, target: Target, tracker: Tracker, obs: Observation) -> None:
        load = self.load(target.name) if target.kind == "service" else 0
        was_failing = tracker.failing
        tr = tracker.observe(obs, load)
        st = self._stat(target.key)
        st["probes"] += 1
        if tracker.failing:
            st["failures"] += 1
        if obs.latency_ms is not None:
            st["latency_sum"] += obs.latency_ms / 1000.0
            st["latency_count"] += 1
            st["latency_last"] = obs.latency_ms / 1000.0
        if tr.blip:
            st["blips"] += 1
            log.info("health: %s failed one probe (%s) and recovered: not an outage", target.key, tracker.first_error)
        if tracker.failing and not was_failing:
            wake_at, reason = self._wake_reason.get(target.key, (0.0, ""))
            self._detected_by[target.key] = (
                f"{reason}, then {obs.method}" if reason and obs.at - wake_at < 0.5 else f"probe: {obs.method}"
            )
        if tr.opened:
            oid = self.log.open(
                target=target.name,
                target_kind=target.kind,
                node=target.node,
                started_at=tracker.failing_since or obs.at,
                last_ok_at=tracker.last_ok_at,
                failed=tracker.first_error,
                detected_by=self._detected_by.get(target.key, f"probe: {obs.method}"),
                note="" if tracker.last_ok_at else "down since the monitor started watching it",
            )
            self._open_ids[target.key] = oid
            log.warning("health: %s down since %.3f (%s)", target.key, tracker.since, tracker.first_error)
            self.events.publish("health.outage", target=target.name, kind=target.kind, open=True, id=oid)
        if tr.closed:
            self._close_open(target.key, obs.at)
            log.warning("health: %s recovered", target.key)
        if tr.state_changed:
            self.events.publish(
                "health.state",
                target=target.name,
                kind=target.kind,
                state=tracker.state,
                since=tracker.since,
                error=tracker.error,
            )

    def _close_open(self, key: str, at: float, note: str = "") -> None:
        oid = self._open_ids.pop(key, None)
        if oid is not None:
            self.log.close(oid, at, note)
            name = key.split(":", 1)[1]
            self.events.publish("health.outage", target=name, kind=key.split(":", 1)[0], open=False, id=oid)

    # --- reading --------------------------------------------------------------------------------
    def view(self) -> dict:
        """The current view, no I/O: what ``GET /health`` returns."""
        services: dict[str, dict] = {}
        nodes: dict[str, dict] = {}
        for _key, tr in sorted(self.trackers.items()):
            snap = tr.snapshot()
            snap["since"] = _iso(snap["since"])
            (nodes if tr.target.kind == "node" else services)[tr.target.name] = snap
        states = [s["state"] for s in (*services.values(), *nodes.values())]
        return {"status": overall_status(states), "services": services, "nodes": nodes}

    def outages(self, since: float | None = None, target: str | None = None, limit: int = 1000) -> list[dict]:
        return [o.to_dict() for o in self.log.list(since=since, target=target, limit=limit)]

    async def deep(self) -> dict:
        """Probe everything now, in parallel, each check with its own timeout."""
        t0 = self.clock.monotonic()
        started = self.clock.now()
        client = self._client or httpx.AsyncClient(trust_env=False)
        try:
            jobs = []
            targets = self.targets()
            for t in targets:
                if t.kind == "node":
                    jobs.append(probes.deep_node(t, self.runner, self.cfg, clock=self.clock))
                elif not t.url:
                    jobs.append(probes.deep_embedded(t, self._checks.get(t.name), self.cfg, clock=self.clock))
                elif t.name == "vllm":
                    jobs.append(probes.deep_vllm(t, client, self.cfg, clock=self.clock))
                else:
                    jobs.append(probes.deep_http_service(t, client, self.cfg, clock=self.clock))
            results = await asyncio.gather(*jobs)
        finally:
            if client is not self._client:
                await client.aclose()
        services: dict[str, dict] = {}
        nodes: dict[str, dict] = {}
        for t, checks in zip(targets, results, strict=True):
            ok = all(c.ok for c in checks)
            entry = {"ok": ok, "node": t.node, "checks": [c.to_dict() for c in checks]}
            (nodes if t.kind == "node" else services)[t.name] = entry
        all_ok = [e["ok"] for e in (*services.values(), *nodes.values())]
        status = "ok" if all(all_ok) else ("down" if all_ok and not any(all_ok) else "degraded")
        return {
            "status": status,
            "checked_at": _iso(started),
            "duration_ms": round((self.clock.monotonic() - t0) * 1000, 1),
            "services": services,
            "nodes": nodes,
        }

    # --- Prometheus -----------------------------------------------------------------------------
    def render_prometheus(self) -> str:
        lines = [
            "# HELP spark_control_target_state Current state of a watched service or node (1 = in this state).",
            "# TYPE spark_control_target_state gauge",
        ]
        for tr in sorted(self.trackers.values(), key=lambda t: t.target.key):
            for s in STATES:
                lines.append(
                    f'spark_control_target_state{{target="{tr.target.name}",kind="{tr.target.kind}",state="{s}"}} '
                    f"{int(tr.state == s)}"
                )
        counts = self.log.counts()
        lines += [
            "# HELP spark_control_outages_total Confirmed outages recorded in the connectivity log.",
            "# TYPE spark_control_outages_total counter",
        ]
        for (target, kind), n in sorted(counts.items()):
            lines.append(f'spark_control_outages_total{{target="{target}",kind="{kind}"}} {n}')
        lines += [
            "# HELP spark_control_outage_open 1 while an outage of the target is open.",
            "# TYPE spark_control_outage_open gauge",
        ]
        for tr in sorted(self.trackers.values(), key=lambda t: t.target.key):
            lines.append(
                f'spark_control_outage_open{{target="{tr.target.name}",kind="{tr.target.kind}"}} {int(tr.outage_open)}'
            )
        for metric, field, mtype, help_ in (
            ("spark_control_probes_total", "probes", "counter", "Monitor probes run."),
            ("spark_control_probe_failures_total", "failures", "counter", "Monitor probes that failed."),
            ("spark_control_probe_blips_total", "blips", "counter", "Single failed probes not confirmed as outages."),
            (
                "spark_control_probe_inconclusive_total",
                "inconclusive",
                "counter",
                "Probes that timed out while the controller's own event loop stalled (not counted).",
            ),
            ("spark_control_probe_latency_seconds_last", "latency_last", "gauge", "Latency of the last probe."),
            ("spark_control_probe_latency_seconds_sum", "latency_sum", "counter", "Sum of probe latencies."),
            ("spark_control_probe_latency_seconds_count", "latency_count", "counter", "Probes with a latency."),
        ):
            lines += [f"# HELP {metric} {help_}", f"# TYPE {metric} {mtype}"]
            for key, st in sorted(self._stats.items()):
                if field in st:
                    kind, name = key.split(":", 1)
                    lines.append(f'{metric}{{target="{name}",kind="{kind}"}} {st[field]:g}')
        lines.append(self.loop_lag.render_prometheus().rstrip("\n"))
        if self.telemetry is not None:
            lines.append(self.telemetry.render_prometheus().rstrip("\n"))
        text = "\n".join(line for line in lines if line) + "\n"
        for fn in self._renderers:
            try:
                extra = fn()
            except Exception:  # noqa: BLE001 - one area's renderer must not break /metrics
                log.exception("a metrics renderer failed")
                continue
            if extra:
                text += extra if extra.endswith("\n") else extra + "\n"
        return text


def _iso(ts: float | None) -> str | None:
    from spark_control.health.outages import _iso as iso

    return iso(ts)
