"""The fake Spark host: a pure state model (no I/O) of what runs on one DGX Spark.

Containers go created -> running (health starting) -> healthy, memory follows what runs, the
GPU warms up under load, and ``docker logs`` grows with vLLM's real phase lines. A vLLM
process's whole future (its log lines with timestamps, when it becomes ready, if and how it
fails) is decided when it starts; ``refresh()`` applies what is due at ``clock.now()``.

Failure modes are decided at start from the host's state (free memory, ports, known models,
local images) or forced through ``faults`` (see ``FAULT_KEYS``)."""

from __future__ import annotations

import hashlib
import json
import math
import re
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from spark_control.catalog import ModelSpec
from spark_control.sim.clock import Clock

GIB = 1024**3
# What vLLM reports as the GB10's total device memory (unified LPDDR5x, 128 GB nominal).
DEVICE_TOTAL_GIB = 121.63
MEM_TOTAL_KB = int(DEVICE_TOTAL_GIB * 1024 * 1024)
OS_BASE_GIB = 3.4  # kernel, desktop-less OS, docker daemon
PAGE_CACHE_GIB = 6.0  # reclaimable: counted in MemAvailable, not in MemFree
MEMORY_RELEASE_S = 6.0  # after a process exits its memory drains back over this many seconds
VLLM_VERSION = "0.11.1"
DISK_TOTAL = 3_936_818_479_104  # 4 TB NVMe, bytes
DISK_USED_BASE = 812_340_551_680

# Every key ``FakeHost.faults`` understands. Tests set them; unknown keys are rejected.
FAULT_KEYS: dict[str, str] = {
    "commands": "dict {command-prefix: action}; action 'hang' (never returns until the client gives up), "
    "'disconnect' (the SSH connection is aborted mid-command) or {'rc': int, 'stdout': str, 'stderr': str}",
    "disconnect": "True: every command aborts the SSH connection (client sees exit_status None)",
    "latency": "float: real seconds added before every command answers",
    "docker_down": "True: docker answers rc 1 'Cannot connect to the Docker daemon ...'",
    "nvidia_smi_broken": "True: nvidia-smi answers rc 9 'NVIDIA-SMI has failed ...'",
    "registry_down": "True: pulling any image fails (docker run rc 125, docker pull rc 1)",
    "gpu_oom": "'valueerror' | 'torch' | True: the next vLLM start fails with that out-of-memory error "
    "(True = 'torch'); consumed by that start",
    "host_oom": "True: the next vLLM start is OOM-killed half way through loading (exit 137, "
    "State.OOMKilled=true); consumed by that start",
    "ports_in_use": "set[int]: host ports held by some other process (vLLM exits 'Address already in use', "
    "docker run -p answers rc 125 'port is already allocated')",
    "extra_used_gib": "float: memory held by something outside docker (lowers MemAvailable)",
}


class DockerError(Exception):
    """A docker CLI failure: ``rc`` and the exact stderr text docker would print."""

    def __init__(self, rc: int, stderr: str):
        super().__init__(stderr)
        self.rc = rc
        self.stderr = stderr


@dataclass
class LogLine:
    t: float
    stream: str  # "stdout" | "stderr"
    text: str


@dataclass
class ServiceSpec:
    """A long-running service container (Spark 2's parakeet-asr, kokoro, spark-embed, qdrant)."""

    kind: str
    container: str
    image: str
    port: int
    mem_gib: float
    gpu_mem_mib: int = 0
    ready_s: float = 2.0  # simulated seconds from start until it answers
    files: dict[str, bytes] = field(default_factory=dict)
    banner: tuple[str, ...] = ()


@dataclass
class VllmProcess:
    """One ``vllm serve`` inside a container; its future is fixed at start."""

    repo: str
    served_name: str
    port: int
    max_model_len: int
    gpu_mem_util: float
    tensor_parallel: int
    spec: ModelSpec | None
    args: list[str]
    started: float
    load_s: float
    memory_gib: float
    pid: int
    fate: str = "ok"  # ok | bad_args | unknown_model | free_memory | torch_oom | host_oom | port_in_use
    fate_at: float | None = None
    exit_code: int = 0
    ended: float | None = None
    role: str = "head"  # head | worker (the second Spark of a tp=2 launch)
    error: str = ""  # the argparse error of a ``bad_args`` launch
    api_keys: tuple[str, ...] = ()  # ``--api-key`` / VLLM_API_KEY: /v1/* then needs one as a bearer

    @property
    def ready_at(self) -> float | None:
        return None if self.fate != "ok" else self.started + self.load_s

    def is_ready(self, now: float) -> bool:
        return self.ready_at is not None and self.ended is None and now >= self.ready_at

    def phase(self, now: float) -> str:
        """starting | loading_weights | profiling | capturing_graphs | ready | failed | stopped."""
        if self.ended is not None and self.ended <= now:
            return "failed" if self.fate != "ok" and self.fate_at == self.ended else "stopped"
        x = (now - self.started) / self.load_s
        if x < 0.12:
            return "starting"
        if x < 0.6:
            return "loading_weights"
        if x < 0.75:
            return "profiling"
        if x < 1.0:
            return "capturing_graphs"
        return "ready"

    def memory_at(self, t: float) -> float:
        """GiB held at simulated time ``t`` (weights ramp, then the KV cache is allocated)."""
        end = self.ended if self.ended is not None else math.inf
        if t < self.started:
            return 0.0
        at = min(t, end)
        x = (at - self.started) / self.load_s
        weights = self.memory_gib * 0.62
        if x < 0.12:
            used = 0.8 * x / 0.12
        elif x < 0.6:
            used = 0.8 + (weights - 0.8) * (x - 0.12) / 0.48
        elif x < 0.7:
            used = weights
        else:
            used = self.memory_gib
        if self.fate in ("free_memory", "port_in_use", "unknown_model", "bad_args"):
            used = min(used, 0.8)
        if t > end:
            used *= max(0.0, 1.0 - (t - end) / MEMORY_RELEASE_S)
        return used


