"""Good practices kept in the store: knowledge items from a lecture or a city, tagged with sectors."""

from __future__ import annotations

from django.db import models

from citybridge.web.trainings.models import Lecture, Training


class Practice(models.Model):
    """A good practice of a training, as ``citybridge.knowledge.GoodPractice`` describes it."""

    training = models.ForeignKey(Training, on_delete=models.CASCADE, related_name="practices")
    key = models.CharField(max_length=200, help_text="The practice's key in its practices file")
    title = models.CharField(max_length=500)
    lecture = models.ForeignKey(
        Lecture,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="practices",
        help_text="The lecture it comes from; empty for a city's own practice",
    )
    speaker = models.CharField(max_length=200, blank=True, help_text="Who presented or told it")
    sectors = models.JSONField(default=list, blank=True, help_text="Sector slugs (citybridge.sectors)")
    key_points = models.JSONField(default=list, blank=True)
    source = models.CharField(max_length=500, help_text="The document it comes from")
    place = models.CharField(max_length=300, blank=True, help_text="Where it was practised")
    note = models.TextField(blank=True, help_text="How the key points relate to the source")
    position = models.PositiveIntegerField(default=0, help_text="Its order in the practices file")
    translations = models.JSONField(
        default=dict, blank=True,
        help_text="The practice in other languages: language -> its title, key points, place, speaker, source, note",
    )

    class Meta:
        ordering = ["training", "position", "pk"]
        constraints = [models.UniqueConstraint(fields=["training", "key"], name="unique_practice_key")]

    def __str__(self) -> str:
        return self.title


class SearchText(models.Model):
    """The searchable text of one lecture, speaker or practice, folded (``search.indexed``): what
    the database's full-text index reads (``fulltext``). Kept current on every save and delete."""

    kind = models.CharField(max_length=20)  # "lecture", "speaker" or "practice"
    object_id = models.PositiveBigIntegerField()
    text = models.TextField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["kind", "object_id"], name="unique_search_text")]

    def __str__(self) -> str:
        return f"{self.kind} {self.object_id}"
