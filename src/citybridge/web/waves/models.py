"""Survey waves of a training, the messages sent for them, outbound events and partnership outcomes."""

from __future__ import annotations

from django.db import models

from citybridge.web.participate.models import new_token
from citybridge.web.pipeline.models import Lead
from citybridge.web.surveys.models import Survey
from citybridge.web.trainings.models import Organisation, Participant, Training


class Wave(models.Model):
    """One survey of a training's follow-up: baseline, post-training, or a follow-up months later."""

    class Kind(models.TextChoices):
        BASELINE = "baseline", "baseline (before the training)"
        POST = "post", "post-training"
        FOLLOW_UP = "follow-up", "follow-up"

    training = models.ForeignKey(Training, on_delete=models.CASCADE, related_name="waves")
    survey = models.OneToOneField(Survey, on_delete=models.PROTECT, related_name="wave")
    name = models.CharField(max_length=100, help_text="e.g. 'post-training', '3 months'")
    names = models.JSONField(
        default=dict, blank=True, help_text="The name in other languages: ru, uz-Latn, uz-Cyrl or zh -> name"
    )  # fmt: skip
    kind = models.CharField(max_length=12, choices=Kind.choices)
    offset_days = models.IntegerField(null=True, blank=True, help_text="Days after the training ended")
    opens_on = models.DateField(null=True, blank=True, help_text="When invitations go out")
    reminder_days = models.JSONField(default=list, blank=True, help_text="Days after opening, e.g. [7, 14]")
    earlier = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        help_text="The wave this one's repeated measures are compared with",
    )  # fmt: skip
    closed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["training", "opens_on", "pk"]
        constraints = [models.UniqueConstraint(fields=["training", "name"], name="unique_wave_name")]

    def __str__(self) -> str:
        return f"{self.training.slug}: {self.name}"


class Contact(models.Model):
    """How a participant is written to: in which language, and whether they asked not to be."""

    participant = models.OneToOneField(Participant, on_delete=models.CASCADE, related_name="contact")
    language = models.CharField(max_length=10, blank=True, help_text="en, ru, uz, uz-cyrl or zh-hans")
    opt_out_token = models.CharField(max_length=64, unique=True, default=new_token)
    opted_out_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"{self.participant} ({self.language or 'default language'})"


class Message(models.Model):
    """One invitation or reminder, recorded under its key before it is sent: a key is sent once."""

    class Status(models.TextChoices):
        SENDING = "sending", "handed to the mail server, not yet confirmed"
        SENT = "sent", "sent"
        FAILED = "failed", "refused by the mail server"

    wave = models.ForeignKey(Wave, on_delete=models.CASCADE, related_name="messages")
    participant = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="+")
    step = models.CharField(max_length=20)
    key = models.CharField(max_length=200, unique=True)
    language = models.CharField(max_length=10)
    to = models.EmailField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.SENDING)
    error = models.TextField(blank=True)
    scheduled_on = models.DateField(help_text="The schedule's day it was sent for (reminders count from it)")
    recorded_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"{self.key} ({self.status})"


class Webhook(models.Model):
    """A receiver of signed outbound events for one organisation's trainings."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="webhooks")
    url = models.URLField(max_length=500)
    secret = models.CharField(max_length=128, default=new_token)
    events = models.JSONField(default=list, help_text="Event names; empty for every event")
    active = models.BooleanField(default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return self.url


class Delivery(models.Model):
    """One event for one webhook, tried until delivered or out of attempts."""

    class Status(models.TextChoices):
        PENDING = "pending", "pending"
        DELIVERED = "delivered", "delivered"
        FAILED = "failed", "gave up"

    webhook = models.ForeignKey(Webhook, on_delete=models.CASCADE, related_name="deliveries")
    event = models.CharField(max_length=40)
    key = models.CharField(max_length=200, help_text="What the event is about, e.g. submission-12")
    payload = models.JSONField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    attempts = models.PositiveIntegerField(default=0)
    next_attempt_at = models.DateTimeField(null=True, blank=True)
    delivered_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["webhook", "event", "key"], name="one_delivery_per_event")
        ]

    def __str__(self) -> str:
        return f"{self.event} {self.key} → {self.webhook} ({self.status})"


class Attempt(models.Model):
    """The delivery log: one row per POST tried."""

    delivery = models.ForeignKey(Delivery, on_delete=models.CASCADE, related_name="log")
    at = models.DateTimeField(auto_now_add=True)
    status_code = models.IntegerField(null=True, blank=True)
    error = models.TextField(blank=True)

    class Meta:
        ordering = ["at", "pk"]


class Outcome(models.Model):
    """A dated result of a partnership lead: an MoU signed, a visit made, a joint project started."""

    lead = models.ForeignKey(Lead, on_delete=models.PROTECT, related_name="outcomes")
    kind = models.CharField(max_length=20)  # citybridge.pipeline.outcomes.OUTCOME_KINDS
    happened_on = models.DateField()
    note = models.TextField(blank=True)
    recorded_by = models.CharField(max_length=200, blank=True)
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["happened_on", "pk"]

    def __str__(self) -> str:
        return f"{self.lead}: {self.kind} on {self.happened_on}"
