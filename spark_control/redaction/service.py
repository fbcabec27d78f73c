"""RedactionService: what the API and the page call. Owns the vault, the scrubber and the
open rehydrate streams; enforces sizes and session ownership."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from spark_control.errors import BadRequest, NotFound, PayloadTooLarge
from spark_control.redaction.placeholders import RehydrateResult, StreamRehydrator, rehydrate
from spark_control.redaction.scrubber import Scrubber
from spark_control.redaction.vault import Vault
from spark_control.store import Database

log = logging.getLogger(__name__)


@dataclass
class ScrubResponse:
    text: str
    session_id: str
    entities: list[dict[str, str]]


class RedactionService:
    def __init__(
        self,
        db: Database | Path | str,
        key_path: Path | str,
        ttl_s: float = 3600.0,
        *,
        max_text_bytes: int = 1_000_000,
        purge_interval_s: float = 60.0,
        clock: Callable[[], float] = time.time,
        scrubber: Scrubber | None = None,
    ) -> None:
        self.db = db if isinstance(db, Database) else Database(db)
        self.vault = Vault(self.db, Path(key_path), ttl_s, clock)
        self.max_text_bytes = max_text_bytes
        self.purge_interval_s = purge_interval_s
        self.clock = clock
        self._scrubber = scrubber
        self._streams: dict[tuple[str, str], tuple[StreamRehydrator, float]] = {}
        self._task: asyncio.Task | None = None

    @property
    def scrubber(self) -> Scrubber:
        if self._scrubber is None:
            self._scrubber = Scrubber()  # loads the name gazetteer (~1 s) on first use
        return self._scrubber

    async def start(self) -> None:
        self.vault.purge_expired()
        await asyncio.to_thread(lambda: self.scrubber)
        self._task = asyncio.create_task(self._purge_loop(), name="redaction-purge")

    async def stop(self) -> None:
        if self._task:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
            self._task = None

    async def _purge_loop(self) -> None:
        while True:
            await asyncio.sleep(self.purge_interval_s)
            self.purge_expired()

    def purge_expired(self) -> int:
        n = self.vault.purge_expired()
        live = {r["id"] for r in self.db.query("SELECT id FROM redaction_sessions")}
        for key in [k for k in self._streams if k[0] not in live]:
            del self._streams[key]
        if n:
            log.info("purged %d expired redaction sessions", n)
        return n

    def _check_text(self, text: str) -> None:
        if not text or not text.strip():
            raise BadRequest("text must not be empty", param="text")
        if len(text.encode("utf-8")) > self.max_text_bytes:
            raise PayloadTooLarge(f"text is larger than {self.max_text_bytes} bytes", param="text")

    # ---------------------------------------------------------------- operations
    def scrub(self, text: str, session_id: str | None = None, owner: str = "anonymous") -> ScrubResponse:
        self._check_text(text)
        if session_id is None:
            session_id = self.vault.create(owner)
        with self.db.transaction():
            smap = self.vault.load(session_id, owner)
            result = self.scrubber.scrub(text, smap)
            self.vault.save(session_id, smap)
        entities = [{"placeholder": ph, "type": t} for ph, t in result.entities]
        log.debug("scrubbed %d chars into session %s: %d entities", len(text), session_id[:8], len(entities))
        return ScrubResponse(result.text, session_id, entities)

    def rehydrate(
        self,
        text: str,
        session_id: str,
        owner: str = "anonymous",
        stream_id: str | None = None,
        final: bool = False,
    ) -> RehydrateResult:
        if stream_id is None:
            self._check_text(text)
        elif len(text.encode("utf-8")) > self.max_text_bytes:
            raise PayloadTooLarge(f"text is larger than {self.max_text_bytes} bytes", param="text")
        smap = self.vault.load(session_id, owner)
        if stream_id is None:
            return rehydrate(text, smap)
        key = (session_id, stream_id)
        streamer = self._streams.get(key, (StreamRehydrator(), 0.0))[0]
        result = streamer.feed(text, smap, final=final)
        if final:
            self._streams.pop(key, None)
        else:
            self._streams[key] = (streamer, self.clock())
        return result

    def check_owner(self, session_id: str, owner: str) -> None:
        """NotFound unless ``owner`` owns the live session (another owner's looks the same as none)."""
        if self.vault.owner_of(session_id) != owner:
            raise NotFound(f"redaction session {session_id!r} not found or expired")

    def delete_session(self, session_id: str, owner: str | None = None) -> None:
        """Forget a session at once. ``owner=None`` (an operator) may delete any session."""
        if owner is not None:
            self.check_owner(session_id, owner)
        if not self.vault.delete(session_id):
            raise NotFound(f"redaction session {session_id!r} not found or expired")
        for key in [k for k in self._streams if k[0] == session_id]:
            del self._streams[key]
        self.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
