"""The embeddings container that runs on Spark 2 (bge-m3 dense + sparse, bge reranker).

``wire.py`` is the service's wire format: the only module here without heavy dependencies, shared
by the container app (``app.py``), the simulator (``spark_control/sim/embed_server.py``) and the
gateway's client (``spark_control/upstreams/embed.py``)."""
