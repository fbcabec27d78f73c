"""What the monitor watches and how one target's state is decided: pure code, no I/O.

States: ``up`` (answers its health check), ``busy`` (accepts TCP connections, health check slow
or refused, but the gateway has requests in flight or queued for it: load, not an outage),
``down`` (refused / unreachable, or reachable but failing with nothing in flight; confirmed by a
second failing probe), ``unknown`` (not probed yet, or cannot be probed).

Debounce (``Tracker``): a single failing probe only switches the target to fast probing; the
outage is *confirmed* by ``confirm_failures`` consecutive failing probes (default 2, the second
one ``fast_interval_s`` later). The outage then starts at the first failing probe and ends at the
first successful one. A lone failure followed by a success is counted as a ``blip`` (metrics),
never as an outage.
"""

from __future__ import annotations

from dataclasses import dataclass, field

STATES = ("up", "busy", "down", "unknown")


@dataclass(frozen=True)
class HealthConfig:
    interval_s: float = 0.5  # normal probe period (TCP connect + HTTP health / SSH `true`)
    fast_interval_s: float = 0.2  # probe period while a target is failing
    fast_for_s: float = 60.0  # after this long down, fall back to the normal period
    confirm_failures: int = 2  # consecutive failing probes that confirm an outage
    persistent_connections: bool = True  # hold an idle TCP connection per service; its loss wakes the probe
    tcp_timeout_s: float = 0.5
    http_timeout_s: float = 1.5  # shallow health (a stalled health answer under load is "busy")
    ssh_timeout_s: float = 2.0
    busy_grace_s: float = 2.0  # load seen this recently still counts (a request just finished)
    heartbeat_s: float = 2.0  # how often the monitor notes it is alive (restart honesty)
    telemetry_interval_s: float = 5.0
    vllm_api_key: str = ""  # vLLM's --api-key (LLM_UPSTREAM_API_KEY): the deep check's /v1/* reads send it
    telemetry_raw_keep_s: float = 3600.0  # raw samples for 1 h, then 1-minute averages
    telemetry_keep_s: float = 48 * 3600.0  # minute averages kept 48 h
    deep_timeouts: dict[str, float] = field(
        default_factory=lambda: {
            "health": 3.0,
            "models": 5.0,
            "completion": 20.0,
            "ssh": 8.0,
            "docker_ps": 10.0,
            "embedded": 5.0,
        }
    )


@dataclass(frozen=True)
class Target:
    """One thing to watch: a service (HTTP on a node) or a node (SSH)."""

    name: str  # service kind ("vllm") or node name ("spark1")
    kind: str  # "service" | "node"
    node: str = ""
    host: str = ""
    port: int = 0
    url: str = ""  # http://host:port for HTTP services; "" for an embedded engine or a node
    health_path: str = "/health"

    @property
    def key(self) -> str:
        return f"{self.kind}:{self.name}"


@dataclass(frozen=True)
class Observation:
    """One monitor probe of one target."""

    at: float  # unix time the probe started
    ok: bool  # healthy answer within its timeout
    reachable: bool  # fresh TCP connect (or SSH) succeeded
    latency_ms: float | None = None
    error: str = ""
    method: str = ""  # how it was observed ("tcp connect + GET /health", "ssh true", ...)
    slow: bool = False  # reachable, but the health answer did not come within its timeout


def decide(obs: Observation, load: int) -> str:
    """up / busy / down for one observation. Busy needs all three: the service still accepts TCP
    connections, its health answer is merely slow (a timeout, not an error status such as
    vLLM's 503 for a dead engine), and the gateway knows it is working (in flight or queued)."""
    if obs.ok:
        return "up"
    if obs.reachable and obs.slow and load > 0:
        return "busy"
    return "down"


@dataclass
class Transition:
    """What an observation changed. ``opened``/``closed`` are outage boundaries."""

    state_changed: bool = False
    opened: bool = False
    closed: bool = False
    blip: bool = False


@dataclass
class Tracker:
    """Debounced state of one target (see the module docstring)."""

    target: Target
    confirm_failures: int = 2
    state: str = "unknown"
    since: float = 0.0
    latency_ms: float | None = None
    error: str = ""
    fail_count: int = 0
    failing_since: float | None = None
    first_error: str = ""
    first_method: str = ""
    last_ok_at: float | None = None
    outage_open: bool = False
    last_change_at: float = 0.0

    @property
    def failing(self) -> bool:
        return self.fail_count > 0

    def observe(self, obs: Observation, load: int) -> Transition:
        verdict = decide(obs, load)
        t = Transition()
        self.latency_ms = obs.latency_ms
        if verdict in ("up", "busy"):
            if self.outage_open:
                self.outage_open = False
                t.closed = True
            elif self.fail_count:
                t.blip = True
            self.fail_count = 0
            self.failing_since = None
            self.last_ok_at = obs.at
            self.error = "" if verdict == "up" else obs.error
            t.state_changed = self._set(verdict, obs.at)
            return t
        # a failing probe
        self.fail_count += 1
        if self.fail_count == 1:
            self.failing_since = obs.at
            self.first_error = obs.error
            self.first_method = obs.method
        self.error = obs.error
        if self.fail_count >= self.confirm_failures and not self.outage_open:
            self.outage_open = True
            t.opened = True
            t.state_changed = self._set("down", self.failing_since or obs.at)
        return t

    def _set(self, state: str, at: float) -> bool:
        if state == self.state:
            return False
        self.state = state
        self.since = at
        self.last_change_at = at
        return True

    def snapshot(self) -> dict:
        return {
            "state": self.state,
            "since": self.since or None,
            "latency_ms": None if self.latency_ms is None else round(self.latency_ms, 1),
            "error": self.error,
            "kind": self.target.kind,
            "node": self.target.node,
        }


def overall_status(states: list[str]) -> str:
    """ok | degraded | down. ``unknown`` is neutral (not probed yet); ``busy`` is healthy."""
    known = [s for s in states if s != "unknown"]
    if not known:
        return "ok"
    if all(s == "down" for s in known):
        return "down"
    if any(s == "down" for s in known):
        return "degraded"
    return "ok"
