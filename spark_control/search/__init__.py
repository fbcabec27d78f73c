"""Hybrid search: collections of chunked documents with named dense + sparse vectors, queried
with both legs fused by RRF, optionally reranked. One interface (``engine.SearchEngine``), two
backends: the embedded Qdrant Edge engine (default, under the data folder) and a Qdrant server
through ``qdrant-client``. ``service.SearchService`` is what the API and the UI call."""
