"""Which routes anyone may call, checked against the code (``docs/SECURITY.md`` lists them), and
Prometheus scraping ``/metrics`` the way ``docs/OPERATIONS.md`` configures it: a bearer operator
token minted through the API, sent as Prometheus sends it, over real HTTP."""

from __future__ import annotations

import re

import httpx
from prometheus_client.parser import text_string_to_metric_families
from starlette.applications import Starlette
from starlette.middleware.cors import CORSMiddleware

from spark_control.api.fastpath import LLMFastPath
from tests.auth.test_real_api import _stub_service_dependencies, wired  # noqa: F401 (the fixture)
from tests.llm.conftest import Server

from .conftest import PASSWORD

# What docs/SECURITY.md says anyone may call (no key, no session): every other route of
# create_api() answers an anonymous caller 401.
OPEN = {
    ("GET", "/health"),
    ("GET", "/api/auth/status"),
    ("POST", "/api/auth/login"),
    ("POST", "/api/auth/setup"),
}


async def test_the_open_routes_are_exactly_the_documented_ones(wired):  # noqa: F811
    _, api = wired
    _stub_service_dependencies(api)
    operations = [(m.upper(), p) for p, ops in api.openapi()["paths"].items() for m in ops]
    operations += [("GET", "/openapi.json"), ("GET", "/docs")]
    answered = {}
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=api), base_url="http://t") as c:
        for method, path in operations:
            answered[(method, path)] = (await c.request(method, re.sub(r"\{[^}]+\}", "x", path))).status_code
    assert len(answered) >= 20
    assert {op for op, status in answered.items() if status != 401} == OPEN
    assert answered[("GET", "/metrics")] == answered[("GET", "/health/deep")] == 401


async def test_prometheus_scrapes_metrics_with_a_bearer_operator_token(wired, tmp_path):  # noqa: F811
    controller, api = wired
    top = Starlette()  # as the shipped app serves it: rx.App's top level, the fast path outermost
    top.mount("", api)
    top.add_middleware(CORSMiddleware, allow_origins=[])
    async with Server(LLMFastPath(top, api)) as server, httpx.AsyncClient(base_url=server.url) as c:
        # mint the token as docs/OPERATIONS.md shows: sign in, POST /api/auth/operator-tokens
        session = (await c.post("/api/auth/login", json={"password": PASSWORD})).json()["token"]
        r = await c.post(
            "/api/auth/operator-tokens", json={"name": "prometheus"}, headers={"Authorization": f"Bearer {session}"}
        )
        assert r.status_code == 201
        token_file = tmp_path / "spark-control.token"
        token_file.write_text(r.json()["key"] + "\n")  # `jq -r .key > file` leaves a newline

        # what Prometheus sends with authorization: {credentials_file: ...}: the file's content,
        # whitespace trimmed, as a bearer token
        scrape = {
            "Authorization": f"Bearer {token_file.read_text().strip()}",
            "Accept": "application/openmetrics-text;version=1.0.0;q=0.5,text/plain;version=0.0.4;q=0.4,*/*;q=0.1",
            "User-Agent": "Prometheus/3.5.0",
            "X-Prometheus-Scrape-Timeout-Seconds": "10",
        }
        await c.get("/health")  # 503 here: the monitor is not started; counted all the same
        ok = await c.get("/metrics", headers=scrape)
        anonymous = await c.get("/metrics")
        app_key = controller.auth.create_app_key("an-app", ["llm"], actor="operator").secret
        with_app_key = await c.get("/metrics", headers={"Authorization": f"Bearer {app_key}"})
        basic = await c.get("/metrics", auth=("operator", PASSWORD))

    assert ok.status_code == 200
    assert ok.headers["content-type"].startswith("text/plain; version=0.0.4")
    families = {f.name: f for f in text_string_to_metric_families(ok.text)}  # Prometheus' own text format
    routes = {s.labels["route"] for s in families["spark_control_http_requests"].samples}
    assert {"/health", "/api/auth/login"} <= routes  # the requests made before the scrape, counted
    assert anonymous.status_code == 401 and anonymous.json()["error"]["type"] == "authentication_error"
    assert with_app_key.status_code == 403
    assert basic.status_code == 401  # basic auth is not a way in: only the bearer header is
