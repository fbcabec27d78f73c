"""CORS only for the origins in ``CORS_ORIGINS`` (Reflex adds its own CORS middleware from
``rxconfig.cors_allowed_origins``: that must be set from the same variable)."""

from __future__ import annotations

from fastapi import FastAPI
from starlette.middleware.cors import CORSMiddleware


def cors_origins(value: str) -> list[str]:
    """``CORS_ORIGINS`` ("https://a.lan,https://b.lan") as a list; empty means closed."""
    return [o.strip().rstrip("/") for o in value.split(",") if o.strip()]


def install_cors(api: FastAPI, origins: list[str]) -> None:
    """For the API served without Reflex (tests, a bare uvicorn). Under Reflex, its own CORS
    middleware (from ``rxconfig.cors_allowed_origins`` = CORS_ORIGINS) sits in front and decides."""
    if origins:
        api.add_middleware(
            CORSMiddleware,
            allow_origins=origins,
            allow_methods=["GET", "POST", "PUT", "PATCH", "DELETE"],
            allow_headers=["Authorization", "Content-Type"],
            allow_credentials=False,  # bearer tokens, not cookies
            max_age=600,
        )
