"""Client for the embeddings service (spark_embed on Spark 2, or its simulator).

Splits large requests into batches the service accepts, sends a few batches at once, and maps
every failure to one of our errors: connection refused / 503 -> Unavailable (with Retry-After),
timeout -> UpstreamTimeout, 413 -> PayloadTooLarge, 400/422 -> BadRequest, 429 -> Busy,
anything else or a body of the wrong shape -> UpstreamError."""

from __future__ import annotations

import asyncio
import logging
import re
from dataclasses import dataclass
from typing import TypeVar

import httpx
from pydantic import BaseModel, ValidationError

from spark_control.errors import (
    BadRequest,
    Busy,
    PayloadTooLarge,
    SparkControlError,
    Unavailable,
    UpstreamError,
    UpstreamTimeout,
)
from spark_embed.wire import EmbedRequest, EmbedResponse, Health, RerankRequest, RerankResponse, SparseVector

log = logging.getLogger(__name__)

M = TypeVar("M", bound=BaseModel)

DEFAULT_TIMEOUT = httpx.Timeout(60.0, connect=3.0)


@dataclass(frozen=True)
class Embeddings:
    """Result of :meth:`EmbedClient.embed`, in input order."""

    model: str
    dim: int
    dense: list[list[float]] | None
    sparse: list[SparseVector] | None
    prompt_tokens: int


@dataclass(frozen=True)
class Ranked:
    index: int
    relevance_score: float


class EmbedClient:
    """``EmbedClient(base_url)``; ``await start()`` opens the connection pool, ``await stop()`` closes it.

    ``batch_size`` inputs go in one upstream call; at most ``concurrency`` calls are in flight per
    request. Pass ``transport`` (an httpx transport) to talk to an in-process app in tests."""

    def __init__(
        self,
        base_url: str,
        *,
        timeout: httpx.Timeout | float = DEFAULT_TIMEOUT,
        batch_size: int = 32,
        concurrency: int = 2,
        max_inputs: int = 4096,
        transport: httpx.AsyncBaseTransport | None = None,
    ) -> None:
        if batch_size < 1 or concurrency < 1:
            raise ValueError("batch_size and concurrency must be >= 1")
        self.base_url = base_url.rstrip("/")
        self.timeout = timeout
        self.batch_size = batch_size
        self.concurrency = concurrency
        self.max_inputs = max_inputs
        self._transport = transport
        self._client: httpx.AsyncClient | None = None
        self._info: Health | None = None

    async def start(self) -> None:
        if self._client is None:
            self._client = httpx.AsyncClient(base_url=self.base_url, timeout=self.timeout, transport=self._transport)

    async def stop(self) -> None:
        if self._client is not None:
            await self._client.aclose()
            self._client = None

    def repoint(self, base_url: str) -> None:
        """Send the next requests to ``base_url`` (the node's address or port changed on the
        Settings page); requests already running finish where they started."""
        self.base_url = base_url.rstrip("/")
        self._info = None  # what /health said belongs to the old address
        if self._client is not None:
            self._client.base_url = self.base_url

    @property
    def client(self) -> httpx.AsyncClient:
        if self._client is None:  # lazily, so a forgotten start() is not an outage
            self._client = httpx.AsyncClient(base_url=self.base_url, timeout=self.timeout, transport=self._transport)
        return self._client

    # --- calls -----------------------------------------------------------------------------

    async def health(self) -> Health:
        data = await self._call("GET", "/health")
        self._info = _parse(Health, data, "/health")
        return self._info

    async def dense_dim(self) -> int:
        """The dense dimension of the loaded model (asked once, then remembered)."""
        if self._info is None:
            await self.health()
        assert self._info is not None
        dim = self._info.models["embed"].dim if "embed" in self._info.models else None
        if not dim:
            raise UpstreamError("embeddings service /health does not report a dense dimension")
        return dim

    async def embed(
        self, texts: list[str], *, dense: bool = True, sparse: bool = True, truncate: bool = False
    ) -> Embeddings:
        if not texts:
            raise BadRequest("input must contain at least one text", param="input")
        if len(texts) > self.max_inputs:
            raise PayloadTooLarge(f"too many inputs: {len(texts)} > {self.max_inputs} per request", param="input")
        for i, t in enumerate(texts):
            if not isinstance(t, str) or not t.strip():
                raise BadRequest(f"input {i} is empty", param="input")
        batches = [texts[i : i + self.batch_size] for i in range(0, len(texts), self.batch_size)]
        sem = asyncio.Semaphore(self.concurrency)

        async def one(start: int, batch: list[str]) -> EmbedResponse:
            async with sem:
                body = EmbedRequest(inputs=batch, dense=dense, sparse=sparse, truncate=truncate)
                try:
                    data = await self._call("POST", "/embed", json=body.model_dump())
                except (PayloadTooLarge, BadRequest) as e:
                    raise type(e)(_shift_index(e.message, start), param="input") from None
                resp = _parse(EmbedResponse, data, "/embed")
                _check_counts(resp, len(batch), dense, sparse)
                return resp

        parts = await asyncio.gather(*(one(i * self.batch_size, b) for i, b in enumerate(batches)))
        return Embeddings(
            model=parts[0].model,
            dim=parts[0].dim,
            dense=[v for p in parts for v in (p.dense or [])] if dense else None,
            sparse=[v for p in parts for v in (p.sparse or [])] if sparse else None,
            prompt_tokens=sum(p.usage.prompt_tokens for p in parts),
        )

    async def rerank(self, query: str, documents: list[str], top_n: int | None = None) -> tuple[str, list[Ranked]]:
        """Scores for ``documents`` against ``query``, best first (``top_n`` of them)."""
        if not query.strip():
            raise BadRequest("query is empty", param="query")
        if not documents:
            return "", []
        body = RerankRequest(query=query, documents=documents, top_n=top_n)
        data = await self._call("POST", "/rerank", json=body.model_dump(exclude_none=True))
        resp = _parse(RerankResponse, data, "/rerank")
        ranked = [Ranked(r.index, r.relevance_score) for r in resp.results]
        if any(not 0 <= r.index < len(documents) for r in ranked):
            raise UpstreamError("embeddings service /rerank returned an index out of range")
        ranked.sort(key=lambda r: (-r.relevance_score, r.index))
        return resp.model, ranked[:top_n] if top_n else ranked

    # --- transport ---------------------------------------------------------------------------

    async def _call(self, method: str, path: str, json: dict | None = None) -> object:
        try:
            r = await self.client.request(method, path, json=json)
        except httpx.TimeoutException:
            raise UpstreamTimeout(f"embeddings service did not answer {path} in time") from None
        except httpx.TransportError as e:
            raise Unavailable(
                f"embeddings service unreachable at {self.base_url} ({type(e).__name__})", retry_after=5
            ) from None
        if r.status_code >= 400:
            raise _map_status(r, path)
        try:
            return r.json()
        except ValueError:
            raise UpstreamError(f"embeddings service {path} returned a body that is not JSON") from None


