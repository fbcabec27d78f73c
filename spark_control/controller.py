"""The Controller builds the long-lived core objects once, from Settings. Both faces (the API
routers and the Reflex states) get everything from here; nothing else holds global state."""

from __future__ import annotations

import logging
import time

from spark_control.audit import AuditLog
from spark_control.catalog import Catalog, load_catalog
from spark_control.events import EventHub
from spark_control.settings import ClusterConfig, Settings
from spark_control.store import Database

log = logging.getLogger(__name__)

_current: Controller | None = None


class Controller:
    def __init__(self, settings: Settings, catalog: Catalog | None = None) -> None:
        self.settings = settings
        settings.data_dir.mkdir(parents=True, exist_ok=True)
        self.catalog = catalog or load_catalog(settings.models_yaml)
        self.events = EventHub()
        self.db = Database(settings.data_dir / "spark_control.db")
        self.audit = AuditLog(self.db)
        self.sim = None  # the simulated cluster, in demo mode
        self.cluster: ClusterConfig = ClusterConfig()
        self.started_at = time.time()

    @property
    def demo(self) -> bool:
        return self.settings.is_demo

    async def start(self) -> None:
        self.cluster = self.settings.configured_cluster() if not self.demo else ClusterConfig()
        log.info("controller started (demo=%s, nodes=%d)", self.demo, len(self.cluster.nodes))

    async def stop(self) -> None:
        self.db.close()

    def overview_snapshot(self) -> dict:
        return {
            "demo": self.demo,
            "status": "starting",
            "status_text": "starting",
            "serving_model": "",
            "serving_state": "",
            "nodes": [],
            "updated_at": time.strftime("%H:%M:%S"),
        }


def current_controller() -> Controller | None:
    return _current


def get_controller() -> Controller:
    if _current is None:
        raise RuntimeError("the controller is not started")
    return _current


def set_controller(controller: Controller | None) -> None:
    global _current
    _current = controller
