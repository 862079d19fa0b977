"""The reports page of a training: ask for the report (languages, formats, as-of and compare
days) or the knowledge booklet as a background job, and see the training's recent jobs and files.
Analysts make reports too, so VIEW is enough to ask for one."""

from __future__ import annotations

from django import forms
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _

from citybridge.reports.i18n import LANGUAGE_NAMES
from citybridge.reports.output import FORMATS
from citybridge.web import report_job
from citybridge.web.accounts.access import Ability, requires, training_or_404
from citybridge.web.jobs import documents
from citybridge.web.jobs.queue import submit
from citybridge.web.jobs.runner import give_up_if_orphaned
from citybridge.web.trainings.models import Training

LANGUAGE_CHOICES = list(LANGUAGE_NAMES.items())
FORMAT_CHOICES = [(fmt, fmt.upper()) for fmt in FORMATS]
RECENT_JOBS = 20


class ReportForm(forms.Form):
    languages = forms.MultipleChoiceField(
        label=_("Languages"), choices=LANGUAGE_CHOICES, widget=forms.CheckboxSelectMultiple,
        initial=[code for code, _name in LANGUAGE_CHOICES],
        error_messages={"required": _("Choose at least one language.")},
    )  # fmt: skip
    formats = forms.MultipleChoiceField(
        label=_("Formats"), choices=FORMAT_CHOICES, widget=forms.CheckboxSelectMultiple,
        initial=list(FORMATS), error_messages={"required": _("Choose at least one format.")},
    )  # fmt: skip
    as_of = forms.DateField(
        label=_("Figures as of (optional)"), required=False, widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("Only submissions received up to this day (UTC) are counted."),
    )  # fmt: skip
    compare = forms.DateField(
        label=_("Compare with (optional)"), required=False, widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("The report adds what changed since this day; it must be before the as-of day."),
    )  # fmt: skip

    def clean(self):
        data = super().clean()
        as_of, compare = data.get("as_of"), data.get("compare")
        if as_of and compare and compare >= as_of:
            self.add_error("compare", _("The comparison day must be before the as-of day."))
        return data


@requires(Ability.VIEW)
def reports(request: HttpRequest, training_slug: str) -> HttpResponse:
    training = training_or_404(request.user, training_slug)
    form = ReportForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        return redirect("jobs:detail", pk=_submit(request, training, form.cleaned_data).pk)
    recent = training.jobs.filter(kind__in=("report", "booklet")).order_by("-created_at", "-pk")[:RECENT_JOBS]
    jobs = [give_up_if_orphaned(job) for job in recent]
    return render(request, "front/reports.html", {"training": training, "form": form, "jobs": jobs})


def _submit(request: HttpRequest, training: Training, data: dict):
    languages, formats = data["languages"], data["formats"]
    if "booklet" in request.POST:
        params = documents.params(languages=languages, formats=formats)
        kind = "booklet"
    else:
        params = report_job.params(
            languages=languages, formats=formats, as_of=data["as_of"], compare=data["compare"]
        )
        kind = "report"
    return submit(
        kind, organisation=training.organisation, training=training, params=params, user=request.user
    )
