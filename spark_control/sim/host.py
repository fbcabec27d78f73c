"""The fake Spark host: a pure state model (no I/O) of what runs on one DGX Spark.

Containers go created -> running (health starting) -> healthy, memory follows what runs, the
GPU warms up under load, and ``docker logs`` grows with vLLM's real phase lines. A vLLM
process's whole future (its log lines with timestamps, when it becomes ready, if and how it
fails) is decided when it starts; ``refresh()`` applies what is due at ``clock.now()``.

Failure modes are decided at start from the host's state (free memory, ports, known models,
local images) or forced through ``faults`` (see ``FAULT_KEYS``)."""

from __future__ import annotations

import hashlib
import math
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from spark_control.catalog import ModelSpec
from spark_control.sim.clock import Clock
from spark_control.sim.hardware import DEVICE_TOTAL_GIB, DISK_USED_BASE, MEMORY_RELEASE_S, OS_BASE_GIB
from spark_control.sim.vllm_process import VllmProcess, bad_vllm_arg, parse_vllm_args, stamp, vllm_log_timeline

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
                LogLine(at, "stdout", f"{tag} {stamp(at)} [launcher.py:99] Shutting down FastAPI HTTP server.")
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


def is_valid_name(name: str) -> bool:
    return bool(re.fullmatch(r"[a-zA-Z0-9][a-zA-Z0-9_.-]*", name))
