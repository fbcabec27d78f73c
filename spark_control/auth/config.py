"""Auth settings (environment variables, like every other setting).

Kept next to the auth core so the shared ``Settings`` class stays small; ``APP_AUTH`` and
``CORS_ORIGINS`` live there because other areas read them too."""

from __future__ import annotations

from pydantic import Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict


class AuthSettings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="", case_sensitive=False, extra="ignore")

    # Sets (or, when it differs, resets) the operator password at start. Empty: set it in the UI.
    operator_password: SecretStr | None = None
    # Default lifetime of an operator sign-in; the Access page can change it at runtime.
    session_hours: float = Field(default=12.0, gt=0, le=24 * 90)
    # Request body caps (MiB): everything else (1), the text routes and the audio upload routes.
    max_body_mb: float = Field(default=1.0, gt=0)
    # The speech area accepts audio files up to 512 MiB (hours of recording); +1 for the form around it.
    max_audio_body_mb: float = Field(default=513.0, gt=0)
    # Routes that carry long texts: chat/completions, embeddings, rerank, search, scrub/rehydrate.
    max_text_body_mb: float = Field(default=8.0, gt=0)
