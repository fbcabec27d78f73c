"""Builds the cluster area's services in one call, for the Controller (and tests, benchmarks):

svc = ClusterServices.build(settings=..., catalog=..., db=..., events=..., audit=...,
                            cluster=cluster_config, time_scale=sim_speed_or_1, demo=...)
await svc.start()      # creates the SSH key on first start, reconciles interrupted jobs
controller.cluster_manager, controller.swaps, controller.patches = svc.manager, svc.swaps, svc.patches
await svc.stop()
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spark_control.audit import AuditLog
from spark_control.catalog import Catalog
from spark_control.cluster.commands import LaunchTemplates
from spark_control.cluster.nodes import ClusterManager
from spark_control.cluster.patches import PatchManager, PatchSettings
from spark_control.cluster.ssh import SSHOptions
from spark_control.cluster.swap import SwapManager, SwapTuning
from spark_control.events import EventHub
from spark_control.jobs import MutationLocks
from spark_control.settings import ClusterConfig, Settings
from spark_control.store import Database


@dataclass
class ClusterServices:
    manager: ClusterManager
    swaps: SwapManager
    patches: PatchManager
    locks: MutationLocks = field(default_factory=MutationLocks)

    @classmethod
    def build(
        cls,
        *,
        settings: Settings,
        catalog: Catalog,
        db: Database,
        events: EventHub,
        audit: AuditLog,
        cluster: ClusterConfig,
        demo: bool = False,
        time_scale: float = 1.0,
        ssh_options: SSHOptions | None = None,
        tuning: SwapTuning | None = None,
        templates: LaunchTemplates | None = None,
        patch_settings: PatchSettings | None = None,
        upstream_api_key: str | None = None,
    ) -> ClusterServices:
        """``time_scale``: how much faster than real time the cluster runs (the simulator's speed
        in demo mode, 1 for real Sparks). In demo mode saved node settings are not used (the
        simulator's ports change every start). ``upstream_api_key``: vLLM's ``--api-key`` for models
        whose catalog entry does not carry it; by default the gateway's (``settings.llm``,
        ``LLM_UPSTREAM_API_KEY``). Nothing here reads the environment: ``settings`` is the one
        object built at start. ``PatchSettings`` is plain constants (no variables)."""
        manager = ClusterManager(
            cluster=cluster,
            db=db,
            events=events,
            audit=audit,
            key_path=settings.ssh_key_path,
            known_hosts_path=settings.ssh_known_hosts,
            ssh_options=ssh_options,
            use_saved_nodes=not demo,
        )
        if tuning is None:
            tuning = SwapTuning(time_scale=time_scale)
            if time_scale > 1:
                tuning.poll_s = max(0.05, min(1.0, 5.0 / time_scale))
        locks = MutationLocks()
        if upstream_api_key is None:
            upstream_api_key = settings.llm.upstream_api_key  # the one place the upstream key is configured
        swaps = SwapManager(
            cluster=manager,
            catalog=catalog,
            db=db,
            events=events,
            audit=audit,
            templates=templates,
            tuning=tuning,
            locks=locks,
            upstream_api_key=upstream_api_key,
        )
        ps = patch_settings or PatchSettings()
        if time_scale > 1 and patch_settings is None:
            ps.poll_s = tuning.poll_s
        patches = PatchManager(cluster=manager, db=db, events=events, audit=audit, locks=locks, settings=ps)
        return cls(manager, swaps, patches, locks)

    async def start(self) -> None:
        await self.manager.start()
        await self.swaps.start()
        await self.patches.start()

    async def stop(self) -> None:
        await self.patches.stop()
        await self.swaps.stop()
        await self.manager.stop()
