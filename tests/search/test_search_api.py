"""Hybrid search end to end: gateway routes -> SearchService -> embedded Qdrant Edge, with
embeddings from the simulated service over real HTTP."""

from __future__ import annotations

import asyncio

from spark_control.search.edge import EdgeEngine
from spark_control.search.service import SearchService

DOCS = [
    {
        "id": "kb-1",
        "text": "The Qdrant Edge engine runs inside the Python process without a server.",
        "metadata": {"lang": "en", "year": 2026, "tags": ["search", "qdrant"]},
    },
    {
        "id": "kb-2",
        "text": "Reciprocal rank fusion combines the dense and the sparse result lists.",
        "metadata": {"lang": "en", "year": 2025},
    },
    {
        "id": "kb-3",
        "text": "Le moteur de recherche fusionne les listes denses et creuses.",
        "metadata": {"lang": "fr", "year": 2025},
    },
    {
        "id": "kb-4",
        "text": "Parakeet transcribes speech and Sortformer labels up to four speakers.",
        "metadata": {"lang": "en", "year": 2024},
    },
]


async def ingest(gw, collection="kb", docs=DOCS, **extra):
    r = await gw.client.post(f"/api/search/{collection}/documents", json={"documents": docs, **extra})
    assert r.status_code == 200, r.text
    return r.json()


async def query(gw, collection="kb", **body):
    r = await gw.client.post(f"/api/search/{collection}/query", json=body)
    assert r.status_code == 200, r.text
    return r.json()


async def test_ingest_creates_collection_and_lists(gateway):
    out = await ingest(gateway)
    assert out["chunks"] == 4 and [d["chunks"] for d in out["documents"]] == [1, 1, 1, 1]
    cols = (await gateway.client.get("/api/search/collections")).json()["collections"]
    assert cols == [{"name": "kb", "dim": 1024, "points": 4, "backend": "edge"}]
    docs = (await gateway.client.get("/api/search/kb/documents")).json()["documents"]
    assert sorted(d["id"] for d in docs) == ["kb-1", "kb-2", "kb-3", "kb-4"]
    assert next(d for d in docs if d["id"] == "kb-1")["metadata"]["year"] == 2026


async def test_hybrid_query_finds_the_keyword_document(gateway):
    await ingest(gateway)
    out = await query(gateway, query="which engine runs without a server?")
    assert out["mode"] == "hybrid" and not out["reranked"]
    assert out["results"][0]["doc_id"] == "kb-1"
    assert out["results"][0]["score"] == out["results"][0]["fused_score"]
    assert [r["rank"] for r in out["results"]] == list(range(1, len(out["results"]) + 1))
    assert set(out["timings_ms"]) >= {"embed", "search", "total"}


async def test_sparse_and_dense_modes(gateway):
    await ingest(gateway)
    sparse = await query(gateway, query="Sortformer speakers", mode="sparse")
    assert sparse["results"][0]["doc_id"] == "kb-4"
    assert {r["doc_id"] for r in sparse["results"]} == {"kb-4"}  # no shared word, no sparse hit
    dense = await query(gateway, query="Sortformer speakers", mode="dense", limit=4)
    assert len(dense["results"]) == 4  # dense ranks everything


async def test_metadata_filter(gateway):
    await ingest(gateway)
    out = await query(gateway, query="fusion of dense and sparse lists", filter={"lang": "fr"})
    assert [r["doc_id"] for r in out["results"]] == ["kb-3"]
    out = await query(gateway, query="fusion of dense and sparse lists", filter={"year": {"gte": 2025}, "lang": "en"})
    assert {r["doc_id"] for r in out["results"]} == {"kb-1", "kb-2"}
    out = await query(gateway, query="engine", filter={"tags": ["qdrant"]})
    assert [r["doc_id"] for r in out["results"]] == ["kb-1"]
    out = await query(gateway, query="engine", filter={"doc_id": "kb-4"})
    assert [r["doc_id"] for r in out["results"]] == ["kb-4"]


async def test_bad_filter_is_400(gateway):
    await ingest(gateway)
    for flt in ({"year": 2025.5}, {"tags": []}, {"year": {"between": 1}}, {"bad key!": 1}):
        r = await gateway.client.post("/api/search/kb/query", json={"query": "x", "filter": flt})
        assert r.status_code == 400, flt
        assert r.json()["error"]["param"] == "filter"


async def test_rerank_reorders_and_reports_both_scores(gateway):
    await ingest(gateway)
    out = await query(gateway, query="dense sparse fusion", rerank=True, limit=3)
    assert out["reranked"]
    res = out["results"]
    assert len(res) == 3
    assert all(r["rerank_score"] is not None and r["score"] == r["rerank_score"] for r in res)
    assert [r["rerank_score"] for r in res] == sorted((r["rerank_score"] for r in res), reverse=True)
    assert all(r["fused_rank"] >= 1 and r["fused_score"] > 0 for r in res)
    assert res[0]["doc_id"] == "kb-2"


async def test_reingest_replaces_chunks(gateway):
    long_text = " ".join(f"Sentence {i} talks about apples and orchards." for i in range(60))
    first = await ingest(gateway, docs=[{"id": "d", "text": long_text, "metadata": {"v": 1}}], chunk_size=300)
    n1 = first["documents"][0]["chunks"]
    assert n1 > 3
    again = await ingest(gateway, docs=[{"id": "d", "text": long_text, "metadata": {"v": 1}}], chunk_size=300)
    assert again["documents"][0] == {"id": "d", "chunks": n1, "replaced": n1}
    info = (await gateway.client.get("/api/search/kb")).json()
    assert info["points"] == n1  # same document twice: no duplicates
    short = await ingest(gateway, docs=[{"id": "d", "text": "Now only pears.", "metadata": {"v": 2}}])
    assert short["documents"][0] == {"id": "d", "chunks": 1, "replaced": n1}
    assert (await gateway.client.get("/api/search/kb")).json()["points"] == 1
    out = await query(gateway, query="apples orchards")
    assert [r["text"] for r in out["results"]] == ["Now only pears."]
    assert out["results"][0]["metadata"] == {"v": 2}


