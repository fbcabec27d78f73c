"""Gateway routes for embeddings and rerank (scope ``embed``), through ``upstreams/embed.py``:

- ``POST /v1/embeddings``  OpenAI shape (dense only)
- ``POST /api/embeddings`` dense + sparse (bge-m3's two heads)
- ``POST /v1/rerank``      Cohere/Jina shape ``{query, documents, top_n}`` -> ``results[{index, relevance_score}]``
"""

from __future__ import annotations

import base64
import struct
from typing import Literal

from fastapi import APIRouter, Depends, Request, Response
from pydantic import BaseModel, Field

from spark_control.api.deps import Principal, controller_service, require_app
from spark_control.errors import BadRequest
from spark_control.upstreams.embed import EmbedClient

router = APIRouter(tags=["embeddings"])


def get_embed(request: Request) -> EmbedClient:
    return controller_service(request, "embed")


class OpenAIEmbeddingsIn(BaseModel):
    input: str | list[str]
    model: str | None = None
    encoding_format: Literal["float", "base64"] = "float"
    dimensions: int | None = Field(default=None, ge=1)
    user: str | None = None


class OpenAIEmbeddingOut(BaseModel):
    object: Literal["embedding"] = "embedding"
    index: int
    embedding: list[float] | str


class EmbeddingsUsage(BaseModel):
    prompt_tokens: int
    total_tokens: int


class OpenAIEmbeddingsOut(BaseModel):
    object: Literal["list"] = "list"
    data: list[OpenAIEmbeddingOut]
    model: str
    usage: EmbeddingsUsage


class HybridEmbeddingsIn(BaseModel):
    input: str | list[str]
    dense: bool = True
    sparse: bool = True
    truncate: bool = False


class SparseOut(BaseModel):
    indices: list[int]
    values: list[float]


class HybridEmbeddingOut(BaseModel):
    object: Literal["embedding"] = "embedding"
    index: int
    dense: list[float] | None = None
    sparse: SparseOut | None = None


class HybridEmbeddingsOut(BaseModel):
    object: Literal["list"] = "list"
    model: str
    dim: int
    data: list[HybridEmbeddingOut]
    usage: EmbeddingsUsage


class RerankIn(BaseModel):
    query: str
    documents: list[str | dict]  # strings, or {"text": ...} objects (Cohere/Jina accept both)
    top_n: int | None = Field(default=None, ge=1)
    return_documents: bool = False
    model: str | None = None


class RerankDocOut(BaseModel):
    text: str


class RerankResultOut(BaseModel):
    index: int
    relevance_score: float
    document: RerankDocOut | None = None


class RerankOut(BaseModel):
    object: Literal["rerank"] = "rerank"
    model: str
    results: list[RerankResultOut]


def _json(model: BaseModel) -> Response:
    """Serialise with pydantic directly: FastAPI's generic encoder is ~30x slower on 1024-float vectors."""
    return Response(model.model_dump_json(exclude_none=True), media_type="application/json")


def _texts(value: str | list[str]) -> list[str]:
    return [value] if isinstance(value, str) else value


@router.post("/v1/embeddings", response_model=OpenAIEmbeddingsOut)
async def openai_embeddings(
    body: OpenAIEmbeddingsIn,
    embed: EmbedClient = Depends(get_embed),
    principal: Principal = Depends(require_app("embed")),
) -> Response:
    texts = _texts(body.input)
    result = await embed.embed(texts, dense=True, sparse=False)
    if body.dimensions is not None and body.dimensions != result.dim:
        raise BadRequest(
            f"dimensions={body.dimensions} is not supported: {result.model} returns {result.dim}", param="dimensions"
        )
    assert result.dense is not None
    data = []
    for i, vec in enumerate(result.dense):
        emb: list[float] | str = vec
        if body.encoding_format == "base64":
            emb = base64.b64encode(struct.pack(f"<{len(vec)}f", *vec)).decode()
        data.append(OpenAIEmbeddingOut(index=i, embedding=emb))
    usage = EmbeddingsUsage(prompt_tokens=result.prompt_tokens, total_tokens=result.prompt_tokens)
    return _json(OpenAIEmbeddingsOut(data=data, model=result.model, usage=usage))


@router.post("/api/embeddings", response_model=HybridEmbeddingsOut, response_model_exclude_none=True)
async def hybrid_embeddings(
    body: HybridEmbeddingsIn,
    embed: EmbedClient = Depends(get_embed),
    principal: Principal = Depends(require_app("embed")),
) -> Response:
    if not body.dense and not body.sparse:
        raise BadRequest("ask for dense, sparse or both", param="dense")
    texts = _texts(body.input)
    result = await embed.embed(texts, dense=body.dense, sparse=body.sparse, truncate=body.truncate)
    data = [
        HybridEmbeddingOut(
            index=i,
            dense=result.dense[i] if result.dense is not None else None,
            sparse=SparseOut(indices=result.sparse[i].indices, values=result.sparse[i].values)
            if result.sparse is not None
            else None,
        )
        for i in range(len(texts))
    ]
    usage = EmbeddingsUsage(prompt_tokens=result.prompt_tokens, total_tokens=result.prompt_tokens)
    return _json(HybridEmbeddingsOut(model=result.model, dim=result.dim, data=data, usage=usage))


@router.post("/v1/rerank", response_model=RerankOut, response_model_exclude_none=True)
async def rerank(
    body: RerankIn,
    embed: EmbedClient = Depends(get_embed),
    principal: Principal = Depends(require_app("embed")),
) -> RerankOut:
    docs: list[str] = []
    for i, d in enumerate(body.documents):
        text = d if isinstance(d, str) else d.get("text")
        if not isinstance(text, str):
            raise BadRequest(f"documents[{i}] must be a string or an object with a 'text' string", param="documents")
        docs.append(text)
    if not docs:
        raise BadRequest("documents must contain at least one document", param="documents")
    model, ranked = await embed.rerank(body.query, docs, top_n=body.top_n)
    return RerankOut(
        model=model,
        results=[
            RerankResultOut(
                index=r.index,
                relevance_score=r.relevance_score,
                document=RerankDocOut(text=docs[r.index]) if body.return_documents else None,
            )
            for r in ranked
        ],
    )
