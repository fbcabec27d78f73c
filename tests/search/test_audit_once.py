"""Each search mutation leaves exactly one audit row: the route's domain entry where it writes one
(deleting a collection), else the audit middleware's ``api.request`` row. Real keys, the real
access dependencies and hardening (the audit middleware), the embedded engine and the simulated
embeddings service over HTTP."""

from __future__ import annotations

from types import SimpleNamespace

import httpx
import pytest

from spark_control.api.hardening import install_hardening
from spark_control.audit import AuditLog
from spark_control.auth import AuthService, AuthSettings
from spark_control.search.edge import EdgeEngine
from spark_control.search.owners import CollectionOwners
from spark_control.search.service import SearchService
from spark_control.settings import Settings
from spark_control.store import Database
from spark_control.upstreams.embed import EmbedClient

from .conftest import build_gateway

DOC = {"documents": [{"id": "d1", "text": "The invoice for the blue widget is due on Friday."}]}


@pytest.fixture
async def audited(sim, tmp_path):
    db = Database(tmp_path / "gw.db")
    audit = AuditLog(db)
    auth = AuthService(db, audit, AuthSettings(operator_password=None))
    embed = EmbedClient(sim.url, batch_size=8, timeout=5.0)
    await embed.start()
    search = SearchService(EdgeEngine(tmp_path / "search"), embed, owners=CollectionOwners(db))
    await search.start()
    settings = Settings(data_dir=tmp_path)
    api = build_gateway(SimpleNamespace(auth=auth, audit=audit, embed=embed, search=search, settings=settings))
    install_hardening(api, settings, AuthSettings())
    keys = {
        "app": auth.create_app_key("app-a", ["search"], actor="operator").secret,
        "op": auth.create_operator_token("admin", actor="operator").secret,
    }
    transport = httpx.ASGITransport(app=api, client=("198.51.100.7", 1234))
    async with httpx.AsyncClient(transport=transport, base_url="http://127.0.0.1") as client:
        yield SimpleNamespace(client=client, keys=keys, audit=audit)
    await search.stop()
    await embed.stop()
    db.close()


def _rows(audit: AuditLog) -> list:
    return [e for e in audit.recent() if e.action in ("api.request",) or e.action.startswith("search.")]


@pytest.mark.parametrize("who", ["app", "op"])
async def test_one_audit_row_per_search_mutation(audited, who):
    c, h = audited.client, {"Authorization": f"Bearer {audited.keys[who]}"}
    audited_before = len(_rows(audited.audit))
    steps = [
        ("PUT", "/api/search/notes", None),
        ("POST", "/api/search/notes/documents", DOC),
        ("DELETE", "/api/search/notes/documents/d1", None),
        ("DELETE", "/api/search/notes", None),
        ("DELETE", "/api/search/notes", None),  # a refused one (404) is recorded once too
    ]
    for method, path, body in steps:
        before = len(_rows(audited.audit))
        r = await c.request(method, path, headers=h, json=body)
        assert r.status_code in (200, 404), r.text
        written = len(_rows(audited.audit)) - before
        # an app's POST is not a mutation the middleware records (docs/SECURITY.md); all else: one row
        expected = 0 if (who == "app" and method == "POST") else 1
        assert written == expected, (method, path, [e.action for e in audited.audit.recent(5)])
    assert len(_rows(audited.audit)) > audited_before


async def test_the_collection_delete_row_names_the_action_and_result(audited):
    c, h = audited.client, {"Authorization": f"Bearer {audited.keys['app']}"}
    await c.put("/api/search/notes", headers=h)
    assert (await c.delete("/api/search/notes", headers=h)).status_code == 200
    row = audited.audit.recent(1)[0]
    assert (row.action, row.target, row.result, row.source) == (
        "search.collection.delete",
        "notes",
        "ok",
        "198.51.100.7",
    )
