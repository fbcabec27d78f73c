# ruff: noqa: ASYNC109 - `timeout` params are remote-command timeouts, not asyncio ones
"""The "Reapply speech-model patches" job: put ``parakeet_patches/*.py`` into the
``parakeet-asr`` container on the speech node, cap its memory, restart it, and prove the
running service reports the new ``PATCH_VERSION``. If anything fails after the files went in,
the previous files (saved from the container first) are put back and the container restarted.

Steps (a state machine like the swap's, see ``spark_control/jobs/``):
preflight -> backup -> upload -> install -> memory_cap -> restart -> wait_health -> verify -> done
(``PATCH_TABLE``), and ``restore`` -> ``rolled_back`` (or ``failed``) after a failure from
``install`` on; the restore runs ``PATCH_RESTORE`` (files back, restart, wait for health).

Over SSH: ``docker cp parakeet-asr:/app/<f> /tmp/spark-control-patch-backup-<f>`` (backup),
``cat > /tmp/spark-control-patch-new-<f>`` with the file on stdin (upload),
``docker cp /tmp/spark-control-patch-new-<f> parakeet-asr:/app/<f>`` (install),
``docker update --memory M --memory-swap M parakeet-asr``, ``docker restart parakeet-asr``;
health and version over HTTP: ``GET <asr>/health`` -> ``{"patch_version": ...}``.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import re
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx

from spark_control.audit import AuditLog
from spark_control.cluster import commands
from spark_control.cluster.commands import RemoteCommand
from spark_control.cluster.docker import parse_inspect
from spark_control.cluster.nodes import ClusterManager
from spark_control.cluster.ssh import CommandResult, SSHError
from spark_control.errors import BadRequest, ConfigError
from spark_control.events import EventHub
from spark_control.jobs import Job, JobStore, MutationLocks, new_job_id
from spark_control.jobs.phases import PhaseTable
from spark_control.jobs.runner import JobRunner
from spark_control.settings import PROJECT_ROOT
from spark_control.store import Database

log = logging.getLogger(__name__)

_VERSION_RE = re.compile(r"""^PATCH_VERSION\s*=\s*["']([^"'\n]+)["']""", re.M)
_FILE_RE = re.compile(r"^[A-Za-z0-9_][A-Za-z0-9_.-]*\.py$")


class PatchFailed(Exception):
    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def read_patch_version(text: str) -> str | None:
    m = _VERSION_RE.search(text)
    return m.group(1) if m else None


@dataclass
class _PatchRun:
    """What a patch job's steps work on."""

    manager: PatchManager
    job: Job
    files: dict[str, str]
    version: str
    backups: list[str] = field(default_factory=list)  # files that existed in the container before


# The reapply's run order, once: until ``install`` nothing in the container changed (the job
# fails); from ``install`` on a failure restores the saved files.
PATCH_TABLE: PhaseTable[_PatchRun] = PhaseTable(
    [
        ("preflight", lambda r: r.manager._preflight(r), "failed"),
        ("backup", lambda r: r.manager._backup(r), "failed"),
        ("upload", lambda r: r.manager._upload(r), "failed"),
        ("install", lambda r: r.manager._install(r), "restore"),
        ("memory_cap", lambda r: r.manager._memory_cap(r), "restore"),
        ("restart", lambda r: r.manager._restart(r), "restore"),
        ("wait_health", lambda r: r.manager._wait_health(r.job), "restore"),
        ("verify", lambda r: r.manager._verify(r), "restore"),
    ]
)
PATCH_PHASES = PATCH_TABLE.names
PATCH_TRANSITIONS: Mapping[str, frozenset[str]] = PATCH_TABLE.transitions(
    rollback="restore", reconcile=("done", "restore", "failed")
)
# The restore's run order, inside the job's "restore" step (which then ends rolled_back, or
# failed at the first row that fails).
PATCH_RESTORE: PhaseTable[_PatchRun] = PhaseTable(
    [
        ("restore_files", lambda r: r.manager._restore_files(r), "failed"),
        ("restart", lambda r: r.manager._restart(r), "failed"),
        ("wait_health", lambda r: r.manager._wait_health(r.job), "failed"),
    ]
)


