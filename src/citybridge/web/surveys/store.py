"""Keeping surveys and submissions in the store, once each and never half-written.

The core reads and validates; this module decides what is new, writes it in one transaction, and
reports how many submissions were new, already present or rejected.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

import polars as pl
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from citybridge.forms import Form, load_xlsform
from citybridge.submissions import Problem, RawBatch, Validated, validate
from citybridge.submissions.batch import INSTANCE_ID
from citybridge.submissions.sources import read_export
from citybridge.submissions.validate import answers_as_json
from citybridge.web.errors import FormVersionConflict, ImportRejected, NotFound
from citybridge.web.surveys.bulk import insert_submissions
from citybridge.web.surveys.models import FormVersion, Submission, Survey
from citybridge.web.trainings.models import Training

Progress = Callable[[int], None]


@dataclass
class ImportReport:
    """What an import did, in the words the user is told."""

    source: str
    new: int = 0
    already_present: int = 0
    rejected: int = 0
    problems: list[Problem] = field(default_factory=list)
    unchecked: list[str] = field(default_factory=list)
    rejected_rows: object | None = None  # polars frame of the rejected raw rows
    headers: dict[str, str] = field(default_factory=dict)  # column -> header as in the source file

    @property
    def total(self) -> int:
        return self.new + self.already_present + self.rejected


def add_survey(
    training: Training, path: Path, *, slug: str | None = None
) -> tuple[Survey, FormVersion, bool]:
    """Register an XLSForm for ``training``: a new survey, or a new version of one with the same form_id.

    Returns the survey, its version, and whether that version is new.
    """
    data = Path(path).read_bytes()
    form = load_xlsform(data, filename=Path(path).name)
    with transaction.atomic():
        survey = Survey.objects.filter(training=training, form_id=form.form_id).first()
        if survey is None:
            survey = Survey.objects.create(
                training=training,
                form_id=form.form_id,
                title=form.title or form.form_id,
                slug=_unique_slug(slug or form.form_id),
            )
        existing = survey.versions.filter(version=form.version).first()
        if existing is not None:
            if existing.definition != _as_stored(form):
                raise FormVersionConflict(
                    f"{Path(path).name}: survey '{survey.slug}' already has version '{form.version}' with "
                    "different questions; raise 'version' in the settings sheet and add the form again."
                )
            return survey, existing, False
        version = FormVersion.objects.create(
            survey=survey,
            version=form.version,
            definition=_as_stored(form),
            xlsform=data,
            filename=Path(path).name,
        )
    return survey, version, True


def _as_stored(form: Form) -> dict:
    """The form definition as the JSON column gives it back (tuples become lists)."""
    return json.loads(json.dumps(form.to_dict()))


def _unique_slug(text: str) -> str:
    base = slugify(text.replace("_", "-"))[:70] or "survey"
    slug, n = base, 2
    while Survey.objects.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


def import_file(
    survey: Survey,
    path: Path,
    *,
    skip_invalid: bool = False,
    source_format: str = "auto",
    timezone_name: str = "UTC",
    progress: Progress | None = None,
) -> ImportReport:
    """Import an export file into ``survey``; all-or-nothing unless ``skip_invalid``."""
    version = survey.current_version()
    batch = read_export(Path(path), version.form(), source_format=source_format, timezone=timezone_name)
    return store_batch(
        survey, version, batch, source=Submission.Source.IMPORT, skip_invalid=skip_invalid, progress=progress
    )


def store_batch(
    survey: Survey,
    version: FormVersion,
    batch: RawBatch,
    *,
    source: str,
    skip_invalid: bool = False,
    progress: Progress | None = None,
) -> ImportReport:
    """Validate ``batch`` and store its valid, new submissions in one transaction."""
    validated = validate(version.form(), batch)
    file_level = [p for p in validated.problems if p.row in (None, 1) and batch.kind != "json"]
    if (validated.problems and not skip_invalid) or file_level:
        raise ImportRejected(validated.problems, len(batch))
    report = ImportReport(
        source=batch.source,
        rejected=validated.rejected.height,
        problems=validated.problems,
        unchecked=validated.unchecked,
        rejected_rows=validated.rejected,
        headers=batch.headers,
    )
    report.new, report.already_present = _write(survey, version, validated, source, progress)
    return report


def _write(
    survey: Survey, version: FormVersion, validated: Validated, source: str, progress
) -> tuple[int, int]:
    rows = answers_as_json(validated)
    # A file may repeat an instance id: its first row counts, the others are already present.
    unique = rows.unique(subset=INSTANCE_ID, keep="first", maintain_order=True)
    existing = _existing_ids(survey, unique.get_column(INSTANCE_ID).to_list())
    new_rows = unique.filter(~pl.col(INSTANCE_ID).is_in(list(existing)))
    with transaction.atomic():
        insert_submissions(
            survey,
            version,
            new_rows,
            source=source,
            source_name=validated.source,
            received_at=timezone.now(),
            progress=progress,
        )
    _report(progress, rows.height - new_rows.height)
    return new_rows.height, rows.height - new_rows.height


def _existing_ids(survey: Survey, ids: list[str]) -> set[str]:
    known = Submission.objects.filter(survey=survey)
    if len(ids) > 10_000:
        return set(known.values_list("instance_id", flat=True))
    found: set[str] = set()
    for start in range(0, len(ids), 500):
        found.update(
            known.filter(instance_id__in=ids[start : start + 500]).values_list("instance_id", flat=True)
        )
    return found


def _report(progress: Progress | None, count: int) -> None:
    if progress is not None and count:
        progress(count)


def find_survey(ref: str) -> Survey:
    """A survey by numeric id or slug."""
    return _find(Survey, ref, "survey")


def find_training(ref: str) -> Training:
    """A training by numeric id or slug."""
    return _find(Training, ref, "training")


def _find(model, ref: str, noun: str):
    ref = str(ref).strip()
    found = (
        model.objects.filter(pk=int(ref)).first() if ref.isdigit() else model.objects.filter(slug=ref).first()
    )
    if found is None:
        known = ", ".join(f"{o.pk} ({o.slug})" for o in model.objects.order_by("pk")[:10]) or "none yet"
        raise NotFound(f"no {noun} '{ref}'; known {noun}s: {known}")
    return found


def form_of(survey: Survey) -> Form:
    return survey.current_version().form()


def count_by_survey(surveys: Iterable[Survey]) -> dict[int, int]:
    return {s.pk: s.submissions.count() for s in surveys}
