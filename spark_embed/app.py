"""The embeddings service (FastAPI), wire format in ``wire.py``.

``create_app(config)`` loads the models named by the config in the background (``/health`` says
``loading`` and model routes answer 503 until they are ready); ``create_app(config, backends=(embed,
rerank, device))`` uses already-loaded ones (tests). Run with ``python -m spark_embed``."""

from __future__ import annotations

import asyncio
import base64
import logging
import math
import struct
from contextlib import asynccontextmanager
from dataclasses import dataclass
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response

from spark_embed.batching import MicroBatcher
from spark_embed.config import Config
from spark_embed.wire import (
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

log = logging.getLogger(__name__)


class Refused(Exception):
    def __init__(self, status: int, message: str, kind: str = "invalid_request_error") -> None:
        super().__init__(message)
        self.status, self.message, self.kind = status, message, kind


@dataclass
class Runtime:
    embed: Any = None
    rerank: Any = None
    device: str = ""
    embed_batcher: MicroBatcher | None = None
    rerank_batcher: MicroBatcher | None = None
    error: str = ""

    @property
    def ready(self) -> bool:
        return self.embed is not None and self.rerank is not None


def _json(model: Any) -> Response:
    """Serialise with pydantic directly: FastAPI's generic encoder is ~30x slower on 1024-float vectors."""
    return Response(model.model_dump_json(exclude_none=True), media_type="application/json")


def _sparse(weights: dict[int, float]) -> SparseVector:
    items = sorted(weights.items())
    return SparseVector(indices=[k for k, _ in items], values=[float(v) for _, v in items])


def _texts(value: str | list[str]) -> list[str]:
    return [value] if isinstance(value, str) else list(value)


def create_app(config: Config | None = None, backends: tuple[Any, Any, str] | None = None) -> FastAPI:
    cfg = config or Config.from_env()
    rt = Runtime()

    def install(embed: Any, rerank: Any, device: str) -> None:
        wait = cfg.batch_wait_ms / 1000
        rt.embed, rt.rerank, rt.device = embed, rerank, device
        rt.embed_batcher = MicroBatcher(embed.encode, max_batch=cfg.max_batch, max_wait=wait)
        rt.rerank_batcher = MicroBatcher(rerank.score, max_batch=cfg.max_batch, max_wait=wait)

    async def load() -> None:
        from spark_embed.backends import load_backends

        try:
            install(*await asyncio.to_thread(load_backends, cfg))
        except Exception as e:
            rt.error = f"{type(e).__name__}: {e}"
            log.exception("model load failed")

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        task = None
        if backends is not None:
            install(*backends)
        else:
            task = asyncio.create_task(load())
        yield
        if task is not None:
            task.cancel()
        for b in (rt.embed_batcher, rt.rerank_batcher):
            if b is not None:
                await b.close()

    app = FastAPI(title="spark_embed", lifespan=lifespan)
    app.state.runtime = rt
    app.state.config = cfg

    @app.exception_handler(Refused)
    async def _refused(_: Request, exc: Refused) -> JSONResponse:
        headers = {"Retry-After": "10"} if exc.status == 503 else {}
        return JSONResponse(
            {"error": {"message": exc.message, "type": exc.kind, "code": exc.status}}, exc.status, headers=headers
        )

    @app.exception_handler(RequestValidationError)
    async def _invalid(_: Request, exc: RequestValidationError) -> JSONResponse:
        first = exc.errors()[0] if exc.errors() else {"msg": "invalid body", "loc": ()}
        loc = ".".join(str(p) for p in first.get("loc", ()) if p != "body")
        msg = f"{loc}: {first['msg']}" if loc else first["msg"]
        return JSONResponse({"error": {"message": msg, "type": "invalid_request_error", "code": 422}}, 422)

    def require_ready() -> None:
        if not rt.ready:
            msg = f"model failed to load: {rt.error}" if rt.error else "model is loading"
            raise Refused(503, msg, "service_unavailable")

    def check(texts: list[str], truncate: bool, limit: int) -> int:
        if not texts:
            raise Refused(400, "inputs must contain at least one text")
        if len(texts) > limit:
            raise Refused(413, f"too many inputs: {len(texts)} > {limit} per request; split the batch")
        for i, t in enumerate(texts):
            if not t.strip():
                raise Refused(400, f"input {i} is empty")
        counts = rt.embed.count_tokens(texts)
        max_tokens = rt.embed.max_tokens
        if not truncate:
            for i, n in enumerate(counts):
                if n > max_tokens:
                    raise Refused(
                        413,
                        f"input {i} has {n} tokens, over the model's limit of {max_tokens}; "
                        "shorten it or send truncate=true",
                    )
        return sum(min(n, max_tokens) for n in counts)

    async def encode(texts: list[str]) -> list[tuple[list[float], dict[int, float]]]:
        assert rt.embed_batcher is not None
        return await rt.embed_batcher.submit(texts)

    @app.get("/health", response_model=Health)
    async def health() -> Health:
        models: dict[str, ModelInfo] = {}
        if rt.ready:
            models["embed"] = ModelInfo(
                name=rt.embed.name, kind=rt.embed.kind, dim=rt.embed.dim, sparse=True, max_tokens=rt.embed.max_tokens
            )
            models["rerank"] = ModelInfo(name=rt.rerank.name, kind=rt.rerank.kind)
        device = rt.device
        if device:
            from spark_embed.backends import describe_device

            device = describe_device(device)
        return Health(
            status="ok" if rt.ready else "loading",
            device=device or "unknown",
            models=models,
            limits=Limits(
                max_inputs=cfg.max_inputs,
                max_documents=cfg.max_documents,
                max_tokens=rt.embed.max_tokens if rt.ready else cfg.max_tokens,
                max_batch=cfg.max_batch,
            ),
        )

    @app.post("/embed", response_model=EmbedResponse, response_model_exclude_none=True)
    async def embed(req: EmbedRequest) -> Response:
        require_ready()
        texts = _texts(req.inputs)
        tokens = check(texts, req.truncate, cfg.max_inputs)
        vecs = await encode(texts)
        return _json(
            EmbedResponse(
                model=rt.embed.name,
                dim=rt.embed.dim,
                dense=[d for d, _ in vecs] if req.dense else None,
                sparse=[_sparse(s) for _, s in vecs] if req.sparse else None,
                usage=Usage(prompt_tokens=tokens, total_tokens=tokens),
            )
        )

    @app.post("/v1/embeddings", response_model=OpenAIEmbeddingsResponse)
    async def openai_embeddings(req: OpenAIEmbeddingsRequest) -> Response:
        require_ready()
        texts = _texts(req.input)
        tokens = check(texts, False, cfg.max_inputs)
        if req.dimensions is not None and req.dimensions != rt.embed.dim:
            raise Refused(400, f"dimensions={req.dimensions} is not supported; {rt.embed.name} has {rt.embed.dim}")
        vecs = await encode(texts)
        data = []
        for i, (d, _) in enumerate(vecs):
            emb: list[float] | str = d
            if req.encoding_format == "base64":
                emb = base64.b64encode(struct.pack(f"<{len(d)}f", *d)).decode()
            data.append(OpenAIEmbedding(index=i, embedding=emb))
        return _json(
            OpenAIEmbeddingsResponse(
                data=data, model=rt.embed.name, usage=Usage(prompt_tokens=tokens, total_tokens=tokens)
            )
        )

    @app.post("/rerank", response_model=RerankResponse, response_model_exclude_none=True)
    async def rerank(req: RerankRequest) -> RerankResponse:
        require_ready()
        if not req.query.strip():
            raise Refused(400, "query is empty")
        tokens = check(req.documents, req.truncate, cfg.max_documents) if req.documents else 0
        assert rt.rerank_batcher is not None
        scores = await rt.rerank_batcher.submit([(req.query, d) for d in req.documents])
        order = sorted(range(len(scores)), key=lambda i: (-scores[i], i))
        if req.top_n is not None:
            order = order[: req.top_n]
        results = [
            RerankResult(
                index=i,
                relevance_score=round(float(scores[i]), 6) if math.isfinite(scores[i]) else 0.0,
                document=RerankDocument(text=req.documents[i]) if req.return_documents else None,
            )
            for i in order
        ]
        return RerankResponse(
            model=rt.rerank.name, results=results, usage=Usage(prompt_tokens=tokens, total_tokens=tokens)
        )

    return app
