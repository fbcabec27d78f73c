"""RedactionService: what the API and the page call. Owns the vault, the scrubber and the
open rehydrate streams; enforces sizes, entity caps and session ownership.

``scrub`` is CPU work (the API runs it in ``spark_control.workers``): it holds the database lock
only to load and to save the session map, never while scrubbing, and a per-session lock keeps
two scrubs of one session from allocating placeholders over each other."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from spark_control.errors import BadRequest, NotFound, PayloadTooLarge
from spark_control.redaction.placeholders import RehydrateResult, SessionMap, StreamRehydrator, rehydrate
from spark_control.redaction.scrubber import Scrubber, ScrubResult
from spark_control.redaction.vault import Vault
from spark_control.store import Database
from spark_control.workers import call_in_process, run_in_process

log = logging.getLogger(__name__)

# Entities (distinct placeholders) one scrub may add, and one session may hold. They bound a
# scrub's cost (detection grows with the values a session knows) and a session map's size.
MAX_ENTITIES_PER_REQUEST = 1_000
MAX_ENTITIES_PER_SESSION = 5_000


_PROCESS_SCRUBBER: Scrubber | None = None


def load_process_scrubber() -> Scrubber:
    """The worker process's default Scrubber, created on first use."""
    global _PROCESS_SCRUBBER
    if _PROCESS_SCRUBBER is None:
        _PROCESS_SCRUBBER = Scrubber()
    return _PROCESS_SCRUBBER


def warm_process_scrubber() -> None:
    # the name gazetteer (~1 s) and the NER voter's spaCy model (seconds): both stay in the process
    load_process_scrubber().warm()


def process_scrubber_loaded() -> bool:
    """Whether this process holds the default Scrubber (asked of the worker process)."""
    return _PROCESS_SCRUBBER is not None


def scrub_in_process(text: str, smap: SessionMap) -> tuple[ScrubResult, SessionMap]:
    """Runs in the worker process; returns the result and the updated map (a copy came in)."""
    return load_process_scrubber().scrub(text, smap), smap


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
        max_entities_per_request: int = MAX_ENTITIES_PER_REQUEST,
        max_entities_per_session: int = MAX_ENTITIES_PER_SESSION,
        purge_interval_s: float = 60.0,
        clock: Callable[[], float] = time.time,
        scrubber: Scrubber | None = None,
    ) -> None:
        self.db = db if isinstance(db, Database) else Database(db)
        self.vault = Vault(self.db, Path(key_path), ttl_s, clock)
        self.max_text_bytes = max_text_bytes
        self.max_entities_per_request = max_entities_per_request
        self.max_entities_per_session = max_entities_per_session
        self._session_locks: dict[str, tuple[threading.Lock, list[int]]] = {}
        self._session_locks_guard = threading.Lock()
        self.purge_interval_s = purge_interval_s
        self.clock = clock
        self._scrubber = scrubber
        self._scrubber_lock = threading.Lock()
        self._default_scrubber = scrubber is None  # the default one also lives in the worker process
        self._streams: dict[tuple[str, str], tuple[StreamRehydrator, float]] = {}
        self._task: asyncio.Task | None = None

    @property
    def scrubber(self) -> Scrubber:
        # The name gazetteer (~1 s, ~50 MB) loads on the first scrub, not at start: an idle
        # controller that never scrubs does not carry it (docs/OPERATIONS.md, "Idle memory").
        if self._scrubber is None:
            with self._scrubber_lock:  # two first requests at once load it once
                if self._scrubber is None:
                    self._scrubber = Scrubber()
        return self._scrubber

    async def warm(self) -> None:
        """Load the gazetteer now, off the loop, where scrubs will run: the worker process for the
        default scrubber, else a thread (the Redaction page does this when it opens). Not at start:
        an idle controller that never scrubs carries neither (docs/OPERATIONS.md, "Idle memory")."""
        if self._default_scrubber:
            await run_in_process(warm_process_scrubber)
        else:
            await asyncio.to_thread(lambda: self.scrubber.warm())

    async def start(self) -> None:
        self.vault.purge_expired()
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
        """Scrub ``text`` into a session (a new one when ``session_id`` is None). Thread-safe;
        over a cap it raises PayloadTooLarge and the session is left as it was."""
        self._check_text(text)
        created = session_id is None
        if session_id is None:
            session_id = self.vault.create(owner)
        try:
            with self._session_lock(session_id):
                smap = self.vault.load(session_id, owner)
                before = len(smap.by_placeholder)
                result, smap = self._scrub(text, smap)
                self._check_entities(before, len(smap.by_placeholder) - before)
                if not self.vault.save(session_id, smap):
                    raise NotFound(f"redaction session {session_id!r} expired or was deleted during the scrub")
        except BaseException:
            if created:  # a refused first scrub leaves no empty session behind
                self.vault.delete(session_id)
            raise
        entities = [{"placeholder": ph, "type": t} for ph, t in result.entities]
        log.debug("scrubbed %d chars into session %s: %d entities", len(text), session_id[:8], len(entities))
        return ScrubResponse(result.text, session_id, entities)

    def _scrub(self, text: str, smap: SessionMap) -> tuple[ScrubResult, SessionMap]:
        """The default scrubber runs in the worker process (pure Python for seconds: in a thread
        it would take the GIL from the event loop); an injected one (tests) runs here."""
        if self._scrubber is not None and not self._default_scrubber:
            return self.scrubber.scrub(text, smap), smap
        return call_in_process(scrub_in_process, text, smap)

    def _check_entities(self, held: int, added: int) -> None:
        if added > self.max_entities_per_request:
            raise PayloadTooLarge(
                f"the text holds {added} new entities; one scrub may add at most {self.max_entities_per_request} "
                "(split the text)",
                param="text",
            )
        if held + added > self.max_entities_per_session:
            raise PayloadTooLarge(
                f"the session would hold {held + added} entities; the limit is {self.max_entities_per_session} "
                "(start a new session)",
                param="session_id",
            )

    @contextlib.contextmanager
    def _session_lock(self, session_id: str) -> Iterator[None]:
        """One scrub per session at a time (load, scrub, save is a read-modify-write)."""
        with self._session_locks_guard:
            lock, users = self._session_locks.setdefault(session_id, (threading.Lock(), [0]))
            users[0] += 1
        try:
            with lock:
                yield
        finally:
            with self._session_locks_guard:
                users[0] -= 1
                if users[0] == 0:
                    self._session_locks.pop(session_id, None)

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
