"""The data directory (keys, vault, database) is never served by a static route."""

from __future__ import annotations

from pathlib import Path

from starlette.routing import Mount
from starlette.staticfiles import StaticFiles
from starlette.types import ASGIApp

from spark_control.errors import ConfigError


def served_directories(app: ASGIApp) -> list[Path]:
    """Every directory a StaticFiles mount under ``app`` serves (walks nested mounts)."""
    found: list[Path] = []
    seen: set[int] = set()

    def walk(node) -> None:
        if node is None or id(node) in seen:
            return
        seen.add(id(node))
        if isinstance(node, StaticFiles):
            found.extend(Path(d).resolve() for d in node.all_directories)
        for route in getattr(node, "routes", None) or []:
            if isinstance(route, Mount):
                walk(route.app)
            elif hasattr(route, "original_router"):  # FastAPI's included routers
                walk(route.original_router)
        for attr in ("app", "router"):
            child = getattr(node, attr, None)
            if child is not None and child is not node:
                walk(child)

    walk(app)
    return found


def assert_data_dir_not_served(app: ASGIApp, data_dir: Path) -> None:
    """Fail at start if any static mount would serve the data directory (keys, vault, database)."""
    data = Path(data_dir).resolve()
    for served in served_directories(app):
        if served == data or data in served.parents or served in data.parents:
            raise ConfigError(
                f"a static route serves {served}, which overlaps DATA_DIR {data} (keys and the database "
                "live there). Fix: move DATA_DIR or the static directory."
            )
