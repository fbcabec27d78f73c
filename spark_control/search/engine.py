"""The one interface both search backends implement, and the engine-neutral types it speaks.

A collection holds chunk points: named vectors ``dense`` (cosine) and ``sparse`` (IDF modifier),
and a payload ``{doc_id, chunk, chunks, text, metadata, ingested_at}``. Metadata filters are
parsed once (:func:`parse_filter`) into :class:`Condition` values that each backend translates."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any, Literal, Protocol

from spark_control.errors import BadRequest

DENSE = "dense"
SPARSE = "sparse"
RRF_K = 60  # the usual RRF constant; both backends use it so fused scores compare (1/61 at best per leg)

Mode = Literal["hybrid", "dense", "sparse"]
FusionKind = Literal["rrf", "dbsf"]

_KEY = re.compile(r"^[A-Za-z0-9_][A-Za-z0-9_.-]{0,63}$")
_RANGE_OPS = ("gt", "gte", "lt", "lte")


@dataclass(frozen=True)
class Sparse:
    indices: list[int]
    values: list[float]


@dataclass(frozen=True)
class ChunkPoint:
    id: str  # a UUID string
    dense: list[float]
    sparse: Sparse
    payload: dict[str, Any]


@dataclass(frozen=True)
class Hit:
    id: str
    score: float
    payload: dict[str, Any]


@dataclass(frozen=True)
class CollectionInfo:
    name: str
    dim: int
    points: int
    backend: str


@dataclass(frozen=True)
class Condition:
    """One metadata condition: ``eq`` (str/int/bool), ``any`` (list of str or of int), ``range``."""

    key: str  # payload path, e.g. "metadata.lang" or "doc_id"
    op: Literal["eq", "any", "range"]
    value: Any = None
    bounds: dict[str, float] = field(default_factory=dict)


def parse_filter(raw: dict[str, Any] | None) -> list[Condition]:
    """``{"lang": "en", "tag": ["a", "b"], "year": {"gte": 2020}}`` -> conditions on ``metadata.*``,
    all of which must hold. ``doc_id`` filters the document id itself."""
    if not raw:
        return []
    if not isinstance(raw, dict):
        raise BadRequest("filter must be an object of metadata key -> value", param="filter")
    out: list[Condition] = []
    for key, value in raw.items():
        if not _KEY.match(key):
            raise BadRequest(f"filter key {key!r} is not a valid metadata key", param="filter")
        path = "doc_id" if key == "doc_id" else f"metadata.{key}"
        if isinstance(value, bool | int | str) and not isinstance(value, float):
            out.append(Condition(path, "eq", value))
        elif isinstance(value, list):
            if not value or not (
                all(isinstance(v, str) for v in value)
                or all(isinstance(v, int) and not isinstance(v, bool) for v in value)
            ):
                raise BadRequest(
                    f"filter {key!r}: a list must be non-empty and all strings or all integers", param="filter"
                )
            out.append(Condition(path, "any", list(value)))
        elif isinstance(value, dict):
            if (
                not value
                or set(value) - set(_RANGE_OPS)
                or not all(isinstance(v, int | float) and not isinstance(v, bool) for v in value.values())
            ):
                raise BadRequest(f"filter {key!r}: a range is an object with gt/gte/lt/lte numbers", param="filter")
            out.append(Condition(path, "range", bounds={k: float(v) for k, v in value.items()}))
        else:
            raise BadRequest(
                f"filter {key!r}: use a string, integer, boolean, list or range object (match a float with a range)",
                param="filter",
            )
    return out


def query_legs(dense: list[float] | None, sparse: Sparse | None, sparse_vector: Callable[[Sparse], Any]) -> list:
    """A query's legs as ``(vector, vector name)``: the dense one and/or the sparse one (made into
    the backend's own type by ``sparse_vector``); an empty sparse vector is no leg."""
    legs: list[tuple[Any, str]] = []
    if dense is not None:
        legs.append((dense, DENSE))
    if sparse is not None and sparse.indices:
        legs.append((sparse_vector(sparse), SPARSE))
    return legs


def to_hits(points: Iterable[Any]) -> list[Hit]:
    """A backend's scored points (``id``, ``score``, ``payload``) as hits."""
    return [Hit(id=str(p.id), score=float(p.score), payload=dict(p.payload or {})) for p in points]


class SearchEngine(Protocol):
    """Both backends. Every method is a coroutine; a missing collection is ``None``/``False``/0 here
    and the service turns it into NotFound."""

    name: str

    async def start(self) -> None: ...
    async def stop(self) -> None: ...
    async def list_collections(self) -> list[CollectionInfo]: ...
    async def get_collection(self, name: str) -> CollectionInfo | None: ...
    async def collection_dim(self, name: str) -> int | None:
        """The dense dimension, or None if there is no such collection (cheap: no point count)."""
        ...

    async def create_collection(self, name: str, dim: int) -> None: ...
    async def delete_collection(self, name: str) -> bool: ...
    async def upsert(self, name: str, points: list[ChunkPoint]) -> None: ...
    async def delete_chunks(self, name: str, doc_id: str, from_chunk: int = 0) -> None:
        """Delete the document's chunks with index >= ``from_chunk`` (0: the whole document)."""
        ...

    async def count(self, name: str, doc_id: str | None = None) -> int: ...
    async def documents(self, name: str, limit: int) -> list[dict[str, Any]]:
        """Payloads of each document's first chunk (one per document), up to ``limit``."""
        ...

    async def query(
        self,
        name: str,
        *,
        dense: list[float] | None,
        sparse: Sparse | None,
        limit: int,
        prefetch_limit: int,
        conditions: list[Condition],
        fusion: FusionKind = "rrf",
    ) -> list[Hit]:
        """Both legs given: RRF(k=RRF_K) (or DBSF: each leg's scores normalised by their spread, then
        summed) over a dense and a sparse prefetch; one leg: that leg alone."""
        ...
