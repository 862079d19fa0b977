"""Download a repeat survey as linked tables (CSV ZIP or XLSX, one table per repeat)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404

from citybridge.web.accounts.access import Ability, check, requires
from citybridge.web.repeats.export import FORMATS, linked_export
from citybridge.web.surveys.models import Survey


@requires(Ability.VIEW)
def export(request: HttpRequest, survey_slug: str, fmt: str) -> HttpResponse:
    survey = get_object_or_404(Survey.objects.select_related("training"), slug=survey_slug)
    check(request.user, Ability.VIEW, survey.training.organisation_id)
    response = HttpResponse(linked_export(survey, fmt), content_type=FORMATS[fmt])
    response["Content-Disposition"] = f'attachment; filename="{survey.slug}-linked.{fmt}"'
    return response
