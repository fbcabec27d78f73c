"""Builds the FastAPI app that Reflex mounts (``rx.App(api_transformer=...)``): every area's
router, the error mapping, and the controller on ``api.state.controller``."""

from __future__ import annotations

from fastapi import FastAPI

from spark_control.api.errors import install_error_handlers
from spark_control.api.hardening import install_hardening
from spark_control.api.middleware.request_metrics import install_request_metrics
from spark_control.settings import Settings, load_settings


def create_api(controller=None, settings: Settings | None = None) -> FastAPI:
    """``settings`` (default: the controller's, else read from the environment) configures the
    hardening: body caps (its ``auth`` section) and CORS; it is kept on ``api.state.settings``.
    The controller may be set later (the shipped app builds the API at import and the controller
    in its lifespan task, both from one ``Settings``)."""
    if settings is None:
        settings = getattr(controller, "settings", None) or load_settings()
    api = FastAPI(title="Spark Control API", version="0.1.0")
    api.state.controller = controller
    api.state.settings = settings
    install_error_handlers(api)
    install_request_metrics(api)
    for router in _routers():
        api.include_router(router)
    install_hardening(api, settings)
    return api


def _routers() -> list:
    from spark_control.api import audio, auth, cluster, embeddings, health, llm, redaction, search, sim, system

    return [
        llm.router,  # first: the hottest routes match without scanning the others
        health.router,
        system.router,
        cluster.router,
        audio.router,
        embeddings.router,
        search.router,
        redaction.router,
        sim.router,
        auth.router,
    ]
