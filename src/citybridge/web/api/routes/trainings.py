"""Trainings: the list of the organisation's trainings and one training with its surveys."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import HttpRequest
from ninja import Router, Schema

from citybridge.web.api import scoping
from citybridge.web.api.errors import documented
from citybridge.web.api.routes.surveys import SurveyOut, survey_rows

router = Router(tags=["trainings"])
PLAIN_FIELDS = ("slug", "title", "starts_on", "ends_on", "languages", "hosts", "partners", "funders")


class TrainingOut(Schema):
    slug: str
    title: str
    starts_on: dt.date | None
    ends_on: dt.date | None
    languages: list[str]


class TrainingDetailOut(TrainingOut):
    hosts: list[Any]
    partners: list[Any]
    funders: list[Any]
    registered: int
    cities: int
    surveys: list[SurveyOut]


@router.get("/trainings", response=documented({200: list[TrainingOut]}), summary="List the trainings")
def list_trainings(request: HttpRequest):
    """Every training of the token's organisation, newest start first."""
    return scoping.trainings(request).order_by("-starts_on", "-pk")


@router.get(
    "/trainings/{slug}", response=documented({200: TrainingDetailOut}), summary="One training and its surveys"
)
def get_training(request: HttpRequest, slug: str):
    """The training's dates, hosts and partners, how many people from how many cities registered,
    and its surveys with their submission counts."""
    training = scoping.training(request, slug)
    participants = training.participants
    return {
        **{field: getattr(training, field) for field in PLAIN_FIELDS},
        "registered": participants.count(),
        "cities": participants.exclude(city=None).values("city").distinct().count(),
        "surveys": survey_rows(training.surveys.order_by("pk")),
    }
