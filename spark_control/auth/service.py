"""The auth core: the operator password, operator sessions, operator API tokens, app API keys
and the failed sign-in limiter, all in SQLite. No web framework here: the API dependencies and
the Reflex states both call this.

Who is who:
- the *operator* (one account, password only) signs in and gets a session token that expires;
  they can also mint long-lived *operator tokens* for scripts;
- *apps* get API keys with scopes (llm, audio, embed, search, redaction).
Every secret is shown once, stored as a sha256, and never logged."""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from spark_control.audit import AuditLog
from spark_control.auth import passwords, tokens
from spark_control.auth.config import AuthSettings
from spark_control.auth.files import secure_data_dir
from spark_control.auth.limiter import LimiterPolicy, SignInLimiter
from spark_control.errors import BadRequest, Busy, ConfigError, Conflict, NotFound, Unauthorized
from spark_control.store import Database

log = logging.getLogger(__name__)

APP_SCOPES = ("llm", "audio", "embed", "search", "redaction")
OPERATOR = "operator"
LAST_USED_RESOLUTION = 30.0  # seconds: don't write last_used_at on every request
# A valid secret's lookup is remembered (by its sha256) for this long, so the gateway's hot path
# does not query SQLite on every request. Every change made through this service (revoke, sign
# out, new password, prune) empties the cache at once; the bound only matters for a change made
# by another process sharing the database.
CACHE_S = 2.0
CACHE_MAX = 4096
SCRYPT_SLOTS = 2  # concurrent password hashes/checks, process-wide

T = TypeVar("T")


@dataclass
class _Known:
    identity: Identity
    created_at: float
    last_used_at: float
    fresh_until: float


SCHEMA = """
CREATE TABLE IF NOT EXISTS auth_operator (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    password_hash TEXT NOT NULL,
    set_at REAL NOT NULL,
    set_by TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS auth_tokens (
    id TEXT PRIMARY KEY,
    kind TEXT NOT NULL,            -- session | operator | app
    name TEXT NOT NULL,
    token_hash TEXT NOT NULL UNIQUE,
    prefix TEXT NOT NULL,
    scopes TEXT NOT NULL DEFAULT '',
    created_at REAL NOT NULL,
    created_by TEXT NOT NULL DEFAULT '',
    created_from TEXT NOT NULL DEFAULT '',
    last_used_at REAL,
    last_used_from TEXT NOT NULL DEFAULT '',
    revoked_at REAL
);
CREATE INDEX IF NOT EXISTS auth_tokens_kind ON auth_tokens(kind);
CREATE TABLE IF NOT EXISTS auth_settings (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
"""


class PasswordNotSet(Conflict):
    """No operator password yet: set one first (UI first start or OPERATOR_PASSWORD)."""


@dataclass(frozen=True)
class Identity:
    """Who a bearer secret belongs to. ``id`` is stable per key (per app key, per operator
    token; ``operator`` for every sign-in session of the operator)."""

    kind: str  # "operator" | "app"
    id: str
    name: str
    scopes: frozenset[str]
    via: str  # tokens.SESSION | tokens.OPERATOR_TOKEN | tokens.APP_KEY
    token_id: str


@dataclass(frozen=True)
class Denial:
    """Why a bearer secret was refused: ``missing``, ``unknown``, ``revoked`` or ``expired``."""

    reason: str
    token_id: str = ""
    name: str = ""


@dataclass(frozen=True)
class KeyInfo:
    id: str
    kind: str
    name: str
    prefix: str
    scopes: tuple[str, ...]
    created_at: float
    created_by: str
    last_used_at: float | None
    last_used_from: str
    revoked_at: float | None

    @property
    def active(self) -> bool:
        return self.revoked_at is None


@dataclass(frozen=True)
class NewSecret:
    """A freshly minted secret: ``secret`` is the only copy there will ever be."""

    info: KeyInfo
    secret: str


@dataclass(frozen=True)
class SessionInfo:
    id: str
    created_at: float
    expires_at: float
    created_from: str


def _key_info(row) -> KeyInfo:
    return KeyInfo(
        id=row["id"],
        kind=row["kind"],
        name=row["name"],
        prefix=row["prefix"],
        scopes=tuple(s for s in row["scopes"].split(",") if s),
        created_at=row["created_at"],
        created_by=row["created_by"],
        last_used_at=row["last_used_at"],
        last_used_from=row["last_used_from"],
        revoked_at=row["revoked_at"],
    )


def normalize_scopes(scopes: Iterable[str]) -> tuple[str, ...]:
    wanted = {s.strip().lower() for s in scopes if s and s.strip()}
    unknown = wanted - set(APP_SCOPES)
    if unknown:
        raise BadRequest(
            f"unknown scope(s): {', '.join(sorted(unknown))}; known: {', '.join(APP_SCOPES)}", param="scopes"
        )
    if not wanted:
        raise BadRequest(f"give the key at least one scope ({', '.join(APP_SCOPES)})", param="scopes")
    return tuple(s for s in APP_SCOPES if s in wanted)