@dataclass
class Container:
    id: str
    name: str
    image: str
    cmd: list[str]
    created: float
    env: dict[str, str] = field(default_factory=dict)
    ports: dict[int, int] = field(default_factory=dict)  # host port -> container port (-p)
    network: str = "bridge"
    auto_remove: bool = False
    labels: dict[str, str] = field(default_factory=dict)
    status: str = "created"  # created | running | exited
    started: float | None = None
    finished: float | None = None
    exit_code: int = 0
    oom_killed: bool = False
    error: str = ""
    pid: int = 0
    vllm: VllmProcess | None = None
    service: ServiceSpec | None = None
    files: dict[str, bytes] = field(default_factory=dict)
    patched: set[str] = field(default_factory=set)
    memory_limit: int = 0
    restart_count: int = 0
    logs: list[LogLine] = field(default_factory=list)
    stop_s: float = 2.0
    has_health: bool = False

    def health(self, now: float) -> str | None:
        if not self.has_health or self.status != "running":
            return None if not self.has_health else ("unhealthy" if self.status == "exited" else None)
        if self.vllm is not None:
            if self.vllm.is_ready(now):
                return "healthy"
            if self.vllm.ended is not None:
                return "unhealthy"
            return "starting"
        if self.service is not None and self.started is not None:
            return "healthy" if now - self.started >= self.service.ready_s else "starting"
        return "starting"

    def service_up(self, now: float) -> bool:
        """The container's service would accept a TCP connection right now."""
        if self.status != "running":
            return False
        if self.vllm is not None:
            return self.vllm.is_ready(now)
        return self.health(now) == "healthy"

    def memory_gib(self, now: float) -> float:
        used = 0.0
        if self.vllm is not None:
            used += self.vllm.memory_at(now)
        if self.service is not None and self.started is not None:
            end = self.finished if self.status == "exited" and self.finished else math.inf
            if now >= self.started:
                ramp = min(1.0, (min(now, end) - self.started) / max(self.service.ready_s, 0.1))
                used += self.service.mem_gib * ramp
                if now > end:
                    used *= max(0.0, 1.0 - (now - end) / MEMORY_RELEASE_S)
        elif self.vllm is None and self.status == "running":
            used += 0.05
        return used


def _hexid(*parts: object) -> str:
    return hashlib.sha256("|".join(str(p) for p in parts).encode()).hexdigest()


def norm_image(image: str) -> str:
    """``vllm-node`` -> ``vllm-node:latest`` (digests and explicit tags untouched)."""
    last = image.rsplit("/", 1)[-1]
    return image if (":" in last or "@" in image) else image + ":latest"


