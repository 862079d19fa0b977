"""Per-training figures for ``citybridge status``: registered, responded, response rate."""

from __future__ import annotations

from dataclasses import dataclass

from citybridge.web.surveys.models import Submission
from citybridge.web.trainings.models import Training


@dataclass(frozen=True)
class TrainingStatus:
    training_id: int
    slug: str
    registered: int
    cities: int
    surveys: int
    submissions: int
    respondents: int  # submissions to the training's surveys; one per respondent in an anonymous survey
    response_rate: float | None


def training_status(training: Training) -> TrainingStatus:
    registered = training.participants.count()
    cities = training.participants.exclude(city=None).values("city").distinct().count()
    submissions = Submission.objects.filter(survey__training=training).count()
    # A respondent answers each survey once; the busiest survey's count is the number who responded.
    per_survey = [s.submissions.count() for s in training.surveys.all()]
    respondents = max(per_survey, default=0)
    rate = respondents / registered if registered else None
    return TrainingStatus(
        training.pk, training.slug, registered, cities, len(per_survey), submissions, respondents, rate
    )
