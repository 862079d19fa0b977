"""A stored survey's analysis: its submissions read back into the core's typed frame."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import polars as pl
from django.db.models import TextField
from django.db.models.functions import Cast

from citybridge.analysis.compute import analyze
from citybridge.analysis.data import from_stored
from citybridge.analysis.indicators import Analysis
from citybridge.analysis.spec import IndicatorSpec, read_spec, spec_from_dict, spec_path_for
from citybridge.web.errors import NotFound
from citybridge.web.surveys.models import Survey
from citybridge.web.trainings.models import Training


def evaluation_survey(training: Training, survey_ref: str | None = None) -> Survey:
    """The survey a report is written from: the one named, else the training's only (or busiest) one."""
    surveys = list(training.surveys.all())
    if survey_ref:
        for survey in surveys:
            if survey_ref in (str(survey.pk), survey.slug):
                return survey
        raise NotFound(f"training '{training.slug}' has no survey '{survey_ref}'")
    if not surveys:
        raise NotFound(f"training '{training.slug}' has no survey yet: add one with 'citybridge survey add'")
    if len(surveys) == 1:
        return surveys[0]  # the usual case: no need to count its submissions
    return max(surveys, key=lambda s: (s.submissions.count(), -s.pk))


def survey_spec(survey: Survey) -> IndicatorSpec:
    return spec_from_dict(survey.indicators or {}, source=f"survey '{survey.slug}' indicators")


def attach_spec(survey: Survey, form_path: Path | None = None, spec_path: Path | None = None) -> Path | None:
    """Store the indicators file given, or the one beside the form; returns the file used."""
    path = spec_path or (spec_path_for(form_path) if form_path else None)
    if path is None:
        return None
    survey.indicators = read_spec(path).to_dict()
    survey.save(update_fields=["indicators"])
    return path


def survey_frame(survey: Survey) -> pl.DataFrame:
    """Every stored submission of ``survey`` as typed answers of its current form version."""
    form = survey.current_version().form()
    # The answers come back as the stored JSON text: decoding them is Polars' job, not Python's.
    rows = (
        survey.submissions.order_by("submitted_at", "pk")
        .annotate(text=Cast("answers", output_field=TextField()))
        .values_list("instance_id", "submitted_at", "text")
    )
    ids, times, answers = [], [], []
    for instance_id, submitted_at, text in rows.iterator(chunk_size=10_000):
        ids.append(instance_id)
        times.append(submitted_at)
        answers.append(text)
    return from_stored(form, ids, times, answers)


def analyze_survey(
    survey: Survey,
    *,
    as_of: dt.date | None = None,
    by: str | None = None,
    language: str | None = None,
) -> Analysis:
    form = survey.current_version().form()
    return analyze(
        form,
        survey_frame(survey),
        spec=survey_spec(survey),
        as_of=as_of,
        by=by,
        language=language,
        registered=survey.training.participants.count() or None,
    )