class FakeHost:
    """One simulated DGX Spark. Pure state: the SSH server and the shell drive it."""

    def __init__(
        self,
        name: str,
        clock: Clock,
        *,
        hostname: str | None = None,
        user: str = "sparkops",
        models: list[ModelSpec] | tuple[ModelSpec, ...] = (),
        vllm_port: int = 8888,
        images: dict[str, int] | None = None,
        registry: set[str] | None = None,
        boot_age_s: float = 3 * 86400 + 4 * 3600 + 17 * 60,
        pull_s: float = 25.0,
    ):
        self.name = name
        self.clock = clock
        self.hostname = hostname or name
        self.user = user
        self.home = f"/home/{user}"
        self.script_dir = f"{self.home}/spark-vllm-docker"
        self.vllm_port = vllm_port
        self.recipes: dict[str, ModelSpec] = {m.name: m for m in models}
        # HF repos present in ~/.cache/huggingface (anything else is an "unknown model").
        self.models: dict[str, ModelSpec] = {m.hf_repo: m for m in models}
        self.images: dict[str, int] = {norm_image(k): v for k, v in (images or {"vllm-node": 21_474_836_480}).items()}
        self.registry: set[str] = {
            norm_image(i) for i in (registry or {"eugr/spark-vllm", "qdrant/qdrant", "hello-world"})
        }
        self.pull_s = pull_s
        self.boot = clock.now() - boot_age_s
        self.containers: dict[str, Container] = {}
        self.files: dict[str, bytes] = {}
        self.dirs: set[str] = {"/", "/tmp", "/home", self.home, self.script_dir, f"{self.script_dir}/recipes"}
        self.faults: dict[str, Any] = {}
        self.calls: list[str] = []
        self.peers: dict[str, FakeHost] = {}  # address/name -> host (for tp=2 launches)
        self.up = True  # False while the cluster has the host "down"
        self.gpu_load = 0.0  # 0..1, set by the fake vLLM from its in-flight requests
        self._pid = 1000 + sum(ord(c) for c in name) * 7
        self._seq = 0
        self._backdate = 0.0  # set only while replaying history at cluster setup
        self.listeners: list[Callable[[], None]] = []  # called after any container state change
        self._removed: list[tuple[float, float]] = []  # (end time, GiB) of removed containers still draining

    # ----- helpers -------------------------------------------------------------------------
    def changed(self) -> None:
        for fn in list(self.listeners):
            fn()

    def now(self) -> float:
        return self.clock.now() - self._backdate

    def fault(self, key: str, default: Any = None) -> Any:
        for k in self.faults:
            if k not in FAULT_KEYS:
                raise KeyError(f"unknown fault key {k!r}; known: {', '.join(FAULT_KEYS)}")
        return self.faults.get(key, default)

    def next_pid(self) -> int:
        self._pid += 37
        return self._pid

    def container(self, ref: str) -> Container | None:
        """By name, full id or unique id prefix (>= 4 chars), like docker."""
        ref = ref.lstrip("/")
        if ref in self.containers:
            return self.containers[ref]
        if len(ref) >= 4:
            hits = [c for c in self.containers.values() if c.id.startswith(ref)]
            if len(hits) == 1:
                return hits[0]
        return None

    def require(self, ref: str) -> Container:
        c = self.container(ref)
        if c is None:
            raise DockerError(1, f"Error response from daemon: No such container: {ref}")
        return c

    def log(self, c: Container, text: str, *, t: float | None = None, stream: str = "stdout") -> None:
        c.logs.append(LogLine(self.now() if t is None else t, stream, text))

    def append_log(self, container: str, text: str) -> None:
        """For the fake services: add a line (e.g. uvicorn's access log) to a container's logs."""
        c = self.containers.get(container)
        if c is not None:
            self.log(c, text)
            if len(c.logs) > 20_000:
                del c.logs[: len(c.logs) - 20_000]

    # ----- memory / GPU ----------------------------------------------------------------------
    def mem_used_gib(self, now: float | None = None) -> float:
        now = self.now() if now is None else now
        used = OS_BASE_GIB + float(self.fault("extra_used_gib", 0.0) or 0.0)
        used += sum(c.memory_gib(now) for c in self.containers.values())
        used += self._removed_residual(now)
        return min(used, DEVICE_TOTAL_GIB - 0.2)

    def _removed_residual(self, now: float) -> float:
        # Memory of removed containers keeps draining for MEMORY_RELEASE_S after their end.
        total = 0.0
        keep = []
        for t_end, gib in self._removed:
            left = gib * max(0.0, 1.0 - (now - t_end) / MEMORY_RELEASE_S)
            if left > 0:
                keep.append((t_end, gib))
                total += left
        self._removed = keep
        return total

    def mem_available_gib(self, now: float | None = None) -> float:
        return DEVICE_TOTAL_GIB - self.mem_used_gib(now)

    def loading(self, now: float) -> bool:
        return any(
            c.vllm is not None and c.status == "running" and not c.vllm.is_ready(now) and c.vllm.ended is None
            for c in self.containers.values()
        )

    def gpu_util(self, now: float | None = None) -> int:
        now = self.now() if now is None else now
        serving = any(c.vllm is not None and c.vllm.is_ready(now) for c in self.containers.values())
        if self.loading(now):
            # Loading is bursty: weights copy, then profiling and graph capture.
            return 35 + int(40 * abs(math.sin(now / 3.0)))
        if serving:
            return min(100, int(round(96 * self.gpu_load)))
        services = any(c.service and c.service.gpu_mem_mib and c.status == "running" for c in self.containers.values())
        return 1 if services else 0

    def gpu_temp(self, now: float | None = None) -> int:
        now = self.now() if now is None else now
        # a slow, deterministic drift so an idle dashboard still looks alive
        return 36 + int(round(0.36 * self.gpu_util(now) + 1.5 * math.sin(now / 97.0)))

    def gpu_power_w(self, now: float | None = None) -> float:
        now = self.now() if now is None else now
        return round(7.4 + 0.78 * self.gpu_util(now) + 0.6 * abs(math.sin(now / 13.0)), 2)

    def gpu_clock_mhz(self, now: float | None = None) -> int:
        u = self.gpu_util(now)
        return 2405 if u > 5 else 208

    def gpu_processes(self, now: float | None = None) -> list[tuple[int, str, int]]:
        now = self.now() if now is None else now
        procs = []
        for c in self.containers.values():
            if c.status != "running":
                continue
            if c.vllm is not None and c.vllm.ended is None:
                procs.append((c.vllm.pid + 1, "VLLM::EngineCore", int(c.vllm.memory_at(now) * 1024)))
            if c.service is not None and c.service.gpu_mem_mib:
                procs.append((c.pid + 3, "python3", c.service.gpu_mem_mib))
        return procs

    def uptime_s(self, now: float | None = None) -> float:
        return (self.now() if now is None else now) - self.boot

    def disk_used(self) -> int:
        return DISK_USED_BASE + sum(self.images.values())

    # ----- lifecycle -------------------------------------------------------------------------
    def refresh(self) -> None:
        """Apply every event that is due (a vLLM failing, an auto-removed container going away)."""
        now = self.now()
        for c in list(self.containers.values()):
            p = c.vllm
            if p is not None and p.ended is None and p.fate_at is not None and p.fate_at <= now:
                p.ended = p.fate_at
                if c.status == "running":
                    c.status = "exited"
                    c.finished = p.fate_at
                    c.exit_code = p.exit_code
                    c.oom_killed = p.fate == "host_oom"
                    if c.oom_killed:
                        c.error = ""
                for peer in self.peers.values():
                    w = peer.containers.get(c.name)
                    if w is not None and w.vllm is not None and w.vllm.ended is None and w.status == "running":
                        peer._end_container(w, p.fate_at, 1)
                self.changed()

    def new_container(
        self,
        name: str | None,
        image: str,
        cmd: list[str],
        *,
        env: dict[str, str] | None = None,
        ports: dict[int, int] | None = None,
        network: str = "bridge",
        auto_remove: bool = False,
        labels: dict[str, str] | None = None,
        has_health: bool = False,
    ) -> Container:
        """``docker create``: name conflicts and missing images are the caller's checks (see
        ``check_run``)."""
        self._seq += 1
        now = self.now()
        if not name:
            name = (
                f"{['eager', 'quirky', 'brave', 'calm'][self._seq % 4]}_{['tesla', 'curie', 'hopper'][self._seq % 3]}"
            )
        c = Container(
            id=_hexid(self.name, name, now, self._seq),
            name=name,
            image=image,
            cmd=list(cmd),
            created=now,
            env=dict(env or {}),
            ports=dict(ports or {}),
            network=network,
            auto_remove=auto_remove,
            labels=dict(labels or {}),
            has_health=has_health,
        )
        self.containers[name] = c
        return c

    def check_run(self, name: str | None, image: str, ports: dict[int, int]) -> None:
        if self.fault("docker_down"):
            raise DockerError(
                1, "Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?"
            )
        if name and name in self.containers:
            cid = self.containers[name].id
            raise DockerError(
                125,
                f'docker: Error response from daemon: Conflict. The container name "/{name}" is already in use by '
                f'container "{cid}". You have to remove (or rename) that container to be able to reuse that name.\n'
                "See 'docker run --help'.",
            )

    def ports_held(self, exclude: Container | None = None) -> set[int]:
        held = set(self.fault("ports_in_use", set()) or set())
        for c in self.containers.values():
            if c is exclude or c.status != "running":
                continue
            held.update(c.ports)
            if c.service is not None and c.network == "host":
                held.add(c.service.port)
            if c.vllm is not None and c.vllm.ended is None and c.vllm.fate != "port_in_use":
                held.add(c.vllm.port)
        return held

    async def ensure_image(self, image: str, err: list[str]) -> None:
        """Pull ``image`` if it is not local; appends docker's stderr lines to ``err``."""
        img = norm_image(image)
        if img in self.images:
            return
        repo, _, tag = img.rpartition(":")
        err.append(f"Unable to find image '{img}' locally")
        if self.fault("registry_down"):
            raise DockerError(
                125,
                "\n".join(err)
                + '\ndocker: Error response from daemon: Get "https://registry-1.docker.io/v2/": dial tcp: lookup '
                "registry-1.docker.io on 127.0.0.53:53: server misbehaving.\nSee 'docker run --help'.",
            )
        if img not in self.registry:
            raise DockerError(
                125,
                "\n".join(err) + f"\ndocker: Error response from daemon: pull access denied for {repo}, repository "
                "does not exist or may require 'docker login': denied: requested access to the resource is denied.\n"
                "See 'docker run --help'.",
            )
        await self.clock.sleep(self.pull_s)
        digest = _hexid("digest", img)
        err += [
            f"{tag}: Pulling from {repo if '/' in repo else 'library/' + repo}",
            f"Digest: sha256:{digest}",
            f"Status: Downloaded newer image for {img}",
        ]
        self.images[img] = 1_200_000_000

    def start_container(self, c: Container) -> None:
        now = self.now()
        if c.status == "running":
            return
        busy = set(c.ports) & self.ports_held(exclude=c)
        if busy:
            port = sorted(busy)[0]
            raise DockerError(
                125,
                f"docker: Error response from daemon: driver failed programming external connectivity on endpoint "
                f"{c.name} ({c.id[:12]}): Bind for 0.0.0.0:{port} failed: port is already allocated.\n"
                "See 'docker run --help'.",
            )
        c.status, c.started, c.finished, c.exit_code, c.oom_killed = "running", now, None, 0, False
        c.pid = self.next_pid()
        if c.service is not None:
            for i, line in enumerate(c.service.banner):
                self.log(c, line.format(pid=c.pid), t=now + c.service.ready_s * (i + 1) / (len(c.service.banner) + 1))
            if c.patched:
                self.log(c, f"[patch] loaded {len(c.patched)} patched file(s): {', '.join(sorted(c.patched))}", t=now)
        if c.cmd[:2] == ["vllm", "serve"]:
            self.start_vllm(c, c.cmd[2:], pid=c.pid)
        self.changed()

    def _end_container(self, c: Container, at: float, code: int) -> None:
        if c.vllm is not None and c.vllm.ended is None:
            self._stop_vllm(c, at)
        c.status, c.finished, c.exit_code = "exited", at, code
        self.changed()

    def stop_container(self, c: Container) -> float:
        """``docker stop``: returns the simulated seconds the stop takes (the caller waits)."""
        self.refresh()
        if c.status != "running":
            return 0.0
        now = self.now()
        main_is_vllm = c.cmd[:2] == ["vllm", "serve"]
        code = 0 if c.service is not None else (143 if main_is_vllm else 137)
        stop_s = c.stop_s if main_is_vllm or c.service is not None else 10.0
        self._end_container(c, now, code)
        if c.vllm is not None and c.vllm.role == "head":
            for peer in self.peers.values():
                w = peer.containers.get(c.name)
                if w is not None and w.status == "running":
                    peer._end_container(w, now, 137)
        if c.auto_remove:
            self.remove_container(c, force=True)
        return stop_s

    def remove_container(self, c: Container, *, force: bool = False) -> None:
        self.refresh()
        if c.status == "running":
            if not force:
                raise DockerError(
                    1,
                    f'Error response from daemon: cannot remove container "/{c.name}": container is running: stop '
                    "the container before removing or force remove",
                )
            self._end_container(c, self.now(), 137)
        now = self.now()
        left = c.memory_gib(now)
        if left > 0 and c.finished is not None:
            # keep draining: remember the amount it held at its end
            at_end = c.memory_gib(c.finished)
            self._removed.append((c.finished, at_end))
        self.containers.pop(c.name, None)
        self.changed()

    def restart_container(self, c: Container) -> float:
        took = self.stop_container(c) if c.status == "running" else 0.0
        if c.name not in self.containers:  # auto-removed on stop
            return took
        c.restart_count += 1
        c.vllm = None
        self.start_container(c)
        return took

    # ----- vLLM ------------------------------------------------------------------------------
    def start_vllm(self, c: Container, argv: list[str], *, pid: int | None = None, role: str = "head") -> VllmProcess:
        """``vllm serve <argv>`` inside ``c``. Decides the process's fate now and writes its log
        timeline (lines with future timestamps appear as time passes)."""
        now = self.now()
        opts = parse_vllm_args(argv)
        repo = opts["model"]
        spec = self.models.get(repo)
        util = float(opts.get("gpu_memory_utilization", spec.gpu_memory_utilization if spec else 0.92))
        tp = int(opts.get("tensor_parallel_size", 1))
        max_len = int(opts.get("max_model_len", spec.max_model_len if spec else 32768))
        served = opts.get("served_model_name") or repo
        port = int(opts.get("port", 8000))
        load_s = float(spec.load_time_s if spec else 60.0)
        mem_gib = float(spec.memory_gib if spec else util * DEVICE_TOTAL_GIB)
        # vLLM takes its key from --api-key, else from the VLLM_API_KEY environment variable.
        key = opts.get("api_key") if isinstance(opts.get("api_key"), str) else c.env.get("VLLM_API_KEY", "")
        p = VllmProcess(
            repo=repo,
            served_name=served,
            port=port,
            max_model_len=max_len,
            gpu_mem_util=util,
            tensor_parallel=tp,
            spec=spec,
            args=list(argv),
            started=now,
            load_s=load_s,
            memory_gib=mem_gib,
            pid=pid or self.next_pid(),
            role=role,
            error=bad_vllm_arg(opts),
            api_keys=(key,) if key else (),
        )
        free = self.mem_available_gib(now)
        worker = self._worker_for(c) if tp > 1 and role == "head" else None
        if worker is not None:
            # Every rank checks its own GPU; the tightest node decides the fate of the launch.
            free = min(free, worker[0].mem_available_gib(now))
        desired = util * DEVICE_TOTAL_GIB
        gpu_oom = self.faults.pop("gpu_oom", None)
        host_oom = self.faults.pop("host_oom", None)
        if p.error:  # argparse refuses the command line before anything starts
            p.fate, p.fate_at, p.exit_code = "bad_args", now + min(1.0, 0.01 * load_s), 2
        elif port in self.ports_held(exclude=c):
            p.fate, p.fate_at, p.exit_code = "port_in_use", now + min(2.0, 0.03 * load_s), 1
        elif spec is None:
            p.fate, p.fate_at, p.exit_code = "unknown_model", now + min(3.0, 0.05 * load_s), 1
        elif gpu_oom == "valueerror" or free < desired:
            p.fate, p.fate_at, p.exit_code = "free_memory", now + 0.1 * load_s, 1
        elif host_oom:
            p.fate, p.fate_at, p.exit_code = "host_oom", now + 0.5 * load_s, 137
        elif gpu_oom or mem_gib > free:
            p.fate, p.fate_at, p.exit_code = "torch_oom", now + 0.55 * load_s, 1
        c.vllm = p
        for t, stream, text in vllm_log_timeline(p, free_gib=free, desired_gib=desired):
            c.logs.append(LogLine(t, stream, text))
        if worker is not None:
            peer, w = worker
            wp = VllmProcess(**{**p.__dict__, "role": "worker", "pid": peer.next_pid()})
            if wp.fate in ("port_in_use", "unknown_model", "free_memory", "bad_args"):
                wp.memory_gib = 0.5
            w.vllm = wp
            peer.log(w, f"(Worker_TP1 pid={wp.pid}) INFO worker rank 1 of 2 joined head {self.hostname}")
            peer.changed()
        return p

    def _worker_for(self, c: Container) -> tuple[FakeHost, Container] | None:
        for peer in dict.fromkeys(self.peers.values()):
            w = peer.containers.get(c.name)
            if w is not None and w.status == "running":
                return peer, w
        return None

    def _stop_vllm(self, c: Container, at: float) -> None:
        p = c.vllm
        if p is None or p.ended is not None:
            return
        was_ready = p.is_ready(at)
        p.ended = at
        p.fate_at = None if p.fate == "ok" else p.fate_at
        c.logs = [ln for ln in c.logs if ln.t <= at]
        tag = f"(APIServer pid={p.pid})"
        if was_ready:
            for text in (
                "INFO:     Shutting down",
                "INFO:     Waiting for application shutdown.",
                "INFO:     Application shutdown complete.",
                f"INFO:     Finished server process [{p.pid}]",
            ):
                c.logs.append(LogLine(at, "stderr", text))
        else:
            c.logs.append(
                LogLine(at, "stdout", f"{tag} {_stamp(at)} [launcher.py:99] Shutting down FastAPI HTTP server.")
            )

    def kill_vllm(self, c: Container) -> bool:
        """``pkill -f 'vllm serve'`` inside the container."""
        if c.vllm is None or c.vllm.ended is not None:
            return False
        now = self.now()
        self._stop_vllm(c, now)
        if c.cmd[:2] == ["vllm", "serve"]:
            self._end_container(c, now, 143)
        return True

    # ----- services --------------------------------------------------------------------------
    def add_service(self, svc: ServiceSpec, *, started_ago: float = 86400.0) -> Container:
        c = self.new_container(
            svc.container,
            svc.image,
            ["python3", "-m", "uvicorn", "main:app", "--host", "0.0.0.0", "--port", str(svc.port)],
            ports={svc.port: svc.port},
            labels={"spark.service": svc.kind},
            has_health=True,
        )
        c.service = svc
        c.files = dict(svc.files)
        c.created -= started_ago + 5
        c.stop_s = 1.0
        self.start_container(c)
        c.started = self.now() - started_ago
        for ln in c.logs:
            ln.t -= started_ago
        return c

    def vllm_container(self) -> Container | None:
        """The container whose vLLM head process is the newest (running first)."""
        best = None
        for c in self.containers.values():
            if c.vllm is not None and c.vllm.role == "head":
                if best is None or (c.status == "running", c.vllm.started) > (
                    best.status == "running",
                    best.vllm.started,
                ):
                    best = c
        return best

    def snapshot(self) -> dict[str, Any]:
        """A plain summary (for debugging and the standalone runner's status line)."""
        self.refresh()
        now = self.now()
        vc = self.vllm_container()
        return {
            "host": self.name,
            "up": self.up,
            "mem_used_gib": round(self.mem_used_gib(now), 1),
            "gpu_util": self.gpu_util(now),
            "containers": {c.name: c.status for c in self.containers.values()},
            "vllm": None
            if vc is None or vc.vllm is None
            else {"model": vc.vllm.served_name, "phase": vc.vllm.phase(now)},
        }


