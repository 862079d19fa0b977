"""The API's errors: always JSON ``{"message": ..., "problems": [...]}`` a person can act on.

Every handler is installed on the NinjaAPI by :func:`install`, so that Ninja's own answers
(authentication, validation, 404) have the same shape as ours, and no stack trace ever leaves.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.http import Http404, HttpRequest, HttpResponse
from ninja import NinjaAPI, Schema
from ninja.errors import AuthenticationError, HttpError, ValidationError

from citybridge.analysis.indicators import AnalysisError
from citybridge.messages import (
    CHANGE_REFUSED,
    HOW_TO_GET_A_TOKEN,
    NO_TOKEN,
    NOTHING_AT,
    REQUEST_REJECTED,
    SERVER_FAILED,
    TOKEN_COMMAND,
    UNKNOWN_TOKEN,
    say,
)
from citybridge.pipeline.stages import PipelineError
from citybridge.places.model import PlaceError
from citybridge.web.languages import core_language


class ProblemOut(Schema):
    column: str | None = None
    value: str | None = None
    reason: str


class ErrorOut(Schema):
    message: str
    problems: list[ProblemOut] = []


class ApiError(Exception):
    """An answer other than success, with the message the client sees."""

    def __init__(self, status: int, message: str, problems: list[dict] | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.problems = problems or []


def not_found(message: str, **values: object) -> ApiError:
    """A 404 with one of ``citybridge.messages``' templates, in the request's language."""
    return ApiError(404, said(message, **values))


def said(message: str, **values: object) -> str:
    """One of ``citybridge.messages``' templates in the language of the request being answered."""
    return say(message, core_language(), **values)


def install(api: NinjaAPI) -> None:
    """Register one handler per kind of failure on ``api``."""

    def answer(request: HttpRequest, status: int, message: str, problems: list | None = None) -> HttpResponse:
        body: dict[str, Any] = {"message": message}
        if problems:
            body["problems"] = problems
        return api.create_response(request, body, status=status)

    @api.exception_handler(ApiError)
    def api_error(request, exc: ApiError):
        return answer(request, exc.status, exc.message, exc.problems)

    @api.exception_handler(AuthenticationError)
    def unauthorised(request, exc):
        given = said(UNKNOWN_TOKEN if _has_bearer(request) else NO_TOKEN)
        return answer(request, 401, said(HOW_TO_GET_A_TOKEN, given=given, command=TOKEN_COMMAND))

    @api.exception_handler(ValidationError)
    def invalid(request, exc: ValidationError):
        problems = list(_validation_problems(request, exc.errors))
        return answer(request, 422, said(REQUEST_REJECTED), problems)

    @api.exception_handler(Http404)
    def missing(request, exc):
        return answer(request, 404, said(NOTHING_AT, path=request.path))

    @api.exception_handler(HttpError)
    def http_error(request, exc: HttpError):
        return answer(request, exc.status_code, str(exc))

    @api.exception_handler(RequestDataTooBig)
    def too_big(request, exc):
        return answer(request, 413, too_big_message())

    @api.exception_handler(AnalysisError)
    def analysis_refused(request, exc):
        return answer(request, 422, str(exc))

    @api.exception_handler(PlaceError)
    def place_refused(request, exc):
        return answer(request, 422, str(exc))

    @api.exception_handler(PipelineError)
    def pipeline_refused(request, exc):
        return answer(request, 422, said(CHANGE_REFUSED, reason=exc))

    @api.exception_handler(Exception)
    def unexpected(request, exc):
        # The client gets a message it can act on, never a stack trace; the server log keeps the details.
        logging.getLogger("citybridge.api").error("unexpected error on %s", request.path, exc_info=exc)
        return answer(request, 500, said(SERVER_FAILED))


def too_big_message() -> str:
    """What a client is told of a body over the limit: the limit, and the setting that raises it."""
    limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
    return (
        f"the request body is larger than the limit of {limit:,} bytes; nothing was stored. Send less "
        "(one submission per request), or have the administrator raise CITYBRIDGE_MAX_REQUEST_BYTES"
    )


def _has_bearer(request: HttpRequest) -> bool:
    return request.headers.get("Authorization", "").lower().startswith("bearer ")


def _validation_problems(request: HttpRequest, errors: Iterable[dict]) -> Iterable[dict]:
    """Pydantic's errors as problems: where (``query.limit``, ``body.stage``), the value sent, why."""
    for error in errors:
        location = [str(part) for part in error.get("loc", ()) if part != "payload"]
        yield {
            "column": ".".join(location) or None,
            "value": _sent(request, location),
            "reason": error.get("msg", "not valid"),
        }


def _sent(request: HttpRequest, location: list[str]) -> str | None:
    """The value a query or path parameter was given (Ninja drops it from its errors)."""
    if len(location) != 2:
        return None
    source, name = location
    if source == "query":
        return request.GET.get(name)
    if source == "path" and request.resolver_match:
        value = request.resolver_match.kwargs.get(name)
        return None if value is None else str(value)
    return None


def documented(ok: dict[int, Any], *, writes: bool = False) -> dict[int, Any]:
    """The responses of an endpoint: its successes plus the errors every endpoint may answer; one
    that takes a body (``writes``) may also answer 400 (not JSON), 403 (a read token) and 413 (too
    large)."""
    errors: dict[int, Any] = {401: ErrorOut, 404: ErrorOut, 422: ErrorOut}
    if writes:
        errors[400] = errors[403] = errors[413] = ErrorOut
    return {**ok, **errors}
