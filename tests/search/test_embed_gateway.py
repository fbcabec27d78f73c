"""The gateway's embeddings and rerank routes against the simulated service over real HTTP."""

from __future__ import annotations

import base64
import math
import struct

import httpx
import pytest

from spark_control.errors import Unavailable, UpstreamError
from spark_control.upstreams.embed import EmbedClient


async def test_openai_embeddings_shape(gateway):
    r = await gateway.client.post("/v1/embeddings", json={"input": ["hello world", "bonjour"], "model": "bge-m3"})
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["object"] == "list"
    assert [d["index"] for d in body["data"]] == [0, 1]
    vec = body["data"][0]["embedding"]
    assert len(vec) == 1024
    assert math.isclose(math.sqrt(sum(x * x for x in vec)), 1.0, rel_tol=1e-6)
    assert body["usage"]["prompt_tokens"] > 0
    assert body["model"] == "BAAI/bge-m3"


async def test_openai_embeddings_single_string_and_base64(gateway):
    r = await gateway.client.post("/v1/embeddings", json={"input": "hello world", "encoding_format": "base64"})
    assert r.status_code == 200, r.text
    raw = base64.b64decode(r.json()["data"][0]["embedding"])
    floats = struct.unpack(f"<{len(raw) // 4}f", raw)
    assert len(floats) == 1024
    plain = (await gateway.client.post("/v1/embeddings", json={"input": "hello world"})).json()
    assert floats == pytest.approx(plain["data"][0]["embedding"], abs=1e-6)


async def test_openai_client_works_unchanged(gateway):
    """The official OpenAI SDK talks to the route as it would to OpenAI."""
    openai = pytest.importorskip("openai")
    transport = httpx.ASGITransport(app=gateway.client._transport.app)
    client = openai.AsyncOpenAI(
        base_url="http://gw/v1", api_key="x", http_client=httpx.AsyncClient(transport=transport)
    )
    resp = await client.embeddings.create(model="bge-m3", input=["a cat", "a dog"])
    assert len(resp.data) == 2 and len(resp.data[1].embedding) == 1024


async def test_dimensions_mismatch_is_400(gateway):
    r = await gateway.client.post("/v1/embeddings", json={"input": "x y", "dimensions": 256})
    assert r.status_code == 400
    assert r.json()["error"]["param"] == "dimensions"


async def test_hybrid_embeddings_dense_and_sparse(gateway):
    r = await gateway.client.post("/api/embeddings", json={"input": ["the qdrant engine", "qdrant qdrant rust"]})
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["dim"] == 1024
    d0, d1 = body["data"]
    assert len(d0["dense"]) == 1024
    sp0, sp1 = d0["sparse"], d1["sparse"]
    assert len(sp0["indices"]) == len(sp0["values"]) and sp0["indices"] == sorted(set(sp0["indices"]))
    assert all(0 <= i < 250_002 for i in sp0["indices"])
    shared = set(sp0["indices"]) & set(sp1["indices"])
    assert len(shared) == 1  # "qdrant" (stopword "the" carries no weight)
    (qid,) = shared
    w0 = sp0["values"][sp0["indices"].index(qid)]
    w1 = sp1["values"][sp1["indices"].index(qid)]
    assert w1 > w0  # log-TF: twice the word, more weight


async def test_hybrid_embeddings_sparse_only(gateway):
    r = await gateway.client.post("/api/embeddings", json={"input": "only sparse", "dense": False})
    assert r.status_code == 200
    assert "dense" not in r.json()["data"][0]
    assert r.json()["data"][0]["sparse"]["indices"]


async def test_batching_splits_and_keeps_order(gateway):
    texts = [f"document number {i} about topic{i}" for i in range(21)]
    r = await gateway.client.post("/api/embeddings", json={"input": texts})
    assert r.status_code == 200, r.text
    assert gateway.sim.app.state.calls["/embed"] == 3  # batch_size 8: 8 + 8 + 5
    single = (await gateway.client.post("/api/embeddings", json={"input": texts[17]})).json()
    assert r.json()["data"][17]["dense"] == single["data"][0]["dense"]
    assert r.json()["data"][17]["sparse"] == single["data"][0]["sparse"]


async def test_oversized_input_is_413_with_caller_index(gateway):
    texts = ["short text"] * 10 + ["word " * 9000]
    r = await gateway.client.post("/api/embeddings", json={"input": texts})
    assert r.status_code == 413
    assert "input 10 " in r.json()["error"]["message"]  # index in the caller's request, not the batch's
    ok = await gateway.client.post("/api/embeddings", json={"input": texts, "truncate": True})
    assert ok.status_code == 200


async def test_empty_input_is_400(gateway):
    r = await gateway.client.post("/v1/embeddings", json={"input": []})
    assert r.status_code == 400
    r = await gateway.client.post("/v1/embeddings", json={"input": ["ok", "  "]})
    assert r.status_code == 400


async def test_too_many_inputs_is_413(gateway):
    gateway.controller.embed.max_inputs = 5
    r = await gateway.client.post("/v1/embeddings", json={"input": ["a b"] * 6})
    assert r.status_code == 413