# ----- vLLM arguments and log lines ----------------------------------------------------------
_VLLM_FLAGS_WITH_VALUE = {
    "--port",
    "--host",
    "--served-model-name",
    "--max-model-len",
    "--gpu-memory-utilization",
    "--tensor-parallel-size",
    "-tp",
    "--quantization",
    "-q",
    "--load-format",
    "--kv-cache-dtype",
    "--reasoning-parser",
    "--tool-call-parser",
    "--max-num-seqs",
    "--dtype",
    "--pipeline-parallel-size",
    "-pp",
    "--data-parallel-size",
    "-dp",
    "--api-key",
    "--chat-template",
    "--max-num-batched-tokens",
    "--model",
    "--distributed-executor-backend",
    "--swap-space",
    "--seed",
    "--download-dir",
    "--tokenizer",
    "--revision",
    "--speculative-config",
    "--compilation-config",
    "--limit-mm-per-prompt",
    "--enable-auto-tool-choice",
    "--override-generation-config",
    "--hf-overrides",
    "--kv-transfer-config",
    "--additional-config",
    "--default-chat-template-kwargs",
    "--mm-processor-kwargs",
    "--generation-config",
}
# Options vLLM parses with json.loads (``--compilation-config`` also takes a bare level, e.g. 3).
_VLLM_JSON_FLAGS = {
    "--override-generation-config",
    "--hf-overrides",
    "--speculative-config",
    "--compilation-config",
    "--limit-mm-per-prompt",
    "--kv-transfer-config",
    "--additional-config",
    "--default-chat-template-kwargs",
    "--mm-processor-kwargs",
}
_BOOL_FLAGS = {"--enable-auto-tool-choice"}