async def test_delete_document_and_collection(gateway):
    await ingest(gateway)
    r = await gateway.client.delete("/api/search/kb/documents/kb-2")
    assert r.status_code == 200 and r.json()["chunks"] == 1
    assert (await gateway.client.delete("/api/search/kb/documents/kb-2")).status_code == 404
    out = await query(gateway, query="reciprocal rank fusion", limit=10)
    assert "kb-2" not in {r["doc_id"] for r in out["results"]}
    r = await gateway.client.delete("/api/search/kb")
    assert r.status_code == 200
    assert (await gateway.client.get("/api/search/kb")).status_code == 404
    assert (await gateway.client.post("/api/search/kb/query", json={"query": "x"})).status_code == 404
    assert (await gateway.client.delete("/api/search/kb")).status_code == 404
    entries = gateway.controller.audit.recent(action_prefix="search.")
    assert [(e.action, e.target, e.result) for e in entries][:2] == [
        ("search.collection.delete", "kb", "error: NotFound"),
        ("search.collection.delete", "kb", "ok"),
    ]


async def test_create_collection_explicitly(gateway):
    r = await gateway.client.put("/api/search/notes")
    assert r.status_code == 200 and r.json()["dim"] == 1024  # from the service's /health
    assert (await gateway.client.put("/api/search/notes")).status_code == 200  # idempotent
    r = await gateway.client.put("/api/search/notes", json={"dim": 384})
    assert r.status_code == 409
    r = await gateway.client.put("/api/search/small", json={"dim": 384})
    assert r.status_code == 200
    r = await gateway.client.post("/api/search/small/documents", json={"documents": DOCS[:1]})
    assert r.status_code == 409  # the model gives 1024-d vectors
    for bad in ("collections", "-x", "a" * 65, "sp ace"):
        r = await gateway.client.put(f"/api/search/{bad}")
        assert r.status_code in (400, 404, 405), bad


async def test_ingest_validation(gateway):
    r = await gateway.client.post("/api/search/kb/documents", json={"documents": []})
    assert r.status_code == 400
    r = await gateway.client.post("/api/search/kb/documents", json={"documents": [DOCS[0], DOCS[0]]})
    assert r.status_code == 400
    r = await gateway.client.post("/api/search/kb/documents", json={"documents": [{"id": "e", "text": "   "}]})
    assert r.status_code == 400
    r = await gateway.client.post("/api/search/kb/query", json={"query": ""})
    assert r.status_code in (400, 404)


async def test_embeddings_outage_during_ingest_is_503_and_stores_nothing(gateway):
    gateway.sim.ctx.faults["status"] = 503
    r = await gateway.client.post("/api/search/kb/documents", json={"documents": DOCS})
    assert r.status_code == 503
    gateway.sim.ctx.faults.clear()
    assert (await gateway.client.get("/api/search/kb")).status_code == 404


async def test_restart_keeps_data(gateway, tmp_path):
    """Ingest, stop the service, open a new one on the same folder: same collections, same answers."""
    await ingest(gateway)
    before = await query(gateway, query="which engine runs without a server?")
    await gateway.controller.search.stop()
    fresh = SearchService(EdgeEngine(gateway.data / "search"), gateway.controller.embed)
    await fresh.start()
    gateway.controller.search = fresh
    cols = (await gateway.client.get("/api/search/collections")).json()["collections"]
    assert cols[0]["name"] == "kb" and cols[0]["points"] == 4
    after = await query(gateway, query="which engine runs without a server?")
    assert [r["id"] for r in after["results"]] == [r["id"] for r in before["results"]]


async def test_unflushed_writes_survive_a_crash(tmp_path, sim):
    """Qdrant's WAL: a process that dies without closing the shard loses nothing acknowledged."""
    import subprocess
    import sys

    code = f"""
import asyncio, os
from spark_control.search.edge import EdgeEngine
from spark_control.search.service import SearchService, DocumentIn
from spark_control.upstreams.embed import EmbedClient
async def main():
    s = SearchService(EdgeEngine({str(tmp_path / "search")!r}), EmbedClient({sim.url!r}))
    await s.start()
    await s.ingest("crash", [DocumentIn("a", "alpha beta gamma"), DocumentIn("b", "delta epsilon")])
    os._exit(0)
asyncio.run(main())
"""
    await asyncio.to_thread(subprocess.run, [sys.executable, "-c", code], check=True, timeout=60)
    from spark_control.upstreams.embed import EmbedClient

    s = SearchService(EdgeEngine(tmp_path / "search"), EmbedClient(sim.url))
    await s.start()
    assert (await s.collection("crash")).points == 2
    res = await s.query("crash", "epsilon")
    assert res.hits[0].doc_id == "b"
    await s.stop()


async def test_dbsf_fusion_over_the_api(gateway):
    await ingest(gateway)
    out = await query(gateway, query="which engine runs without a server?", fusion="dbsf")
    assert out["results"][0]["doc_id"] == "kb-1"
    r = await gateway.client.post("/api/search/kb/query", json={"query": "x", "fusion": "max"})
    assert r.status_code == 422
