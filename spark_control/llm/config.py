"""The gateway's limits and aliases. Every field is an environment variable ``LLM_<FIELD>``
(e.g. ``LLM_MAX_CONCURRENCY=128``); defaults suit one vLLM on a DGX Spark."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

# An alias that targets this name follows whatever model serves now (also through swaps).
FOLLOW_SERVING = "@serving"


class LLMConfig(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="LLM_", case_sensitive=False, extra="ignore")

    max_body_bytes: int = Field(default=8 * 1024 * 1024, ge=1024)  # larger bodies -> 413
    max_concurrency: int = Field(default=256, ge=1)  # requests proxied at once; more -> 429
    busy_retry_after_s: float = Field(default=1.0, gt=0)
    hold_max: int = Field(default=256, ge=0)  # requests held during a swap; more -> 503
    hold_timeout_s: float = Field(default=120.0, gt=0)  # a held request waits at most this long -> 503
    connect_timeout_s: float = Field(default=5.0, gt=0)  # upstream connect -> 504 after this
    read_timeout_s: float = Field(default=300.0, gt=0)  # silence from upstream (headers or between chunks) -> 504
    upstream_api_key: str = ""  # vLLM's --api-key, if it was started with one (never our clients' key)
    # "name=target,name2=target2": a request naming ``name`` is served by ``target`` (a catalog
    # name / served name, or "@serving" = whatever serves now, also during and after a swap).
    aliases: Annotated[dict[str, str], NoDecode] = Field(default_factory=dict)

    @field_validator("aliases", mode="before")
    @classmethod
    def _parse_aliases(cls, v: object) -> object:
        if isinstance(v, str):
            out: dict[str, str] = {}
            for part in v.split(","):
                part = part.strip()
                if not part:
                    continue
                name, sep, target = part.partition("=")
                if not sep or not name.strip() or not target.strip():
                    raise ValueError(f"alias {part!r} must look like name=target")
                out[name.strip()] = target.strip()
            return out
        return v
