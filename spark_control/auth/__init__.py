"""Access control core: operator password and sessions, operator tokens, app API keys, the
failed sign-in limiter. Imports neither fastapi nor reflex."""

from spark_control.auth.config import AuthSettings
from spark_control.auth.service import (
    APP_SCOPES,
    AuthService,
    Denial,
    Identity,
    KeyInfo,
    NewSecret,
    PasswordNotSet,
    SessionInfo,
)

__all__ = [
    "APP_SCOPES",
    "AuthService",
    "AuthSettings",
    "Denial",
    "Identity",
    "KeyInfo",
    "NewSecret",
    "PasswordNotSet",
    "SessionInfo",
]