def _clean_name(name: str) -> str:
    name = " ".join((name or "").split())
    if not 1 <= len(name) <= 64:
        raise BadRequest("the name must have 1 to 64 characters", param="name")
    return name


class AuthService:
    def __init__(
        self,
        db: Database,
        audit: AuditLog,
        config: AuthSettings | None = None,
        *,
        clock: Callable[[], float] = time.time,
        limiter_policy: LimiterPolicy | None = None,
        data_dir: Path | None = None,
    ) -> None:
        self.db = db
        self.audit = audit
        self.config = config or AuthSettings()
        self.clock = clock
        self.data_dir = data_dir
        db.migrate(SCHEMA)
        self.limiter = SignInLimiter(db, limiter_policy, clock)
        self._known: dict[str, _Known] = {}  # sha256 of a valid secret -> what it resolved to
        # scrypt costs ~0.1 s and 32 MiB per call: a few at a time, whatever the number of callers
        self._scrypt_slots = asyncio.Semaphore(SCRYPT_SLOTS)

    async def _scrypt(self, fn: Callable[..., T], *args: str) -> T:
        """A password hash or check, in a thread, at most ``SCRYPT_SLOTS`` at once."""
        async with self._scrypt_slots:
            return await asyncio.to_thread(fn, *args)

    def _forget(self) -> None:
        """Every cached lookup is dropped: called after any change to the tokens table."""
        self._known.clear()

    async def start(self) -> None:
        """Fix secret file modes, apply OPERATOR_PASSWORD (if given), drop long-dead sessions."""
        if self.data_dir is not None:
            secure_data_dir(self.data_dir)
        env_password = self.config.operator_password.get_secret_value() if self.config.operator_password else ""
        if env_password:
            current = self._password_hash()
            same = current is not None and await self._scrypt(passwords.verify_password, env_password, current)
            if not same:
                try:
                    await self._store_password(env_password, actor="env:OPERATOR_PASSWORD", source="")
                except BadRequest as e:
                    raise ConfigError(
                        f"OPERATOR_PASSWORD is too weak: {e.message}. Fix: set a longer passphrase or unset it "
                        "and choose the password at /login."
                    ) from None
                log.info("operator password set from OPERATOR_PASSWORD")
        elif not self.password_is_set():
            log.warning("no operator password yet: open the UI (/login) to set it, or set OPERATOR_PASSWORD")
        self.prune_sessions()

    async def stop(self) -> None:
        pass

    # ----- settings stored in the database (changeable at runtime) -----

    @property
    def session_ttl(self) -> float:
        row = self.db.one("SELECT value FROM auth_settings WHERE key='session_ttl_seconds'")
        return float(row["value"]) if row else self.config.session_hours * 3600.0

    def set_session_ttl(self, seconds: float, *, actor: str, source: str = "") -> None:
        if not 1 <= seconds <= 90 * 24 * 3600:
            raise BadRequest("the session lifetime must be between 1 second and 90 days", param="session_ttl_seconds")
        self.db.execute(
            "INSERT INTO auth_settings(key, value) VALUES ('session_ttl_seconds', ?) "
            "ON CONFLICT(key) DO UPDATE SET value=excluded.value",
            (str(float(seconds)),),
        )
        self.audit.record(
            actor=actor,
            action="auth.settings.update",
            target="session_ttl_seconds",
            source=source,
            session_ttl_seconds=seconds,
        )

    # ----- operator password -----

    def _password_hash(self) -> str | None:
        row = self.db.one("SELECT password_hash FROM auth_operator WHERE id=1")
        return row["password_hash"] if row else None

    def password_is_set(self) -> bool:
        return self._password_hash() is not None

    async def _store_password(self, password: str, *, actor: str, source: str) -> None:
        try:
            passwords.check_strength(password)
        except passwords.WeakPassword as e:
            raise BadRequest(str(e), param="password") from None
        encoded = await self._scrypt(passwords.hash_password, password)
        with self.db.transaction() as conn:
            conn.execute(
                "INSERT INTO auth_operator(id, password_hash, set_at, set_by) VALUES (1,?,?,?) "
                "ON CONFLICT(id) DO UPDATE SET password_hash=excluded.password_hash, set_at=excluded.set_at, "
                "set_by=excluded.set_by",
                (encoded, self.clock(), actor),
            )
            # A new password ends every sign-in made with the old one.
            conn.execute(
                "UPDATE auth_tokens SET revoked_at=? WHERE kind=? AND revoked_at IS NULL",
                (self.clock(), tokens.SESSION),
            )
        self._forget()
        self.audit.record(actor=actor, action="auth.password.set", target=OPERATOR, source=source)

    async def set_initial_password(self, password: str, *, source: str = "") -> NewSecret:
        """First start: whoever opens the UI first sets the password (and is signed in)."""
        if self.password_is_set():
            raise Conflict("the operator password is already set; sign in instead")
        await self._store_password(password, actor="first-start", source=source)
        return self._new_session(source)

    async def change_password(self, current: str, new: str, *, source: str = "") -> NewSecret:
        await self._check_password(current, source)
        await self._store_password(new, actor=OPERATOR, source=source)
        return self._new_session(source)

    async def _check_password(self, password: str, source: str) -> None:
        encoded = self._password_hash()
        if encoded is None:
            raise PasswordNotSet("no operator password is set yet: open /login to set one")
        wait = self.limiter.begin_attempt(source)  # counted before the check: parallel guesses wait too
        if wait > 0:
            self.audit.record(
                actor=OPERATOR, action="auth.signin", source=source, result="throttled", wait_seconds=round(wait, 1)
            )
            raise Busy(f"too many failed sign-ins from this address; try again in {int(wait) + 1} s", retry_after=wait)
        ok = await self._scrypt(passwords.verify_password, password, encoded)
        if not ok:
            self.audit.record(
                actor=OPERATOR,
                action="auth.signin",
                source=source,
                result="denied",
                failures=self.limiter.failures(source),
            )
            log.info(
                "failed operator sign-in from %s (next attempt in %.0f s)",
                source or "?",
                self.limiter.wait_seconds(source),
            )
            raise Unauthorized("wrong password")
        self.limiter.record_success(source)

    # ----- sessions -----

    async def sign_in(self, password: str, *, source: str = "") -> NewSecret:
        """Check the password (rate-limited per source) and open a session."""
        await self._check_password(password, source)
        new = self._new_session(source)
        self.audit.record(actor=OPERATOR, action="auth.signin", target=new.info.id, source=source)
        return new

    def _new_session(self, source: str) -> NewSecret:
        return self._mint(tokens.SESSION, "sign-in", (), actor=OPERATOR, source=source, audit=False)

    def sign_out(self, session_secret: str, *, source: str = "") -> bool:
        """End one session. Returns False when it was not an open session."""
        if tokens.kind_of(session_secret or "") != tokens.SESSION:
            return False
        cur = self.db.execute(
            "UPDATE auth_tokens SET revoked_at=? WHERE token_hash=? AND kind=? AND revoked_at IS NULL",
            (self.clock(), tokens.digest(session_secret), tokens.SESSION),
        )
        self._forget()
        if cur.rowcount:
            self.audit.record(actor=OPERATOR, action="auth.signout", source=source)
        return bool(cur.rowcount)

    def sign_out_everywhere(self, *, actor: str, source: str = "") -> int:
        cur = self.db.execute(
            "UPDATE auth_tokens SET revoked_at=? WHERE kind=? AND revoked_at IS NULL", (self.clock(), tokens.SESSION)
        )
        self._forget()
        self.audit.record(actor=actor, action="auth.signout.all", source=source, sessions=cur.rowcount)
        return cur.rowcount

    def sessions(self) -> list[SessionInfo]:
        ttl, now = self.session_ttl, self.clock()
        rows = self.db.query(
            "SELECT id, created_at, created_from FROM auth_tokens WHERE kind=? AND revoked_at IS NULL "
            "AND created_at > ? ORDER BY created_at DESC",
            (tokens.SESSION, now - ttl),
        )
        return [SessionInfo(r["id"], r["created_at"], r["created_at"] + ttl, r["created_from"]) for r in rows]

    def prune_sessions(self) -> int:
        """Delete sessions that ended more than a day ago (the audit log keeps the history)."""
        cutoff = self.clock() - self.session_ttl - 86400
        cur = self.db.execute(
            "DELETE FROM auth_tokens WHERE kind=? AND (created_at < ? OR revoked_at < ?)",
            (tokens.SESSION, cutoff, cutoff),
        )
        self._forget()
        return cur.rowcount

    # ----- API keys and operator tokens -----

    def _mint(
        self, kind: str, name: str, scopes: tuple[str, ...], *, actor: str, source: str, audit: bool = True
    ) -> NewSecret:
        secret = tokens.new_secret(kind)
        token_id = tokens.new_id(kind)
        now = self.clock()
        self.db.execute(
            "INSERT INTO auth_tokens(id, kind, name, token_hash, prefix, scopes, created_at, created_by, "
            "created_from) VALUES (?,?,?,?,?,?,?,?,?)",
            (
                token_id,
                kind,
                name,
                tokens.digest(secret),
                tokens.display_prefix(secret),
                ",".join(scopes),
                now,
                actor,
                source,
            ),
        )
        info = _key_info(self.db.one("SELECT * FROM auth_tokens WHERE id=?", (token_id,)))
        if audit:
            self.audit.record(
                actor=actor,
                action=f"auth.{kind}.create",
                target=token_id,
                source=source,
                name=name,
                scopes=list(scopes),
            )
        return NewSecret(info=info, secret=secret)

    def create_app_key(self, name: str, scopes: Iterable[str], *, actor: str, source: str = "") -> NewSecret:
        return self._mint(tokens.APP_KEY, _clean_name(name), normalize_scopes(scopes), actor=actor, source=source)

    def create_operator_token(self, name: str, *, actor: str, source: str = "") -> NewSecret:
        return self._mint(tokens.OPERATOR_TOKEN, _clean_name(name), (), actor=actor, source=source)

    def get_key(self, token_id: str) -> KeyInfo:
        row = self.db.one("SELECT * FROM auth_tokens WHERE id=? AND kind != ?", (token_id, tokens.SESSION))
        if row is None:
            raise NotFound(f"no API key or operator token with id {token_id!r}")
        return _key_info(row)

    def list_keys(self, kind: str | None = None, include_revoked: bool = True) -> list[KeyInfo]:
        sql = "SELECT * FROM auth_tokens WHERE kind != ?"
        params: list = [tokens.SESSION]
        if kind:
            sql += " AND kind = ?"
            params.append(kind)
        if not include_revoked:
            sql += " AND revoked_at IS NULL"
        return [_key_info(r) for r in self.db.query(sql + " ORDER BY created_at DESC", params)]

    def revoke_key(self, token_id: str, *, actor: str, source: str = "") -> KeyInfo:
        info = self.get_key(token_id)
        if info.revoked_at is None:
            self.db.execute("UPDATE auth_tokens SET revoked_at=? WHERE id=?", (self.clock(), token_id))
            self._forget()
            self.audit.record(
                actor=actor, action=f"auth.{info.kind}.revoke", target=token_id, source=source, name=info.name
            )
        return self.get_key(token_id)

    # ----- checking a bearer secret -----

    def authenticate(self, secret: str | None, *, source: str = "") -> Identity | Denial:
        """Resolve a bearer secret to who holds it, or say why not. Never raises, never logs it."""
        if not secret:
            return Denial("missing")
        kind = tokens.kind_of(secret)
        if kind is None:
            return Denial("unknown")
        digest = tokens.digest(secret)
        now = self.clock()
        known = self._known.get(digest)
        if known is not None and now < known.fresh_until and known.identity.via == kind:
            if kind != tokens.SESSION or now < known.created_at + self.session_ttl:
                if now - known.last_used_at >= LAST_USED_RESOLUTION:
                    self._touch(known.identity.token_id, now, source)
                    known.last_used_at = now
                return known.identity
        row = self.db.one("SELECT * FROM auth_tokens WHERE token_hash=? AND kind=?", (digest, kind))
        if row is None:
            return Denial("unknown")
        if row["revoked_at"] is not None:
            return Denial("revoked", row["id"], row["name"])
        if kind == tokens.SESSION and now >= row["created_at"] + self.session_ttl:
            return Denial("expired", row["id"], row["name"])
        last_used = row["last_used_at"]
        if last_used is None or now - last_used >= LAST_USED_RESOLUTION:
            self._touch(row["id"], now, source)
            last_used = now
        if kind == tokens.APP_KEY:
            scopes = frozenset(s for s in row["scopes"].split(",") if s)
            identity = Identity("app", row["id"], row["name"], scopes, kind, row["id"])
        elif kind == tokens.OPERATOR_TOKEN:
            identity = Identity("operator", row["id"], row["name"], frozenset(APP_SCOPES), kind, row["id"])
        else:
            identity = Identity("operator", OPERATOR, OPERATOR, frozenset(APP_SCOPES), kind, row["id"])
        if len(self._known) >= CACHE_MAX:
            self._known.clear()
        self._known[digest] = _Known(identity, row["created_at"], last_used, now + CACHE_S)
        return identity

    def _touch(self, token_id: str, now: float, source: str) -> None:
        self.db.execute("UPDATE auth_tokens SET last_used_at=?, last_used_from=? WHERE id=?", (now, source, token_id))

    def session_identity(self, session_secret: str | None) -> Identity | None:
        """For the UI: the operator behind a session token, or None (missing, expired, signed out)."""
        if tokens.kind_of(session_secret or "") != tokens.SESSION:
            return None
        found = self.authenticate(session_secret)
        return found if isinstance(found, Identity) else None

    def session_expires_at(self, session_secret: str) -> float | None:
        row = self.db.one(
            "SELECT created_at FROM auth_tokens WHERE token_hash=? AND kind=?",
            (tokens.digest(session_secret), tokens.SESSION),
        )
        return row["created_at"] + self.session_ttl if row else None
