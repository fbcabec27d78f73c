"""HTTP client for parakeet-asr on Spark 2 (the server in ``parakeet_patches/main.py``).

Wire format (multipart uploads, 16 kHz mono WAV preferred):

- ``POST /transcribe`` (``file``; form ``timestamps=true``) ->
  ``{"text", "duration", "language", "model", "words": [{"word","start","end"}], "segments": [{"start","end","text"}]}``
- ``POST /diarize`` (``file``; form ``embeddings=true|false``) ->
  ``{"duration", "segments": [{"start","end","speaker": "speaker_0"}], "speakers": [{"speaker","embedding"}],
  "embedding_dim", "embedding_model"}``; labels restart per call in arrival order, at most 4.
- ``POST /voiceprint`` (``file``) -> ``{"embedding": [...], "dim", "model", "duration"}``
- ``GET /health`` -> ``{"status": "ok", "patch_version", "busy", "models": {...}}``
- Errors: ``{"detail": "..."}``; 503 when the GPU is busy or failed (cuFFT), 400 for bad audio.

Every call here must go through the audio queue (``speech/queue.py``); this module only speaks HTTP.
"""

from __future__ import annotations

import logging
from typing import Any

import httpx

from spark_control.errors import BadRequest, Unavailable, UpstreamError, UpstreamTimeout
from spark_control.speech.queue import UpstreamBusy

log = logging.getLogger(__name__)


def _detail(resp: httpx.Response) -> str:
    try:
        body = resp.json()
    except ValueError:
        return resp.text[:300]
    d = body.get("detail", body) if isinstance(body, dict) else body
    if isinstance(d, dict):
        d = d.get("message") or d.get("error") or str(d)
    return str(d)[:300]


def raise_for_upstream(resp: httpx.Response, service: str) -> None:
    if resp.status_code < 400:
        return
    msg = f"{service} answered {resp.status_code}: {_detail(resp)}"
    if resp.status_code == 503:
        raise UpstreamBusy(msg, retry_after=float(resp.headers.get("retry-after", "1") or 1))
    if resp.status_code in (400, 415, 422):
        raise BadRequest(msg)
    raise UpstreamError(msg)


class ServiceClient:
    """One pooled httpx client for a speech service on Spark 2 (parakeet-asr, Kokoro)."""

    def __init__(self, base_url: str, *, timeout: float, transport: httpx.AsyncBaseTransport | None = None):
        self.base_url = base_url.rstrip("/")
        self._client = httpx.AsyncClient(
            base_url=self.base_url, timeout=httpx.Timeout(timeout, connect=5.0), transport=transport
        )

    async def aclose(self) -> None:
        await self._client.aclose()

    def repoint(self, base_url: str) -> None:
        """Send the next requests to ``base_url`` (the node's address or port changed on the
        Settings page); requests already running finish where they started."""
        self.base_url = base_url.rstrip("/")
        self._client.base_url = self.base_url


class AsrClient(ServiceClient):
    def __init__(self, base_url: str, *, timeout: float = 600.0, transport: httpx.AsyncBaseTransport | None = None):
        super().__init__(base_url, timeout=timeout, transport=transport)

    async def _post(self, path: str, wav: bytes, data: dict[str, str] | None = None) -> dict[str, Any]:
        try:
            resp = await self._client.post(path, files={"file": ("audio.wav", wav, "audio/wav")}, data=data or {})
        except httpx.TimeoutException as e:
            raise UpstreamTimeout(f"parakeet-asr did not answer {path} in time") from e
        except httpx.TransportError as e:
            raise Unavailable(f"parakeet-asr is unreachable ({type(e).__name__})", retry_after=5) from e
        raise_for_upstream(resp, "parakeet-asr")
        try:
            return resp.json()
        except ValueError as e:
            raise UpstreamError(f"parakeet-asr {path} returned invalid JSON") from e

    async def transcribe(self, wav: bytes) -> dict[str, Any]:
        return await self._post("/transcribe", wav, {"timestamps": "true"})

    async def diarize(self, wav: bytes, *, embeddings: bool = True) -> dict[str, Any]:
        return await self._post("/diarize", wav, {"embeddings": "true" if embeddings else "false"})

    async def voiceprint(self, wav: bytes) -> dict[str, Any]:
        return await self._post("/voiceprint", wav)

    async def health(self, wait_s: float = 5.0) -> dict[str, Any]:
        try:
            resp = await self._client.get("/health", timeout=wait_s)
        except httpx.TimeoutException as e:
            raise UpstreamTimeout("parakeet-asr /health timed out (it stalls while the GPU is busy)") from e
        except httpx.TransportError as e:
            raise Unavailable(f"parakeet-asr is unreachable ({type(e).__name__})", retry_after=5) from e
        raise_for_upstream(resp, "parakeet-asr")
        return resp.json()