def parse_vllm_args(argv: list[str]) -> dict[str, Any]:
    """The options of ``vllm serve`` that the simulator acts on (others are accepted as given)."""
    opts: dict[str, Any] = {"extra": []}
    i = 0
    positional = []
    alias = {
        "-tp": "--tensor-parallel-size",
        "-q": "--quantization",
        "-pp": "--pipeline-parallel-size",
        "-dp": "--data-parallel-size",
    }
    while i < len(argv):
        a = argv[i]
        if a.startswith("-"):
            key, eq, val = a.partition("=")
            key = alias.get(key, key)
            if eq:
                opts[key.lstrip("-").replace("-", "_")] = val
            elif key in _VLLM_FLAGS_WITH_VALUE and key not in _BOOL_FLAGS and i + 1 < len(argv):
                opts[key.lstrip("-").replace("-", "_")] = argv[i + 1]
                i += 1
            else:
                opts[key.lstrip("-").replace("-", "_")] = True
        else:
            positional.append(a)
        i += 1
    if positional:
        opts["model"] = positional[0]
    opts.setdefault("model", opts.get("model") or "facebook/opt-125m")
    return opts


def bad_vllm_arg(opts: dict[str, Any]) -> str:
    """vLLM's argparse error for a JSON option whose value does not parse ("" if all parse), the
    way a mangled ``{"temperature":0.6}`` (quotes eaten by a shell) fails a real launch."""
    for flag in sorted(_VLLM_JSON_FLAGS):
        val = opts.get(flag.lstrip("-").replace("-", "_"))
        if val is None:
            continue
        if val is True:
            return f"vllm serve: error: argument {flag}: expected one argument"
        if flag == "--compilation-config" and val.isdigit():
            continue
        try:
            json.loads(val)
        except ValueError:
            return f"vllm serve: error: argument {flag}: invalid loads value: {val!r}"
    return ""


