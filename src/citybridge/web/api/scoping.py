"""Objects as a token may see them: only its organisation's; anything else answers 404."""

from __future__ import annotations

from django.http import HttpRequest

from citybridge.web.api.errors import not_found
from citybridge.web.pipeline.models import Lead
from citybridge.web.surveys.models import Survey
from citybridge.web.trainings.models import Organisation, Training


def organisation(request: HttpRequest) -> Organisation:
    return request.auth.organisation


def trainings(request: HttpRequest):
    return Training.objects.filter(organisation=organisation(request))


def training(request: HttpRequest, slug: str) -> Training:
    found = trainings(request).select_related("organisation").filter(slug=slug).first()
    if found is None:
        raise not_found(
            f"no training '{slug}' for this token's organisation; GET /api/v1/trainings lists them"
        )
    return found


def survey(request: HttpRequest, survey_id: int) -> Survey:
    found = (
        Survey.objects.select_related("training")
        .filter(pk=survey_id, training__organisation=organisation(request))
        .first()
    )
    if found is None:
        raise not_found(
            f"no survey {survey_id} for this token's organisation; "
            "GET /api/v1/trainings/{slug}/surveys lists them"
        )
    return found


def lead(request: HttpRequest, lead_id: int) -> Lead:
    found = (
        Lead.objects.select_related("training")
        .filter(pk=lead_id, training__organisation=organisation(request))
        .first()
    )
    if found is None:
        raise not_found(
            f"no lead {lead_id} for this token's organisation; GET /api/v1/trainings/{{slug}}/leads lists them"
        )
    return found
