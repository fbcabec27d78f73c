"""Test helpers: the cluster services wired to a SimCluster (fast clock), and a tiny
parakeet-asr stand-in that reports the PATCH_VERSION of the /app/main.py inside its FakeHost
container (the real simulated ASR lives in the speech area; this keeps patch tests independent)."""

from __future__ import annotations

import asyncio
import re
import time
from dataclasses import dataclass
from pathlib import Path

from fastapi import FastAPI
from fastapi.responses import JSONResponse

from spark_control.audit import AuditLog
from spark_control.catalog import Catalog, load_catalog
from spark_control.cluster.keys import ControllerKey
from spark_control.cluster.patches import PatchSettings
from spark_control.cluster.service import ClusterServices
from spark_control.cluster.ssh import SSHOptions
from spark_control.cluster.swap import SwapTuning
from spark_control.events import EventHub
from spark_control.settings import PROJECT_ROOT, load_settings
from spark_control.sim.cluster import SimCluster
from spark_control.store import Database

SPEED = 400.0  # a 60 s model load takes 0.15 s
PREVIOUS = "llama-3.1-8b-instruct"  # 37 GiB, 60 s
TARGET = "gpt-oss-20b"  # 60 GiB, 90 s


def fake_asr_app(ctx) -> FastAPI:
    app = FastAPI()

    @app.get("/health")
    async def health():
        c = ctx.host.containers.get(ctx.container)
        main = (c.files.get("/app/main.py") if c is not None else b"") or b""
        if b"BROKEN" in main:
            return JSONResponse({"status": "error", "detail": "import failed"}, status_code=503)
        if b"REPORT_STALE" in main:  # a service that did not really reload its code
            return {"status": "ok", "patch_version": "old-version"}
        m = re.search(rb"""^PATCH_VERSION\s*=\s*["']([^"']+)["']""", main, re.M)
        return {"status": "ok", "patch_version": m.group(1).decode() if m else None}

    return app


@dataclass
class Env:
    tmp: Path
    sim: SimCluster
    svc: ClusterServices
    db: Database
    events: EventHub
    catalog: Catalog
    speed: float = SPEED

    @property
    def swaps(self):
        return self.svc.swaps

    async def restart_controller(self, down_s: float = 0.0) -> ClusterServices:
        """Stop the services like a crash would leave them (jobs stay running in SQLite), stay
        down ``down_s`` real seconds, then build new ones on the same database and start them
        (reconciliation runs)."""
        await self.svc.stop()
        self.db.close()
        await asyncio.sleep(down_s)
        self.db = Database(self.tmp / "controller.db")
        self.events = EventHub()
        self.svc = build_services(self.tmp, self.catalog, self.db, self.events, self.sim, speed=self.speed)
        await self.svc.start()
        return self.svc


def tuning(speed: float = SPEED) -> SwapTuning:
    return SwapTuning(
        time_scale=speed,
        poll_s=0.02,
        command_timeout_s=10,
        stop_timeout_s=10,
        memory_settle_timeout_s=3,
        load_timeout_min_s=0.1,
        host_retry_s=5,
        http_timeout_s=3,
        serving_recheck_s=0.1,
    )


def build_services(
    tmp: Path,
    catalog: Catalog,
    db: Database,
    events: EventHub,
    sim: SimCluster,
    patch_dir: Path | None = None,
    speed: float = SPEED,
) -> ClusterServices:
    settings = load_settings(data_dir=tmp, demo=True)
    svc = ClusterServices.build(
        settings=settings,
        catalog=catalog,
        db=db,
        events=events,
        audit=AuditLog(db),
        cluster=sim.cluster_config,
        demo=True,
        time_scale=speed,
        ssh_options=SSHOptions(connect_timeout=2, keepalive_interval=5, timeout_margin=1),
        tuning=tuning(speed),
        patch_settings=PatchSettings(
            patch_dir=patch_dir or tmp / "patches", poll_s=0.02, health_timeout_s=2, command_timeout_s=10
        ),
    )
    for line in sim.known_hosts_lines():
        svc.manager.pin_known_hosts_line(line)
    return svc


async def make_env(
    tmp: Path, *, default_model: str = PREVIOUS, catalog: Catalog | None = None, speed: float = SPEED
) -> Env:
    """``speed``: how much faster simulated time runs (lower it where a test must act inside a
    phase, e.g. restart the controller before a load ends, whatever the machine's load)."""
    catalog = catalog or load_catalog(PROJECT_ROOT / "models.yaml")
    settings = load_settings(data_dir=tmp, demo=True)
    key = ControllerKey.load_or_create(settings.ssh_key_path)
    sim = SimCluster(
        tmp / "sim",
        catalog,
        key.public_line,
        speed=speed,
        default_model=default_model,
        extra_services={"asr": fake_asr_app},
    )
    await sim.start()
    db = Database(tmp / "controller.db")
    events = EventHub()
    svc = build_services(tmp, catalog, db, events, sim, speed=speed)
    await svc.start()
    return Env(tmp, sim, svc, db, events, catalog, speed)


async def wait_step(svc: ClusterServices, job_id: str, step: str, limit_s: float = 10.0) -> None:
    deadline = time.monotonic() + limit_s
    while svc.swaps.job(job_id).step != step:
        if time.monotonic() > deadline:
            raise AssertionError(f"job never reached {step}; is {svc.swaps.job(job_id).step}")
        await asyncio.sleep(0.005)
