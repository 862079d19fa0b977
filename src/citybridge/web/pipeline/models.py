"""A lead per (requesting city, partner city) and the history of every change made to it."""

from __future__ import annotations

from django.db import models

from citybridge.pipeline.stages import INTEREST, STAGE_LABELS
from citybridge.web.trainings.models import Training


class HistoryIsAppendOnly(Exception):
    """Lead history is evidence of what was done when: it is never edited or deleted."""


class Lead(models.Model):
    training = models.ForeignKey(
        Training, on_delete=models.PROTECT, related_name="leads", null=True, blank=True
    )
    requesting_city = models.CharField(max_length=200)
    requesting_place = models.CharField(
        max_length=60, blank=True, help_text="Gazetteer id, e.g. geonames:1217662"
    )
    partner_city = models.CharField(max_length=200)
    partner_place = models.CharField(max_length=60, blank=True)
    stage = models.CharField(max_length=20, choices=list(STAGE_LABELS.items()), default=INTEREST)
    dropped_reason = models.TextField(blank=True)
    owner = models.CharField(max_length=200, blank=True)
    due_on = models.DateField(null=True, blank=True)
    score = models.FloatField(null=True, blank=True, help_text="Match score when the lead came from a match")
    explanation = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["training", "requesting_city", "partner_city"], name="one_lead_per_city_pair"
            )
        ]
        indexes = [models.Index(fields=["owner", "due_on"])]

    def __str__(self) -> str:
        return f"{self.requesting_city} → {self.partner_city} ({self.stage})"


class LeadEventQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise HistoryIsAppendOnly("lead history cannot be edited")

    def delete(self):
        raise HistoryIsAppendOnly("lead history cannot be deleted")


class LeadEvent(models.Model):
    """One change: who did what, when, with the values before and after."""

    lead = models.ForeignKey(Lead, on_delete=models.PROTECT, related_name="history")
    at = models.DateTimeField(auto_now_add=True)
    who = models.CharField(max_length=200)
    what = models.CharField(max_length=20)  # created, stage, owner, due, note
    before = models.JSONField(null=True, blank=True)
    after = models.JSONField(null=True, blank=True)
    note = models.TextField(blank=True)

    objects = LeadEventQuerySet.as_manager()

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.who}: {self.what}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise HistoryIsAppendOnly("lead history cannot be edited; add a new event instead")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise HistoryIsAppendOnly("lead history cannot be deleted")
