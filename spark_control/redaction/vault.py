"""Session maps at rest: one AES-GCM encrypted blob per session in SQLite, with an owner and an
expiry. The key lives in a file the vault creates with mode 0600. Expired sessions are purged
(on access and by ``purge_expired``); ``delete`` forgets a session at once."""

from __future__ import annotations

import json
import os
import secrets
import time
from collections.abc import Callable
from pathlib import Path

from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from spark_control.errors import NotFound
from spark_control.redaction.placeholders import SessionMap
from spark_control.store import Database

SCHEMA = """
CREATE TABLE IF NOT EXISTS redaction_sessions (
    id TEXT PRIMARY KEY,
    owner TEXT NOT NULL,
    created REAL NOT NULL,
    expires REAL NOT NULL,
    blob BLOB NOT NULL
);
CREATE INDEX IF NOT EXISTS redaction_sessions_expires ON redaction_sessions(expires);
"""


def load_or_create_key(path: Path) -> bytes:
    """A 256-bit key in ``path`` (created 0600, never widened)."""
    path = Path(path)
    if path.exists():
        if path.stat().st_mode & 0o077:
            os.chmod(path, 0o600)  # never leave the key readable by others
        data = path.read_bytes()
        if len(data) != 32:
            raise ValueError(f"redaction key file {path} is not a 32-byte key")
        return data
    path.parent.mkdir(parents=True, exist_ok=True)
    key = AESGCM.generate_key(bit_length=256)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        os.write(fd, key)
    finally:
        os.close(fd)
    os.chmod(path, 0o600)
    return key


class Vault:
    def __init__(
        self, db: Database, key_path: Path, ttl_s: float = 3600.0, clock: Callable[[], float] = time.time
    ) -> None:
        self.db = db
        self.ttl_s = ttl_s
        self.clock = clock
        self._aead = AESGCM(load_or_create_key(key_path))
        db.migrate(SCHEMA)

    def _seal(self, session_id: str, smap: SessionMap) -> bytes:
        nonce = secrets.token_bytes(12)
        plain = json.dumps(smap.to_json(), separators=(",", ":")).encode()
        return nonce + self._aead.encrypt(nonce, plain, session_id.encode())

    def _open(self, session_id: str, blob: bytes) -> SessionMap:
        plain = self._aead.decrypt(blob[:12], blob[12:], session_id.encode())
        return SessionMap.from_json(json.loads(plain))

    def create(self, owner: str) -> str:
        sid = secrets.token_hex(16)  # 128-bit, unguessable
        now = self.clock()
        self.db.execute(
            "INSERT INTO redaction_sessions(id, owner, created, expires, blob) VALUES (?,?,?,?,?)",
            (sid, owner, now, now + self.ttl_s, self._seal(sid, SessionMap())),
        )
        return sid

    def load(self, session_id: str, owner: str | None = None) -> SessionMap:
        """The session's map. Unknown, expired or another owner's -> NotFound (existence doesn't leak)."""
        row = self.db.one("SELECT owner, expires, blob FROM redaction_sessions WHERE id = ?", (session_id,))
        if row is None or (owner is not None and row["owner"] != owner):
            raise NotFound(f"redaction session {session_id!r} not found or expired")
        if row["expires"] <= self.clock():
            self.db.execute("DELETE FROM redaction_sessions WHERE id = ?", (session_id,))
            raise NotFound(f"redaction session {session_id!r} not found or expired")
        return self._open(session_id, bytes(row["blob"]))

    def save(self, session_id: str, smap: SessionMap) -> bool:
        """Store the map and extend the expiry; False when the session is gone (deleted or purged)."""
        blob = self._seal(session_id, smap)  # encrypt before taking the database lock
        cur = self.db.execute(
            "UPDATE redaction_sessions SET blob = ?, expires = ? WHERE id = ? AND expires > ?",
            (blob, self.clock() + self.ttl_s, session_id, self.clock()),
        )
        return cur.rowcount > 0

    def owner_of(self, session_id: str) -> str | None:
        row = self.db.one("SELECT owner, expires FROM redaction_sessions WHERE id = ?", (session_id,))
        if row is None or row["expires"] <= self.clock():
            return None
        return row["owner"]

    def delete(self, session_id: str) -> bool:
        cur = self.db.execute("DELETE FROM redaction_sessions WHERE id = ?", (session_id,))
        return cur.rowcount > 0

    def purge_expired(self) -> int:
        cur = self.db.execute("DELETE FROM redaction_sessions WHERE expires <= ?", (self.clock(),))
        return cur.rowcount
