"""Importing an export file into a survey, whatever its shape: one flat table (surveys/store), or
linked tables of a form with repeats and a ZIP with media files (repeats/store). The one entry point
of the CLI, the example loaders and the tests; it sits above both stores so neither imports the other."""

from __future__ import annotations

from pathlib import Path

from citybridge.submissions.sources import read_export_batches
from citybridge.web.repeats.store import import_linked_file
from citybridge.web.surveys.models import Submission, Survey
from citybridge.web.surveys.store import ImportReport, Progress, is_large, store_batches


def import_file(
    survey: Survey,
    path: Path,
    *,
    skip_invalid: bool = False,
    source_format: str = "auto",
    timezone_name: str = "UTC",
    progress: Progress | None = None,
    rows_per_batch: int = 50_000,
) -> ImportReport:
    """Import an export file into ``survey``; all-or-nothing unless ``skip_invalid``."""
    version = survey.current_version()
    if version.form().repeats or Path(path).suffix.lower() == ".zip":  # linked tables, media files
        return import_linked_file(survey, Path(path)).report
    batches = read_export_batches(
        Path(path),
        version.form(),
        source_format=source_format,
        timezone=timezone_name,
        rows_per_batch=rows_per_batch,
    )
    return store_batches(
        survey,
        version,
        batches,
        source=Submission.Source.IMPORT,
        skip_invalid=skip_invalid,
        progress=progress,
        large=is_large(Path(path)),
    )
