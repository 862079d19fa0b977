"""Surveys, their form versions, and the submissions received for them."""

from __future__ import annotations

from django.db import models

from citybridge.forms import Form
from citybridge.web.trainings.models import Training


class Survey(models.Model):
    training = models.ForeignKey(Training, on_delete=models.PROTECT, related_name="surveys")
    slug = models.SlugField(max_length=80, unique=True)
    title = models.CharField(max_length=300)
    form_id = models.CharField(max_length=200, help_text="form_id from the XLSForm settings sheet")
    indicators = models.JSONField(
        default=dict, blank=True, help_text="How answers are read for the report (the form's indicators file)"
    )
    is_open = models.BooleanField(
        default=True, help_text="Open surveys accept answers through their links; closed ones refuse them"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["training", "form_id"], name="unique_form_per_training")
        ]

    def __str__(self) -> str:
        return self.title

    def current_version(self) -> FormVersion:
        # The definition and the workbook are large; form() reads them only when this process has
        # not read that version yet.
        return self.versions.defer("definition", "xlsform").order_by("-created_at", "-id").first()


class FormVersion(models.Model):
    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="versions")
    version = models.CharField(max_length=100, blank=True)
    definition = models.JSONField(help_text="The form as citybridge reads it")
    xlsform = models.BinaryField(help_text="The XLSForm file as uploaded")
    filename = models.CharField(max_length=300)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["survey", "version"], name="unique_form_version")]

    def __str__(self) -> str:
        return f"{self.survey.form_id} {self.version}"

    def form(self) -> Form:
        """The stored form, read once per process: a version's definition never changes, and the
        same Form object keeps what is derived from it (citybridge.forms.memo) between requests."""
        key = (self.pk, self.created_at)
        found = _FORMS.get(key) if self.pk else None
        if found is None:
            found = Form.from_dict(self.definition)
            if self.pk:
                if len(_FORMS) >= 256:
                    _FORMS.clear()
                _FORMS[key] = found
        return found


_FORMS: dict[tuple, Form] = {}


class Submission(models.Model):
    class Source(models.TextChoices):
        WEB = "web", "web form"
        API = "api", "API"
        IMPORT = "import", "import file"

    survey = models.ForeignKey(Survey, on_delete=models.PROTECT, related_name="submissions")
    form_version = models.ForeignKey(FormVersion, on_delete=models.PROTECT, related_name="submissions")
    instance_id = models.CharField(max_length=200)
    answers = models.JSONField()
    # A submission sent without its time is stored as submitted when received (store.store_batches).
    submitted_at = models.DateTimeField()
    received_at = models.DateTimeField()
    source = models.CharField(max_length=10, choices=Source.choices)
    source_name = models.CharField(max_length=300, blank=True, help_text="File name or API client")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["survey", "instance_id"], name="unique_instance")]
        indexes = [models.Index(fields=["survey", "submitted_at"], name="submission_as_of")]

    def __str__(self) -> str:
        return self.instance_id
