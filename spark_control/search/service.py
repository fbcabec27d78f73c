"""SearchService: what the API routes and the Search page call. Chunks, embeds (through the
embeddings service), upserts, queries with dense + sparse legs fused by RRF, reranks.

Ingest is idempotent by document id: chunk point ids are derived from (document id, chunk index),
so re-ingesting overwrites the same points, then drops the chunks past the new end. A query never
sees a document with no chunks while it is being replaced."""

from __future__ import annotations

import asyncio
import logging
import re
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from spark_control.audit import AuditLog
from spark_control.errors import BadRequest, Conflict, NotFound, PayloadTooLarge
from spark_control.search.chunking import chunk_text
from spark_control.search.engine import ChunkPoint, CollectionInfo, Mode, SearchEngine, Sparse, parse_filter
from spark_control.search.owners import CollectionOwners
from spark_control.upstreams.embed import EmbedClient
from spark_control.workers import run_cpu

log = logging.getLogger(__name__)

_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$")
RESERVED = frozenset({"collections"})  # path segments of the API under /api/search/
_NS = uuid.UUID("7d9b2c1e-5f0a-4c8e-9a51-3c2f6e8b4d10")

MAX_DOCUMENTS = 256  # per ingest request
MAX_DOC_CHARS = 2_000_000
MAX_CHUNKS = 8192  # per ingest request


@dataclass(frozen=True)
class DocumentIn:
    id: str
    text: str
    metadata: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class IngestedDocument:
    id: str
    chunks: int
    replaced: int  # chunks the document had before (0: new)


@dataclass(frozen=True)
class IngestResult:
    collection: str
    documents: list[IngestedDocument]
    chunks: int
    embed_ms: float
    upsert_ms: float


@dataclass(frozen=True)
class SearchHit:
    rank: int
    id: str
    doc_id: str
    chunk: int
    text: str
    metadata: dict[str, Any]
    score: float  # the rerank score when reranked, else the fused (or single-leg) score
    fused_score: float
    fused_rank: int
    rerank_score: float | None = None


@dataclass(frozen=True)
class QueryResult:
    collection: str
    query: str
    mode: str
    reranked: bool
    hits: list[SearchHit]
    timings_ms: dict[str, float]


def point_id(doc_id: str, chunk: int) -> str:
    return str(uuid.uuid5(_NS, f"{doc_id}\x00{chunk}"))


def check_collection_name(name: str) -> None:
    if not _NAME.match(name) or name in RESERVED:
        raise BadRequest(
            f"invalid collection name {name!r}: 1-64 letters, digits, '_' or '-', starting with a letter or digit"
            + (" (reserved word)" if name in RESERVED else ""),
            param="collection",
        )