@dataclass
class PatchSettings:
    patch_dir: Path = PROJECT_ROOT / "parakeet_patches"
    container: str = "parakeet-asr"
    container_dir: str = "/app"
    stage_prefix: str = "/tmp/spark-control-patch"  # on the host: <prefix>-backup-<f>, <prefix>-new-<f>
    memory_limit: str = "24g"
    service: str = "asr"  # the ClusterConfig service kind: node + health URL
    health_timeout_s: float = 180.0
    poll_s: float = 1.0
    command_timeout_s: float = 60.0


class PatchManager:
    def __init__(
        self,
        *,
        cluster: ClusterManager,
        db: Database,
        events: EventHub,
        audit: AuditLog,
        locks: MutationLocks,
        settings: PatchSettings | None = None,
        http: httpx.AsyncClient | None = None,
    ) -> None:
        self.cluster = cluster
        self.events = events
        self.audit = audit
        self.locks = locks
        self.settings = settings or PatchSettings()
        self.store = JobStore(db, events, "patches")
        self._http = http
        self._own_http = http is None
        self.runner = JobRunner(
            kind="patch", transitions=PATCH_TRANSITIONS, phases=PATCH_PHASES, store=self.store, locks=locks, audit=audit
        )

    async def start(self) -> None:
        if self._http is None:
            self._http = httpx.AsyncClient(timeout=10.0, trust_env=False)
        self.runner.resume(self._reconcile)

    async def stop(self) -> None:
        await self.runner.cancel_all()
        if self._own_http and self._http is not None:
            await self._http.aclose()
            self._http = None

    # ------------------------------------------------------------------ inputs
    def _node(self) -> str:
        n = self.cluster.cluster.node_for(self.settings.service)
        if n is None:
            raise ConfigError(f"no node runs the {self.settings.service!r} service (parakeet-asr)")
        return n.name

    def _url(self) -> str:
        url = self.cluster.cluster.url_for(self.settings.service)
        assert url is not None
        return url

    def local_files(self) -> dict[str, str]:
        d = Path(self.settings.patch_dir)
        files = {p.name: p.read_text() for p in sorted(d.glob("*.py"))} if d.is_dir() else {}
        bad = [n for n in files if not _FILE_RE.match(n)]
        if bad:
            raise ConfigError(f"patch file names must be simple .py names: {bad}")
        if not files:
            raise ConfigError(f"no *.py files in {d}")
        return files

    def expected_version(self, files: dict[str, str]) -> str:
        v = read_patch_version(files.get("main.py", ""))
        if not v:
            raise ConfigError('parakeet_patches/main.py has no PATCH_VERSION = "..." constant')
        return v

    def _paths(self, name: str) -> tuple[str, str, str]:
        return (
            f"{self.settings.container}:{self.settings.container_dir}/{name}",
            f"{self.settings.stage_prefix}-backup-{name}",
            f"{self.settings.stage_prefix}-new-{name}",
        )

    def plan(self) -> dict[str, Any]:
        files = self.local_files()
        node = self._node()
        c = self.settings.container
        cmds: list[dict[str, str]] = [
            {"phase": "preflight", "node": node, "command": commands.docker_inspect(c).line},
        ]
        for name in files:
            inside, backup, _ = self._paths(name)
            cmds.append({"phase": "backup", "node": node, "command": commands.docker_cp(inside, backup).line})
        for name in files:
            _, _, new = self._paths(name)
            cmds.append({"phase": "upload", "node": node, "command": commands.upload(new, files[name]).line})
        for name in files:
            inside, _, new = self._paths(name)
            cmds.append({"phase": "install", "node": node, "command": commands.docker_cp(new, inside).line})
        cmds += [
            {
                "phase": "memory_cap",
                "node": node,
                "command": commands.docker_update_memory(c, self.settings.memory_limit).line,
            },
            {"phase": "restart", "node": node, "command": commands.docker_restart(c).line},
            {"phase": "wait_health", "node": node, "command": f"GET {self._url()}/health"},
        ]
        return {
            "node": node,
            "container": c,
            "files": list(files),
            "patch_version": self.expected_version(files),
            "memory_limit": self.settings.memory_limit,
            "commands": cmds,
        }

    # ------------------------------------------------------------------ API
    def request(
        self, *, confirm: bool, dry_run: bool = False, actor: str = "operator", source: str = ""
    ) -> dict[str, Any]:
        if dry_run:
            plan = self.plan()
            self.audit.record(actor=actor, source=source, action="patches.dry_run", target=self.settings.container)
            return {"dry_run": True, **plan}
        if not confirm:
            raise BadRequest("reapplying patches restarts parakeet-asr: send confirm: true", param="confirm")
        files = self.local_files()
        version = self.expected_version(files)
        node = self._node()
        job = Job(
            id=new_job_id("patch"),
            kind="patch",
            step="preflight",
            transitions=PATCH_TRANSITIONS,
            model=version,
            nodes=[node],
            actor=actor,
            source=source,
        )
        return self.runner.submit(
            job,
            lambda j: self._run(j, files, version),
            action="patches.request",
            target=node,
            accepted={"patch_version": version, "files": list(files)},
        )

    def job(self, job_id: str) -> Job:
        return self.runner.job(job_id)

    def history(self, limit: int = 20) -> list[Job]:
        return self.runner.history(limit)

    async def wait_job(self, job_id: str, timeout: float | None = None) -> Job:
        return await self.runner.wait(job_id, timeout)

    # ------------------------------------------------------------------ running
    async def _ssh(
        self,
        job: Job,
        cmd: RemoteCommand,
        *,
        check: bool = True,
        quiet_input: bool = True,
        timeout: float | None = None,
    ) -> CommandResult:
        node = self._node()
        self.store.log(job, f"$ [{node}] {cmd.line}" + (" < (file)" if cmd.input is not None and quiet_input else ""))
        try:
            r = await self.cluster.run(node, cmd, timeout=timeout or self.settings.command_timeout_s)
        except SSHError as e:
            raise PatchFailed(e.message) from e
        if check and not r.ok:
            raise PatchFailed(f"`{' '.join(cmd.argv[:2])}` exited {r.exit_status}: {r.tail()}")
        return r

    async def _service_version(self) -> tuple[bool, str | None]:
        assert self._http is not None
        try:
            r = await self._http.get(self._url() + "/health", timeout=5.0)
        except httpx.HTTPError:
            return False, None
        if r.status_code != 200:
            return False, None
        try:
            return True, r.json().get("patch_version")
        except ValueError:
            return True, None

    async def _run(self, job: Job, files: dict[str, str], version: str) -> None:
        run = _PatchRun(self, job, files, version)
        try:
            failure = await PATCH_TABLE.run(job, run, self.store.advance)
            if failure is not None:
                if not isinstance(failure.error, PatchFailed):
                    raise failure.error
                why = f"{job.step} failed: {failure.error.reason}"
                if failure.row.on_fail == "failed":
                    job.error = f"{why}; the container was not changed"
                    self.store.log(job, job.error)
                    self.store.advance(job, "failed", failed=True)
                    self._audit_end(job)
                else:
                    await self._restore(run, why)
                return
            job.note = f"parakeet-asr runs patch {version}"
            self.store.advance(job, "done", expect="verify")
            self._audit_end(job)
        except asyncio.CancelledError:
            raise
        except Exception as e:  # noqa: BLE001
            log.exception("patch job %s crashed", job.id)
            job.error = f"internal error at {job.step}: {type(e).__name__}: {e}"
            with contextlib.suppress(Exception):
                self.store.advance(job, "failed", failed=True)
            self._audit_end(job)

    # --- phases --------------------------------------------------------------------------
    async def _preflight(self, run: _PatchRun) -> None:
        job, c = run.job, self.settings.container
        r = await self._ssh(job, commands.docker_inspect(c), check=False)
        if not r.ok or not parse_inspect(r.stdout):
            raise PatchFailed(f"container {c} not found on {self._node()}: {r.tail()}")
        self.store.log(job, f"patch version {run.version}; files: {', '.join(run.files)}")

    async def _backup(self, run: _PatchRun) -> None:
        for name in run.files:
            inside, backup, _ = self._paths(name)
            rb = await self._ssh(run.job, commands.docker_cp(inside, backup), check=False)
            if rb.ok:
                run.backups.append(name)
            else:
                self.store.log(run.job, f"  {name} not in the container yet (will be removed on rollback)")

    async def _upload(self, run: _PatchRun) -> None:
        for name, text in run.files.items():
            _, _, new = self._paths(name)
            await self._ssh(run.job, commands.upload(new, text))

    async def _install(self, run: _PatchRun) -> None:
        for name in run.files:
            inside, _, new = self._paths(name)
            await self._ssh(run.job, commands.docker_cp(new, inside))

    async def _memory_cap(self, run: _PatchRun) -> None:
        await self._ssh(run.job, commands.docker_update_memory(self.settings.container, self.settings.memory_limit))

    async def _restart(self, run: _PatchRun) -> None:
        await self._ssh(run.job, commands.docker_restart(self.settings.container), timeout=120)

    async def _restore_files(self, run: _PatchRun) -> None:
        for name in run.files:
            inside, backup, _ = self._paths(name)
            if name in run.backups:
                await self._ssh(run.job, commands.docker_cp(backup, inside))
            else:
                self.store.log(run.job, f"  {name} did not exist before; it stays (docker cp cannot delete)")

    async def _verify(self, run: _PatchRun) -> None:
        _, reported = await self._service_version()
        self.store.log(run.job, f"service reports PATCH_VERSION {reported!r}; file has {run.version!r}")
        if reported != run.version:
            raise PatchFailed(f"the service reports PATCH_VERSION {reported!r}, expected {run.version!r}")

    async def _wait_health(self, job: Job) -> None:
        deadline = time.monotonic() + self.settings.health_timeout_s
        while True:
            ok, _ = await self._service_version()
            if ok:
                self.store.log(job, "GET /health -> 200")
                return
            if time.monotonic() > deadline:
                raise PatchFailed(f"parakeet-asr did not become healthy within {self.settings.health_timeout_s:.0f}s")
            await asyncio.sleep(self.settings.poll_s)

    async def _restore(self, run: _PatchRun, why: str) -> None:
        """Put back the files saved from the container (``run.backups``) and restart it."""
        job = run.job
        self.store.log(job, why)
        self.store.advance(job, "restore", failed=True)
        failure = await PATCH_RESTORE.run(job, run)
        if failure is not None:
            if not isinstance(failure.error, PatchFailed):
                raise failure.error
            job.error = f"{why}; restoring the previous files ALSO failed: {failure.error.reason}"
            self.store.log(job, job.error)
            self.store.advance(job, "failed", failed=True)
            self._audit_end(job)
            return
        _, reported = await self._service_version()
        job.error = why
        job.note = f"rolled back: previous files restored, parakeet-asr healthy (reports {reported!r})"
        self.store.log(job, job.note)
        self.store.advance(job, "rolled_back")
        self._audit_end(job)

    async def _reconcile(self, job: Job) -> None:
        try:
            await self._reconcile_inner(job)
        except asyncio.CancelledError:
            raise
        except Exception as e:  # noqa: BLE001 - never leave a job "running"
            job.error = f"reconciliation after restart failed: {type(e).__name__}: {e}"
            with contextlib.suppress(Exception):
                self.store.advance(job, "failed", failed=True)
            self._audit_end(job)

    async def _reconcile_inner(self, job: Job) -> None:
        was = job.step
        self.store.advance(job, "reconcile")
        self.store.log(job, f"controller restarted while this job was at {was}; checking parakeet-asr")
        ok, reported = await self._service_version()
        if ok and reported == job.model:
            job.note = f"parakeet-asr reports patch {reported}: the reapply completed"
            self.store.advance(job, "done")
        elif was in ("preflight", "backup", "upload"):
            job.error = f"interrupted by a controller restart at {was}; the container was not changed"
            self.store.advance(job, "failed", failed=True)
        else:
            files = self.local_files()  # which were saved before the restart is not known: restore them all
            run = _PatchRun(self, job, files, job.model, backups=list(files))
            await self._restore(run, f"interrupted by a controller restart at {was}")
            return
        self._audit_end(job)

    def _audit_end(self, job: Job) -> None:
        self.runner.record_finish(job, action="patches.finish", target=self.settings.container, patch_version=job.model)
