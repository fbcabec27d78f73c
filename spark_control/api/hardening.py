"""HTTP hardening, installed once by ``create_api`` with ``install_hardening(api, settings)``.
Each concern is its own module in ``api/middleware/``; this module only puts them together."""

from __future__ import annotations

from fastapi import FastAPI

from spark_control.api.middleware.audit import AuditMiddleware
from spark_control.api.middleware.body_limits import MIB, BodyLimits, BodySizeLimitMiddleware, default_body_limits
from spark_control.api.middleware.cors import cors_origins, install_cors
from spark_control.api.middleware.docs import protect_docs
from spark_control.api.middleware.log_redaction import install_log_redaction
from spark_control.api.middleware.security_headers import SecurityHeadersMiddleware, reflex_backend_sources
from spark_control.auth.config import AuthSettings
from spark_control.settings import Settings, load_settings


def install_hardening(api: FastAPI, settings: Settings | None = None, config: AuthSettings | None = None) -> None:
    """Call once in ``create_api``, after the routers are included. Middleware order (outermost
    first): security headers, body limits, audit; CORS (if configured) sits outside them all.
    ``settings`` gives ``cors_origins`` and the body caps (its ``auth`` section; ``config``
    overrides that section); None (tests only): read from the environment."""
    settings = settings if settings is not None else load_settings()
    config = config or settings.auth
    origins = settings.cors_origins
    protect_docs(api)
    api.add_middleware(AuditMiddleware, api=api)
    default_limit = int(config.max_body_mb * MIB)
    limits = default_body_limits(config, settings.llm.max_body_bytes)
    api.state.body_limits = BodyLimits(default_limit, limits)  # read by the LLM fast path too
    api.add_middleware(BodySizeLimitMiddleware, default_limit=default_limit, limits=limits)
    api.add_middleware(SecurityHeadersMiddleware, connect_sources=reflex_backend_sources())
    install_cors(api, cors_origins(origins or ""))
    install_log_redaction()
