"""HTTP client for Kokoro-FastAPI on Spark 2 (``/v1/audio/speech``, ``/v1/audio/voices``).

Speech streams through chunk by chunk (never buffered whole). The voice list changed shape
across Kokoro versions (``{"voices": ["af_bella"]}`` up to v0.3, ``{"voices": [{"id","name"}]}``
from v0.4); ``normalize_voices`` accepts both."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from typing import Any

import httpx

from spark_control.errors import BadRequest, Unavailable, UpstreamError, UpstreamTimeout
from spark_control.upstreams.asr import ServiceClient, _detail, raise_for_upstream

log = logging.getLogger(__name__)


def normalize_voices(body: Any) -> list[dict[str, str]]:
    """Both Kokoro shapes (and a bare list) -> ``[{"id", "name"}]``."""
    items = body.get("voices", []) if isinstance(body, dict) else body if isinstance(body, list) else []
    out = []
    for v in items:
        if isinstance(v, str):
            out.append({"id": v, "name": v})
        elif isinstance(v, dict) and (v.get("id") or v.get("name")):
            vid = str(v.get("id") or v.get("name"))
            out.append({"id": vid, "name": str(v.get("name") or vid)})
    return out


@dataclass
class SpeechStream:
    media_type: str
    headers: dict[str, str]
    chunks: AsyncIterator[bytes]


class TtsClient(ServiceClient):
    def __init__(self, base_url: str, *, timeout: float = 300.0, transport: httpx.AsyncBaseTransport | None = None):
        super().__init__(base_url, timeout=timeout, transport=transport)

    async def voices(self) -> list[dict[str, str]]:
        try:
            resp = await self._client.get("/v1/audio/voices", timeout=10.0)
        except httpx.TimeoutException as e:
            raise UpstreamTimeout("Kokoro /v1/audio/voices timed out") from e
        except httpx.TransportError as e:
            raise Unavailable(f"Kokoro is unreachable ({type(e).__name__})", retry_after=5) from e
        raise_for_upstream(resp, "Kokoro")
        return normalize_voices(resp.json())

    @asynccontextmanager
    async def speech(self, payload: dict[str, Any]) -> AsyncIterator[SpeechStream]:
        """Open a speech stream; errors (bad voice, busy) raise before the first byte is yielded."""
        req = self._client.build_request("POST", "/v1/audio/speech", json=payload)
        try:
            resp = await self._client.send(req, stream=True)
        except httpx.TimeoutException as e:
            raise UpstreamTimeout("Kokoro did not start answering in time") from e
        except httpx.TransportError as e:
            raise Unavailable(f"Kokoro is unreachable ({type(e).__name__})", retry_after=5) from e
        try:
            if resp.status_code >= 400:
                await resp.aread()
                if resp.status_code == 400:
                    raise BadRequest(f"Kokoro refused the request: {_detail(resp)}")
                raise_for_upstream(resp, "Kokoro")
            headers = {
                k: v for k, v in resp.headers.items() if k.lower() in ("content-disposition", "x-accel-buffering")
            }
            yield SpeechStream(
                resp.headers.get("content-type", "application/octet-stream"), headers, resp.aiter_bytes()
            )
        except httpx.HTTPError as e:
            raise UpstreamError(f"Kokoro stream broke: {type(e).__name__}") from e
        finally:
            await resp.aclose()
