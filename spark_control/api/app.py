"""Builds the FastAPI app that Reflex mounts (``rx.App(api_transformer=...)``): every area's
router, the error mapping, and the controller on ``api.state.controller``."""

from __future__ import annotations

from fastapi import FastAPI

from spark_control.api.errors import install_error_handlers
from spark_control.api.hardening import install_hardening
from spark_control.api.health import install_request_metrics


def create_api(controller=None) -> FastAPI:
    api = FastAPI(title="Spark Control API", version="0.1.0")
    api.state.controller = controller
    install_error_handlers(api)
    install_request_metrics(api)
    for router in _routers():
        api.include_router(router)
    install_hardening(api)
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
