"""The core's exceptions. Each carries the HTTP status the API maps it to (in one place:
``api/errors.py``). The core raises these; it never builds HTTP responses itself."""

from __future__ import annotations


class SparkControlError(Exception):
    """Base class. ``status`` is the HTTP status; ``kind`` the OpenAI-style error type."""

    status: int = 500
    kind: str = "server_error"

    def __init__(self, message: str, *, retry_after: float | None = None, **extra: object):
        super().__init__(message)
        self.message = message
        self.retry_after = retry_after
        self.extra = extra


class BadRequest(SparkControlError):
    status, kind = 400, "invalid_request_error"


class Unauthorized(SparkControlError):
    status, kind = 401, "authentication_error"


class Forbidden(SparkControlError):
    status, kind = 403, "permission_error"


class NotFound(SparkControlError):
    status, kind = 404, "not_found_error"


class Conflict(SparkControlError):
    status, kind = 409, "conflict_error"


class PayloadTooLarge(SparkControlError):
    status, kind = 413, "invalid_request_error"


class Busy(SparkControlError):
    """Too many requests right now: 429 with Retry-After."""

    status, kind = 429, "rate_limit_error"


class Unavailable(SparkControlError):
    """The service is temporarily unable to answer (swap, upstream down): 503 + Retry-After."""

    status, kind = 503, "service_unavailable"


class UpstreamError(SparkControlError):
    status, kind = 502, "upstream_error"


class UpstreamTimeout(SparkControlError):
    status, kind = 504, "timeout_error"


class InternalError(SparkControlError):
    """A bug: the details are in the log, the client gets this."""

    status, kind = 500, "internal_error"


class ConfigError(SparkControlError):
    """A bad setting or file. The message names the setting/file, the field and the fix."""

    status, kind = 500, "config_error"
