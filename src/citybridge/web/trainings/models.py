"""Organisations, their trainings, the programme, and the people registered for it."""

from __future__ import annotations

from django.db import models


class Organisation(models.Model):
    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=80, unique=True)

    def __str__(self) -> str:
        return self.name


class Training(models.Model):
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="trainings")
    title = models.CharField(max_length=300)
    slug = models.SlugField(max_length=80, unique=True)
    starts_on = models.DateField(null=True, blank=True)
    ends_on = models.DateField(null=True, blank=True)
    languages = models.JSONField(default=list, blank=True)
    hosts = models.JSONField(default=list, blank=True)
    partners = models.JSONField(default=list, blank=True)
    funders = models.JSONField(default=list, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return self.title


class Speaker(models.Model):
    name = models.CharField(max_length=200)
    affiliation = models.CharField(max_length=300, blank=True)
    bio = models.TextField(blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["name", "affiliation"], name="unique_speaker")]

    def __str__(self) -> str:
        return self.name


class Lecture(models.Model):
    training = models.ForeignKey(Training, on_delete=models.CASCADE, related_name="lectures")
    number = models.PositiveIntegerField()
    title = models.CharField(max_length=300)
    speaker = models.ForeignKey(
        Speaker, on_delete=models.SET_NULL, null=True, blank=True, related_name="lectures"
    )
    language = models.CharField(max_length=40, blank=True)
    topics = models.JSONField(default=list, blank=True, help_text="Sector slugs")
    summary = models.TextField(blank=True)
    materials = models.JSONField(default=list, blank=True, help_text="Slides and recording links")

    class Meta:
        ordering = ["training", "number"]
        constraints = [models.UniqueConstraint(fields=["training", "number"], name="unique_lecture_number")]

    def __str__(self) -> str:
        return f"{self.number}. {self.title}"


class City(models.Model):
    """A city as the user wrote it; resolving it against the gazetteer comes later."""

    name = models.CharField(max_length=200)
    country = models.CharField(max_length=100, blank=True)

    class Meta:
        verbose_name_plural = "cities"
        constraints = [models.UniqueConstraint(fields=["name", "country"], name="unique_city_as_entered")]

    def __str__(self) -> str:
        return self.name


class Participant(models.Model):
    training = models.ForeignKey(Training, on_delete=models.CASCADE, related_name="participants")
    key = models.CharField(
        max_length=300, help_text="e-mail, phone or name and city: what makes a re-import idempotent"
    )
    name = models.CharField(max_length=200)
    position = models.CharField(max_length=200, blank=True)
    organisation = models.CharField(max_length=300, blank=True)
    city = models.ForeignKey(
        City, on_delete=models.PROTECT, null=True, blank=True, related_name="participants"
    )
    email = models.EmailField(blank=True)
    phone = models.CharField(max_length=40, blank=True)
    consent = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["training", "key"], name="unique_participant")]

    def __str__(self) -> str:
        return self.name


class TrainingText(models.Model):
    """A piece of a training's text in one language, written by its organisers.

    ``key`` names the piece: the report's own texts ("description", "objectives", "foreword",
    "context", "recommendations") and translations of the training's details ("title", "hosts",
    "partners", "funders": one name a line) and programme ("lecture-3.title", "speaker-wang.name",
    "speaker-wang.affiliation"). The report takes the piece in its own language and marks the
    English one it falls back to.
    """

    training = models.ForeignKey(Training, on_delete=models.CASCADE, related_name="texts")
    language = models.CharField(max_length=10, help_text="A report language: en, ru, uz-Latn, uz-Cyrl, zh")
    key = models.CharField(max_length=120)
    text = models.TextField()

    class Meta:
        ordering = ["training", "key", "language"]
        constraints = [
            models.UniqueConstraint(fields=["training", "language", "key"], name="unique_training_text")
        ]

    def __str__(self) -> str:
        return f"{self.key} ({self.language})"
