"""What vLLM serves, as far as the controller knows, for the LLM gateway: the serving model
(persisted as the last one that served), the running swap's signal, the wait for "a model
serves and no swap runs", and a watcher that notices vLLM coming back after nothing served.
The swap (``swap.py``) sets it; reading vLLM itself is the swap manager's (it is handed in)."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from spark_control.catalog import ModelSpec
from spark_control.errors import Unavailable
from spark_control.events import EventHub
from spark_control.store import Database

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class ServingInfo:
    model: str
    served_name: str
    base_url: str  # e.g. http://<spark-1-ip>:8888 (OpenAI API under /v1)
    since: float


@dataclass(frozen=True)
class SwapSignal:
    job_id: str
    model: str
    previous_model: str | None
    step: str
    started_at: float
    eta_s: float | None  # seconds until the target (or the rollback model) should serve


class ServingTracker:
    def __init__(
        self,
        *,
        db: Database,
        events: EventHub,
        base_url: Callable[[], str],
        swap_in_progress: Callable[[], SwapSignal | None],
        read: Callable[[], Awaitable[ModelSpec | None]],
        recheck_s: float,
    ) -> None:
        self.db = db
        self.events = events
        self._base_url = base_url
        self._swap_in_progress = swap_in_progress
        self._read = read
        self.recheck_s = recheck_s
        self._serving: ServingInfo | None = None
        self._evt = asyncio.Event()
        db.migrate(
            "CREATE TABLE IF NOT EXISTS cluster_serving (id INTEGER PRIMARY KEY CHECK (id = 1), model TEXT, "
            "since REAL);"
        )

    @property
    def serving(self) -> ServingInfo | None:
        return self._serving

    def wake(self) -> None:
        """Something a waiter cares about changed (a swap ended): look again."""
        self._evt.set()

    def set(self, spec: ModelSpec | None) -> None:
        old = self._serving
        if spec is None:
            self._serving = None
        else:
            url = self._base_url()
            self._serving = ServingInfo(spec.name, spec.served_name, url, time.time())
            self.db.execute(
                "INSERT OR REPLACE INTO cluster_serving(id, model, since) VALUES (1, ?, ?)", (spec.name, time.time())
            )
        if (old and old.model) != (spec and spec.name):
            self.events.publish(
                "swap.serving",
                model=spec.name if spec else None,
                served_name=spec.served_name if spec else None,
                base_url=self._serving.base_url if self._serving else None,
            )
        self._evt.set()

    def last_served(self) -> str | None:
        r = self.db.one("SELECT model FROM cluster_serving WHERE id=1")
        return r["model"] if r else None

    async def refresh(self) -> ServingInfo | None:
        self.set(await self._read())
        return self._serving

    async def wait(self, timeout: float | None = None) -> ServingInfo:  # noqa: ASYNC109
        """Wait until a model serves and no swap runs. Raises ``Unavailable`` (with a
        Retry-After from the swap's ETA) when ``timeout`` passes first."""
        deadline = None if timeout is None else time.monotonic() + timeout
        while True:
            if self._serving is not None and self._swap_in_progress() is None:
                return self._serving
            left = None if deadline is None else deadline - time.monotonic()
            if left is not None and left <= 0:
                sig = self._swap_in_progress()
                raise Unavailable(
                    f"the model is being swapped ({sig.model})" if sig else "no model is serving",
                    retry_after=(sig.eta_s if sig and sig.eta_s else 10.0),
                )
            self._evt.clear()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._evt.wait(), timeout=min(left, 1.0) if left else 1.0)

    async def watch(self) -> None:
        """After a start with vLLM unreachable (or a swap that left nothing serving), notice when
        a model serves again: re-read ``/v1/models`` while nothing is known to serve."""
        while True:
            await asyncio.sleep(self.recheck_s)
            if self._serving is not None or self._swap_in_progress() is not None:
                continue
            try:
                spec = await self._read()
            except Exception:  # noqa: BLE001 - keep watching
                log.exception("re-reading what vLLM serves failed")
                continue
            # a swap may have started while we read: it owns "serving" from then on
            if spec is not None and self._serving is None and self._swap_in_progress() is None:
                log.info("vLLM is back: %s serves", spec.name)
                self.set(spec)
