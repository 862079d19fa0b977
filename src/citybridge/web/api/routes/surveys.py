"""Surveys: a training's surveys, and one survey with its current form (questions, choices)."""

from __future__ import annotations

from collections.abc import Iterable

from django.http import HttpRequest
from ninja import Router, Schema

from citybridge.web.api import scoping
from citybridge.web.api.errors import documented
from citybridge.web.surveys.models import Survey
from citybridge.web.surveys.store import count_by_survey

router = Router(tags=["surveys"])


class SurveyOut(Schema):
    id: int
    slug: str
    title: str
    form_id: str
    is_open: bool
    training: str
    submissions: int


class ChoiceOut(Schema):
    name: str
    labels: dict[str, str]


class QuestionOut(Schema):
    name: str
    type: str
    path: str
    labels: dict[str, str]
    hints: dict[str, str]
    required: bool
    relevant: str | None
    constraint: str | None
    calculation: str | None
    list_name: str | None
    or_other: bool
    choices: list[ChoiceOut]


class FormOut(Schema):
    form_id: str
    version: str
    title: str
    default_language: str | None
    languages: list[str]
    questions: list[QuestionOut]


class SurveyDetailOut(SurveyOut):
    form: FormOut


def survey_rows(surveys: Iterable[Survey]) -> list[dict]:
    """Surveys as listed: what they are and how many submissions each holds."""
    surveys = list(surveys)
    counts = count_by_survey(surveys)
    return [
        {
            "id": s.pk,
            "slug": s.slug,
            "title": s.title,
            "form_id": s.form_id,
            "is_open": s.is_open,
            "training": s.training.slug,
            "submissions": counts.get(s.pk, 0),
        }
        for s in surveys
    ]


@router.get(
    "/trainings/{slug}/surveys",
    response=documented({200: list[SurveyOut]}),
    summary="List a training's surveys",
)
def list_surveys(request: HttpRequest, slug: str):
    """The surveys of one training, oldest first, with how many submissions each holds."""
    training = scoping.training(request, slug)
    return survey_rows(training.surveys.select_related("training").order_by("pk"))


@router.get(
    "/surveys/{survey_id}", response=documented({200: SurveyDetailOut}), summary="One survey and its form"
)
def get_survey(request: HttpRequest, survey_id: int):
    """The survey and its current form version: every question in form order with its type, labels
    per language, hints, required/relevant/constraint, and its choices. Submissions are checked
    against this form."""
    survey = scoping.survey(request, survey_id)
    (row,) = survey_rows([survey])
    return {**row, "form": survey.current_version().form().to_dict()}
