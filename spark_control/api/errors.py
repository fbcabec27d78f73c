"""The one place where core exceptions become HTTP responses (OpenAI's error shape:
``{"error": {"message", "type", "param", "code"}}``)."""

from __future__ import annotations

import math

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse

from spark_control.errors import SparkControlError


def error_body(message: str, kind: str, code: int | str | None = None, param: str | None = None, **extra) -> dict:
    return {"error": {"message": message, "type": kind, "param": param, "code": code, **extra}}


def error_response(exc: SparkControlError) -> JSONResponse:
    headers = {}
    if exc.retry_after is not None:
        headers["Retry-After"] = str(max(1, math.ceil(exc.retry_after)))
    extra = {k: v for k, v in exc.extra.items() if k != "param"}
    return JSONResponse(
        error_body(exc.message, exc.kind, exc.status, exc.extra.get("param"), **extra),
        status_code=exc.status,
        headers=headers,
    )


async def send_error(send, exc: SparkControlError, extra_headers=()) -> int:
    """``error_response(exc)`` written straight to an ASGI ``send`` (for raw ASGI routes), with
    ``extra_headers`` added; returns the status sent."""
    resp = error_response(exc)
    await send(
        {"type": "http.response.start", "status": resp.status_code, "headers": [*resp.raw_headers, *extra_headers]}
    )
    await send({"type": "http.response.body", "body": resp.body})
    return resp.status_code


def install_error_handlers(api: FastAPI) -> None:
    @api.exception_handler(SparkControlError)
    async def _core_error(_: Request, exc: SparkControlError) -> JSONResponse:
        return error_response(exc)

    @api.exception_handler(RequestValidationError)
    async def _validation(_: Request, exc: RequestValidationError) -> JSONResponse:
        errs = exc.errors()
        first = errs[0] if errs else {"loc": (), "msg": "invalid request"}
        loc = ".".join(str(p) for p in first.get("loc", ()) if p != "body")
        return JSONResponse(
            error_body(f"{loc}: {first['msg']}" if loc else first["msg"], "invalid_request_error", 422, loc or None),
            status_code=422,
        )
