"""The Qdrant-server backend (``settings.qdrant_url``, e.g. Spark 2's Qdrant) via ``qdrant-client``.

Also runs against qdrant-client's local mode (``location=":memory:"`` or ``path=``), which the
tests use; local mode is correct but slow (pure Python), so it is never the embedded default."""

from __future__ import annotations

import logging
from typing import Any

from qdrant_client import AsyncQdrantClient, models
from qdrant_client.http.exceptions import UnexpectedResponse

from spark_control.search.engine import (
    DENSE,
    RRF_K,
    SPARSE,
    ChunkPoint,
    CollectionInfo,
    Condition,
    Hit,
    Sparse,
    query_legs,
    to_hits,
)

log = logging.getLogger(__name__)

UPSERT_BATCH = 256


class QdrantEngine:
    name = "qdrant"

    def __init__(
        self, url: str | None = None, *, location: str | None = None, api_key: str | None = None, timeout: float = 30.0
    ) -> None:
        self.url = url
        self.location = location
        self.api_key = api_key
        self.timeout = timeout
        self._client: AsyncQdrantClient | None = None

    @property
    def client(self) -> AsyncQdrantClient:
        if self._client is None:
            if self.location is not None:
                self._client = AsyncQdrantClient(location=self.location)
            else:
                self._client = AsyncQdrantClient(url=self.url, api_key=self.api_key, timeout=int(self.timeout))
        return self._client

    async def start(self) -> None:
        _ = self.client

    async def stop(self) -> None:
        if self._client is not None:
            await self._client.close()
            self._client = None

    async def list_collections(self) -> list[CollectionInfo]:
        resp = await self.client.get_collections()
        out = []
        for c in sorted(resp.collections, key=lambda c: c.name):
            info = await self.get_collection(c.name)
            if info is not None:  # skip collections that are not ours (no named dense/sparse vectors)
                out.append(info)
        return out

    async def get_collection(self, name: str) -> CollectionInfo | None:
        if not await self.client.collection_exists(name):
            return None
        c = await self.client.get_collection(name)
        vectors = c.config.params.vectors
        if not isinstance(vectors, dict) or DENSE not in vectors:
            return None
        points = (await self.client.count(name, exact=True)).count
        return CollectionInfo(name=name, dim=vectors[DENSE].size, points=points, backend=self.name)

    async def collection_dim(self, name: str) -> int | None:
        try:
            c = await self.client.get_collection(name)
        except (ValueError, UnexpectedResponse):  # local mode: ValueError; server: 404
            return None
        vectors = c.config.params.vectors
        return vectors[DENSE].size if isinstance(vectors, dict) and DENSE in vectors else None

    async def create_collection(self, name: str, dim: int) -> None:
        if await self.client.collection_exists(name):
            return
        await self.client.create_collection(
            name,
            vectors_config={DENSE: models.VectorParams(size=dim, distance=models.Distance.COSINE)},
            sparse_vectors_config={SPARSE: models.SparseVectorParams(modifier=models.Modifier.IDF)},
        )
        if self.location is None:  # local mode has no payload indexes (and warns)
            await self.client.create_payload_index(name, "doc_id", models.PayloadSchemaType.KEYWORD)
            await self.client.create_payload_index(name, "chunk", models.PayloadSchemaType.INTEGER)

    async def delete_collection(self, name: str) -> bool:
        if not await self.client.collection_exists(name):
            return False
        await self.client.delete_collection(name)
        return True

    async def upsert(self, name: str, points: list[ChunkPoint]) -> None:
        for i in range(0, len(points), UPSERT_BATCH):
            batch = [
                models.PointStruct(
                    id=p.id,
                    vector={
                        DENSE: p.dense,
                        SPARSE: models.SparseVector(indices=p.sparse.indices, values=p.sparse.values),
                    },
                    payload=p.payload,
                )
                for p in points[i : i + UPSERT_BATCH]
            ]
            await self.client.upsert(name, batch, wait=True)

    async def delete_chunks(self, name: str, doc_id: str, from_chunk: int = 0) -> None:
        must: list[Any] = [models.FieldCondition(key="doc_id", match=models.MatchValue(value=doc_id))]
        if from_chunk > 0:
            must.append(models.FieldCondition(key="chunk", range=models.Range(gte=from_chunk)))
        await self.client.delete(
            name, points_selector=models.FilterSelector(filter=models.Filter(must=must)), wait=True
        )

    async def count(self, name: str, doc_id: str | None = None) -> int:
        flt = (
            models.Filter(must=[models.FieldCondition(key="doc_id", match=models.MatchValue(value=doc_id))])
            if doc_id
            else None
        )
        return (await self.client.count(name, count_filter=flt, exact=True)).count

    async def documents(self, name: str, limit: int) -> list[dict[str, Any]]:
        flt = models.Filter(must=[models.FieldCondition(key="chunk", match=models.MatchValue(value=0))])
        out: list[dict[str, Any]] = []
        offset = None
        while len(out) < limit:
            recs, offset = await self.client.scroll(
                name, scroll_filter=flt, limit=min(256, limit - len(out)), offset=offset, with_payload=True
            )
            out.extend(dict(r.payload or {}) for r in recs)
            if offset is None or not recs:
                break
        return out

    async def query(
        self,
        name: str,
        *,
        dense: list[float] | None,
        sparse: Sparse | None,
        limit: int,
        prefetch_limit: int,
        conditions: list[Condition],
        fusion: str = "rrf",
    ) -> list[Hit]:
        flt = _filter(conditions)
        legs = query_legs(dense, sparse, lambda s: models.SparseVector(indices=s.indices, values=s.values))
        if not legs:
            return []
        if len(legs) == 1:
            resp = await self.client.query_points(
                name, query=legs[0][0], using=legs[0][1], query_filter=flt, limit=limit, with_payload=True
            )
        else:
            resp = await self.client.query_points(
                name,
                prefetch=[models.Prefetch(query=q, using=u, limit=prefetch_limit, filter=flt) for q, u in legs],
                query=models.FusionQuery(fusion=models.Fusion.DBSF)
                if fusion == "dbsf"
                else models.RrfQuery(rrf=models.Rrf(k=RRF_K)),
                query_filter=flt,
                limit=limit,
                with_payload=True,
            )
        return to_hits(resp.points)


def _filter(conditions: list[Condition]) -> models.Filter | None:
    if not conditions:
        return None
    must: list[Any] = []
    for c in conditions:
        if c.op == "eq":
            must.append(models.FieldCondition(key=c.key, match=models.MatchValue(value=c.value)))
        elif c.op == "any":
            must.append(models.FieldCondition(key=c.key, match=models.MatchAny(any=c.value)))
        else:
            must.append(models.FieldCondition(key=c.key, range=models.Range(**c.bounds)))
    return models.Filter(must=must)
