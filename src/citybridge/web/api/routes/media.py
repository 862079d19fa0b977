"""A submission with its media files, as ODK Collect and KoboToolbox send one: multipart/form-data.

The submission's JSON is the part named ``submission``; each other part is a file whose file name
is the value of the media answer that took it. The files are checked against the answers before
anything is stored (``citybridge.submissions.media``), the submission goes through the same intake
as a JSON one, and the files are then kept beside those an import brings, served at
``/attachments/SUBMISSION/FILE`` to those who may see the survey's submissions.
"""

from __future__ import annotations

import json

from django.conf import settings
from django.core.exceptions import RequestDataTooBig, TooManyFilesSent
from django.http import HttpRequest
from ninja import Router, Status

from citybridge.forms.model import MEDIA_TYPES
from citybridge.messages import (
    FILES_REFUSED,
    NO_SUBMISSION_PART,
    SUBMISSION_PART_NOT_JSON,
    SUBMISSION_REJECTED,
)
from citybridge.submissions.media import SNIFFED_BYTES, SentFile, check_files
from citybridge.uploads.limits import Limits
from citybridge.web.api import scoping
from citybridge.web.api.errors import ApiError, documented, said
from citybridge.web.api.routes.submissions import SubmissionIn, SubmissionOut
from citybridge.web.attachments.store import keep_sent_files
from citybridge.web.surveys import intake
from citybridge.web.surveys.models import Submission

router = Router(tags=["submissions"])
SUBMISSION_PART = "submission"

MULTIPART_BODY = {
    "required": True,
    "content": {
        "multipart/form-data": {
            "schema": {
                "type": "object",
                "required": [SUBMISSION_PART],
                "properties": {
                    SUBMISSION_PART: {
                        "type": "string",
                        "description": "The submission as JSON, exactly the body of POST .../submissions.",
                    }
                },
                "additionalProperties": {
                    "type": "string",
                    "format": "binary",
                    "description": "A file; its file name is the value of the media answer that took it.",
                },
            }
        }
    },
}


@router.post(
    "/surveys/{survey_id}/submissions/multipart",
    response=documented({201: SubmissionOut, 200: SubmissionOut}, writes=True),
    summary="Submit one filled survey with its photos, recordings and files",
    openapi_extra={"requestBody": MULTIPART_BODY},
)
def create_submission_with_files(request: HttpRequest, survey_id: int):
    """The submission's JSON in the part named ``submission``, each media file in a part whose file
    name is the value of the answer that took it (as ODK Collect and KoboToolbox send them).

    Every file an answer names must be sent, and no other; each at most CITYBRIDGE_MAX_UPLOAD_MB
    (and 25 MiB), of its question's kind (a picture for an image question). Otherwise nothing is
    stored: 413 when a file is too large, else 422, one problem per file. Re-sending the same
    ``instance_id`` stores no second submission and keeps the files the first one lacked. The
    files are served at /attachments/SUBMISSION/FILE to the organisers and analysts of the survey's
    organisation. Needs a write token."""
    survey, version = scoping.survey_taking_submissions(request, survey_id)
    form = version.form()
    limits = Limits.from_env()
    _refuse_oversized_body(request, limits, sum(q.type in MEDIA_TYPES for q in form.answer_questions))
    payload, files = _parts(request)
    problems = check_files(form, payload.answers, [_sent(f) for f in files], limits.max_upload_bytes)
    if problems:
        status = 413 if any(" MiB, more than " in p.reason for p in problems) else 422
        listed = [{"column": f"files.{p.name}", "value": p.name, "reason": p.reason} for p in problems]
        raise ApiError(status, said(FILES_REFUSED), listed)
    outcome = intake.submit(survey, version, payload.dict(), source=Submission.Source.API, source_name="API")
    if outcome.status == intake.REJECTED:
        listed = [{"column": p.column, "value": p.value, "reason": p.reason} for p in outcome.problems]
        return Status(422, {"message": said(SUBMISSION_REJECTED), "problems": listed})
    if outcome.status == intake.FAILED:
        raise RuntimeError(outcome.problems[0].reason)
    keep_sent_files(survey, payload.instance_id, files)
    created = outcome.status == intake.CREATED
    return Status(201 if created else 200, {"status": outcome.status, "instance_id": payload.instance_id})


def _refuse_oversized_body(request: HttpRequest, limits: Limits, media_questions: int) -> None:
    """A body larger than every file the form can take plus the JSON is refused before it is read."""
    most = media_questions * limits.max_upload_bytes + settings.DATA_UPLOAD_MAX_MEMORY_SIZE
    length = request.META.get("CONTENT_LENGTH") or "0"
    if length.isdigit() and int(length) > most:
        raise RequestDataTooBig(f"{length} bytes")


def _parts(request: HttpRequest):
    if not request.content_type.startswith("multipart/form-data"):
        raise ApiError(400, said(NO_SUBMISSION_PART))
    try:
        text = request.POST.get(SUBMISSION_PART)
        files = [f for name in request.FILES for f in request.FILES.getlist(name) if name != SUBMISSION_PART]
        if text is None and SUBMISSION_PART in request.FILES:
            text = request.FILES[SUBMISSION_PART].read(settings.DATA_UPLOAD_MAX_MEMORY_SIZE).decode("utf-8")
    except TooManyFilesSent as exc:
        raise ApiError(400, str(exc)) from exc
    except UnicodeDecodeError as exc:
        raise ApiError(400, said(SUBMISSION_PART_NOT_JSON, error=exc)) from exc
    if text is None:
        raise ApiError(400, said(NO_SUBMISSION_PART))
    try:
        payload = SubmissionIn.model_validate(json.loads(text))
    except ValueError as exc:  # not JSON, or JSON that is not a submission
        raise ApiError(422, said(SUBMISSION_PART_NOT_JSON, error=_first_line(exc))) from exc
    return payload, files


def _sent(upload) -> SentFile:
    head = upload.read(SNIFFED_BYTES)
    upload.seek(0)
    return SentFile(upload.name or "", upload.size or 0, head)


def _first_line(error: Exception) -> str:
    return str(error).splitlines()[0] if str(error) else type(error).__name__
