"""Search collections belong to the API key that created them (as redaction sessions do),
checked end to end with real keys, the real access dependencies, the search router, the
hardening (its audit middleware), the embedded engine and the simulated embeddings service over
HTTP. Operators manage them all. Each mutation leaves exactly one audit row."""

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
async def owned(sim, tmp_path, monkeypatch):
    from spark_control.auth import passwords

    monkeypatch.setattr(passwords, "LOG2_N", 10)
    db = Database(tmp_path / "gw.db")
    audit = AuditLog(db)
    auth = AuthService(db, audit, AuthSettings(operator_password="correct horse battery"))
    await auth.start()
    embed = EmbedClient(sim.url, batch_size=8, timeout=5.0)
    await embed.start()
    search = SearchService(EdgeEngine(tmp_path / "search"), embed, owners=CollectionOwners(db), audit=audit)
    await search.start()
    controller = SimpleNamespace(
        auth=auth, audit=audit, embed=embed, search=search, settings=Settings(data_dir=tmp_path)
    )
    keys = {
        "a": auth.create_app_key("app-a", ["search"], actor="operator").secret,
        "b": auth.create_app_key("app-b", ["search"], actor="operator").secret,
        "op": auth.create_operator_token("admin", actor="operator").secret,
    }
    api = build_gateway(controller)
    install_hardening(api, controller.settings)
    transport = httpx.ASGITransport(app=api, client=("198.51.100.7", 1234))
    async with httpx.AsyncClient(transport=transport, base_url="http://gw") as client:
        yield SimpleNamespace(client=client, keys=keys, search=search, audit=audit)
    await search.stop()
    await embed.stop()
    db.close()


def _h(secret: str) -> dict:
    return {"Authorization": f"Bearer {secret}"}


async def test_a_key_sees_and_manages_only_its_own_collections(owned):
    c, k = owned.client, owned.keys
    assert (await c.put("/api/search/notes-a", headers=_h(k["a"]))).status_code == 200
    r = await c.post("/api/search/notes-a/documents", headers=_h(k["a"]), json=DOC)
    assert r.status_code == 200, r.text

    # Key B: the collection is invisible (404, as if it did not exist), and cannot be taken over.
    assert (await c.get("/api/search/collections", headers=_h(k["b"]))).json()["collections"] == []
    assert (await c.get("/api/search/notes-a", headers=_h(k["b"]))).status_code == 404
    assert (await c.get("/api/search/notes-a/documents", headers=_h(k["b"]))).status_code == 404
    q = await c.post("/api/search/notes-a/query", headers=_h(k["b"]), json={"query": "invoice"})
    assert q.status_code == 404 and "widget" not in q.text
    assert (await c.delete("/api/search/notes-a/documents/d1", headers=_h(k["b"]))).status_code == 404
    assert (await c.delete("/api/search/notes-a", headers=_h(k["b"]))).status_code == 404
    assert (await c.put("/api/search/notes-a", headers=_h(k["b"]))).status_code == 409
    assert (await c.post("/api/search/notes-a/documents", headers=_h(k["b"]), json=DOC)).status_code == 409

    # Key A still has everything.
    names = [x["name"] for x in (await c.get("/api/search/collections", headers=_h(k["a"]))).json()["collections"]]
    assert names == ["notes-a"]
    hits = (await c.post("/api/search/notes-a/query", headers=_h(k["a"]), json={"query": "invoice"})).json()
    assert hits["results"][0]["doc_id"] == "d1"

    # Key B's own collection (created by ingest) is its own; A does not see it.
    assert (await c.post("/api/search/notes-b/documents", headers=_h(k["b"]), json=DOC)).status_code == 200
    names = [x["name"] for x in (await c.get("/api/search/collections", headers=_h(k["a"]))).json()["collections"]]
    assert names == ["notes-a"]


