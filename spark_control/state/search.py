"""State of the Search page: pick or create a collection, add documents, query (hybrid, dense or
sparse, with optional filter and rerank) and show fused and reranked scores. Every action calls
``controller.search`` (SearchService); nothing here knows about Qdrant or the embeddings wire."""

from __future__ import annotations

import dataclasses
import json
import logging
import time

import reflex as rx

from spark_control.errors import Unavailable
from spark_control.state.core import call_core

log = logging.getLogger(__name__)


@dataclasses.dataclass
class CollectionView:
    name: str = ""
    dim: int = 0
    points: int = 0
    backend: str = ""


@dataclasses.dataclass
class DocView:
    id: str = ""
    chunks: int = 0
    metadata: str = ""
    preview: str = ""


@dataclasses.dataclass
class HitView:
    rank: int = 0
    doc_id: str = ""
    chunk: int = 0
    text: str = ""
    metadata: str = ""
    fused_rank: int = 0
    fused_score: str = ""
    rerank_score: str = ""  # "" when not reranked


def _service():
    from spark_control.controller import current_controller

    controller = current_controller()
    service = getattr(controller, "search", None) if controller is not None else None
    if service is None:
        raise Unavailable("search is not available (the controller has no search service)")
    return service


def _json_object(raw: str, what: str) -> dict:
    raw = raw.strip()
    if not raw:
        return {}
    value = json.loads(raw)
    if not isinstance(value, dict):
        raise ValueError(f"{what} must be a JSON object")
    return value


class SearchState(rx.State):
    collections: list[CollectionView] = []
    collection: str = ""
    new_collection: str = ""
    documents: list[DocView] = []

    doc_id: str = ""
    doc_text: str = ""
    doc_metadata: str = ""

    query: str = ""
    mode: str = "hybrid"
    rerank: bool = True
    limit: str = "10"
    filter: str = ""
    results: list[HitView] = []
    result_note: str = ""

    message: str = ""
    error: str = ""
    busy: bool = False

    # --- setters (auto setters are off in Reflex 0.10) --------------------------------------
    @rx.event
    def set_new_collection(self, value: str):
        self.new_collection = value

    @rx.event
    def set_doc_id(self, value: str):
        self.doc_id = value

    @rx.event
    def set_doc_text(self, value: str):
        self.doc_text = value

    @rx.event
    def set_doc_metadata(self, value: str):
        self.doc_metadata = value

    @rx.event
    def set_query(self, value: str):
        self.query = value

    @rx.event
    def set_mode(self, value: str | list[str]):
        value = value[0] if isinstance(value, list) and value else value
        self.mode = value if value in ("hybrid", "dense", "sparse") else "hybrid"

    @rx.event
    def set_rerank(self, value: bool):
        self.rerank = bool(value)

    @rx.event
    def set_limit(self, value: str):
        self.limit = value

    @rx.event
    def set_filter(self, value: str):
        self.filter = value

    # --- actions --------------------------------------------------------------------------
    def _fail(self, text: str) -> None:
        self.message = ""
        self.error = text

    def _ok(self, text: str) -> None:
        self.error = ""
        self.message = text

    async def _refresh(self) -> None:
        svc = _service()
        self.collections = [CollectionView(c.name, c.dim, c.points, c.backend) for c in await svc.list_collections()]
        names = [c.name for c in self.collections]
        if self.collection not in names:
            self.collection = names[0] if names else ""
        self.documents = []
        if self.collection:
            docs = await svc.list_documents(self.collection, limit=200)
            self.documents = [
                DocView(d["id"], d["chunks"], json.dumps(d["metadata"]) if d["metadata"] else "", d["preview"])
                for d in docs
            ]

    @rx.event
    async def load(self):
        with call_core() as call:
            await self._refresh()
            self.error = ""
        if call.error:
            self._fail(call.error)

    @rx.event
    async def select_collection(self, name: str):
        self.collection = name
        self.results = []
        self.result_note = ""
        with call_core() as call:
            await self._refresh()
        if call.error:
            self._fail(call.error)

    @rx.event
    async def create_collection(self):
        name = self.new_collection.strip()
        with call_core() as call:
            info = await _service().create_collection(name)
            self.collection = info.name
            self.new_collection = ""
            await self._refresh()
            self._ok(f"Collection {info.name} ready ({info.dim}-d dense + sparse).")
        if call.error:
            self._fail(call.error)

    @rx.event
    async def add_document(self):
        from spark_control.search.service import DocumentIn

        if not self.collection:
            self._fail("Pick or create a collection first.")
            return
        self.busy = True
        yield
        try:
            with call_core() as call:
                meta = _json_object(self.doc_metadata, "Metadata")
                doc_id = self.doc_id.strip() or f"doc-{int(time.time() * 1000)}"
                r = await _service().ingest(self.collection, [DocumentIn(doc_id, self.doc_text, meta)])
                d = r.documents[0]
                verb = f"replaced {d.replaced} chunks with" if d.replaced else "stored"
                self._ok(f"Document {d.id}: {verb} {d.chunks} chunk(s) in {r.embed_ms + r.upsert_ms:.0f} ms.")
                self.doc_id = ""
                self.doc_text = ""
                self.doc_metadata = ""
                await self._refresh()
            if call.error:
                self._fail(call.error)
        finally:
            self.busy = False

    @rx.event
    async def delete_document(self, doc_id: str):
        with call_core() as call:
            n = await _service().delete_document(self.collection, doc_id)
            await self._refresh()
            self._ok(f"Deleted {doc_id} ({n} chunks).")
        if call.error:
            self._fail(call.error)

    @rx.event
    async def run_query(self):
        if not self.collection:
            self._fail("Pick a collection first.")
            return
        self.busy = True
        yield
        try:
            with call_core() as call:
                flt = _json_object(self.filter, "Filter") or None
                limit = max(1, min(100, int(self.limit or "10")))
                r = await _service().query(
                    self.collection, self.query, limit=limit, mode=self.mode, filter=flt, rerank=self.rerank
                )
                self.results = [
                    HitView(
                        rank=h.rank,
                        doc_id=h.doc_id,
                        chunk=h.chunk,
                        text=h.text,
                        metadata=json.dumps(h.metadata) if h.metadata else "",
                        fused_rank=h.fused_rank,
                        fused_score=f"{h.fused_score:.4f}",
                        rerank_score="" if h.rerank_score is None else f"{h.rerank_score:.3f}",
                    )
                    for h in r.hits
                ]
                t = r.timings_ms
                parts = [f"embed {t.get('embed', 0):.0f} ms", f"search {t.get('search', 0):.1f} ms"]
                if "rerank" in t:
                    parts.append(f"rerank {t['rerank']:.0f} ms")
                self.result_note = (
                    f"{len(r.hits)} result(s), {r.mode}{' + rerank' if r.reranked else ''}: " + ", ".join(parts)
                )
                self.error = ""
            if call.error:
                self._fail(call.error)
        finally:
            self.busy = False
