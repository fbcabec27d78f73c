"""The same SearchService behaviour on both backends: embedded Qdrant Edge and qdrant-client
(here in its local mode, which stands in for a Qdrant server: same client API, same models)."""

from __future__ import annotations

import pytest

from spark_control.errors import NotFound
from spark_control.search.edge import EdgeEngine
from spark_control.search.qdrant import QdrantEngine
from spark_control.search.service import DocumentIn, SearchService
from spark_control.upstreams.embed import EmbedClient

DOCS = [
    DocumentIn("a", "Qdrant Edge is an embedded vector engine written in Rust.", {"lang": "en", "n": 1}),
    DocumentIn("b", "Reciprocal rank fusion merges a dense and a sparse ranking.", {"lang": "en", "n": 2}),
    DocumentIn("c", "Kokoro speaks at twenty four kilohertz.", {"lang": "de", "n": 3}),
]


@pytest.fixture(params=["edge", "qdrant-local"])
async def service(request, sim, tmp_path):
    engine = EdgeEngine(tmp_path / "edge") if request.param == "edge" else QdrantEngine(location=":memory:")
    embed = EmbedClient(sim.url)
    svc = SearchService(engine, embed)
    await svc.start()
    yield svc
    await svc.stop()
    await embed.stop()


async def test_roundtrip(service):
    r = await service.ingest("docs", DOCS)
    assert r.chunks == 3
    info = await service.collection("docs")
    assert (info.dim, info.points, info.backend) == (1024, 3, service.backend)
    res = await service.query("docs", "embedded rust engine")
    assert res.hits[0].doc_id == "a"
    assert res.hits[0].metadata == {"lang": "en", "n": 1}
    res = await service.query("docs", "dense sparse ranking fusion", filter={"n": {"gt": 1}, "lang": ["en", "de"]})
    assert res.hits[0].doc_id == "b" and {h.doc_id for h in res.hits} <= {"b", "c"}
    res = await service.query("docs", "embedded rust engine", fusion="dbsf")
    assert res.hits[0].doc_id == "a" and res.hits[0].score > 0.5  # DBSF: normalised scores summed, not 1/(k+rank)
    res = await service.query("docs", "kilohertz", mode="sparse")
    assert [h.doc_id for h in res.hits] == ["c"]
    res = await service.query("docs", "dense sparse ranking fusion", rerank=True, limit=2)
    assert res.reranked and res.hits[0].doc_id == "b" and len(res.hits) == 2


async def test_reingest_and_delete(service):
    await service.ingest("docs", DOCS)
    long = " ".join(f"Line {i} is about tea." for i in range(80))
    first = await service.ingest("docs", [DocumentIn("a", long)], chunk_size=200)
    n = first.documents[0].chunks
    assert n > 3 and first.documents[0].replaced == 1
    second = await service.ingest("docs", [DocumentIn("a", "tiny")])
    assert second.documents[0].replaced == n
    assert (await service.collection("docs")).points == 3
    assert sorted(d["id"] for d in await service.list_documents("docs")) == ["a", "b", "c"]
    assert await service.delete_document("docs", "a") == 1
    with pytest.raises(NotFound):
        await service.delete_document("docs", "a")
    assert [c.name for c in await service.list_collections()] == ["docs"]
    await service.delete_collection("docs")
    assert await service.list_collections() == []
    with pytest.raises(NotFound):
        await service.query("docs", "x")


async def test_backends_agree(sim, tmp_path):
    """Same data, same query: both backends rank the same documents (RRF k=60 on both). Scores may
    differ slightly: a leg's rank order on near-ties is each engine's own; never compare fused scores."""
    embed = EmbedClient(sim.url)
    results = []
    for engine in (EdgeEngine(tmp_path / "e"), QdrantEngine(location=":memory:")):
        svc = SearchService(engine, embed)
        await svc.start()
        await svc.ingest("docs", DOCS)
        res = await svc.query("docs", "an embedded vector engine written in Rust, and fusion", limit=3)
        results.append((res.hits[0].doc_id, {h.doc_id for h in res.hits}))
        assert all(0 < h.score <= 2 / 60 + 1e-6 for h in res.hits)  # 1/(k + rank0) per leg
        await svc.stop()
    await embed.stop()
    assert results[0] == results[1] == ("a", {"a", "b", "c"})  # the order of exact ties is each engine's own


def test_from_settings_picks_backend(tmp_path):
    from types import SimpleNamespace

    embed = EmbedClient("http://127.0.0.1:1")
    svc = SearchService.from_settings(SimpleNamespace(qdrant_url="", data_dir=tmp_path), embed)
    assert isinstance(svc.engine, EdgeEngine) and svc.engine.root == tmp_path / "search"
    svc = SearchService.from_settings(SimpleNamespace(qdrant_url="http://127.0.0.1:6333", data_dir=tmp_path), embed)
    assert isinstance(svc.engine, QdrantEngine) and svc.engine.url == "http://127.0.0.1:6333"
