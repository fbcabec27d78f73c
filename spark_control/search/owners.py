"""Who owns each search collection: the API key that created it (as redaction sessions belong
to theirs). An app key sees and manages only its own collections; an operator sees and manages
all of them (``owner=None`` in ``SearchService``). Collections made before owners were recorded,
or by an operator (the Search page), belong to ``OPERATOR``: app keys do not see them."""

from __future__ import annotations

import time

from spark_control.store import Database

OPERATOR = "operator"

SCHEMA = """
CREATE TABLE IF NOT EXISTS search_collections (
    name TEXT PRIMARY KEY,
    owner TEXT NOT NULL,
    created REAL NOT NULL
);
CREATE INDEX IF NOT EXISTS search_collections_owner ON search_collections(owner);
"""


class CollectionOwners:
    def __init__(self, db: Database) -> None:
        self.db = db
        db.migrate(SCHEMA)

    def owner_of(self, name: str) -> str:
        row = self.db.one("SELECT owner FROM search_collections WHERE name = ?", (name,))
        return row["owner"] if row else OPERATOR

    def may_use(self, name: str, owner: str | None) -> bool:
        """``owner=None`` is an operator: every collection."""
        return owner is None or self.owner_of(name) == owner

    def claim(self, name: str, owner: str | None) -> None:
        """Record the owner of a collection just created (replaces a row left by one deleted elsewhere)."""
        self.db.execute(
            "INSERT OR REPLACE INTO search_collections(name, owner, created) VALUES (?,?,?)",
            (name, owner or OPERATOR, time.time()),
        )

    def forget(self, name: str) -> None:
        self.db.execute("DELETE FROM search_collections WHERE name = ?", (name,))
