"""The booklet job (run by citybridge.web.jobs): the knowledge booklet of a training, from its stored
practices, in the languages and formats asked for (``citybridge.web.jobs.documents``).

It sits beside the report job, out of the knowledge hub's package: it reads the training's summary
through ``web.reporting``, which reaches the partnership pages, which show the hub's practices."""

from __future__ import annotations

from pathlib import Path

from citybridge.knowledge.booklet import build_booklet
from citybridge.reports.i18n import Translator
from citybridge.reports.output import write_document
from citybridge.web.errors import NotFound
from citybridge.web.jobs.documents import languages_and_formats
from citybridge.web.jobs.models import Job
from citybridge.web.jobs.runner import JobError, Progress
from citybridge.web.knowledge.store import good_practices
from citybridge.web.reporting import priority_counts, training_summary


def run(job: Job, progress: Progress) -> list[Path]:
    if job.training is None:
        raise JobError("a booklet job needs a training")
    languages, formats = languages_and_formats(job)
    practices = good_practices(job.training)
    if not practices:
        raise JobError(
            f"training '{job.training.slug}' has no good practices yet: import a practices file "
            "on the knowledge hub first"
        )
    progress(0.0, "reading the cities' priorities")
    priorities = _priorities(job)
    steps = len(languages) * len(formats)
    written: list[Path] = []
    for index, language in enumerate(languages):
        summary = training_summary(job.training, language)  # its title and programme in that language
        document = build_booklet(summary, practices, priorities, Translator(language), language=language)
        for step, fmt in enumerate(formats):
            progress((index * len(formats) + step) / steps, f"{language}: writing {fmt.upper()}")
            written += write_document(document, job.folder, f"booklet-{job.training.slug}-{language}", [fmt])
    return written


def _priorities(job: Job) -> dict[str, int] | None:
    """The respondents per priority sector; without a survey the booklet simply leaves the counts out."""
    try:
        return priority_counts(job.training)
    except NotFound:
        return None
