"""The LLM gateway: an OpenAI-compatible proxy in front of the vLLM that serves now.

One request, in order:
1. body: a JSON object (else 400); ``model`` resolved against aliases, the catalog and the
   serving model (unknown -> 404 in OpenAI's shape). Nothing here ever starts a swap.
2. route: no swap -> the serving model, or 409 if the request names another catalog model.
   During a swap the request is HELD (bounded: ``hold_max`` waiting, ``hold_timeout_s`` each)
   until the swap ends, then released to the model that serves: the new one, or the restored one
   after a rollback. A request naming the OUTGOING model gets 409 at once (unless an alias maps
   that name to ``@serving``). Held too long, or the hold queue full -> 503 + Retry-After (swap ETA).
3. limits: at most ``max_concurrency`` requests upstream at once, else 429 + Retry-After.
4. forward with one pooled keep-alive client; vLLM errors come back with vLLM's status and message
   in OpenAI's error shape; connect/read timeouts -> 504. The response is passed on chunk by
   chunk by ``ProxyResponse`` (see ``stream.py`` for the mid-stream failure event).
"""

from __future__ import annotations

import asyncio
import json
import logging
import time
from dataclasses import dataclass

from spark_control.catalog import Catalog
from spark_control.errors import (
    BadRequest,
    Busy,
    Conflict,
    NotFound,
    SparkControlError,
    Unavailable,
    UpstreamError,
)
from spark_control.llm.config import FOLLOW_SERVING, LLMConfig
from spark_control.llm.metrics import LLMMetrics
from spark_control.llm.serving import Serving, ServingTarget
from spark_control.llm.stream import ProxyResponse
from spark_control.upstreams import http1
from spark_control.upstreams.vllm import UpstreamUnreachable, VLLMUpstream, rejected_from_body

log = logging.getLogger(__name__)

ENDPOINTS = ("chat/completions", "completions")


@dataclass(frozen=True)
class Wanted:
    """What a request asked for: a named served model, or whatever serves (``follow``)."""

    follow: bool
    served: str | None  # served name when not ``follow``
    rewrite: bool  # the body's "model" must be replaced by the served name


