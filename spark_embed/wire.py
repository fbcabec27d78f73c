"""Wire format of the embeddings service (the spark_embed container and its simulator).

Routes (every error is ``{"error": {"message", "type", "code"}}`` with the HTTP status):

- ``GET  /health``          -> :class:`Health` (loaded models, dims, device, limits)
- ``POST /embed``           :class:`EmbedRequest` -> :class:`EmbedResponse` (dense + sparse)
- ``POST /v1/embeddings``   OpenAI shape (:class:`OpenAIEmbeddingsRequest` -> :class:`OpenAIEmbeddingsResponse`)
- ``POST /rerank``          Cohere/Jina shape (:class:`RerankRequest` -> :class:`RerankResponse`)

Status codes: 400 empty input, 413 too many inputs / an input longer than the model's limit
(unless ``truncate``), 422 malformed body, 503 model not loaded yet (with Retry-After).

Only pydantic here: this module is imported by the container, the simulator and the gateway.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

# bge-m3's sparse keys are XLM-R token ids; its vocabulary has this many entries.
BGE_M3_VOCAB = 250_002
BGE_M3_DIM = 1024


class Usage(BaseModel):
    prompt_tokens: int = 0
    total_tokens: int = 0


class SparseVector(BaseModel):
    """Token-id -> weight, as parallel lists (Qdrant's shape). Indices are unique."""

    indices: list[int]
    values: list[float]


class EmbedRequest(BaseModel):
    inputs: str | list[str]
    dense: bool = True
    sparse: bool = True
    truncate: bool = False  # False: an input over the model's token limit is a 413, not silently cut


class EmbedResponse(BaseModel):
    model: str
    dim: int
    dense: list[list[float]] | None = None
    sparse: list[SparseVector] | None = None
    usage: Usage = Field(default_factory=Usage)


class OpenAIEmbeddingsRequest(BaseModel):
    input: str | list[str]
    model: str | None = None
    encoding_format: Literal["float", "base64"] = "float"
    dimensions: int | None = None
    user: str | None = None


class OpenAIEmbedding(BaseModel):
    object: Literal["embedding"] = "embedding"
    index: int
    embedding: list[float] | str  # str when encoding_format=base64 (little-endian float32)


class OpenAIEmbeddingsResponse(BaseModel):
    object: Literal["list"] = "list"
    data: list[OpenAIEmbedding]
    model: str
    usage: Usage = Field(default_factory=Usage)


class RerankRequest(BaseModel):
    query: str
    documents: list[str]
    top_n: int | None = Field(default=None, ge=1)
    return_documents: bool = False
    model: str | None = None
    truncate: bool = True  # pairs longer than the limit are cut (a reranker reads the start)


class RerankDocument(BaseModel):
    text: str


class RerankResult(BaseModel):
    index: int
    relevance_score: float
    document: RerankDocument | None = None


class RerankResponse(BaseModel):
    object: Literal["rerank"] = "rerank"
    model: str
    results: list[RerankResult]
    usage: Usage = Field(default_factory=Usage)


class ModelInfo(BaseModel):
    name: str
    kind: str  # embed: "bge-m3" | "sentence-transformers" | "hash"; rerank: "cross-encoder" | "cosine" | "lexical"
    dim: int | None = None
    sparse: bool | None = None  # embed models: does it produce sparse vectors
    max_tokens: int | None = None


class Limits(BaseModel):
    max_inputs: int  # per /embed or /v1/embeddings request
    max_documents: int  # per /rerank request
    max_tokens: int  # per input, unless truncate
    max_batch: int  # inputs per model call (server-side batching)


class Health(BaseModel):
    status: Literal["ok", "loading"]
    device: str  # "cuda:0 (NVIDIA GB10)" | "cpu" | "sim"
    models: dict[str, ModelInfo]  # "embed" and "rerank"
    limits: Limits


class ErrorDetail(BaseModel):
    message: str
    type: str
    code: int


class ErrorResponse(BaseModel):
    error: ErrorDetail
