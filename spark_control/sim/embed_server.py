"""Simulated embeddings service (the bge-m3 container's role) with the real wire format
(``spark_embed/wire.py``): the same routes, shapes, limits and error bodies.

Vectors are deterministic and lexically meaningful, so hybrid retrieval is testable without a model:
- dense: 1024-d, L2-normalised feature hashing of words and character trigrams (texts that share
  words or word pieces point the same way);
- sparse: hashed word ids in bge-m3's id space (0..250001) with log-TF weights, like bge-m3's
  lexical weights keyed by token id;
- rerank: query-term coverage blended with dense cosine, in [0, 1].

Faults (``ctx.faults`` or ``POST /__sim/config``): ``{"status": 503}`` answers every model route
with that status, ``{"delay": 2.0}`` waits that many real seconds first (network behaviour, so real
time, not the simulated clock), ``{"malformed": true}`` returns a body of the wrong shape.
"""

from __future__ import annotations

import asyncio
import base64
import hashlib
import math
import re
import struct
from collections import Counter
from types import SimpleNamespace
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response

from spark_embed.wire import (
    BGE_M3_DIM,
    BGE_M3_VOCAB,
    EmbedRequest,
    EmbedResponse,
    Health,
    Limits,
    ModelInfo,
    OpenAIEmbedding,
    OpenAIEmbeddingsRequest,
    OpenAIEmbeddingsResponse,
    RerankDocument,
    RerankRequest,
    RerankResponse,
    RerankResult,
    SparseVector,
    Usage,
)

MODEL_NAME = "BAAI/bge-m3"
RERANK_NAME = "BAAI/bge-reranker-v2-m3"
DIM = BGE_M3_DIM
MAX_TOKENS = 8192
MAX_INPUTS = 256
MAX_DOCUMENTS = 1000
MAX_BATCH = 32

_TOKEN = re.compile(r"\w+|[^\w\s]", re.UNICODE)
_WORD = re.compile(r"\w+", re.UNICODE)
# Common words carry no lexical signal; bge-m3 learns near-zero weights for them.
STOPWORDS = frozenset(
    "a an and are as at be by for from has have in is it its of on or that the this to was were will with "
    "what which who how when where do does i you we they he she".split()
)


def count_tokens(text: str) -> int:
    """A stand-in for the XLM-R tokenizer: words and punctuation marks (close enough for limits)."""
    return len(_TOKEN.findall(text))


def words(text: str) -> list[str]:
    return [w for w in _WORD.findall(text.lower()) if w not in STOPWORDS]


def _h(s: str) -> int:
    return int.from_bytes(hashlib.blake2b(s.encode(), digest_size=8).digest(), "little")


def word_id(word: str) -> int:
    return _h("w:" + word) % BGE_M3_VOCAB


def sparse_vector(text: str) -> SparseVector:
    tf = Counter(words(text))
    ids: dict[int, float] = {}
    for w, n in tf.items():
        i = word_id(w)
        ids[i] = ids.get(i, 0.0) + (1.0 + math.log(n)) * 0.25  # bge-m3 weights sit around 0.1-0.3
    items = sorted(ids.items())
    return SparseVector(indices=[i for i, _ in items], values=[round(v, 6) for _, v in items])


def dense_vector(text: str, dim: int = DIM) -> list[float]:
    v = [0.0] * dim
    for w in words(text):
        feats = [("w:" + w, 1.0)] + [("t:" + w[i : i + 3], 0.35) for i in range(max(1, len(w) - 2))]
        for f, weight in feats:
            h = _h(f)
            v[h % dim] += weight if (h >> 32) & 1 else -weight
    norm = math.sqrt(sum(x * x for x in v))
    if norm == 0.0:  # no words at all: a fixed unit vector keyed by the raw text
        v[_h("raw:" + text) % dim] = 1.0
        return v
    return [x / norm for x in v]


def rerank_score(query: str, doc: str) -> float:
    q = Counter(words(query))
    d = set(words(doc))
    if not q:
        return 0.0
    coverage = sum(1.0 for w in q if w in d) / len(q)
    cos = sum(a * b for a, b in zip(dense_vector(query), dense_vector(doc), strict=True))
    return round(max(0.0, min(1.0, 0.7 * coverage + 0.3 * max(0.0, cos))), 6)


def _json(model: Any) -> Response:
    """Serialise with pydantic directly: FastAPI's generic encoder is ~30x slower on 1024-float vectors."""
    return Response(model.model_dump_json(exclude_none=True), media_type="application/json")


def _error(status: int, message: str, kind: str, retry_after: float | None = None) -> JSONResponse:
    headers = {"Retry-After": str(max(1, math.ceil(retry_after)))} if retry_after else {}
    return JSONResponse({"error": {"message": message, "type": kind, "code": status}}, status, headers=headers)


class _Refusal(Exception):
    def __init__(self, status: int, message: str, kind: str = "invalid_request_error"):
        self.status, self.message, self.kind = status, message, kind


def _as_list(inputs: str | list[str]) -> list[str]:
    return [inputs] if isinstance(inputs, str) else list(inputs)


def _check_inputs(texts: list[str], truncate: bool, limit: int = MAX_INPUTS) -> int:
    """Validate a batch like the real service does; return its token count."""
    if not texts:
        raise _Refusal(400, "inputs must contain at least one text")
    if len(texts) > limit:
        raise _Refusal(413, f"too many inputs: {len(texts)} > {limit} per request; split the batch")
    total = 0
    for i, t in enumerate(texts):
        if not t.strip():
            raise _Refusal(400, f"input {i} is empty")
        n = count_tokens(t)
        if n > MAX_TOKENS and not truncate:
            raise _Refusal(
                413,
                f"input {i} has {n} tokens, over the model's limit of {MAX_TOKENS}; shorten it or send truncate=true",
            )
        total += min(n, MAX_TOKENS)
    return total


