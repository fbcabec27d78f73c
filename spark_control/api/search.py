"""Hybrid search routes (scope ``search``), all under ``/api/search``:

- ``GET    /api/search/collections``                      list collections
- ``PUT    /api/search/{collection}``                     create (idempotent; ``{"dim": N}`` optional)
- ``GET    /api/search/{collection}``                     info
- ``DELETE /api/search/{collection}``                     delete (audited once, by the core, as ``search.collection.delete``)
- ``POST   /api/search/{collection}/documents``           ingest (chunk, embed, upsert; idempotent by id)
- ``GET    /api/search/{collection}/documents``           list documents
- ``DELETE /api/search/{collection}/documents/{doc_id}``  delete one document
- ``POST   /api/search/{collection}/query``               hybrid query (+ filter, + rerank)
"""

from __future__ import annotations

from typing import Any, Literal

from fastapi import APIRouter, Depends, Request
from pydantic import BaseModel, Field

from spark_control.api.deps import Principal, client_address, controller_service, mark_audited, require_app
from spark_control.search.engine import CollectionInfo
from spark_control.search.service import DocumentIn, SearchHit, SearchService

router = APIRouter(prefix="/api/search", tags=["search"])


def owner_of(principal: Principal) -> str | None:
    """Collections belong to the key that created them; an operator (None) manages them all."""
    return None if principal.kind == "operator" else principal.id


def get_search(request: Request) -> SearchService:
    return controller_service(request, "search")


class CollectionsOut(BaseModel):
    collections: list[CollectionInfo]


class CreateCollectionIn(BaseModel):
    dim: int | None = Field(default=None, ge=1, le=65536)


class DocumentBody(BaseModel):
    id: str = Field(min_length=1, max_length=256)
    text: str
    metadata: dict[str, Any] = Field(default_factory=dict)


class IngestIn(BaseModel):
    documents: list[DocumentBody]
    chunk_size: int | None = Field(default=None, ge=50, le=20000)
    chunk_overlap: int | None = Field(default=None, ge=0)


class IngestedOut(BaseModel):
    id: str
    chunks: int
    replaced: int


class IngestOut(BaseModel):
    collection: str
    documents: list[IngestedOut]
    chunks: int
    timings_ms: dict[str, float]


class DocumentOut(BaseModel):
    id: str
    chunks: int
    metadata: dict[str, Any]
    ingested_at: float | None = None
    preview: str


class DocumentsOut(BaseModel):
    collection: str
    documents: list[DocumentOut]


class DeletedOut(BaseModel):
    deleted: bool = True
    collection: str
    doc_id: str | None = None
    chunks: int | None = None


class QueryIn(BaseModel):
    query: str
    limit: int = Field(default=10, ge=1, le=100)
    mode: Literal["hybrid", "dense", "sparse"] = "hybrid"
    fusion: Literal["rrf", "dbsf"] = "rrf"
    filter: dict[str, Any] | None = None
    rerank: bool = False
    rerank_candidates: int | None = Field(default=None, ge=1, le=200)


class QueryOut(BaseModel):
    collection: str
    query: str
    mode: str
    reranked: bool
    results: list[SearchHit]
    timings_ms: dict[str, float]


@router.get("/collections", response_model=CollectionsOut)
async def list_collections(
    search: SearchService = Depends(get_search), principal: Principal = Depends(require_app("search"))
) -> CollectionsOut:
    return CollectionsOut(collections=await search.list_collections(owner_of(principal)))


@router.put("/{collection}", response_model=CollectionInfo)
async def create_collection(
    collection: str,
    body: CreateCollectionIn | None = None,
    search: SearchService = Depends(get_search),
    principal: Principal = Depends(require_app("search")),
) -> CollectionInfo:
    return await search.create_collection(collection, dim=body.dim if body else None, owner=owner_of(principal))


@router.get("/{collection}", response_model=CollectionInfo)
async def get_collection(
    collection: str, search: SearchService = Depends(get_search), principal: Principal = Depends(require_app("search"))
) -> CollectionInfo:
    return await search.collection(collection, owner_of(principal))


@router.delete("/{collection}", response_model=DeletedOut)
async def delete_collection(
    collection: str,
    request: Request,
    search: SearchService = Depends(get_search),
    principal: Principal = Depends(require_app("search")),
) -> DeletedOut:
    # The core records the delete (action, collection, outcome): that is its one audit row.
    mark_audited(request)
    await search.delete_collection(collection, owner_of(principal), actor=principal.id, source=client_address(request))
    return DeletedOut(collection=collection)


@router.post("/{collection}/documents", response_model=IngestOut)
async def ingest(
    collection: str,
    body: IngestIn,
    search: SearchService = Depends(get_search),
    principal: Principal = Depends(require_app("search")),
) -> IngestOut:
    docs = [DocumentIn(d.id, d.text, d.metadata) for d in body.documents]
    r = await search.ingest(
        collection, docs, chunk_size=body.chunk_size, chunk_overlap=body.chunk_overlap, owner=owner_of(principal)
    )
    return IngestOut(
        collection=r.collection,
        documents=[IngestedOut(id=d.id, chunks=d.chunks, replaced=d.replaced) for d in r.documents],
        chunks=r.chunks,
        timings_ms={"embed": r.embed_ms, "upsert": r.upsert_ms},
    )


@router.get("/{collection}/documents", response_model=DocumentsOut)
async def list_documents(
    collection: str,
    limit: int = 1000,
    search: SearchService = Depends(get_search),
    principal: Principal = Depends(require_app("search")),
) -> DocumentsOut:
    docs = await search.list_documents(collection, limit=max(1, min(limit, 10000)), owner=owner_of(principal))
    return DocumentsOut(collection=collection, documents=[DocumentOut(**d) for d in docs])


@router.delete("/{collection}/documents/{doc_id}", response_model=DeletedOut)
async def delete_document(
    collection: str,
    doc_id: str,
    search: SearchService = Depends(get_search),
    principal: Principal = Depends(require_app("search")),
) -> DeletedOut:
    n = await search.delete_document(collection, doc_id, owner_of(principal))
    return DeletedOut(collection=collection, doc_id=doc_id, chunks=n)


@router.post("/{collection}/query", response_model=QueryOut)
async def query(
    collection: str,
    body: QueryIn,
    search: SearchService = Depends(get_search),
    principal: Principal = Depends(require_app("search")),
) -> QueryOut:
    r = await search.query(
        collection,
        body.query,
        limit=body.limit,
        mode=body.mode,
        filter=body.filter,
        rerank=body.rerank,
        fusion=body.fusion,
        rerank_candidates=body.rerank_candidates,
        owner=owner_of(principal),
    )
    return QueryOut(
        collection=r.collection,
        query=r.query,
        mode=r.mode,
        reranked=r.reranked,
        results=list(r.hits),
        timings_ms=r.timings_ms,
    )
