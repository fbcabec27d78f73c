"""The redaction routes for benchmarks/redaction.py, built the way the shipped app builds them:
the project's FastAPI app (``create_api``, real access control: an app key with the
``redaction`` scope is checked on every request, hardening middleware, request metrics), the
``RedactionService`` as the controller makes it (SQLite + the encrypted vault), mounted the way
``rx.App`` mounts it and served by granian (what ``reflex run --env prod`` runs).

    granian --interface asgi --factory benchmarks._redaction.app:build
    (env BENCH_KEY_FILE=<file the app key is written to>)
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from types import SimpleNamespace

from benchmarks._common import like_rx_app
from spark_control.api.app import create_api
from spark_control.audit import AuditLog
from spark_control.auth import AuthService, AuthSettings
from spark_control.redaction.service import RedactionService
from spark_control.settings import Settings
from spark_control.store import Database


def build():
    data = Path(tempfile.mkdtemp(prefix="bench-redaction-"))
    settings = Settings(data_dir=data)
    db = Database(data / "spark.db")
    audit = AuditLog(db)
    auth = AuthService(db, audit, AuthSettings(), data_dir=data)
    key = auth.create_app_key("bench", ["redaction"], actor="bench")
    redaction = RedactionService(
        db, data / "redaction.key", ttl_s=settings.redaction_ttl_s, max_text_bytes=settings.redaction_max_text_bytes
    )
    redaction.scrub("warm up: the gazetteer loads on first use, Jane Smith")
    controller = SimpleNamespace(redaction=redaction, auth=auth, audit=audit, settings=settings)
    api = create_api(controller)
    top = like_rx_app(api)
    Path(os.environ["BENCH_KEY_FILE"]).write_text(key.secret)  # last: the key file says "ready"
    return top
