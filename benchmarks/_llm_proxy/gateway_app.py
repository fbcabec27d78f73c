"""Our gateway for benchmarks/llm_proxy.py, built the way the shipped app builds it: the project's
FastAPI app (``create_api``) with the LLM router, wrapped like ``rx.App`` wraps it (CORS
middleware, a top-level Starlette mount), served by granian (what ``reflex run --env prod`` runs).

    granian --interface asgi --factory benchmarks._llm_proxy.gateway_app:build
    (env BENCH_UPSTREAM=http://127.0.0.1:PORT)
"""

from __future__ import annotations

import os
from types import SimpleNamespace

from starlette.applications import Starlette
from starlette.middleware.cors import CORSMiddleware

from spark_control.api import llm as llm_api
from spark_control.api.app import create_api
from spark_control.catalog import load_catalog
from spark_control.llm.config import LLMConfig
from spark_control.llm.gateway import LLMGateway
from spark_control.llm.serving import ManualServingTarget, Serving
from spark_control.settings import PROJECT_ROOT


def build():
    target = ManualServingTarget(Serving("sim-model", os.environ["BENCH_UPSTREAM"]))
    gateway = LLMGateway(LLMConfig(), load_catalog(PROJECT_ROOT / "models.yaml"), target)
    api = create_api(SimpleNamespace(llm=gateway))
    if not any(getattr(r, "path", "") == "/v1/chat/completions" for r in api.routes):
        api.include_router(llm_api.router)  # until the lead adds it to create_api()
    cors = {"allow_credentials": True, "allow_methods": ["*"], "allow_headers": ["*"], "allow_origins": ["*"]}
    api.add_middleware(CORSMiddleware, **cors)
    top = Starlette()
    top.mount("", api)
    top.add_middleware(CORSMiddleware, **cors)
    return top
