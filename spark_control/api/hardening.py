"""HTTP hardening, installed once by ``create_api`` with ``install_hardening(api, settings)``.
Each concern is its own module in ``api/middleware/``; this module only puts them together."""

from __future__ import annotations

import os

from fastapi import FastAPI

from spark_control.api.middleware.audit import AuditMiddleware
from spark_control.api.middleware.body_limits import MIB, BodyLimits, BodySizeLimitMiddleware, default_body_limits
from spark_control.api.middleware.cors import cors_origins, install_cors
from spark_control.api.middleware.docs import protect_docs
from spark_control.api.middleware.log_redaction import install_log_redaction
from spark_control.api.middleware.security_headers import SecurityHeadersMiddleware, reflex_backend_sources
from spark_control.auth.config import AuthSettings


def install_hardening(api: FastAPI, settings=None, config: AuthSettings | None = None) -> None:
    """Call once in ``create_api``, after the routers are included. Middleware order (outermost
    first): security headers, body limits, audit; CORS (if configured) sits outside them all.
    ``settings`` (for ``cors_origins``) may be None: then CORS_ORIGINS is read from the environment."""
    config = config or AuthSettings()
    origins = settings.cors_origins if settings is not None else os.environ.get("CORS_ORIGINS", "")
    protect_docs(api)
    api.add_middleware(AuditMiddleware, api=api)
    default_limit, limits = int(config.max_body_mb * MIB), default_body_limits(config)
    api.state.body_limits = BodyLimits(default_limit, limits)  # read by the LLM fast path too
    api.add_middleware(BodySizeLimitMiddleware, default_limit=default_limit, limits=limits)
    api.add_middleware(SecurityHeadersMiddleware, connect_sources=reflex_backend_sources())
    install_cors(api, cors_origins(origins or ""))
    install_log_redaction()