def _stamp(t: float) -> str:
    return "INFO " + time.strftime("%m-%d %H:%M:%S", time.gmtime(t))


def _arch(repo: str) -> str:
    r = repo.lower()
    if "qwen3-next" in r:
        return "Qwen3NextForCausalLM"
    if "qwen3" in r and ("a3b" in r or "moe" in r):
        return "Qwen3MoeForCausalLM"
    if "qwen" in r:
        return "Qwen3ForCausalLM"
    if "gpt-oss" in r:
        return "GptOssForCausalLM"
    if "nemotron" in r:
        return "NemotronHForCausalLM"
    if "llama" in r:
        return "LlamaForCausalLM"
    return "AutoModelForCausalLM"


def vllm_log_timeline(p: VllmProcess, *, free_gib: float, desired_gib: float) -> list[tuple[float, str, str]]:
    """Every line a ``vllm serve`` will print, with its simulated timestamp, given its fate."""
    s, L = p.started, p.load_s
    api, eng = f"(APIServer pid={p.pid})", f"(EngineCore_DP0 pid={p.pid + 1})"
    out: list[tuple[float, str, str]] = []

    def add(x: float, who: str, where: str, msg: str, stream: str = "stdout", absolute: bool = False) -> None:
        t = x if absolute else s + x * L
        out.append((t, stream, f"{who} {_stamp(t)} [{where}] {msg}"))

    def fail(t: float, who: str, lines: list[str]) -> None:
        out.append((t, "stderr", f"{who} Traceback (most recent call last):"))
        for ln in lines:
            out.append((t, "stderr", f"{who} {ln}"))

    args_repr = {
        "model_tag": p.repo,
        "model": p.repo,
        "served_model_name": [p.served_name],
        "port": p.port,
        "max_model_len": p.max_model_len,
        "gpu_memory_utilization": p.gpu_mem_util,
    }
    if p.tensor_parallel > 1:
        args_repr["tensor_parallel_size"] = p.tensor_parallel
    if p.api_keys and any(a == "--api-key" or a.startswith("--api-key=") for a in p.args):
        args_repr["api_key"] = list(p.api_keys)  # vLLM prints its non-default args, the key included
    if p.fate == "bad_args":
        assert p.fate_at is not None
        out.append((p.fate_at, "stderr", "usage: vllm serve [model_tag] [options]"))
        out.append((p.fate_at, "stderr", p.error))
        return out
    add(0, api, "api_server.py:1839", f"vLLM API server version {VLLM_VERSION}", absolute=False)
    add(0.001, api, "utils.py:233", f"non-default args: {args_repr}")
    if p.fate == "port_in_use":
        assert p.fate_at is not None
        fail(
            p.fate_at,
            api,
            [
                '  File "/usr/local/lib/python3.12/dist-packages/vllm/entrypoints/openai/api_server.py", line 1990, '
                "in create_server_socket",
                "    sock.bind(addr)",
                "OSError: [Errno 98] Address already in use",
            ],
        )
        return out
    if p.fate == "unknown_model":
        assert p.fate_at is not None
        fail(
            p.fate_at,
            api,
            [
                '  File "/usr/local/lib/python3.12/dist-packages/transformers/utils/hub.py", line 479, in cached_files',
                "    raise OSError(",
                f"OSError: {p.repo} is not a local folder and is not a valid model identifier listed on "
                "'https://huggingface.co/models'",
                "If this is a private repository, make sure to pass a token having permission to this repo either by "
                "logging in with `hf auth login` or by passing `token=<your_token>`",
            ],
        )
        return out
    add(0.03, api, "model.py:547", f"Resolved architecture: {_arch(p.repo)}")
    add(0.03, api, "model.py:1510", f"Using max model len {p.max_model_len}")
    add(
        0.05,
        eng,
        "core.py:93",
        f"Initializing a V1 LLM engine (v{VLLM_VERSION}) with config: model='{p.repo}', "
        f"speculative_config=None, tokenizer='{p.repo}', max_seq_len={p.max_model_len}, "
        f"tensor_parallel_size={p.tensor_parallel}, served_model_name={p.served_name}",
    )
    add(
        0.08,
        eng,
        "parallel_state.py:1208",
        f"rank 0 in world size {p.tensor_parallel} is assigned as DP rank 0, PP rank 0, TP rank 0, EP rank 0",
    )
    if p.fate == "free_memory":
        assert p.fate_at is not None
        fail(
            p.fate_at,
            eng,
            [
                '  File "/usr/local/lib/python3.12/dist-packages/vllm/v1/worker/gpu_worker.py", line 239, in init_device',
                "    raise ValueError(",
                f"ValueError: Free memory on device cuda:0 ({free_gib:.2f}/{DEVICE_TOTAL_GIB} GiB) on startup is less "
                f"than desired GPU memory utilization ({p.gpu_mem_util}, {desired_gib:.2f} GiB). Decrease GPU memory "
                "utilization or reduce GPU memory used by other processes.",
            ],
        )
        out.append(
            (
                p.fate_at,
                "stderr",
                f"{api} RuntimeError: Engine core initialization failed. See root cause "
                "above. Failed core proc(s): {}",
            )
        )
        return out
    add(0.12, eng, "gpu_model_runner.py:2602", f"Starting to load model {p.repo}...")
    add(0.13, eng, "cuda.py:366", "Using Flash Attention backend on V1 engine.")
    weights = p.memory_gib * 0.62
    shards = max(1, math.ceil(weights / 5.0))
    per = (0.46 * L) / shards
    cut = p.fate_at if p.fate in ("host_oom", "torch_oom") else math.inf
    for k in range(shards + 1):
        t = s + 0.14 * L + k * per
        if t > cut:
            break
        pct = int(100 * k / shards)
        el = k * per
        rest = (shards - k) * per
        rate = f"{per:.2f}s/it" if k else "?it/s"
        out.append(
            (
                t,
                "stderr",
                f"{eng} Loading safetensors checkpoint shards: {pct:3d}% Completed | {k}/{shards} "
                f"[{int(el // 60):02d}:{int(el % 60):02d}<{int(rest // 60):02d}:{int(rest % 60):02d}, {rate}]",
            )
        )
    if p.fate == "host_oom":
        return out  # SIGKILL: no last words
    if p.fate == "torch_oom":
        assert p.fate_at is not None
        fail(
            p.fate_at,
            eng,
            [
                '  File "/usr/local/lib/python3.12/dist-packages/vllm/model_executor/model_loader/default_loader.py", '
                "line 262, in load_weights",
                f"torch.OutOfMemoryError: CUDA out of memory. Tried to allocate 2.00 GiB. GPU 0 has a total capacity of "
                f"{DEVICE_TOTAL_GIB} GiB of which {max(0.0, free_gib - weights * 0.9):.2f} GiB is free. Including "
                f"non-PyTorch memory, this process has {weights * 0.9:.2f} GiB memory in use. Of the allocated memory "
                f"{weights * 0.88:.2f} GiB is allocated by PyTorch, and 57.19 MiB is reserved by PyTorch but unallocated. "
                "If reserved but unallocated memory is large try setting PYTORCH_CUDA_ALLOC_CONF=expandable_segments:True "
                "to avoid fragmentation.  See documentation for Memory Management  "
                "(https://pytorch.org/docs/stable/notes/cuda.html#environment-variables)",
            ],
        )
        out.append(
            (
                p.fate_at,
                "stderr",
                f"{api} RuntimeError: Engine core initialization failed. See root cause "
                "above. Failed core proc(s): {}",
            )
        )
        return out
    add(0.6, eng, "default_loader.py:267", f"Loading weights took {0.45 * L:.2f} seconds")
    add(0.6, eng, "gpu_model_runner.py:2653", f"Model loading took {weights:.4f} GiB and {0.47 * L:.6f} seconds")
    add(
        0.64,
        eng,
        "backends.py:548",
        "Using cache directory: /root/.cache/vllm/torch_compile_cache/"
        f"{_hexid(p.repo)[:10]}/rank_0_0/backbone for vLLM's torch.compile",
    )
    add(0.69, eng, "monitor.py:34", f"torch.compile takes {0.05 * L:.2f} s in total")
    kv = p.memory_gib - weights - 1.5
    tokens = int(kv * 1024 * 1024 * 1024 / (96 * 1024))
    add(0.7, eng, "gpu_worker.py:298", f"Available KV cache memory: {kv:.2f} GiB")
    add(0.7, eng, "kv_cache_utils.py:1087", f"GPU KV cache size: {tokens:,} tokens")
    add(
        0.7,
        eng,
        "kv_cache_utils.py:1091",
        f"Maximum concurrency for {p.max_model_len:,} tokens per request: {tokens / p.max_model_len:.2f}x",
    )
    for k, (label, n) in enumerate((("mixed prefill-decode, PIECEWISE", 67), ("decode, FULL", 35))):
        t0 = s + (0.75 + 0.09 * k) * L
        out.append((t0, "stderr", f"{eng} Capturing CUDA graphs ({label}):   0%|          | 0/{n} [00:00<?, ?it/s]"))
        out.append(
            (
                t0 + 0.08 * L,
                "stderr",
                f"{eng} Capturing CUDA graphs ({label}): 100%|██████████| {n}/{n} "
                f"[00:{int(0.08 * L) % 60:02d}<00:00, {n / max(0.08 * L, 0.01):.2f}it/s]",
            )
        )
    add(0.93, eng, "gpu_model_runner.py:3480", f"Graph capturing finished in {int(0.17 * L)} secs, took 0.49 GiB")
    add(0.95, eng, "core.py:210", f"init engine (profile, create kv cache, warmup model) took {0.35 * L:.2f} seconds")
    add(0.97, api, "api_server.py:1634", "Supported_tasks: ['generate']")
    add(1.0, api, "api_server.py:1912", f"Starting vLLM API server 0 on http://0.0.0.0:{p.port}")
    add(1.0, api, "launcher.py:34", "Available routes are:")
    for route, meth in (
        ("/health", "GET"),
        ("/ping", "GET, POST"),
        ("/v1/models", "GET"),
        ("/v1/chat/completions", "POST"),
        ("/v1/completions", "POST"),
        ("/metrics", "GET"),
    ):
        add(1.0, api, "launcher.py:42", f"Route: {route}, Methods: {meth}")
    t = s + L
    for text in (
        f"INFO:     Started server process [{p.pid}]",
        "INFO:     Waiting for application startup.",
        "INFO:     Application startup complete.",
    ):
        out.append((t, "stderr", f"{api} {text}"))
    return out


