# ruff: noqa: ASYNC109 - `timeout` params are remote-command timeouts, not asyncio ones
"""The swap's steps, one method per phase of ``SWAP_TABLE`` (``swap.py``): preflight, stop (after
draining the gateway), wait for memory, launch, follow the load, verify. Rollback
(``SWAP_ROLLBACK``) runs the same steps for the previous model, after its own stop. Each step
raises ``StepFailed`` with a short human reason.

``SwapPhases`` is mixed into ``SwapManager``, which provides the cluster, the settings
(``t``: ``SwapTuning``), the job store and the vLLM readers the steps use.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Any

from spark_control.catalog import ModelSpec
from spark_control.cluster import commands
from spark_control.cluster.commands import LaunchTemplates, RemoteCommand
from spark_control.cluster.docker import parse_logs, parse_ps_json
from spark_control.cluster.nodes import ClusterManager
from spark_control.cluster.ssh import CommandResult, HostUnreachable, OutcomeUnknown, SSHError
from spark_control.cluster.stats import GIB, parse_meminfo
from spark_control.cluster.vllm_logs import LoadProgress, parse_progress
from spark_control.errors import ConfigError
from spark_control.jobs import Job, JobStore

if TYPE_CHECKING:
    import httpx

    from spark_control.cluster.swap import SwapTuning


class ReadFailed(Exception):
    """vLLM's ``/v1/models`` could not be read (error status, timeout, not JSON, wrong shape)."""

    def __init__(self, reason: str, status: int | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.status = status


class NotListening(ReadFailed):
    """Nothing accepts connections on vLLM's port: a real reading ("not serving now")."""


class StepFailed(Exception):
    """A phase failed; ``reason`` is a short human sentence."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class SwapPhases:
    """The steps of a swap (see the module docstring)."""

    cluster: ClusterManager
    templates: LaunchTemplates
    t: SwapTuning
    store: JobStore
    drainers: list[Callable[[float], Awaitable[bool]]]
    _http: httpx.AsyncClient | None

    # provided by SwapManager
    _log: Callable[[Job, str], None]
    _head: Callable[[], str]
    _port: Callable[[], int]
    _vllm_url: Callable[[], str]
    nodes_for: Callable[[ModelSpec], list[str]]
    expected_load_s: Callable[[ModelSpec], float]
    _set_serving: Callable[[ModelSpec | None], None]
    _health: Callable[[], Awaitable[bool]]
    _served_ids: Callable[..., Awaitable[list[str]]]
    _key_for: Callable[[ModelSpec], str]
    _headers: Callable[[str | None], dict[str, Any]]

    async def _ssh(
        self,
        job: Job,
        node: str,
        cmd: RemoteCommand,
        *,
        timeout: float | None = None,
        check: bool = True,
        retry_unreachable_s: float = 0.0,
    ) -> CommandResult:
        """Run a command for a job, logging it; SSH errors become StepFailed."""
        self._log(job, f"$ [{node}] {cmd.shown}")
        deadline = time.monotonic() + retry_unreachable_s
        while True:
            try:
                r = await self.cluster.run(node, cmd, timeout=timeout or self.tuning.command_timeout_s)
                break
            except HostUnreachable as e:
                if time.monotonic() < deadline:
                    self._log(job, f"  {node} unreachable ({e.reason}); retrying")
                    await asyncio.sleep(max(self.tuning.poll_s, 0.2))
                    continue
                raise StepFailed(f"{node} unreachable: {e.message}") from e
            except SSHError as e:
                raise StepFailed(e.message) from e
        if check and not r.ok:
            raise StepFailed(f"`{cmd.argv[0]}` on {node} exited {r.exit_status}: {r.tail()}")
        return r

    async def _mem_available_gib(self, job: Job, node: str, retry_s: float = 0.0) -> float:
        r = await self._ssh(job, node, commands.meminfo(), timeout=15, retry_unreachable_s=retry_s)
        try:
            return parse_meminfo(r.stdout).available_bytes / GIB
        except ValueError as e:
            raise StepFailed(f"{node}: cannot read /proc/meminfo: {e}") from e

    async def _preflight(self, job: Job, spec: ModelSpec, prev: ModelSpec | None) -> None:
        self._log(
            job,
            f"target {spec.name} (served as {spec.served_name!r}, tp={spec.tensor_parallel}, "
            f"needs {spec.memory_gib:g} GiB per node); now serving: {prev.name if prev else 'nothing'}",
        )
        nodes = self.nodes_for(spec)
        try:  # a launch line that cannot be built safely is refused before anything stops
            hosts = [self.cluster.node(n).host for n in nodes]
            commands.launch_command(self.templates, spec, port=self._port(), node_hosts=hosts)
        except ConfigError as e:
            raise StepFailed(e.message) from e
        for node in nodes:
            avail = await self._mem_available_gib(job, node)
            r = await self._ssh(job, node, commands.docker_ps(), timeout=20, check=False)
            if not r.ok:
                raise StepFailed(f"{node}: docker is not ready: {r.tail()}")
            freed = 0.0
            if prev is not None and node in self.nodes_for(prev):
                running = [c for c in parse_ps_json(r.stdout) if c.name == self.templates.container and c.running]
                if running:
                    freed = prev.memory_gib
            self._log(
                job,
                f"{node}: MemAvailable {avail:.1f} GiB (+{freed:g} GiB freed by stopping "
                f"{prev.name if freed and prev else 'nothing'}); need {spec.memory_gib:g} GiB",
            )
            if avail + freed < spec.memory_gib:
                raise StepFailed(
                    f"{node} has {avail:.1f} GiB available (+{freed:g} GiB after stopping the current model); "
                    f"{spec.name} needs {spec.memory_gib:g} GiB"
                )
        self.store.progress(job, eta_s=job.expected_s, stage="preflight", fraction=0.0)

    async def _drain(self, job: Job) -> None:
        if not self.drainers:
            return
        self._log(job, "waiting for running requests to finish before stopping")
        done = await asyncio.gather(*(d(self.tuning.drain_timeout_s) for d in self.drainers))
        if all(done):
            self._log(job, "running requests finished")
        else:
            self._log(job, f"requests still running after {self.tuning.drain_timeout_s:.0f} s; stopping anyway")

    async def _stop(self, job: Job) -> None:
        head = self._head()
        await self._drain(job)
        self._set_serving(None)
        await self._ssh(
            job, head, commands.stop_command(self.templates), timeout=self.tuning.stop_timeout_s, check=False
        )
        r = await self._ssh(job, head, commands.docker_ps(), timeout=20)
        still = [c for c in parse_ps_json(r.stdout) if c.name == self.templates.container and c.running]
        if still:
            raise StepFailed(f"{self.templates.container} is still running after stop ({still[0].status})")
        self._log(job, f"{self.templates.container} stopped")

    async def _stop_for_rollback(self, job: Job, *, retry_s: float) -> None:
        """Whatever the failed swap left running goes; its exit status does not matter."""
        await self._ssh(
            job,
            self._head(),
            commands.stop_command(self.templates),
            timeout=self.tuning.stop_timeout_s,
            check=False,
            retry_unreachable_s=retry_s,
        )

    async def _wait_memory(self, job: Job, spec: ModelSpec, *, retry_s: float = 0.0) -> None:
        deadline = time.monotonic() + self.tuning.memory_settle_timeout_s
        for node in self.nodes_for(spec):
            last: float | None = None
            while True:
                avail = await self._mem_available_gib(job, node, retry_s)
                stable = last is not None and abs(avail - last) < self.tuning.memory_stable_gib
                if stable and avail >= spec.memory_gib:
                    self._log(job, f"{node}: memory settled at {avail:.1f} GiB available")
                    break
                if time.monotonic() > deadline:
                    if avail >= spec.memory_gib:
                        self._log(job, f"{node}: memory not yet stable but {avail:.1f} GiB is enough; going on")
                        break
                    raise StepFailed(
                        f"{node}: only {avail:.1f} GiB available after waiting "
                        f"{self.tuning.memory_settle_timeout_s:.0f}s; need {spec.memory_gib:g} GiB"
                    )
                last = avail
                await asyncio.sleep(self.tuning.poll_s)

    async def _launch(self, job: Job, spec: ModelSpec, *, retry_s: float = 0.0) -> None:
        head = self._head()
        hosts = [self.cluster.node(n).host for n in self.nodes_for(spec)]
        cmd = commands.launch_command(self.templates, spec, port=self._port(), node_hosts=hosts)
        try:
            r = await self._ssh(
                job, head, cmd, timeout=self.tuning.command_timeout_s, check=False, retry_unreachable_s=retry_s
            )
        except StepFailed as e:
            if isinstance(e.__cause__, OutcomeUnknown):
                self._log(job, "launch outcome unknown (connection dropped); the load phase will find out")
                return
            raise
        for line in (r.stdout + r.stderr).splitlines()[-20:]:
            if line.strip():
                self._log(job, f"  {line}")
        if not r.ok:
            raise StepFailed(f"launch exited {r.exit_status}: {r.tail()}")
        job.progress["load_started"] = time.time()

    async def _load(self, job: Job, spec: ModelSpec, *, retry_s: float = 0.0) -> None:
        head = self._head()
        expected = self.expected_load_s(spec)
        limit = self.tuning.load_timeout_s or max(
            self.tuning.load_timeout_min_s, expected * self.tuning.load_timeout_factor
        )
        t0 = time.monotonic()
        started = time.time()
        seen: list[str] = []
        last_stage = None
        polls = 0
        self._log(job, f"loading {spec.name}: expected ~{expected:.0f}s (timeout {limit:.0f}s)")
        while True:
            elapsed = time.monotonic() - t0
            if await self._health():
                break
            r = await self._ssh_quiet(
                head, commands.docker_logs(self.templates.container, self.tuning.log_tail), retry_s
            )
            if r is not None and r.ok:
                lines = parse_logs(r.stdout + ("\n" + r.stderr if r.stderr else ""), keep=self.tuning.log_tail)
                for line in _new_lines(seen, lines):
                    self._log(job, f"  | {line}")
                seen = lines
                prog: LoadProgress = parse_progress(lines)
                if prog.fatal:
                    raise StepFailed(f"vLLM failed: {prog.fatal} ({prog.fatal_line})")
                eta = max(expected - elapsed, 0.0)
                if prog.stage != last_stage or polls % 5 == 0:
                    self.store.progress(
                        job,
                        stage=prog.stage,
                        fraction=prog.fraction,
                        eta_s=round(eta, 1),
                        elapsed_s=round(elapsed, 1),
                        expected_s=round(expected, 1),
                        overdue=elapsed > expected,
                    )
                    last_stage = prog.stage
            polls += 1
            if polls % 3 == 0:
                ps = await self._ssh_quiet(head, commands.docker_ps(), retry_s)
                if ps is not None and ps.ok:
                    c = next((c for c in parse_ps_json(ps.stdout) if c.name == self.templates.container), None)
                    if c is None or not c.running:
                        if await self._health():
                            break
                        state = "gone" if c is None else c.status
                        why = await self._exit_reason(head, retry_s)
                        if why:
                            raise StepFailed(f"vLLM failed: {why} (container {state})")
                        raise StepFailed(
                            f"the vLLM container exited during load ({state}); last log: "
                            f"{seen[-1] if seen else '(none)'}"
                        )
            if elapsed > limit:
                raise StepFailed(f"load timed out after {elapsed:.0f}s (expected ~{expected:.0f}s)")
            await asyncio.sleep(self.tuning.poll_s)
        took = time.time() - float(job.progress.get("load_started") or started)
        self.store.record_load_time(spec.name, took)
        self.store.progress(job, stage="ready", fraction=1.0, eta_s=0.0)
        self._log(job, f"{spec.name}: /health is 200 after {took:.1f}s")

    async def _exit_reason(self, head: str, retry_s: float) -> str | None:
        """After the container exited: the fatal line of its final log, if any."""
        r = await self._ssh_quiet(head, commands.docker_logs(self.templates.container, self.tuning.log_tail), retry_s)
        if r is None or not r.ok:
            return None
        prog = parse_progress(parse_logs(r.stdout + "\n" + r.stderr, keep=self.tuning.log_tail))
        return f"{prog.fatal} ({prog.fatal_line})" if prog.fatal else None

    async def _ssh_quiet(self, node: str, cmd: RemoteCommand, retry_s: float = 0.0) -> CommandResult | None:
        """A polling read: errors are tolerated (the load loop decides from several signals)."""
        try:
            return await self.cluster.run(node, cmd, timeout=20)
        except HostUnreachable:
            if retry_s:
                return None
            raise
        except SSHError:
            return None

    async def _verify(self, job: Job, spec: ModelSpec) -> None:
        assert self._http is not None
        url = self._vllm_url()
        if not await self._health():
            raise StepFailed("/health is not 200")
        key = self._key_for(spec)
        try:
            ids = await self._served_ids(key)
        except ReadFailed as e:  # a fault while verifying is a failed swap, like any other step
            raise StepFailed(e.reason) from e
        self._log(job, f"GET /v1/models -> {ids}")
        if spec.served_name not in ids:
            raise StepFailed(f"/v1/models serves {ids}, not {spec.served_name!r}")
        try:
            r = await self._http.post(
                url + "/v1/completions",
                json={"model": spec.served_name, "prompt": "Hello", "max_tokens": 1},
                headers=self._headers(key),
            )
        except httpx.HTTPError as e:
            raise StepFailed(f"1-token completion failed: {type(e).__name__}: {e}") from e
        try:
            choices = r.json().get("choices") if r.status_code == 200 else None
            text = choices[0].get("text", "") if choices else None
        except (ValueError, AttributeError, TypeError, IndexError, KeyError):
            choices = text = None
        if not choices:
            raise StepFailed(f"1-token completion returned {r.status_code}: {r.text[:200]}")
        self._log(job, f"1-token completion OK ({text!r})")


def _reason(e: Exception) -> str:
    if isinstance(e, StepFailed):
        return e.reason
    if isinstance(e, HostUnreachable):
        return f"{e.node} unreachable: {e.message}"
    if isinstance(e, OutcomeUnknown):
        return f"{e.node}: {e.message}"
    return getattr(e, "message", str(e))


def _new_lines(old: list[str], new: list[str]) -> list[str]:
    """Lines of ``new`` (a ``docker logs --tail`` window) not yet seen in ``old``."""
    if not old:
        return new
    k = min(len(old), 3)
    anchor = old[-k:]
    for i in range(len(new) - k, -1, -1):
        if new[i : i + k] == anchor:
            return new[i + k :]
    return new
