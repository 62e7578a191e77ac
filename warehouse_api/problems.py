"""RFC 9457 problem+json errors with a stable machine `code`, and the handlers that emit them.

No response ever carries a stack trace: anything unexpected becomes `internal_error`
and is logged on the server.
"""

from __future__ import annotations

import json
import logging
from http import HTTPStatus
from typing import Any

from fastapi import FastAPI, Request
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from warehouse_api.db import DatabaseBusy, json_encoder
from warehouse_api.error_codes import describe_codes
from warehouse_api.errors import DomainError

log = logging.getLogger(__name__)

PROBLEM_MEDIA_TYPE = "application/problem+json"

_CODES_BY_STATUS = {
    400: "bad_request",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    409: "conflict",
    413: "payload_too_large",
    415: "unsupported_media_type",
    422: "validation_error",
    429: "too_many_requests",
}


class Problem(BaseModel):
    """The error body every route returns (RFC 9457 plus a stable `code`)."""

    model_config = ConfigDict(
        extra="allow",
        json_schema_extra={
            "description": "RFC 9457 problem with a stable machine `code`:\n\n" + describe_codes()
        },
    )

    type: str = "about:blank"
    title: str
    status: int
    code: str
    detail: str


class ProblemError(Exception):
    """Raise from anywhere in a request to answer with a problem document."""

    def __init__(self, status: int, code: str, detail: str, **extra: Any) -> None:
        super().__init__(detail)
        self.status = status
        self.code = code
        self.detail = detail
        self.extra = extra


def problem_body(status: int, code: str, detail: str, **extra: Any) -> dict[str, Any]:
    try:
        title = HTTPStatus(status).phrase
    except ValueError:
        title = "Error"
    return {
        "type": "about:blank",
        "title": title,
        "status": status,
        "code": code,
        "detail": detail,
        **extra,
    }


# JSONResponse's rendering (compact, UTF-8 kept, NaN refused), its encoder built once.
_problem_json = json_encoder(allow_nan=False)


class _ProblemResponse(JSONResponse):
    """A problem document as JSONResponse renders it. A body of plain JSON values (every
    problem the routes raise: str, int, lists, dicts) is written as it is; anything else
    (a datetime, a Decimal, a model) goes through `jsonable_encoder` first. The same
    bytes either way; the first costs a tenth (after a flash sale's sell-out four of
    five answers are `insufficient_stock`)."""

    def render(self, content: Any) -> bytes:
        try:
            return _problem_json(content).encode("utf-8")
        except (TypeError, ValueError):
            return super().render(jsonable_encoder(content))


def problem_response(
    status: int, code: str, detail: str, headers: dict[str, str] | None = None, **extra: Any
) -> JSONResponse:
    return _ProblemResponse(
        problem_body(status, code, detail, **extra),
        status_code=status,
        media_type=PROBLEM_MEDIA_TYPE,
        headers=headers,
    )


def problem_responses(*statuses: int) -> dict[int | str, dict[str, Any]]:
    """OpenAPI `responses=` entry declaring problem+json answers for the given statuses."""
    return {
        status: {
            "model": Problem,
            "description": HTTPStatus(status).phrase,
            "content": {PROBLEM_MEDIA_TYPE: {"schema": {"$ref": "#/components/schemas/Problem"}}},
        }
        for status in statuses
    }


def _clean_validation_errors(errors: Any) -> list[dict[str, Any]]:
    cleaned = []
    for error in errors:
        item = {
            "loc": list(error.get("loc", ())),
            "msg": str(error.get("msg", "")),
            "type": error.get("type"),
        }
        cleaned.append(item)
    return cleaned