def human_duration(seconds: float) -> str:
    """Docker's ``units.HumanDuration`` ("Up 2 minutes", "Exited (0) About an hour ago")."""
    s = int(seconds)
    if s < 1:
        return "Less than a second"
    if s == 1:
        return "1 second"
    if s < 60:
        return f"{s} seconds"
    m = int(seconds / 60)
    if m == 1:
        return "About a minute"
    if m < 60:
        return f"{m} minutes"
    h = int(seconds / 3600 + 0.5)
    if h == 1:
        return "About an hour"
    if h < 48:
        return f"{h} hours"
    if h < 24 * 7 * 2:
        return f"{h // 24} days"
    if h < 24 * 30 * 2:
        return f"{h // 24 // 7} weeks"
    if h < 24 * 365 * 2:
        return f"{h // 24 // 30} months"
    return f"{h // 24 // 365} years"


def container_status(c: Container, now: float) -> str:
    """The STATUS column of ``docker ps``."""
    if c.status == "created":
        return "Created"
    if c.status == "exited":
        return f"Exited ({c.exit_code}) {human_duration(now - (c.finished or now))} ago"
    h = c.health(now)
    up = f"Up {human_duration(now - (c.started or now))}"
    if h == "starting":
        return up + " (health: starting)"
    if h in ("healthy", "unhealthy"):
        return up + f" ({h})"
    return up


def is_valid_name(name: str) -> bool:
    return bool(re.fullmatch(r"[a-zA-Z0-9][a-zA-Z0-9_.-]*", name))
