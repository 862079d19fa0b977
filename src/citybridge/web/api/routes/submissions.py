"""Submissions: send one in, page through them, or download them all as a file."""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from django.http import HttpRequest, HttpResponse
from ninja import Field, Query, Router, Schema, Status

from citybridge.messages import SUBMISSION_REJECTED
from citybridge.web.api import scoping
from citybridge.web.api.errors import documented, said
from citybridge.web.api.exports import MEDIA_TYPES, submissions_file
from citybridge.web.api.fields import Text
from citybridge.web.surveys import intake
from citybridge.web.surveys.models import Submission

router = Router(tags=["submissions"])
MAX_PAGE = 1000


class SubmissionIn(Schema):
    instance_id: Text = Field(
        min_length=1, max_length=205, description="The submission's own id (an optional 'uuid:' prefix is dropped; "
        "at most 200 characters are kept); sending it again stores nothing new."
    )  # fmt: skip
    submitted_at: Text | None = Field(
        None, description="When it was filled in, ISO 8601 (2020-11-10T11:00:00+05:00; without an offset: UTC). "
        "Left out: the time it is received."
    )  # fmt: skip
    answers: dict[str, Any] = Field(
        description="Question name: value (a list for select_multiple). Text without NUL characters or lone "
        "surrogates; numbers finite (no NaN or Infinity)."
    )


class SubmissionOut(Schema):
    status: str  # "created" or "already present"
    instance_id: str


class StoredSubmissionOut(Schema):
    id: int
    instance_id: str
    submitted_at: dt.datetime  # the received-at time when the sender gave none
    received_at: dt.datetime
    source: str
    form_version: str
    answers: dict[str, Any]


class SubmissionPageOut(Schema):
    items: list[StoredSubmissionOut]
    next_after: int | None


@router.post(
    "/surveys/{survey_id}/submissions",
    response=documented({201: SubmissionOut, 200: SubmissionOut}, writes=True),
    summary="Submit one filled survey",
)
def create_submission(request: HttpRequest, survey_id: int, payload: SubmissionIn):
    """Validate one submission against the survey's current form version and store it once.

    Re-sending the same ``instance_id`` stores nothing and answers 200 "already present". A
    submission that does not fit the form answers 422 with one problem per answer (which answer,
    its value, why). Needs a write token.
    """
    survey, version = scoping.survey_taking_submissions(request, survey_id)
    outcome = intake.submit(survey, version, payload.dict(), source=Submission.Source.API, source_name="API")
    if outcome.status == intake.REJECTED:
        problems = [{"column": p.column, "value": p.value, "reason": p.reason} for p in outcome.problems]
        return Status(422, {"message": said(SUBMISSION_REJECTED), "problems": problems})
    if outcome.status == intake.FAILED:
        raise RuntimeError(outcome.problems[0].reason)  # the API's handler answers 500 in words
    created = outcome.status == intake.CREATED
    return Status(201 if created else 200, {"status": outcome.status, "instance_id": payload.instance_id})


@router.get(
    "/surveys/{survey_id}/submissions",
    response=documented({200: SubmissionPageOut}),
    summary="Page through a survey's submissions",
)
def list_submissions(
    request: HttpRequest,
    survey_id: int,
    after: int = Query(0, ge=0, description="Only submissions with an id above this one (the cursor)."),
    limit: int = Query(100, ge=1, le=MAX_PAGE, description=f"At most this many (1 to {MAX_PAGE})."),
):
    """The submissions in the order they were received (newest last), answers as stored. Start
    with no ``after``; pass the page's ``next_after`` to get the next page; it is null on the last
    page. New submissions only ever add pages at the end, so no submission is skipped or repeated."""
    survey = scoping.survey(request, survey_id)
    rows = list(
        survey.submissions.select_related("form_version").filter(pk__gt=after).order_by("pk")[: limit + 1]
    )
    page, more = rows[:limit], len(rows) > limit
    return {
        "items": [
            {
                "id": s.pk,
                "instance_id": s.instance_id,
                "submitted_at": s.submitted_at,
                "received_at": s.received_at,
                "source": s.source,
                "form_version": s.form_version.version,
                "answers": s.answers,
            }
            for s in page
        ],
        "next_after": page[-1].pk if more else None,
    }


EXPORT_RESPONSES = {
    200: {
        "description": "Every submission as a file, typed by the survey's current form; a form with repeats as "
        "linked tables in a ZIP (CSV, Parquet) or an XLSX with a sheet per repeat.",
        "content": {
            MEDIA_TYPES["csv"]: {"schema": {"type": "string"}},
            MEDIA_TYPES["xlsx"]: {"schema": {"type": "string", "format": "binary"}},
            MEDIA_TYPES["parquet"]: {"schema": {"type": "string", "format": "binary"}},
            MEDIA_TYPES["zip"]: {"schema": {"type": "string", "format": "binary"}},
        },
    }
}


@router.get(
    "/surveys/{survey_id}/submissions/export",
    response=documented({}),
    summary="Download a survey's submissions (CSV, XLSX or Parquet)",
    openapi_extra={"responses": EXPORT_RESPONSES},
)
def export_submissions(
    request: HttpRequest,
    survey_id: int,
    format: Literal["csv", "xlsx", "parquet"] = Query(
        "csv", description="csv (multiple choices space-separated), xlsx or parquet."
    ),
    raw: bool = Query(
        False, description="CSV, XLSX: write cells as stored, without the apostrophe before formulas."
    ),
):
    """One row per submission with ``_instance_id``, ``_submitted_at`` (UTC) and one column per
    question of the current form. In CSV and XLSX, multiple choices are joined by spaces as
    KoboToolbox and ODK write them; in Parquet they are lists. A form with repeats comes as ODK
    Central's linked tables (``KEY``, and ``PARENT_KEY`` in each repeat's table): a ZIP of one CSV
    or Parquet file per table, or an XLSX with one sheet per table."""
    survey = scoping.survey(request, survey_id)
    content, media_type, filename = submissions_file(survey, format, raw)
    response = HttpResponse(content, content_type=media_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
