"""Objects as a token may see them: only its organisation's; anything else answers 404."""

from __future__ import annotations

from django.http import HttpRequest

from citybridge.messages import NO_LEAD, NO_SURVEY, NO_TRAINING
from citybridge.web.api.errors import not_found
from citybridge.web.pipeline.models import Lead
from citybridge.web.recent import Recent
from citybridge.web.surveys.models import FormVersion, Survey
from citybridge.web.trainings.models import Organisation, Training


def organisation(request: HttpRequest) -> Organisation:
    return request.auth.organisation


def trainings(request: HttpRequest):
    return Training.objects.filter(organisation=organisation(request))


def training(request: HttpRequest, slug: str) -> Training:
    found = trainings(request).select_related("organisation").filter(slug=slug).first()
    if found is None:
        raise not_found(NO_TRAINING, slug=slug)
    return found


def survey(request: HttpRequest, survey_id: int) -> Survey:
    found = (
        Survey.objects.select_related("training")
        .filter(pk=survey_id, training__organisation=organisation(request))
        .first()
    )
    if found is None:
        raise not_found(NO_SURVEY, survey=survey_id)
    return found


# Every submission sent asks for its survey and the form version it is checked against: kept for
# a few seconds (citybridge.web.recent), so a new version uploaded in another server process is
# used within those seconds; submissions checked meanwhile are stored with the version they fit.
surveys_taking_submissions: Recent[tuple[int, int], tuple[Survey, FormVersion]] = Recent(
    made_of=(Organisation, Training, Survey, FormVersion)
)


def survey_taking_submissions(request: HttpRequest, survey_id: int) -> tuple[Survey, FormVersion]:
    """The survey, as :func:`survey` finds it, and its current form version."""

    def look_up() -> tuple[Survey, FormVersion]:
        found = survey(request, survey_id)
        return found, found.current_version()

    found = surveys_taking_submissions.get((organisation(request).pk, survey_id), look_up)
    assert found is not None  # look_up answers 404 rather than nothing
    return found


def lead(request: HttpRequest, lead_id: int) -> Lead:
    found = (
        Lead.objects.select_related("training")
        .filter(pk=lead_id, training__organisation=organisation(request))
        .first()
    )
    if found is None:
        raise not_found(NO_LEAD, lead=lead_id)
    return found
