"""Errors as RFC 9457 problem details (``application/problem+json``), from ONE handler.

Library code raises the package errors (``graph.NotFound``, ``graph.GraphUnavailable``,
``ingest.InputError`` …); routes raise the ``ApiError`` subclasses below. :func:`install`
registers :func:`handle_error` for all of them and for FastAPI's own validation and HTTP
errors, so every error response has the same shape::

    {"type": "urn:dekg:problem:not-found", "title": "Not found", "status": 404,
     "detail": "no actor with id 'state:XXX'", "instance": "/actors/state:XXX"}
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

from fastapi import FastAPI, Request
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from api import ApiError
from graph import GraphError, GraphUnavailable, NotFound, QueryRejected
from ingest import IngestError, InputError, ModelNotInstalled, UnsupportedLanguage
from ontology import OntologyError

log = logging.getLogger(__name__)

PROBLEM_JSON = "application/problem+json"
#: Seconds a client should wait before retrying when Neo4j is unreachable.
RETRY_AFTER_S = 5


class Unauthorized(ApiError):
    """No API key, or an unknown one, on a write request."""


class Forbidden(ApiError):
    """The request is not allowed (writes disabled: no API key configured)."""


class PayloadTooLarge(ApiError):
    """The request body is larger than ``max_request_bytes``."""


class UnsupportedMediaType(ApiError):
    """The request body's content type is not one the endpoint reads."""


class InvalidParameter(ApiError):
    """A query parameter or body field is well-formed but unusable (422)."""


class JobNotFound(ApiError):
    """No background job with this id (unknown, or forgotten after many newer jobs)."""


class Busy(ApiError):
    """Too many background jobs are waiting; try again later."""


class TooManyRequests(ApiError):
    """Every slot of a bounded resource (the console) is taken; retry after a pause."""

    def __init__(self, message: str, *, retry_after: int) -> None:
        super().__init__(message)
        self.retry_after = retry_after


@dataclass(frozen=True, slots=True)
class Problem:
    status: int
    title: str
    slug: str
    retry_after: int | None = None


# First match in the exception's MRO wins, so subclasses come before their bases.
_PROBLEMS: dict[type[BaseException], Problem] = {
    Unauthorized: Problem(401, "Unauthorized", "unauthorized"),
    Forbidden: Problem(403, "Forbidden", "forbidden"),
    JobNotFound: Problem(404, "Not found", "not-found"),
    PayloadTooLarge: Problem(413, "Request too large", "too-large"),
    UnsupportedMediaType: Problem(415, "Unsupported media type", "unsupported-media-type"),
    InvalidParameter: Problem(422, "Invalid parameter", "invalid-parameter"),
    Busy: Problem(503, "Busy", "busy", RETRY_AFTER_S),
    TooManyRequests: Problem(429, "Too many requests", "too-many-requests", RETRY_AFTER_S),
    ApiError: Problem(400, "Bad request", "bad-request"),
    GraphUnavailable: Problem(503, "Neo4j unavailable", "graph-unavailable", RETRY_AFTER_S),
    NotFound: Problem(404, "Not found", "not-found"),
    QueryRejected: Problem(400, "Query rejected", "query-rejected"),
    GraphError: Problem(500, "Graph error", "graph-error"),
    UnsupportedLanguage: Problem(422, "Unsupported language", "unsupported-language"),
    InputError: Problem(422, "Unreadable input", "input-error"),
    ModelNotInstalled: Problem(503, "NLP model not installed", "model-not-installed"),
    IngestError: Problem(422, "Extraction failed", "ingest-error"),
    OntologyError: Problem(422, "Invalid data", "ontology-error"),
}


def problem_for(exc: BaseException) -> Problem:
    """The problem (status, title) of an exception: its first class in ``_PROBLEMS``."""
    for cls in type(exc).__mro__:
        if cls in _PROBLEMS:
            return _PROBLEMS[cls]
    return Problem(500, "Internal server error", "internal")


def problem_response(
    status: int,
    title: str,
    detail: str | None = None,
    *,
    slug: str | None = None,
    instance: str | None = None,
    headers: dict[str, str] | None = None,
    **extensions: Any,
) -> JSONResponse:
    """A problem-details response."""
    body: dict[str, Any] = {
        "type": f"urn:dekg:problem:{slug}" if slug else "about:blank",
        "title": title,
        "status": status,
    }
    if detail:
        body["detail"] = detail
    if instance:
        body["instance"] = instance
    body.update(jsonable_encoder(extensions))
    return JSONResponse(body, status_code=status, headers=headers, media_type=PROBLEM_JSON)


async def handle_error(request: Request, exc: Exception) -> JSONResponse:
    """The one handler: our exceptions, FastAPI validation errors and HTTP errors."""
    instance = request.url.path
    if isinstance(exc, RequestValidationError):
        errors = [_validation_item(e) for e in exc.errors()]
        detail = "; ".join(f"{e['loc']}: {e['msg']}" for e in errors) or "invalid request"
        return problem_response(
            422, "Invalid request", detail, slug="validation", instance=instance, errors=errors
        )
    if isinstance(exc, StarletteHTTPException):
        return problem_response(
            exc.status_code,
            _http_title(exc.status_code),
            str(exc.detail) if exc.detail else None,
            instance=instance,
            headers=dict(exc.headers) if exc.headers else None,
        )
    problem = problem_for(exc)
    if isinstance(exc, GraphUnavailable):
        reachability = getattr(request.app.state, "reachability", None)
        if reachability is not None:
            reachability.mark_down()
    headers: dict[str, str] = {}
    if problem.retry_after is not None:
        headers["Retry-After"] = str(getattr(exc, "retry_after", problem.retry_after))
    if isinstance(exc, Unauthorized):
        headers["WWW-Authenticate"] = 'Bearer realm="dekg"'
    if problem.status >= 500:
        log.warning("%s %s -> %d: %s", request.method, instance, problem.status, exc)
    return problem_response(
        problem.status,
        problem.title,
        public_detail(exc),
        slug=problem.slug,
        instance=instance,
        headers=headers or None,
    )


def public_detail(exc: BaseException) -> str:
    """What the caller is told: our own words for the graph store's failures (the driver's
    text, with addresses and connection ids, goes to the log only)."""
    if isinstance(exc, GraphUnavailable):
        return "Neo4j is not reachable or is busy; try again later"
    if isinstance(exc, GraphError) and problem_for(exc).status >= 500:
        return "the graph store failed on this request; the error is in the service log"
    return str(exc)


def _validation_item(error: Any) -> dict[str, Any]:
    loc = ".".join(str(part) for part in error.get("loc", ()))
    return {"loc": loc, "msg": str(error.get("msg", "")), "type": str(error.get("type", ""))}


def _http_title(status: int) -> str:
    from http import HTTPStatus

    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return "Error"


def install(app: FastAPI) -> None:
    """Register :func:`handle_error` for every error class the service maps."""
    for cls in (
        ApiError,
        GraphError,
        IngestError,
        OntologyError,
        RequestValidationError,
        StarletteHTTPException,
    ):
        app.add_exception_handler(cls, handle_error)
