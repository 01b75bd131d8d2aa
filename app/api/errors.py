"""One error shape for every route: RFC 9457 problem details, served as ``application/problem+json``.

Every failure, from an unknown route to an unexpected exception, answers with a :class:`Problem`.
Bad input is a 4xx that names the parameter at fault; a 500 never carries a traceback.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Mapping, Sequence
from http import HTTPStatus
from typing import Any, Literal

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import Field
from sqlalchemy.exc import OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeoutError
from starlette.exceptions import HTTPException as StarletteHTTPException

from app.api import examples
from app.api.schemas import ApiModel

PROBLEM_MEDIA_TYPE = "application/problem+json"
Location = Literal["query", "path", "header", "body"]

# SQLSTATE of a statement cancelled by PostgreSQL's statement_timeout.
_QUERY_CANCELED = "57014"

log = logging.getLogger(__name__)


class InvalidField(ApiModel):
    """What is wrong with one parameter of a request."""

    parameter: str = Field(description="Name of the parameter ('body' for the request body).")
    in_: Location = Field(alias="in", description="Where the parameter is: query, path, header or body.")
    message: str = Field(description="What is wrong with it.")


class Problem(ApiModel):
    """An RFC 9457 problem document: the body of every error response."""

    type: str = Field(default="about:blank", description="URI of the problem type.")
    title: str = Field(description="Short summary of the problem type (the HTTP status phrase).")
    status: int = Field(description="HTTP status code.")
    detail: str = Field(description="What went wrong in this request, in words.")
    instance: str = Field(description="Path of the request that failed.")
    errors: list[InvalidField] | None = Field(
        default=None, description="For invalid input (422): each parameter at fault."
    )


class ProblemError(Exception):
    """Raise to answer the current request with a problem document."""

    def __init__(
        self,
        status: int,
        detail: str,
        *,
        errors: Sequence[InvalidField] = (),
        headers: Mapping[str, str] | None = None,
    ) -> None:
        super().__init__(detail)
        self.status = status
        self.detail = detail
        self.errors = list(errors)
        self.headers = dict(headers or {})


class NotFoundError(ProblemError):
    def __init__(self, what: str, ident: int) -> None:
        super().__init__(HTTPStatus.NOT_FOUND, f"No {what} with id {ident}.")


class InvalidParameterError(ProblemError):
    """A 422 naming one parameter, for checks that go beyond the parameter's declared type."""

    def __init__(self, parameter: str, message: str, *, location: Location = "query") -> None:
        super().__init__(
            HTTPStatus.UNPROCESSABLE_ENTITY,
            f"{parameter}: {message}",
            errors=[InvalidField(parameter=parameter, in_=location, message=message)],
        )


def problem_body(status: int, detail: str, instance: str) -> bytes:
    """The JSON of a problem document without errors, built directly (for answers outside the routes)."""
    document = {"type": "about:blank", "title": HTTPStatus(status).phrase, "status": status}
    document |= {"detail": detail, "instance": instance}
    return json.dumps(document, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def problem_response(
    request: Request,
    status: int,
    detail: str,
    *,
    errors: Sequence[InvalidField] = (),
    headers: Mapping[str, str] | None = None,
) -> JSONResponse:
    problem = Problem(
        title=HTTPStatus(status).phrase,
        status=status,
        detail=detail,
        instance=request.url.path,
        errors=list(errors) or None,
    )
    return JSONResponse(
        problem.model_dump(mode="json", by_alias=True, exclude_none=True),
        status_code=status,
        headers=dict(headers or {}),
        media_type=PROBLEM_MEDIA_TYPE,
    )


def problem_responses(*statuses: int) -> dict[int | str, dict[str, Any]]:
    """OpenAPI ``responses`` entries documenting the problem documents a route may answer with."""
    return {
        status: {
            "model": Problem,
            "description": HTTPStatus(status).phrase,
            "content": {
                PROBLEM_MEDIA_TYPE: {
                    "schema": {"$ref": "#/components/schemas/Problem"},
                    "example": examples.PROBLEMS.get(status, examples.PROBLEMS[422]),
                }
            },
        }
        for status in statuses
    }


def problems_only(openapi: dict[str, Any]) -> None:
    """Drop the ``application/json`` twin FastAPI adds next to each documented problem response."""
    for path in openapi.get("paths", {}).values():
        for operation in path.values():
            for response in operation.get("responses", {}).values():
                content = response.get("content", {})
                if PROBLEM_MEDIA_TYPE in content:
                    content.pop("application/json", None)


def _invalid_field(error: Mapping[str, Any]) -> InvalidField:
    loc = [str(part) for part in error.get("loc", ())]
    location = loc[0] if loc and loc[0] in ("query", "path", "header", "body") else "query"
    # loc is (where, name) or (where, name, index) for repeated parameters.
    parameter = loc[1] if len(loc) > 1 else location
    message = str(error.get("msg", "invalid value"))
    given = error.get("input")
    if isinstance(given, str) and error.get("type") != "missing":
        message = f"{message} (got {given[:60]!r})"
    return InvalidField(parameter=parameter, in_=location, message=message)


async def _on_problem(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, ProblemError)
    return problem_response(request, exc.status, exc.detail, errors=exc.errors, headers=exc.headers)


async def _on_validation(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    errors = [_invalid_field(error) for error in exc.errors()]
    detail = "; ".join(f"{e.parameter}: {e.message}" for e in errors) or "invalid request"
    return problem_response(request, HTTPStatus.UNPROCESSABLE_ENTITY, detail, errors=errors)


async def _on_http(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, StarletteHTTPException)
    status = HTTPStatus(exc.status_code)
    detail = str(exc.detail)
    if status == HTTPStatus.NOT_FOUND and detail == status.phrase:
        detail = f"Nothing is served at {request.url.path}."
    elif status == HTTPStatus.METHOD_NOT_ALLOWED:
        detail = f"{request.method} is not allowed on {request.url.path}."
    return problem_response(request, status, detail, headers=exc.headers)


async def _on_database(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, OperationalError)
    orig = exc.orig
    timed_out = getattr(orig, "sqlstate", None) == _QUERY_CANCELED or str(orig) == "interrupted"
    if timed_out:
        detail = "The query took longer than the time limit; narrow it with filters or a smaller limit."
    else:
        log.error("database unavailable: %s", orig)
        detail = "The database is unavailable; try again later."
    return problem_response(request, HTTPStatus.SERVICE_UNAVAILABLE, detail)


async def _on_pool_timeout(request: Request, exc: Exception) -> JSONResponse:
    log.warning("no database connection free: %s", exc)
    detail = "The service is busy: no database connection came free in time. Retry shortly."
    return problem_response(request, HTTPStatus.SERVICE_UNAVAILABLE, detail, headers={"Retry-After": "1"})


async def _on_unexpected(request: Request, exc: Exception) -> JSONResponse:
    # The server logs the traceback (the exception is re-raised after this response); the client
    # only learns that the fault is ours.
    return problem_response(request, HTTPStatus.INTERNAL_SERVER_ERROR, "An unexpected error occurred.")


def install(app: FastAPI) -> None:
    """Route every kind of failure to a problem document."""
    app.add_exception_handler(ProblemError, _on_problem)
    app.add_exception_handler(RequestValidationError, _on_validation)
    app.add_exception_handler(StarletteHTTPException, _on_http)
    app.add_exception_handler(OperationalError, _on_database)
    app.add_exception_handler(PoolTimeoutError, _on_pool_timeout)
    app.add_exception_handler(Exception, _on_unexpected)