class LLMGateway:
    def __init__(
        self, config: LLMConfig, catalog: Catalog, target: ServingTarget, *, upstream: VLLMUpstream | None = None
    ) -> None:
        self.config = config
        self.catalog = catalog
        self.target = target
        self.upstream = upstream or VLLMUpstream(
            connect_timeout=config.connect_timeout_s,
            read_timeout=config.read_timeout_s,
            max_connections=config.max_concurrency,
            api_key=config.upstream_api_key,
        )
        self.metrics = LLMMetrics()
        self._slots = asyncio.Semaphore(config.max_concurrency)
        self._held = 0
        self._in_flight = 0
        self._idle = asyncio.Event()
        self._idle.set()

    async def start(self) -> None:
        log.info(
            "LLM gateway ready (max_concurrency=%d, hold_max=%d, hold_timeout=%.0fs)",
            self.config.max_concurrency,
            self.config.hold_max,
            self.config.hold_timeout_s,
        )

    async def stop(self) -> None:
        await self.upstream.aclose()

    # ---- what the UI and the swap job read -------------------------------------------------

    @property
    def in_flight(self) -> int:
        return self._in_flight

    @property
    def held(self) -> int:
        return self._held

    async def drain(self, max_wait_s: float) -> bool:
        """Wait until no request is being proxied (e.g. before a swap stops vLLM). New requests
        are held meanwhile if the swap is already marked in progress. True if idle in time."""
        try:
            await asyncio.wait_for(self._idle.wait(), max_wait_s)
            return True
        except TimeoutError:
            return False

    def render_prometheus(self) -> str:
        return self.metrics.render_prometheus()

    # ---- /v1/models ----------------------------------------------------------------------------

    async def list_models(self) -> dict:
        """vLLM's own model cards for the serving model (max_model_len and all), plus one card per
        alias. While a swap runs, the incoming model is listed with ``"status": "loading"``."""
        data: list[dict] = []
        serving = self.target.current()
        swap = self.target.swap_status()
        if serving is not None and not swap.in_progress:
            try:
                listed = await self.upstream.get_json(serving.base_url, "/v1/models")
                if isinstance(listed, dict) and isinstance(listed.get("data"), list):
                    data = [dict(card, status="serving") for card in listed["data"] if isinstance(card, dict)]
            except SparkControlError as e:
                log.info("vLLM /v1/models failed: %s", e.message)
            if not data:
                data = [self._card(serving.model, "serving")]
        elif swap.in_progress and swap.incoming:
            data = [self._card(swap.incoming, "loading")]
        now_serving = data[0]["id"] if data and data[0].get("status") == "serving" else None
        for alias, target in sorted(self.config.aliases.items()):
            resolved = now_serving if target == FOLLOW_SERVING else target
            data.append(self._card(alias, "alias", alias_of=resolved))
        return {"object": "list", "data": data}

    def _card(self, served: str, status: str, **extra: object) -> dict:
        spec = self.catalog.by_served_name(served)
        card = {
            "id": served,
            "object": "model",
            "created": int(time.time()),
            "owned_by": "spark-control",
            "status": status,
        }
        if spec is not None:
            card.update(root=spec.hf_repo, max_model_len=spec.max_model_len)
        card.update(extra)
        return card

    # ---- /v1/chat/completions, /v1/completions ---------------------------------------------------

    def resolve(self, name: object) -> Wanted:
        if name is None or name == "":
            return Wanted(True, None, True)
        if not isinstance(name, str):
            raise BadRequest("'model' must be a string", param="model")
        target = self.config.aliases.get(name)
        if target is not None:
            if target == FOLLOW_SERVING:
                return Wanted(True, None, True)
            spec = self.catalog.by_served_name(target)
            return Wanted(False, spec.served_name if spec else target, True)
        spec = self.catalog.by_served_name(name)
        if spec is not None:
            return Wanted(False, spec.served_name, name != spec.served_name)
        current = self.target.current()
        if current is not None and current.model == name:
            return Wanted(False, name, False)
        raise NotFound(f"The model `{name}` does not exist.", param="model")

    async def open(self, endpoint: str, body: bytes) -> ProxyResponse:
        """Proxy one request. Raises SparkControlError (mapped to an HTTP error) before any
        byte of the response exists; afterwards failures arrive inside the ProxyResponse."""
        t0 = time.monotonic()
        label = "unknown"
        try:
            try:
                req = json.loads(body)
            except ValueError as e:
                raise BadRequest(f"the body is not valid JSON ({e})") from None
            if not isinstance(req, dict):
                raise BadRequest("the body must be a JSON object")
            stream = req.get("stream") is True
            wanted = self.resolve(req.get("model"))
            label = wanted.served or "serving"
            held_once = False
            while True:
                serving, held = await self._route(wanted, t0)
                label = serving.model
                held_once = held_once or held
                if wanted.rewrite:
                    req["model"] = serving.model
                    body = json.dumps(req).encode()
                await self._take_slot(held_once, t0)
                waited = time.monotonic() - t0
                self._enter(label)
                try:
                    upstream = await self.upstream.open(serving.base_url, "/v1/" + endpoint, body)
                except UpstreamUnreachable:
                    self._release(label)
                    if not held_once and self.target.swap_status().in_progress:
                        held_once = True  # the swap began between routing and connecting: hold this one
                        continue
                    self.metrics.observe_queue_wait(label, waited)
                    raise
                except BaseException:
                    self._release(label)
                    self.metrics.observe_queue_wait(label, waited)
                    raise
                # recorded once the request is on its way (off the path to the first token)
                self.metrics.observe_queue_wait(label, waited)
                break
            if upstream.status != 200:
                try:
                    raw = await upstream.aread()
                except http1.HTTPClientError as e:
                    raise UpstreamError(f"vLLM answered HTTP {upstream.status}, then failed: {e}") from None
                finally:
                    await upstream.aclose()
                    self._release(label)
                raise rejected_from_body(upstream.status, raw)
            return ProxyResponse(
                upstream,
                stream=stream,
                model=label,
                base_url=serving.base_url,
                t0=t0,
                on_done=lambda r, err: self._done(r, err, endpoint),
            )
        except SparkControlError as e:
            self.metrics.request(label if e.status != 404 else "unknown", endpoint, e.status)
            raise

    async def _route(self, wanted: Wanted, t0: float) -> tuple[Serving, bool]:
        """The Serving to send to, and whether the request was held for a swap."""
        swap = self.target.swap_status()
        held = False
        if swap.in_progress:
            if not wanted.follow and wanted.served == swap.outgoing:
                raise Conflict(
                    f"The model `{wanted.served}` is being swapped out for `{swap.incoming}`. Ask for "
                    f"`{swap.incoming}`, or have the operator alias `{wanted.served}` to {FOLLOW_SERVING}.",
                    param="model",
                    retry_after=swap.retry_after,
                )
            if not wanted.follow and wanted.served != swap.incoming:
                raise Conflict(
                    f"The model `{wanted.served}` is not being served; a swap to `{swap.incoming}` is running.",
                    param="model",
                )
            await self._hold(wanted, t0)
            held = True
        current = self.target.current()
        if current is None:
            raise Unavailable("No model is being served right now.", retry_after=30.0)
        if wanted.follow or wanted.served == current.model:
            return current, held
        if held:  # the swap rolled back to the previous model
            raise Conflict(
                f"The swap to `{wanted.served}` did not complete (rolled back); `{current.model}` is being served.",
                param="model",
            )
        raise Conflict(
            f"The model `{wanted.served}` is in the catalog but not being served; `{current.model}` "
            "is. An operator can swap models; requests never do.",
            param="model",
        )

    async def _hold(self, wanted: Wanted, t0: float) -> None:
        swap = self.target.swap_status()
        if self._held >= self.config.hold_max:
            raise Unavailable(
                f"Too many requests are waiting for the swap to `{swap.incoming}`; try again after it.",
                retry_after=swap.retry_after,
            )
        self._held += 1
        self.metrics.held = self._held
        try:
            remaining = self.config.hold_timeout_s - (time.monotonic() - t0)
            ready = await self.target.wait_ready(max(0.0, remaining))
        finally:
            self._held -= 1
            self.metrics.held = self._held
        if ready is None:
            swap = self.target.swap_status()
            if swap.in_progress:
                raise Unavailable(
                    f"The swap to `{swap.incoming}` is still running after this request waited "
                    f"{self.config.hold_timeout_s:g} s.",
                    retry_after=swap.retry_after,
                )
            raise Unavailable("The swap ended and no model is being served.", retry_after=30.0)

    async def _take_slot(self, held: bool, t0: float) -> None:
        if not held:
            if self._slots.locked():
                raise Busy(
                    f"More than {self.config.max_concurrency} requests are running; try again shortly.",
                    retry_after=self.config.busy_retry_after_s,
                )
            await self._slots.acquire()
            return
        # a request released from the hold queue waits for a slot rather than bouncing with 429
        remaining = self.config.hold_timeout_s - (time.monotonic() - t0)
        try:
            await asyncio.wait_for(self._slots.acquire(), max(0.001, remaining))
        except TimeoutError:
            raise Unavailable(
                "The gateway is saturated after the swap; try again shortly.",
                retry_after=self.config.busy_retry_after_s,
            ) from None

    def _enter(self, model: str) -> None:
        self._in_flight += 1
        self.metrics.in_flight[model] += 1
        self._idle.clear()

    def _release(self, model: str) -> None:
        self._slots.release()
        self._in_flight -= 1
        self.metrics.in_flight[model] -= 1
        if self._in_flight == 0:
            self._idle.set()

    def _done(self, resp: ProxyResponse, error: str | None, endpoint: str) -> None:
        self._release(resp.model)
        m = self.metrics
        m.request(resp.model, endpoint, resp.status)
        if error is not None:
            m.stream_error(resp.model, error)
        end = resp.finished_at or time.monotonic()
        decode = end - resp.first_token_at if resp.first_token_at is not None else 0.0
        if not resp.stream and resp.first_token_at is not None:
            decode = end - resp._t0
        m.observe_stream(resp.model, resp.ttft if resp.stream else None, resp.tokens, decode, end - resp._t0)
