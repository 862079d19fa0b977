"""The report job (run by citybridge.web.jobs): the training's report in the languages and formats asked for."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from citybridge.reports.build import build_report
from citybridge.reports.i18n import LANGUAGES, Translator
from citybridge.reports.output import FORMATS, write_document
from citybridge.web.jobs import documents
from citybridge.web.jobs.models import Job
from citybridge.web.jobs.runner import JobError, Progress
from citybridge.web.reporting import evaluation_survey, report_inputs


def params(
    *, languages=LANGUAGES, formats=FORMATS, as_of: dt.date | None = None, compare: dt.date | None = None
) -> dict:
    return {
        **documents.params(languages=languages, formats=formats),
        "as_of": as_of.isoformat() if as_of else None,
        "compare": compare.isoformat() if compare else None,
    }


def run(job: Job, progress: Progress) -> list[Path]:
    if job.training is None:
        raise JobError("a report job needs a training")
    languages, formats = documents.languages_and_formats(job)
    as_of = _day(job.params.get("as_of"))
    compare = _day(job.params.get("compare"))
    survey = evaluation_survey(job.training)
    steps = len(languages) * len(formats)
    written: list[Path] = []
    for index, language in enumerate(languages):
        progress(index * len(formats) / steps, f"{language}: computing the figures")
        inputs = report_inputs(job.training, survey=survey, as_of=as_of, compare=compare, language=language)
        document = build_report(inputs, Translator(language))
        stem = f"report-{job.training.slug}-{language}" + (f"-{as_of.isoformat()}" if as_of else "")
        for step, fmt in enumerate(formats):
            progress((index * len(formats) + step) / steps, f"{language}: writing {fmt.upper()}")
            written += write_document(document, job.folder, stem, [fmt])
    return written


def _day(text: str | None) -> dt.date | None:
    return dt.date.fromisoformat(text) if text else None
