"""Search page: pick or create a collection, add documents, query, and see each hit's fused (RRF)
rank and score next to its rerank score."""

from __future__ import annotations

import reflex as rx

from spark_control.state.search import CollectionView, DocView, HitView, SearchState

ROUTE = "/search"
TITLE = "Search"
ICON = "search"


def _collection_picker() -> rx.Component:
    return rx.card(
        rx.vstack(
            rx.heading("Collection", size="3"),
            rx.hstack(
                rx.select.root(
                    rx.select.trigger(placeholder="Pick a collection", id="search-collection-select"),
                    rx.select.content(
                        rx.foreach(
                            SearchState.collections,
                            lambda c: rx.select.item(c.name, value=c.name),
                        )
                    ),
                    value=SearchState.collection,
                    on_change=SearchState.select_collection,
                ),
                rx.input(
                    placeholder="new collection name",
                    value=SearchState.new_collection,
                    on_change=SearchState.set_new_collection,
                    id="search-new-collection",
                ),
                rx.button("Create", on_click=SearchState.create_collection, id="search-create-collection"),
                align="center",
                spacing="2",
                wrap="wrap",
            ),
            rx.foreach(SearchState.collections, _collection_line),
            spacing="2",
            width="100%",
        ),
        width="100%",
    )


def _collection_line(c: CollectionView) -> rx.Component:
    return rx.cond(
        c.name == SearchState.collection,
        rx.text(
            c.points.to_string() + " chunks, " + c.dim.to_string() + "-d dense + sparse, engine: " + c.backend,
            size="1",
            color_scheme="gray",
            id="search-collection-info",
        ),
    )


def _add_document() -> rx.Component:
    return rx.card(
        rx.vstack(
            rx.heading("Add a document", size="3"),
            rx.hstack(
                rx.input(
                    placeholder="document id (re-adding an id replaces it)",
                    value=SearchState.doc_id,
                    on_change=SearchState.set_doc_id,
                    id="search-doc-id",
                    width="50%",
                ),
                rx.input(
                    placeholder='metadata JSON, e.g. {"lang": "en"}',
                    value=SearchState.doc_metadata,
                    on_change=SearchState.set_doc_metadata,
                    id="search-doc-metadata",
                    width="50%",
                ),
                width="100%",
            ),
            rx.text_area(
                placeholder="text (chunked, embedded dense + sparse, stored)",
                value=SearchState.doc_text,
                on_change=SearchState.set_doc_text,
                id="search-doc-text",
                rows="5",
                width="100%",
            ),
            rx.button(
                "Add document", on_click=SearchState.add_document, loading=SearchState.busy, id="search-add-document"
            ),
            spacing="2",
            width="100%",
        ),
        width="100%",
    )


def _doc_row(d: DocView) -> rx.Component:
    return rx.table.row(
        rx.table.cell(rx.code(d.id)),
        rx.table.cell(d.chunks),
        rx.table.cell(rx.text(d.metadata, size="1", color_scheme="gray")),
        rx.table.cell(rx.text(d.preview, size="1")),
        rx.table.cell(
            rx.icon_button(
                rx.icon("trash-2", size=14),
                size="1",
                variant="ghost",
                color_scheme="red",
                on_click=SearchState.delete_document(d.id),
                id="search-delete-" + d.id,
            )
        ),
    )


def _documents() -> rx.Component:
    return rx.cond(
        SearchState.documents.length() > 0,
        rx.card(
            rx.heading("Documents", size="3"),
            rx.table.root(
                rx.table.header(
                    rx.table.row(*[rx.table.column_header_cell(h) for h in ("id", "chunks", "metadata", "start", "")])
                ),
                rx.table.body(rx.foreach(SearchState.documents, _doc_row)),
                size="1",
                id="search-documents",
            ),
            width="100%",
        ),
    )


def _query_form() -> rx.Component:
    return rx.card(
        rx.vstack(
            rx.heading("Query", size="3"),
            rx.hstack(
                rx.input(
                    placeholder="ask something",
                    value=SearchState.query,
                    on_change=SearchState.set_query,
                    id="search-query",
                    width="100%",
                ),
                rx.button("Search", on_click=SearchState.run_query, loading=SearchState.busy, id="search-run"),
                width="100%",
            ),
            rx.hstack(
                rx.segmented_control.root(
                    rx.segmented_control.item("Hybrid", value="hybrid"),
                    rx.segmented_control.item("Dense", value="dense"),
                    rx.segmented_control.item("Sparse", value="sparse"),
                    value=SearchState.mode,
                    on_change=SearchState.set_mode,
                    id="search-mode",
                ),
                rx.hstack(
                    rx.switch(checked=SearchState.rerank, on_change=SearchState.set_rerank, id="search-rerank"),
                    rx.text("Rerank", size="2"),
                    align="center",
                ),
                rx.input(value=SearchState.limit, on_change=SearchState.set_limit, width="4em", id="search-limit"),
                rx.input(
                    placeholder='filter JSON, e.g. {"lang": "en", "year": {"gte": 2024}}',
                    value=SearchState.filter,
                    on_change=SearchState.set_filter,
                    id="search-filter",
                    width="100%",
                ),
                align="center",
                spacing="3",
                width="100%",
            ),
            spacing="2",
            width="100%",
        ),
        width="100%",
    )


def _hit_row(h: HitView) -> rx.Component:
    return rx.table.row(
        rx.table.cell(h.rank),
        rx.table.cell(rx.code(h.doc_id + "#" + h.chunk.to_string())),
        rx.table.cell(h.fused_rank.to_string() + " / " + h.fused_score),
        rx.table.cell(rx.cond(h.rerank_score != "", rx.badge(h.rerank_score, variant="soft"), rx.text("-"))),
        rx.table.cell(
            rx.vstack(rx.text(h.text, size="2"), rx.text(h.metadata, size="1", color_scheme="gray"), spacing="1")
        ),
    )


def _results() -> rx.Component:
    return rx.vstack(
        rx.text(SearchState.result_note, size="1", color_scheme="gray", id="search-result-note"),
        rx.cond(
            SearchState.results.length() > 0,
            rx.table.root(
                rx.table.header(
                    rx.table.row(
                        *[
                            rx.table.column_header_cell(h)
                            for h in ("#", "chunk", "fused rank / RRF score", "rerank", "text")
                        ]
                    )
                ),
                rx.table.body(rx.foreach(SearchState.results, _hit_row)),
                size="1",
                width="100%",
                id="search-results",
            ),
        ),
        width="100%",
    )


def content() -> rx.Component:
    return rx.vstack(
        rx.text(
            "Hybrid search: dense and sparse (bge-m3) legs fused with reciprocal rank fusion, optionally "
            "reranked. RRF scores only order results; compare rerank scores, not fused ones.",
            size="2",
            color_scheme="gray",
        ),
        rx.cond(
            SearchState.error != "",
            rx.callout(SearchState.error, icon="triangle-alert", color_scheme="red", id="search-error"),
        ),
        rx.cond(
            SearchState.message != "",
            rx.callout(SearchState.message, icon="check", color_scheme="green", id="search-message"),
        ),
        _collection_picker(),
        _add_document(),
        _documents(),
        _query_form(),
        _results(),
        spacing="4",
        width="100%",
        max_width="1100px",
    )


def page() -> rx.Component:
    from spark_control.components.layout import layout

    return layout(TITLE, content())
