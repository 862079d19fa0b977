"""Survey links: the address a participant answers a survey at, personal or open to anyone."""

from __future__ import annotations

import secrets

from django.db import models

from citybridge.web.surveys.models import Survey
from citybridge.web.trainings.models import Participant


def new_token() -> str:
    """An unguessable link token (32 URL-safe characters, 192 bits of randomness)."""
    return secrets.token_urlsafe(24)


class SurveyLink(models.Model):
    """A link to answer ``survey``: personal (one participant, answered once) or open (anyone, often).

    The token is kept as it is (not hashed) so that the organiser can show and send it again.
    """

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="links")
    participant = models.ForeignKey(
        Participant, on_delete=models.CASCADE, null=True, blank=True, related_name="survey_links",
        help_text="Empty for the survey's open link",
    )  # fmt: skip
    token = models.CharField(max_length=64, unique=True, default=new_token)
    created_at = models.DateTimeField(auto_now_add=True)
    answered_at = models.DateTimeField(null=True, blank=True, help_text="When a personal link was answered")
    instance_id = models.CharField(
        max_length=200, blank=True, help_text="The submission a personal link gave"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["survey", "participant"], name="one_link_per_participant"),
            models.UniqueConstraint(
                fields=["survey"],
                condition=models.Q(participant__isnull=True),
                name="one_open_link_per_survey",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.survey.slug}: {self.participant or 'open link'}"

    @property
    def is_personal(self) -> bool:
        return self.participant_id is not None

    @property
    def answered(self) -> bool:
        return self.answered_at is not None


class SurveyTitle(models.Model):
    """The survey's title in one of its form's languages, as the organiser writes it (an XLSForm's
    form_title has one language only); the participant page shows it, else the survey's title."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="titles")
    language = models.CharField(max_length=100, help_text="A language of the form, e.g. 'Russian (ru)'")
    title = models.CharField(max_length=300)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["survey", "language"], name="unique_survey_title")]

    def __str__(self) -> str:
        return self.title
