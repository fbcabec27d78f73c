"""The Controller builds the long-lived core objects once, from Settings. Both faces (the API
routers and the Reflex states) get everything from here; nothing else holds global state."""

from __future__ import annotations

import logging

from spark_control.audit import AuditLog
from spark_control.events import EventHub
from spark_control.settings import Settings
from spark_control.store import Database

log = logging.getLogger(__name__)

_current: Controller | None = None


class Controller:
    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        settings.data_dir.mkdir(parents=True, exist_ok=True)
        self.events = EventHub()
        self.db = Database(settings.data_dir / "spark_control.db")
        self.audit = AuditLog(self.db)

    async def start(self) -> None:
        log.info("controller started (demo=%s)", self.settings.is_demo)

    async def stop(self) -> None:
        self.db.close()


def get_controller() -> Controller:
    if _current is None:
        raise RuntimeError("the controller is not started")
    return _current


def set_controller(controller: Controller | None) -> None:
    global _current
    _current = controller
