"""The REST API: submissions in over HTTP, authenticated by an organisation's token."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import NinjaAPI, Schema, Status
from ninja.security import HttpBearer

from citybridge.submissions.sources import from_payloads
from citybridge.web.api.models import ApiToken, hash_token
from citybridge.web.errors import ImportRejected
from citybridge.web.surveys.models import Submission, Survey
from citybridge.web.surveys.store import store_batch


class TokenAuth(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> ApiToken | None:
        return ApiToken.objects.select_related("organisation").filter(digest=hash_token(token)).first()


api = NinjaAPI(title="citybridge API", version="1", auth=TokenAuth(), urls_namespace="api-v1")


@api.exception_handler(Exception)
def unexpected_error(request: HttpRequest, exc: Exception):
    # A client gets a message it can act on, never a stack trace; the server log keeps the details.
    import logging

    logging.getLogger("citybridge.api").exception("unexpected error on %s", request.path)
    return api.create_response(
        request, {"message": "the server could not handle this request; nothing was stored"}, status=500
    )


class SubmissionIn(Schema):
    instance_id: str
    submitted_at: str | None = None
    answers: dict[str, Any]


class SubmissionOut(Schema):
    status: str  # "created" or "already present"
    instance_id: str


class ProblemOut(Schema):
    column: str | None
    value: str | None
    reason: str


class ErrorOut(Schema):
    message: str
    problems: list[ProblemOut] = []


@api.post(
    "/surveys/{survey_id}/submissions",
    response={201: SubmissionOut, 200: SubmissionOut, 404: ErrorOut, 422: ErrorOut},
    summary="Submit one filled survey",
)
def create_submission(request: HttpRequest, survey_id: int, payload: SubmissionIn):
    """Validate one submission against the survey's current form version and store it once.

    Re-sending the same ``instance_id`` stores nothing and answers 200 "already present".
    """
    organisation = request.auth.organisation
    survey = Survey.objects.filter(pk=survey_id, training__organisation=organisation).first()
    if survey is None:
        return Status(404, {"message": f"no survey {survey_id} for this token's organisation"})
    version = survey.current_version()
    batch = from_payloads(version.form(), [(1, payload.dict())], source="API")
    try:
        report = store_batch(survey, version, batch, source=Submission.Source.API)
    except ImportRejected as rejected:
        problems = [{"column": p.column, "value": p.value, "reason": p.reason} for p in rejected.problems]
        message = "the submission does not fit the form; nothing was stored"
        return Status(422, {"message": message, "problems": problems})
    status = "created" if report.new else "already present"
    return Status(201 if report.new else 200, {"status": status, "instance_id": payload.instance_id})
