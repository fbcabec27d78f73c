"""Redaction gateway core: detect PII, replace it with session-scoped ``[TYPE_n]`` placeholders,
keep the map encrypted in a vault with a TTL, and rehydrate (also streamed) LLM answers."""

from spark_control.redaction.placeholders import RehydrateResult, SessionMap, StreamRehydrator, rehydrate
from spark_control.redaction.scrubber import ResidualLeak, Scrubber, ScrubResult
from spark_control.redaction.service import RedactionService, ScrubResponse
from spark_control.redaction.vault import Vault, load_or_create_key

__all__ = [
    "RedactionService",
    "RehydrateResult",
    "ResidualLeak",
    "ScrubResponse",
    "ScrubResult",
    "Scrubber",
    "SessionMap",
    "StreamRehydrator",
    "Vault",
    "load_or_create_key",
    "rehydrate",
]