async def test_rerank_cohere_shape(gateway):
    docs = ["Paris is the capital of France.", "Bananas are yellow.", {"text": "The capital city of France"}]
    r = await gateway.client.post(
        "/v1/rerank", json={"query": "capital of France", "documents": docs, "top_n": 2, "return_documents": True}
    )
    assert r.status_code == 200, r.text
    res = r.json()["results"]
    assert len(res) == 2
    assert {x["index"] for x in res} == {0, 2}
    assert res[0]["relevance_score"] >= res[1]["relevance_score"]
    assert res[0]["document"]["text"] in ("Paris is the capital of France.", "The capital city of France")


async def test_rerank_validation(gateway):
    r = await gateway.client.post("/v1/rerank", json={"query": "q", "documents": []})
    assert r.status_code == 400
    r = await gateway.client.post("/v1/rerank", json={"query": "q", "documents": [{"nope": 1}]})
    assert r.status_code == 400
    r = await gateway.client.post("/v1/rerank", json={"query": "q"})
    assert r.status_code == 422


@pytest.mark.parametrize(
    "route,body",
    [
        ("/v1/embeddings", {"input": "x"}),
        ("/api/embeddings", {"input": "x"}),
        ("/v1/rerank", {"query": "x", "documents": ["y"]}),
    ],
)
async def test_upstream_503_is_503_with_retry_after(gateway, route, body):
    gateway.sim.ctx.faults["status"] = 503
    r = await gateway.client.post(route, json=body)
    assert r.status_code == 503
    assert int(r.headers["Retry-After"]) >= 1
    assert r.json()["error"]["type"] == "service_unavailable"


async def test_upstream_malformed_is_502(gateway):
    gateway.sim.ctx.faults["malformed"] = True
    r = await gateway.client.post("/api/embeddings", json={"input": "x"})
    assert r.status_code == 502
    assert "malformed" in r.json()["error"]["message"]
    r = await gateway.client.post("/v1/rerank", json={"query": "x", "documents": ["y"]})
    assert r.status_code == 502


async def test_slow_upstream_is_504(sim):
    sim.ctx.faults["delay"] = 1.0
    client = EmbedClient(sim.url, timeout=0.2)
    from spark_control.errors import UpstreamTimeout

    with pytest.raises(UpstreamTimeout):
        await client.embed(["x"])
    await client.stop()


async def test_unreachable_upstream_is_unavailable():
    sock_port = 9  # discard port on loopback: nothing listens
    client = EmbedClient(f"http://127.0.0.1:{sock_port}", timeout=1.0)
    with pytest.raises(Unavailable):
        await client.embed(["x"])
    await client.stop()


async def test_health_reports_models(sim):
    client = EmbedClient(sim.url)
    h = await client.health()
    assert h.models["embed"].dim == 1024 and h.models["embed"].sparse
    assert await client.dense_dim() == 1024
    await client.stop()


async def test_wrong_count_from_upstream_is_upstream_error(sim):
    """A service that answers with fewer vectors than asked is caught, not passed on."""
    from fastapi import FastAPI

    bad = FastAPI()

    @bad.post("/embed")
    async def embed(body: dict):
        return {"model": "m", "dim": 2, "dense": [[1.0, 0.0]], "sparse": [{"indices": [1], "values": [1.0]}]}

    client = EmbedClient("http://bad", transport=httpx.ASGITransport(app=bad))
    with pytest.raises(UpstreamError):
        await client.embed(["a", "b"])
    await client.stop()


async def test_sim_standalone_config_route_and_loading_container():
    """The simulator without a ctx, faults set over HTTP, and a container that is still loading."""
    from types import SimpleNamespace

    from spark_control.sim.embed_server import create_app

    app = create_app()
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://sim") as c:
        assert (await c.post("/embed", json={"inputs": "x"})).status_code == 200
        assert (await c.post("/__sim/config", json={"status": 429})).json() == {"faults": {"status": 429}}
        assert (await c.post("/embed", json={"inputs": "x"})).status_code == 429
        await c.post("/__sim/config", json={})
        assert (await c.post("/embed", json={"inputs": "x"})).status_code == 200

    container = SimpleNamespace(ready=False)
    app = create_app(SimpleNamespace(clock=None, faults=None, host="h", container=container))
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://sim") as c:
        assert (await c.get("/health")).json()["status"] == "loading"
        r = await c.post("/rerank", json={"query": "q", "documents": ["d"]})
        assert r.status_code == 503 and r.headers["Retry-After"]
        container.ready = True
        assert (await c.get("/health")).json()["status"] == "ok"
        assert (await c.post("/rerank", json={"query": "q", "documents": ["d"]})).status_code == 200


async def test_busy_upstream_is_429_with_retry_after(gateway):
    gateway.sim.ctx.faults["status"] = 429
    r = await gateway.client.post("/v1/embeddings", json={"input": "x"})
    assert r.status_code == 429 and int(r.headers["Retry-After"]) >= 1


async def test_no_embed_service_configured_is_503():
    from types import SimpleNamespace

    from tests.search.conftest import build_gateway

    api = build_gateway(SimpleNamespace(embed=None, search=None))
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=api), base_url="http://gw") as c:
        assert (await c.post("/v1/embeddings", json={"input": "x"})).status_code == 503
        assert (await c.get("/api/search/collections")).status_code == 503
