"""Bearer secrets: operator sessions, operator API tokens and app API keys.

Each secret is ``<kind prefix>_<43 url-safe chars>`` (256 random bits). Only its sha256 is
stored: with that much entropy a fast hash is enough, and lookups stay one indexed query.
The prefix tells a reader (and a secret scanner) what a leaked string is."""

from __future__ import annotations

import hashlib
import re
import secrets

SESSION, OPERATOR_TOKEN, APP_KEY = "session", "operator", "app"
PREFIXES = {SESSION: "scs", OPERATOR_TOKEN: "sco", APP_KEY: "sck"}
ID_PREFIXES = {SESSION: "ses", OPERATOR_TOKEN: "opt", APP_KEY: "key"}

# Anything that looks like one of our secrets; used to scrub log lines.
SECRET_PATTERN = re.compile(r"\b(?:scs|sco|sck)_[A-Za-z0-9_-]{20,}")


def new_secret(kind: str) -> str:
    return f"{PREFIXES[kind]}_{secrets.token_urlsafe(32)}"


def new_id(kind: str) -> str:
    return f"{ID_PREFIXES[kind]}_{secrets.token_hex(6)}"


def digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def display_prefix(secret: str) -> str:
    """The first characters, to recognise a key in a list (~48 of 256 bits: harmless to show)."""
    return secret[:12]


def kind_of(secret: str) -> str | None:
    for kind, prefix in PREFIXES.items():
        if secret.startswith(prefix + "_"):
            return kind
    return None


def redact_secrets(text: str) -> str:
    return SECRET_PATTERN.sub(lambda m: m.group(0)[:4] + "<redacted>", text)
