"""Our gateway for benchmarks/llm_proxy.py, built the way the shipped app builds it: the project's
FastAPI app (``create_api``, with the real access control: an app API key is checked on every
request), mounted the way ``rx.App`` mounts it (Reflex's top-level Starlette app with its CORS
middleware), with the LLM fast path outermost (``SparkControlApp.__call__``), served by granian
(what ``reflex run --env prod`` runs).

    granian --interface asgi --factory benchmarks._llm_proxy.gateway_app:build
    (env BENCH_UPSTREAM=http://127.0.0.1:PORT, BENCH_KEY_FILE=<file the app key is written to>)
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from types import SimpleNamespace

from benchmarks._common import like_rx_app
from spark_control.api.app import create_api
from spark_control.api.fastpath import LLMFastPath
from spark_control.audit import AuditLog
from spark_control.auth import AuthService, AuthSettings
from spark_control.catalog import load_catalog
from spark_control.llm.config import LLMConfig
from spark_control.llm.gateway import LLMGateway
from spark_control.llm.serving import ManualServingTarget, Serving
from spark_control.settings import PROJECT_ROOT, Settings
from spark_control.store import Database


def build():
    data = Path(tempfile.mkdtemp(prefix="bench-gateway-"))
    db = Database(data / "spark.db")
    audit = AuditLog(db)
    auth = AuthService(db, audit, AuthSettings(), data_dir=data)
    key = auth.create_app_key("bench", ["llm"], actor="bench")
    Path(os.environ["BENCH_KEY_FILE"]).write_text(key.secret)
    target = ManualServingTarget(Serving("sim-model", os.environ["BENCH_UPSTREAM"]))
    gateway = LLMGateway(LLMConfig(), load_catalog(PROJECT_ROOT / "models.yaml"), target)
    controller = SimpleNamespace(llm=gateway, auth=auth, audit=audit, settings=Settings(data_dir=data))
    api = create_api(controller)
    top = like_rx_app(api)
    return LLMFastPath(top, api)
