"""The real ``create_api`` with a real Controller: its routes sit behind the access checks once
the auth service, router and hardening are wired (as ``docs/SECURITY.md`` and the report say)."""

from __future__ import annotations

import re

import httpx
import pytest

from spark_control.api.app import create_api
from spark_control.api.hardening import install_hardening
from spark_control.api.middleware.audit import AuditMiddleware
from spark_control.api.middleware.data_dir import assert_data_dir_not_served
from spark_control.auth import AuthService, AuthSettings
from spark_control.controller import Controller
from spark_control.settings import load_settings

from .conftest import PASSWORD


@pytest.fixture
async def wired(tmp_path, monkeypatch):
    monkeypatch.setenv("OPERATOR_PASSWORD", PASSWORD)
    controller = Controller(load_settings(data_dir=tmp_path / "data", demo=True))
    if getattr(controller, "auth", None) is None:  # until the lead wires it into the Controller
        controller.auth = AuthService(
            controller.db, controller.audit, AuthSettings(operator_password=PASSWORD), data_dir=tmp_path / "data"
        )
    await controller.auth.start()
    api = create_api(controller)
    if not any(r.path == "/api/auth/login" for r in _api_routes(api.router)):
        from spark_control.api import auth as auth_routes

        api.include_router(auth_routes.router)
    if not any(m.cls is AuditMiddleware for m in api.user_middleware):
        install_hardening(api)
    yield controller, api
    await controller.stop()


def _api_routes(router):
    from fastapi.routing import APIRoute

    for route in router.routes:
        if isinstance(route, APIRoute):
            yield route
        elif hasattr(route, "original_router"):  # FastAPI's included routers
            yield from _api_routes(route.original_router)


def _stub_service_dependencies(api) -> None:
    """The routes' service getters read a started controller; starting the whole (simulated)
    cluster is not what this test is about. Every dependency that is not an access check is
    replaced by a stub, so the only thing that can refuse a request is the access check."""
    from spark_control.api.deps import get_controller, require_operator, require_operator_or_cookie

    access = {require_operator, require_operator_or_cookie, get_controller}
    for route in _api_routes(api.router):
        for dep in route.dependant.dependencies:
            call = dep.call
            if call in access or hasattr(call, "scope"):
                continue
            api.dependency_overrides[call] = lambda: None


async def test_every_real_route_needs_its_access(wired):
    controller, api = wired
    _stub_service_dependencies(api)
    open_paths = {"/health", "/health/deep", "/api/auth/status", "/api/auth/login", "/api/auth/setup", "/metrics"}
    transport = httpx.ASGITransport(app=api)
    async with httpx.AsyncClient(transport=transport, base_url="http://t") as c:
        checked = 0
        # Every route in the schema (the included routers), plus the docs themselves.
        operations = [(m.upper(), p) for p, ops in api.openapi()["paths"].items() for m in ops]
        operations += [("GET", "/openapi.json"), ("GET", "/docs")]
        for method, path in operations:
            if path in open_paths:
                continue
            r = await c.request(method, re.sub(r"\{[^}]+\}", "x", path))
            assert r.status_code == 401, f"{method} {path} answered {r.status_code} without a key"
            checked += 1
        assert checked >= 15
        token = (await c.post("/api/auth/login", json={"password": PASSWORD})).json()["token"]
        r = await c.get("/api/overview", headers={"Authorization": f"Bearer {token}"})
        assert r.status_code == 200
    assert_data_dir_not_served(api, controller.settings.data_dir)