async def test_the_operator_sees_and_deletes_every_collection(owned):
    c, k = owned.client, owned.keys
    await c.put("/api/search/notes-a", headers=_h(k["a"]))
    await c.put("/api/search/notes-b", headers=_h(k["b"]))
    listed = (await c.get("/api/search/collections", headers=_h(k["op"]))).json()["collections"]
    assert sorted(x["name"] for x in listed) == ["notes-a", "notes-b"]
    assert (await c.delete("/api/search/notes-a", headers=_h(k["op"]))).status_code == 200
    assert (await c.get("/api/search/notes-a", headers=_h(k["a"]))).status_code == 404
    # The name is free again once deleted: another key may take it.
    assert (await c.put("/api/search/notes-a", headers=_h(k["b"]))).status_code == 200


async def test_collections_without_a_recorded_owner_are_the_operators(owned):
    # Made before owners were recorded (or on the Search page): app keys do not see them.
    await owned.search.engine.create_collection("legacy", 8)
    c, k = owned.client, owned.keys
    assert (await c.get("/api/search/legacy", headers=_h(k["a"]))).status_code == 404
    assert (await c.delete("/api/search/legacy", headers=_h(k["a"]))).status_code == 404
    assert (await c.get("/api/search/legacy", headers=_h(k["op"]))).status_code == 200


def _rows(audit: AuditLog) -> list:
    return [e for e in audit.recent() if e.action in ("api.request",) or e.action.startswith("search.")]


@pytest.mark.parametrize("who", ["a", "op"])
async def test_one_audit_row_per_search_mutation(owned, who):
    c, h = owned.client, {"Authorization": f"Bearer {owned.keys[who]}"}
    audited_before = len(_rows(owned.audit))
    steps = [
        ("PUT", "/api/search/notes", None),
        ("POST", "/api/search/notes/documents", DOC),
        ("DELETE", "/api/search/notes/documents/d1", None),
        ("DELETE", "/api/search/notes", None),
        ("DELETE", "/api/search/notes", None),  # a refused one (404) is recorded once too
    ]
    for method, path, body in steps:
        before = len(_rows(owned.audit))
        r = await c.request(method, path, headers=h, json=body)
        assert r.status_code in (200, 404), r.text
        written = len(_rows(owned.audit)) - before
        # an app's POST is not a mutation the middleware records (docs/SECURITY.md); all else: one row
        expected = 0 if (who == "a" and method == "POST") else 1
        assert written == expected, (method, path, [e.action for e in owned.audit.recent(5)])
    assert len(_rows(owned.audit)) > audited_before


async def test_the_collection_delete_row_names_the_action_and_result(owned):
    c, h = owned.client, {"Authorization": f"Bearer {owned.keys['a']}"}
    await c.put("/api/search/notes", headers=h)
    assert (await c.delete("/api/search/notes", headers=h)).status_code == 200
    row = owned.audit.recent(1)[0]
    assert (row.action, row.target, row.result, row.source) == (
        "search.collection.delete",
        "notes",
        "ok",
        "198.51.100.7",
    )


async def test_the_core_records_a_collection_delete_with_its_outcome(owned):
    """The domain audit lives in ``SearchService`` (no API involved): one row per delete, the
    refused one too, naming who asked and from where."""
    from spark_control.errors import NotFound

    await owned.search.create_collection("core-notes", dim=8)
    await owned.search.delete_collection("core-notes", actor="operator:ui", source="203.0.113.9")
    with pytest.raises(NotFound):
        await owned.search.delete_collection("core-notes", actor="operator:ui", source="203.0.113.9")
    rows = [(e.action, e.target, e.result, e.actor, e.source) for e in owned.audit.recent(action_prefix="search.")]
    assert rows == [
        ("search.collection.delete", "core-notes", "error: NotFound", "operator:ui", "203.0.113.9"),
        ("search.collection.delete", "core-notes", "ok", "operator:ui", "203.0.113.9"),
    ]
