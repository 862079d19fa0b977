"""One background job: what was asked, how far it got, and the files it wrote."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from citybridge.web.trainings.models import Organisation, Training

# What a job page calls each kind of job (runner.KINDS), in the page's language.
KIND_LABELS = {"report": _("Report"), "booklet": _("Knowledge booklet"), "waves-send": _("Sending a wave's messages")}


class Job(models.Model):
    class Status(models.TextChoices):
        QUEUED = "queued", "queued"
        RUNNING = "running", "running"
        DONE = "done", "done"
        FAILED = "failed", "failed"

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="jobs")
    training = models.ForeignKey(Training, on_delete=models.CASCADE, null=True, blank=True, related_name="jobs")
    kind = models.CharField(max_length=40)
    params = models.JSONField(default=dict, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    progress = models.FloatField(default=0.0, help_text="0 to 1")
    message = models.TextField(blank=True, help_text="What the job is doing, or why it failed")
    files = models.JSONField(default=list, blank=True, help_text="Names of the files written, in its folder")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    runner = models.CharField(
        max_length=300, blank=True, help_text="For a job run in a thread of a web process: that process (jobs/owner.py)"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.kind} #{self.pk} ({self.status})"

    @property
    def kind_label(self) -> str:
        return str(KIND_LABELS.get(self.kind, self.kind))

    @property
    def folder(self) -> Path:
        return Path(settings.JOBS_DIR) / str(self.pk)

    @property
    def finished(self) -> bool:
        return self.status in (self.Status.DONE, self.Status.FAILED)

    @property
    def percent(self) -> int:
        return round(100 * self.progress)