def _document_validation_problems(app: FastAPI) -> None:
    """Every 422 is problem+json (the handler below), so say so in the OpenAPI document.

    FastAPI documents its own `HTTPValidationError` (application/json) on any route with
    parameters that does not list 422 itself; replace those with the `Problem` answer
    the route really gives (a control character in a path is refused on every route).
    """
    generate = app.openapi

    def openapi() -> dict[str, Any]:
        schema = generate()  # cached by FastAPI after the first call; patched in place
        default_ref = "#/components/schemas/HTTPValidationError"
        for operations in schema.get("paths", {}).values():
            for operation in operations.values():
                response = operation.get("responses", {}).get("422")
                content = (response or {}).get("content", {}).get("application/json", {})
                if content.get("schema", {}).get("$ref") == default_ref:
                    operation["responses"]["422"] = {
                        "description": HTTPStatus(422).phrase,
                        "content": {
                            PROBLEM_MEDIA_TYPE: {"schema": {"$ref": "#/components/schemas/Problem"}}
                        },
                    }
        components = schema.get("components", {}).get("schemas", {})
        if default_ref not in json.dumps(schema.get("paths", {})):
            components.pop("HTTPValidationError", None)
            components.pop("ValidationError", None)
        return schema

    app.openapi = openapi  # type: ignore[method-assign]


def answer_for(error: ProblemError | DomainError | DatabaseBusy) -> JSONResponse:
    """The problem document a route's expected failure is answered with (the handlers
    below, and the hot routes served outside the framework: hot_routes.py)."""
    if isinstance(error, ProblemError):
        headers = {"WWW-Authenticate": "Bearer"} if error.status == 401 else None
        return problem_response(
            error.status, error.code, error.detail, headers=headers, **error.extra
        )
    if isinstance(error, DomainError):
        return problem_response(error.status, error.code, error.detail, **error.extra)
    return problem_response(503, "busy", str(error), headers={"Retry-After": "5"})


def install_problem_handlers(app: FastAPI) -> None:
    _document_validation_problems(app)

    @app.exception_handler(ProblemError)
    async def _on_problem(_request: Request, exc: ProblemError) -> JSONResponse:
        return answer_for(exc)

    @app.exception_handler(DomainError)
    async def _on_domain(_request: Request, exc: DomainError) -> JSONResponse:
        return answer_for(exc)

    @app.exception_handler(DatabaseBusy)
    async def _on_busy(_request: Request, exc: DatabaseBusy) -> JSONResponse:
        return answer_for(exc)

    @app.exception_handler(RequestValidationError)
    async def _on_validation(_request: Request, exc: RequestValidationError) -> JSONResponse:
        errors = _clean_validation_errors(exc.errors())
        first = errors[0] if errors else {"loc": [], "msg": "invalid request"}
        where = ".".join(str(part) for part in first["loc"])
        message = str(first["msg"])
        return problem_response(
            422, "validation_error", f"{where}: {message}" if where else message, errors=errors
        )

    @app.exception_handler(StarletteHTTPException)
    async def _on_http(_request: Request, exc: StarletteHTTPException) -> JSONResponse:
        code = _CODES_BY_STATUS.get(exc.status_code, "http_error")
        detail = exc.detail if isinstance(exc.detail, str) else HTTPStatus(exc.status_code).phrase
        headers = dict(exc.headers) if exc.headers else None
        return problem_response(exc.status_code, code, detail, headers=headers)

    @app.exception_handler(Exception)
    async def _on_unexpected(request: Request, exc: Exception) -> JSONResponse:
        # Reached only if something escapes `CatchUnexpected` (app.py adds it outermost).
        log.exception("unhandled error on %s %s", request.method, request.url.path)
        return _internal_error()


def _internal_error() -> JSONResponse:
    return problem_response(
        500, "internal_error", "The server hit an unexpected error; it has been logged."
    )


class CatchUnexpected:
    """Answer an unexpected exception with a 500 problem and swallow it.

    Starlette's `exception_handler(Exception)` sends its answer and then re-raises, so
    uvicorn logs the error a second time and closes the kept-alive connection. Here
    the error is logged once, answered once, and the connection serves the next
    request. If the response had already started, nothing clean can be sent: the
    exception goes on and the server cuts the connection, as it must.
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False

        async def watch(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, receive, watch)
        except Exception:
            if started:
                raise
            log.exception("unhandled error on %s %s", scope.get("method"), scope.get("path"))
            await _internal_error()(scope, receive, send)
