"""One stored instance of a repeat: its submission, its parent instance (nested repeats), its answers."""

from __future__ import annotations

from django.db import models

from citybridge.web.surveys.models import Submission


class RepeatInstance(models.Model):
    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="repeat_instances")
    repeat = models.CharField(
        max_length=300, help_text="The repeat's path in the form, e.g. household/member"
    )
    key = models.CharField(max_length=400, help_text="ODK Central's key: abc/member[2]/visit[1]")
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="children"
    )
    answers = models.JSONField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["submission", "key"], name="unique_repeat_instance")]
        indexes = [models.Index(fields=["submission", "repeat"], name="repeat_of_submission")]

    def __str__(self) -> str:
        return self.key
