"""What a document job (a report, a booklet) is asked for: its languages and formats.

The job's params are built here by whoever submits it (the reports page, the knowledge hub) and read
back here by the job, so a page can queue a document job without importing the job's own module.
"""

from __future__ import annotations

from collections.abc import Iterable

from citybridge.reports.i18n import LANGUAGES
from citybridge.reports.output import FORMATS
from citybridge.web.jobs.models import Job
from citybridge.web.jobs.runner import JobError


def params(*, languages: Iterable[str] = LANGUAGES, formats: Iterable[str] = FORMATS) -> dict:
    """The params of a job that writes a document in these languages and formats."""
    return {"languages": list(languages), "formats": list(formats)}


def languages_and_formats(job: Job) -> tuple[list[str], list[str]]:
    """The known languages and formats a job asked for; a job left with neither cannot run."""
    languages = [lang for lang in job.params.get("languages", LANGUAGES) if lang in LANGUAGES]
    formats = [fmt for fmt in job.params.get("formats", FORMATS) if fmt in FORMATS]
    if not languages or not formats:
        raise JobError("choose at least one language and one format")
    return languages, formats