def create_app(ctx: Any = None) -> FastAPI:
    """The simulated embeddings service. ``ctx`` (optional) has ``.clock``, ``.faults``, ``.host``,
    ``.container``; without one the app runs standalone with its own fault table."""
    if ctx is None:
        ctx = SimpleNamespace(clock=None, faults={}, host=None, container=None)
    if getattr(ctx, "faults", None) is None:
        ctx.faults = {}
    app = FastAPI(title="spark_embed (simulated)")
    app.state.ctx = ctx
    app.state.calls = Counter()  # route -> number of model calls, for tests of the gateway's batching

    def ready() -> bool:
        c = getattr(ctx, "container", None)
        r = getattr(c, "ready", True) if c is not None else True
        return bool(r() if callable(r) else r)

    async def faults(route: str) -> None:
        f = ctx.faults
        if f.get("delay"):
            await asyncio.sleep(float(f["delay"]))
        if f.get("status"):
            raise _Refusal(int(f["status"]), f"simulated fault on {route}", "service_unavailable")
        if not ready():
            raise _Refusal(503, "model is loading", "service_unavailable")

    @app.exception_handler(_Refusal)
    async def _refused(_: Request, exc: _Refusal) -> JSONResponse:
        return _error(exc.status, exc.message, exc.kind, retry_after=5 if exc.status == 503 else None)

    @app.exception_handler(RequestValidationError)
    async def _invalid(_: Request, exc: RequestValidationError) -> JSONResponse:
        first = exc.errors()[0] if exc.errors() else {"msg": "invalid body", "loc": ()}
        loc = ".".join(str(p) for p in first.get("loc", ()) if p != "body")
        return _error(422, f"{loc}: {first['msg']}" if loc else first["msg"], "invalid_request_error")

    @app.get("/health", response_model=Health)
    async def health() -> Health:
        return Health(
            status="ok" if ready() else "loading",
            device="sim",
            models={
                "embed": ModelInfo(name=MODEL_NAME, kind="hash", dim=DIM, sparse=True, max_tokens=MAX_TOKENS),
                "rerank": ModelInfo(name=RERANK_NAME, kind="lexical", max_tokens=MAX_TOKENS),
            },
            limits=Limits(
                max_inputs=MAX_INPUTS, max_documents=MAX_DOCUMENTS, max_tokens=MAX_TOKENS, max_batch=MAX_BATCH
            ),
        )

    @app.post("/__sim/config")
    async def configure(body: dict[str, Any]) -> dict[str, Any]:
        ctx.faults.clear()
        ctx.faults.update(body)
        return {"faults": dict(ctx.faults)}

    @app.post("/embed", response_model=EmbedResponse)
    async def embed(req: EmbedRequest):
        await faults("/embed")
        texts = _as_list(req.inputs)
        tokens = _check_inputs(texts, req.truncate)
        app.state.calls["/embed"] += 1
        if ctx.faults.get("malformed"):
            return JSONResponse({"model": MODEL_NAME, "dense": "not-a-list"})
        return _json(
            EmbedResponse(
                model=MODEL_NAME,
                dim=DIM,
                dense=[dense_vector(t) for t in texts] if req.dense else None,
                sparse=[sparse_vector(t) for t in texts] if req.sparse else None,
                usage=Usage(prompt_tokens=tokens, total_tokens=tokens),
            )
        )

    @app.post("/v1/embeddings", response_model=OpenAIEmbeddingsResponse)
    async def openai_embeddings(req: OpenAIEmbeddingsRequest):
        await faults("/v1/embeddings")
        texts = _as_list(req.input)
        tokens = _check_inputs(texts, truncate=False)
        if req.dimensions is not None and req.dimensions != DIM:
            raise _Refusal(400, f"dimensions={req.dimensions} is not supported; {MODEL_NAME} has {DIM}")
        app.state.calls["/v1/embeddings"] += 1
        if ctx.faults.get("malformed"):
            return JSONResponse({"object": "list", "data": [{"index": 0}]})
        data = []
        for i, t in enumerate(texts):
            vec = dense_vector(t)
            emb: list[float] | str = vec
            if req.encoding_format == "base64":
                emb = base64.b64encode(struct.pack(f"<{len(vec)}f", *vec)).decode()
            data.append(OpenAIEmbedding(index=i, embedding=emb))
        return _json(
            OpenAIEmbeddingsResponse(
                data=data, model=MODEL_NAME, usage=Usage(prompt_tokens=tokens, total_tokens=tokens)
            )
        )

    @app.post("/rerank", response_model=RerankResponse)
    async def rerank(req: RerankRequest):
        await faults("/rerank")
        if not req.query.strip():
            raise _Refusal(400, "query is empty")
        tokens = _check_inputs(req.documents, req.truncate, limit=MAX_DOCUMENTS) if req.documents else 0
        app.state.calls["/rerank"] += 1
        if ctx.faults.get("malformed"):
            return JSONResponse({"results": [{"index": "x"}]})
        scored = sorted(
            ((i, rerank_score(req.query, d)) for i, d in enumerate(req.documents)), key=lambda p: (-p[1], p[0])
        )
        if req.top_n is not None:
            scored = scored[: req.top_n]
        results = [
            RerankResult(
                index=i,
                relevance_score=s,
                document=RerankDocument(text=req.documents[i]) if req.return_documents else None,
            )
            for i, s in scored
        ]
        return _json(
            RerankResponse(model=RERANK_NAME, results=results, usage=Usage(prompt_tokens=tokens, total_tokens=tokens))
        )

    return app
