"""The OpenAPI docs (``/docs``, ``/openapi.json``) behind operator access."""

from __future__ import annotations

from fastapi import Depends, FastAPI
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import HTMLResponse, JSONResponse

from spark_control.api.deps import Principal, require_operator_or_cookie


def protect_docs(api: FastAPI) -> None:
    """Replace FastAPI's open ``/docs``, ``/redoc`` and ``/openapi.json`` with operator-only ones.
    A browser passes with the UI's session cookie (read-only routes, so no CSRF exposure)."""
    openapi_url = api.openapi_url or "/openapi.json"
    docs_url = api.docs_url or "/docs"
    drop = {api.openapi_url, api.docs_url, api.redoc_url, api.swagger_ui_oauth2_redirect_url} - {None}
    api.router.routes = [r for r in api.router.routes if getattr(r, "path", None) not in drop]
    api.openapi_url = openapi_url  # keeps api.openapi() working; the route itself is ours
    api.docs_url = api.redoc_url = None

    @api.get(openapi_url, include_in_schema=False)
    async def openapi_json(_: Principal = Depends(require_operator_or_cookie)) -> JSONResponse:
        return JSONResponse(api.openapi())

    @api.get(docs_url, include_in_schema=False)
    async def swagger(_: Principal = Depends(require_operator_or_cookie)) -> HTMLResponse:
        return get_swagger_ui_html(openapi_url=openapi_url, title=f"{api.title} - docs")
