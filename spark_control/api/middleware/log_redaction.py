"""Secrets scrubbed from every log record."""

from __future__ import annotations

import logging
import re

from spark_control.auth.tokens import redact_secrets

_BEARER = re.compile(r"(?i)(bearer\s+)[A-Za-z0-9._~+/=-]{8,}")
_factory_installed = False


def scrub(text: str) -> str:
    return _BEARER.sub(r"\1<redacted>", redact_secrets(text))


def install_log_redaction() -> None:
    """Scrub bearer secrets from every log record, whatever logger or handler it goes to
    (defence in depth: our code never logs them; a library's debug line might)."""
    global _factory_installed
    if _factory_installed:
        return
    previous = logging.getLogRecordFactory()

    def factory(*args, **kwargs) -> logging.LogRecord:
        record = previous(*args, **kwargs)
        try:
            message = record.getMessage()
        except Exception:
            return record
        clean = scrub(message)
        if clean != message:
            record.msg, record.args = clean, None
        return record

    logging.setLogRecordFactory(factory)
    _factory_installed = True
