"""HTTP client for vLLM's OpenAI-compatible server: one pooled keep-alive ``httpx.AsyncClient``
for every request (HTTP/1.1, sized for hundreds of concurrent streams), explicit timeouts, and
transport failures turned into our exceptions. It never reads a streamed body itself: the
caller gets the open ``httpx.Response`` and passes its raw chunks on."""

from __future__ import annotations

import logging

import httpx

from spark_control.errors import Busy, SparkControlError, Unavailable, UpstreamError, UpstreamTimeout

log = logging.getLogger(__name__)


class UpstreamUnreachable(Unavailable):
    """vLLM refused or dropped the connection before answering (loading, stopped, crashed)."""


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
        self._base_headers = {"content-type": "application/json", "accept-encoding": "identity"}
        if api_key:
            self._base_headers["authorization"] = f"Bearer {api_key}"
        self.client = httpx.AsyncClient(
            http1=True,
            http2=False,
            trust_env=False,  # never route LAN traffic through a proxy from the environment
            follow_redirects=False,
            limits=httpx.Limits(
                max_connections=max_connections, max_keepalive_connections=max_connections, keepalive_expiry=60.0
            ),
            timeout=httpx.Timeout(connect=connect_timeout, read=read_timeout, write=read_timeout, pool=connect_timeout),
        )

    async def open(self, base_url: str, path: str, body: bytes) -> httpx.Response:
        """POST ``body`` to ``base_url + path`` and return the response with its body unread
        (any status). The caller must ``aclose()`` it."""
        request = self.client.build_request("POST", base_url + path, content=body, headers=self._base_headers)
        try:
            return await self.client.send(request, stream=True)
        except httpx.ConnectTimeout:
            raise UpstreamTimeout(f"vLLM at {base_url} did not accept the connection in time") from None
        except httpx.PoolTimeout:
            raise Busy("all connections to vLLM are busy", retry_after=1.0) from None
        except httpx.TimeoutException:
            raise UpstreamTimeout(f"vLLM at {base_url} did not answer in time") from None
        except httpx.ConnectError as e:
            raise UpstreamUnreachable(
                f"vLLM at {base_url} refused the connection ({e}); it may be loading or down", retry_after=5.0
            ) from None
        except httpx.TransportError as e:
            raise UpstreamError(f"vLLM at {base_url} closed the connection before answering ({e})") from None

    async def get_json(self, base_url: str, path: str) -> object:
        try:
            resp = await self.client.get(base_url + path)
        except httpx.TimeoutException:
            raise UpstreamTimeout(f"vLLM at {base_url} did not answer in time") from None
        except httpx.ConnectError as e:
            raise UpstreamUnreachable(f"vLLM at {base_url} refused the connection ({e})", retry_after=5.0) from None
        except httpx.TransportError as e:
            raise UpstreamError(f"vLLM at {base_url} failed: {e}") from None
        if resp.status_code != 200:
            raise rejected_from_body(resp.status_code, resp.content)
        try:
            return resp.json()
        except ValueError:
            raise UpstreamError(f"vLLM at {base_url} sent invalid JSON for {path}") from None

    async def aclose(self) -> None:
        await self.client.aclose()


def rejected_from_body(status: int, body: bytes) -> UpstreamRejected:
    """vLLM's error body -> UpstreamRejected. Understands the current shape
    ``{"error": {message, type, param, code}}``, the older flat ``{"object": "error", ...}``,
    ``{"error": "Unauthorized"}`` and plain text."""
    import json

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