class SearchService:
    """``SearchService(engine, embed)``; see :meth:`from_settings` for the default wiring.

    With ``owners`` (a :class:`CollectionOwners`), every method takes ``owner``: the API key id
    of the caller, who sees and manages only the collections it created; ``owner=None`` (an
    operator, and the Search page) sees and manages all. Another key's collection looks like
    none (404), except that its name cannot be taken (409).

    With ``audit`` (an :class:`~spark_control.audit.AuditLog`), deleting a collection is recorded
    here, once, with its outcome (``search.collection.delete``, who, from where): the API route
    tells the audit middleware so (``deps.mark_audited``), which then adds no second row."""

    def __init__(
        self,
        engine: SearchEngine,
        embed: EmbedClient,
        *,
        events: Any = None,
        chunk_size: int = 800,
        chunk_overlap: int = 120,
        prefetch_limit: int = 50,
        rerank_candidates: int = 20,
        owners: CollectionOwners | None = None,
        audit: AuditLog | None = None,
    ) -> None:
        self.engine = engine
        self.owners = owners
        self.audit = audit
        self.embed = embed
        self.events = events
        self.chunk_size = chunk_size
        self.chunk_overlap = chunk_overlap
        self.prefetch_limit = prefetch_limit
        self.rerank_candidates = rerank_candidates
        self._locks: dict[str, asyncio.Lock] = {}

    @classmethod
    def from_settings(
        cls, settings: Any, embed: EmbedClient, events: Any = None, db: Any = None, audit: AuditLog | None = None
    ) -> SearchService:
        """Qdrant server when ``settings.qdrant_url`` is set, else the embedded engine under
        ``<data_dir>/search``. With ``db``, collections have owners; with ``audit``, deletes are
        recorded (see the class)."""
        if getattr(settings, "qdrant_url", ""):
            from spark_control.search.qdrant import QdrantEngine

            engine: SearchEngine = QdrantEngine(settings.qdrant_url)
        else:
            from spark_control.search.edge import EdgeEngine

            engine = EdgeEngine(Path(settings.data_dir) / "search")
        owners = CollectionOwners(db) if db is not None else None
        return cls(engine, embed, events=events, owners=owners, audit=audit)

    async def start(self) -> None:
        await self.engine.start()

    async def stop(self) -> None:
        await self.engine.stop()

    @property
    def backend(self) -> str:
        return self.engine.name

    # --- collections ----------------------------------------------------------------------

    async def list_collections(self, owner: str | None = None) -> list[CollectionInfo]:
        found = await self.engine.list_collections()
        return [c for c in found if self._may_use(c.name, owner)]

    async def collection(self, name: str, owner: str | None = None) -> CollectionInfo:
        check_collection_name(name)
        info = await self.engine.get_collection(name) if self._may_use(name, owner) else None
        if info is None:
            raise NotFound(f"collection {name!r} does not exist", param="collection")
        return info

    async def create_collection(self, name: str, dim: int | None = None, owner: str | None = None) -> CollectionInfo:
        """Idempotent. ``dim`` defaults to the embeddings model's dense dimension."""
        check_collection_name(name)
        if dim is None:
            dim = await self.embed.dense_dim()
        if not 1 <= dim <= 65536:
            raise BadRequest("dim must be 1..65536", param="dim")
        async with self._lock(name):
            existing = await self.engine.get_collection(name)
            if existing is not None:
                self._check_not_taken(name, owner)
                if existing.dim != dim:
                    raise Conflict(f"collection {name!r} exists with dim {existing.dim}, not {dim}", param="dim")
                return existing
            await self.engine.create_collection(name, dim)
            self._claim(name, owner)
        self._publish("collection_created", collection=name, dim=dim)
        return await self.collection(name, owner)

    async def delete_collection(
        self, name: str, owner: str | None = None, *, actor: str = "", source: str = ""
    ) -> None:
        """Deletes ``name`` and records it (``actor`` and ``source``: who asked, from where) with
        its outcome, refusals included."""
        try:
            check_collection_name(name)
            async with self._lock(name):
                if not self._may_use(name, owner) or not await self.engine.delete_collection(name):
                    raise NotFound(f"collection {name!r} does not exist", param="collection")
                if self.owners is not None:
                    self.owners.forget(name)
        except Exception as e:
            self._audit("search.collection.delete", name, f"error: {type(e).__name__}", actor, source)
            raise
        self._audit("search.collection.delete", name, "ok", actor, source)
        self._publish("collection_deleted", collection=name)

    # --- documents -------------------------------------------------------------------------

    async def ingest(
        self,
        name: str,
        documents: list[DocumentIn],
        *,
        chunk_size: int | None = None,
        chunk_overlap: int | None = None,
        create: bool = True,
        owner: str | None = None,
    ) -> IngestResult:
        check_collection_name(name)
        if await self.engine.get_collection(name) is not None:
            self._check_not_taken(name, owner)  # before the embedding work, and again below
        if not documents:
            raise BadRequest("documents must contain at least one document", param="documents")
        if len(documents) > MAX_DOCUMENTS:
            raise PayloadTooLarge(
                f"too many documents: {len(documents)} > {MAX_DOCUMENTS} per request", param="documents"
            )
        ids = [d.id for d in documents]
        if len(set(ids)) != len(ids):
            raise BadRequest("document ids must be unique within a request", param="documents")
        size = chunk_size or self.chunk_size
        overlap = min(self.chunk_overlap, size // 4) if chunk_overlap is None else chunk_overlap
        per_doc = await run_cpu(_chunk_documents, documents, size, overlap)  # up to 8 MiB of text: off the loop
        total = sum(len(c) for c in per_doc)
        if total > MAX_CHUNKS:
            raise PayloadTooLarge(f"{total} chunks > {MAX_CHUNKS} per request; send fewer documents", param="documents")

        t0 = time.perf_counter()
        flat = [c for chunks in per_doc for c in chunks]
        emb = await self.embed.embed(flat, dense=True, sparse=True, truncate=True)
        t1 = time.perf_counter()
        assert emb.dense is not None and emb.sparse is not None

        async with self._lock(name):
            info = await self.engine.get_collection(name)
            if info is None:
                if not create:
                    raise NotFound(f"collection {name!r} does not exist", param="collection")
                await self.engine.create_collection(name, emb.dim)
                self._claim(name, owner)
                self._publish("collection_created", collection=name, dim=emb.dim)
            else:
                self._check_not_taken(name, owner)
                if info.dim != emb.dim:
                    raise Conflict(
                        f"collection {name!r} has dim {info.dim} but the embeddings model gives {emb.dim}; "
                        "use a new collection for this model",
                        param="collection",
                    )
            now = time.time()
            points: list[ChunkPoint] = []
            k = 0
            for d, chunks in zip(documents, per_doc, strict=True):
                for i, text in enumerate(chunks):
                    sp = emb.sparse[k]
                    points.append(
                        ChunkPoint(
                            id=point_id(d.id, i),
                            dense=emb.dense[k],
                            sparse=Sparse(sp.indices, sp.values),
                            payload={
                                "doc_id": d.id,
                                "chunk": i,
                                "chunks": len(chunks),
                                "text": text,
                                "metadata": dict(d.metadata),
                                "ingested_at": now,
                            },
                        )
                    )
                    k += 1
            before = [await self.engine.count(name, d.id) for d in documents]
            await self.engine.upsert(name, points)
            for d, chunks, old in zip(documents, per_doc, before, strict=True):
                if old > len(chunks):
                    await self.engine.delete_chunks(name, d.id, from_chunk=len(chunks))
        t2 = time.perf_counter()
        result = IngestResult(
            collection=name,
            documents=[
                IngestedDocument(d.id, len(c), old) for d, c, old in zip(documents, per_doc, before, strict=True)
            ],
            chunks=total,
            embed_ms=round((t1 - t0) * 1000, 2),
            upsert_ms=round((t2 - t1) * 1000, 2),
        )
        self._publish("ingested", collection=name, documents=len(documents), chunks=total)
        return result

    async def delete_document(self, name: str, doc_id: str, owner: str | None = None) -> int:
        await self.collection(name, owner)
        async with self._lock(name):
            n = await self.engine.count(name, doc_id)
            if n == 0:
                raise NotFound(f"document {doc_id!r} is not in collection {name!r}", param="doc_id")
            await self.engine.delete_chunks(name, doc_id)
        self._publish("document_deleted", collection=name, doc_id=doc_id)
        return n

    async def list_documents(self, name: str, limit: int = 1000, owner: str | None = None) -> list[dict[str, Any]]:
        await self.collection(name, owner)
        docs = await self.engine.documents(name, limit)
        return [
            {
                "id": p.get("doc_id"),
                "chunks": p.get("chunks", 0),
                "metadata": p.get("metadata", {}),
                "ingested_at": p.get("ingested_at"),
                "preview": (p.get("text") or "")[:160],
            }
            for p in docs
        ]

    # --- query -----------------------------------------------------------------------------

    async def query(
        self,
        name: str,
        text: str,
        *,
        limit: int = 10,
        mode: Mode = "hybrid",
        filter: dict[str, Any] | None = None,
        rerank: bool = False,
        rerank_candidates: int | None = None,
        fusion: str = "rrf",
        owner: str | None = None,
    ) -> QueryResult:
        if not text or not text.strip():
            raise BadRequest("query is empty", param="query")
        if not 1 <= limit <= 100:
            raise BadRequest("limit must be 1..100", param="limit")
        if mode not in ("hybrid", "dense", "sparse"):
            raise BadRequest("mode must be hybrid, dense or sparse", param="mode")
        if fusion not in ("rrf", "dbsf"):
            raise BadRequest("fusion must be rrf or dbsf", param="fusion")
        conditions = parse_filter(filter)
        check_collection_name(name)
        dim = await self.engine.collection_dim(name) if self._may_use(name, owner) else None
        if dim is None:
            raise NotFound(f"collection {name!r} does not exist", param="collection")
        t0 = time.perf_counter()
        emb = await self.embed.embed([text], dense=mode != "sparse", sparse=mode != "dense", truncate=True)
        t1 = time.perf_counter()
        dense = emb.dense[0] if emb.dense else None
        if dense is not None and len(dense) != dim:
            raise Conflict(
                f"collection {name!r} has dim {dim} but the embeddings model gives {len(dense)}",
                param="collection",
            )
        sparse = Sparse(emb.sparse[0].indices, emb.sparse[0].values) if emb.sparse else None
        candidates = max(limit, rerank_candidates or self.rerank_candidates) if rerank else limit
        hits = await self.engine.query(
            name,
            dense=dense,
            sparse=sparse,
            limit=candidates,
            prefetch_limit=max(self.prefetch_limit, candidates),
            conditions=conditions,
            fusion=fusion,
        )
        t2 = time.perf_counter()
        out = [
            SearchHit(
                rank=i + 1,
                id=h.id,
                doc_id=h.payload.get("doc_id", ""),
                chunk=int(h.payload.get("chunk", 0)),
                text=h.payload.get("text", ""),
                metadata=h.payload.get("metadata", {}),
                score=h.score,
                fused_score=h.score,
                fused_rank=i + 1,
            )
            for i, h in enumerate(hits)
        ]
        timings = {"embed": _ms(t1 - t0), "search": _ms(t2 - t1)}
        if rerank and out:
            _, ranked = await self.embed.rerank(text, [h.text for h in out], top_n=limit)
            out = [
                SearchHit(
                    **{
                        **out[r.index].__dict__,
                        "rank": i + 1,
                        "score": r.relevance_score,
                        "rerank_score": r.relevance_score,
                    }
                )
                for i, r in enumerate(ranked)
            ]
            timings["rerank"] = _ms(time.perf_counter() - t2)
        timings["total"] = _ms(time.perf_counter() - t0)
        return QueryResult(
            collection=name, query=text, mode=mode, reranked=rerank and bool(out), hits=out[:limit], timings_ms=timings
        )

    # --- helpers ---------------------------------------------------------------------------

    def _may_use(self, name: str, owner: str | None) -> bool:
        return self.owners is None or self.owners.may_use(name, owner)

    def _check_not_taken(self, name: str, owner: str | None) -> None:
        """For writes that would create ``name``: another key's collection is a 409 (names are shared)."""
        if not self._may_use(name, owner):
            raise Conflict(f"collection name {name!r} is taken by another API key; choose another", param="collection")

    def _claim(self, name: str, owner: str | None) -> None:
        if self.owners is not None:
            self.owners.claim(name, owner)

    def _lock(self, name: str) -> asyncio.Lock:
        return self._locks.setdefault(name, asyncio.Lock())

    def _audit(self, action: str, target: str, result: str, actor: str, source: str) -> None:
        if self.audit is not None:
            self.audit.record(actor=actor, action=action, target=target, result=result, source=source)

    def _publish(self, action: str, **data: Any) -> None:
        if self.events is not None:
            self.events.publish("search", action=action, **data)


def _chunk_documents(documents: list[DocumentIn], size: int, overlap: int) -> list[list[str]]:
    """Each document's chunk texts (CPU work: the caller runs it in the worker pool)."""
    per_doc: list[list[str]] = []
    for d in documents:
        if not d.id or len(d.id) > 256:
            raise BadRequest("document id must be 1-256 characters", param="documents.id")
        if len(d.text) > MAX_DOC_CHARS:
            raise PayloadTooLarge(
                f"document {d.id!r} has {len(d.text)} characters > {MAX_DOC_CHARS}", param="documents.text"
            )
        try:
            chunks = [c.text for c in chunk_text(d.text, size, overlap)]
        except ValueError as e:
            raise BadRequest(str(e), param="chunk_size") from None
        if not chunks:
            raise BadRequest(f"document {d.id!r} has no text", param="documents.text")
        per_doc.append(chunks)
    return per_doc


def _ms(seconds: float) -> float:
    return round(seconds * 1000, 2)
