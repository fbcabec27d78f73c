"""Client for vLLM's OpenAI-compatible server: one keep-alive connection pool (``http1.py``,
HTTP/1.1, no per-host connection cap: the gateway's concurrency limit bounds it), explicit connect
and read timeouts, and transport failures turned into our exceptions. It never reads a streamed
body itself: the caller gets the open response and passes its raw chunks on."""

from __future__ import annotations

import json
import logging

from spark_control.errors import SparkControlError, Unavailable, UpstreamError, UpstreamTimeout
from spark_control.upstreams import http1

log = logging.getLogger(__name__)


class UpstreamUnreachable(Unavailable):
    """vLLM refused the connection (loading, stopped, crashed)."""


class UpstreamRejected(SparkControlError):
    """vLLM answered with an error status; its status, type and message are passed on as they are."""

    def __init__(
        self, status: int, message: str, kind: str = "upstream_error", param: str | None = None, code: object = None
    ) -> None:
        super().__init__(message, param=param)
        self.status = status
        self.kind = kind
        self.upstream_code = code


class VLLMUpstream:
    def __init__(
        self,
        *,
        connect_timeout: float = 5.0,
        read_timeout: float = 300.0,
        max_connections: int = 256,
        api_key: str = "",
    ) -> None:
        self.headers = {"content-type": "application/json"}
        # vLLM started with --api-key guards every /v1/* route, GETs included
        self.get_headers: dict[str, str] | None = None
        if api_key:
            self.headers["authorization"] = f"Bearer {api_key}"
            self.get_headers = {"authorization": f"Bearer {api_key}"}
        self.pool = http1.HTTP1Pool(
            connect_timeout=connect_timeout, read_timeout=read_timeout, max_idle_per_host=max_connections
        )

    def set_timeouts(self, *, connect: float | None = None, read: float | None = None) -> None:
        if connect is not None:
            self.pool.connect_timeout = connect
        if read is not None:
            self.pool.read_timeout = read

    async def open(self, base_url: str, path: str, body: bytes) -> http1.Response:
        """POST ``body`` to ``base_url + path``; return the response with its body unread (any
        status). The caller must ``aclose()`` it."""
        return await self._request("POST", base_url, path, body, self.headers)

    async def _request(
        self, method: str, base_url: str, path: str, body: bytes, headers: dict[str, str] | None
    ) -> http1.Response:
        try:
            return await self.pool.request(method, base_url, path, body, headers)
        except http1.ConnectTimeout:
            raise UpstreamTimeout(f"vLLM at {base_url} did not accept the connection in time") from None
        except http1.ReadTimeout:
            raise UpstreamTimeout(f"vLLM at {base_url} did not answer in time") from None
        except http1.ConnectFailed as e:
            raise UpstreamUnreachable(
                f"vLLM at {base_url} refused the connection ({e}); it may be loading or down", retry_after=5.0
            ) from None
        except http1.HTTPClientError as e:
            raise UpstreamError(f"vLLM at {base_url} failed before answering ({e})") from None

    async def get_json(self, base_url: str, path: str) -> object:
        resp = await self._request("GET", base_url, path, b"", self.get_headers)
        try:
            raw = await resp.aread()
        except http1.ReadTimeout:
            raise UpstreamTimeout(f"vLLM at {base_url} did not answer in time") from None
        except http1.HTTPClientError as e:
            raise UpstreamError(f"vLLM at {base_url} failed: {e}") from None
        finally:
            await resp.aclose()
        if resp.status != 200:
            raise rejected_from_body(resp.status, raw)
        try:
            return json.loads(raw)
        except ValueError:
            raise UpstreamError(f"vLLM at {base_url} sent invalid JSON for {path}") from None

    async def aclose(self) -> None:
        await self.pool.aclose()


def rejected_from_body(status: int, body: bytes) -> UpstreamRejected:
    """vLLM's error body -> UpstreamRejected. Understands the current shape
    ``{"error": {message, type, param, code}}``, the older flat ``{"object": "error", ...}``,
    ``{"error": "Unauthorized"}`` and plain text."""
    try:
        data = json.loads(body)
    except ValueError:
        text = body.decode("utf-8", "replace").strip()[:2000]
        return UpstreamRejected(status, text or f"vLLM answered HTTP {status}")
    if isinstance(data, dict):
        err = data.get("error")
        if isinstance(err, dict):
            data = err
        elif isinstance(err, str):
            data = {"message": err}
        msg = data.get("message") or data.get("detail") or f"vLLM answered HTTP {status}"
        if not isinstance(msg, str):
            msg = json.dumps(msg)
        kind = data.get("type") if isinstance(data.get("type"), str) else "upstream_error"
        param = data.get("param") if isinstance(data.get("param"), str) else None
        return UpstreamRejected(status, msg, kind, param, data.get("code"))
    return UpstreamRejected(status, f"vLLM answered HTTP {status}")