def _upstream_message(r: httpx.Response) -> str:
    try:
        body = r.json()
        err = body.get("error") if isinstance(body, dict) else None
        if isinstance(err, dict) and err.get("message"):
            return str(err["message"])
        if isinstance(err, str):
            return err
        if isinstance(body, dict) and body.get("detail"):
            return str(body["detail"])
    except ValueError:
        pass
    return r.text[:200] or r.reason_phrase


def _map_status(r: httpx.Response, path: str) -> SparkControlError:
    msg = _upstream_message(r)
    retry = r.headers.get("Retry-After")
    retry_after = float(retry) if retry and retry.replace(".", "", 1).isdigit() else None
    s = r.status_code
    if s == 413:
        return PayloadTooLarge(msg)
    if s in (400, 422):
        return BadRequest(msg)
    if s == 429:
        return Busy(f"embeddings service is busy: {msg}", retry_after=retry_after or 1)
    if s == 503:
        return Unavailable(f"embeddings service unavailable: {msg}", retry_after=retry_after or 5)
    if s == 504:
        return UpstreamTimeout(f"embeddings service timed out: {msg}")
    log.warning("embeddings service %s answered %s", path, s)
    return UpstreamError(f"embeddings service {path} failed ({s}): {msg}")


def _parse(model: type[M], data: object, path: str) -> M:
    try:
        return model.model_validate(data)
    except ValidationError as e:
        raise UpstreamError(f"embeddings service {path} returned a malformed body ({e.error_count()} errors)") from None


def _check_counts(resp: EmbedResponse, n: int, dense: bool, sparse: bool) -> None:
    if dense and (resp.dense is None or len(resp.dense) != n or any(len(v) != resp.dim for v in resp.dense)):
        raise UpstreamError("embeddings service /embed returned the wrong number or size of dense vectors")
    if sparse and (resp.sparse is None or len(resp.sparse) != n):
        raise UpstreamError("embeddings service /embed returned the wrong number of sparse vectors")


def _shift_index(message: str, start: int) -> str:
    """Upstream numbers inputs within its batch; tell the caller the index in their request."""
    if start == 0:
        return message
    return re.sub(r"\binput (\d+)\b", lambda m: f"input {int(m.group(1)) + start}", message, count=1)
