"""Storing a repeat form's export: its submissions through the store's own path, then each repeat's
instances as child records, in one transaction; a re-import stores nothing twice."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import polars as pl
from django.db import transaction

from citybridge.forms.model import Form
from citybridge.submissions.batch import INSTANCE_ID
from citybridge.submissions.linked import PARENT_KEY, LinkedValidated, read_linked_export, validate_linked
from citybridge.submissions.sources import SourceError
from citybridge.submissions.validate import ANSWERS, answers_as_json
from citybridge.web.attachments.store import keep_attachments
from citybridge.web.errors import ImportRejected
from citybridge.web.repeats import bulk
from citybridge.web.repeats.models import RepeatInstance
from citybridge.web.surveys import bulk as bulk_session
from citybridge.web.surveys.models import Submission, Survey
from citybridge.web.surveys.store import ImportReport, is_large, store_batches


@dataclass
class LinkedImport:
    report: ImportReport  # the submissions, as the store counts them
    instances_new: int  # repeat instances stored by this import
    instances_total: int  # valid repeat instances in the file
    files_kept: int = 0  # media files saved from the ZIP


def import_linked_file(survey: Survey, path: Path) -> LinkedImport:
    """Import a CSV ZIP or an XLSX with a sheet per repeat; all or nothing."""
    version = survey.current_version()
    form = version.form()
    linked = read_linked_export(Path(path), form)
    result = validate_linked(form, linked)
    if result.problems:
        rows = len(linked.main) + sum(len(b) for b in linked.children.values())
        raise ImportRejected(result.problems, rows)
    # The store's import settings (web.surveys.bulk) for the instances too, not only for the
    # submissions: without them SQLite checks every instance's JSON again and spills its indexes.
    with bulk_session.import_session(large=is_large(Path(path))), transaction.atomic():
        report = store_batches(survey, version, [linked.main], source=Submission.Source.IMPORT)
        new = store_instances(survey, form, result)
    # The files come last: a failed import leaves none behind, a file refused leaves its answer's name.
    kept, problems = keep_attachments(Path(path), survey.pk, form, result.main)
    report.problems += problems
    return LinkedImport(report, new, sum(v.frame.height for v in result.children.values()), kept)


def store_instances(survey: Survey, form: Form, result: LinkedValidated) -> int:
    """Each valid instance as a child record of its submission (and of its outer instance); those
    stored already are left as they are. Returns how many were new.

    The rows go in as parameters of one prepared INSERT (``web.repeats.bulk``), as submissions
    do: a Django object per instance cost more than reading and validating the whole file.
    """
    # key -> (submission id, record id): submissions first, then each repeat's stored instances,
    # for the repeats nested in it (the form lists an outer repeat before its inner ones).
    owners = _submission_owners(survey)
    new = 0
    for repeat in form.repeats:
        validated = result.children.get(repeat)
        if validated is None:
            continue
        rows = (
            answers_as_json(validated)
            .select(INSTANCE_ID, ANSWERS)
            .with_columns(validated.frame.get_column(PARENT_KEY))
        )
        linked = rows.join(owners, left_on=PARENT_KEY, right_on="key", how="left")
        orphan = linked.filter(pl.col("submission_id").is_null())
        if orphan.height:
            key, parent = orphan.row(0, named=True)[INSTANCE_ID], orphan.row(0, named=True)[PARENT_KEY]
            raise SourceError(f"instance '{key}': its submission '{parent}' is not in the store")
        new += bulk.insert_instances(repeat, linked)
        if any(form.parent_repeat(inner) == repeat for inner in form.repeats):
            owners = pl.concat([owners, _instance_owners(survey, repeat)])
    return new


def _submission_owners(survey: Survey) -> pl.DataFrame:
    ids = Submission.objects.filter(survey=survey).values_list("instance_id", "id")
    return _owners([(key, pk, None) for key, pk in ids.iterator(chunk_size=10_000)])


def _instance_owners(survey: Survey, repeat: str) -> pl.DataFrame:
    stored = RepeatInstance.objects.filter(submission__survey=survey, repeat=repeat)
    return _owners(list(stored.values_list("key", "submission_id", "id").iterator(chunk_size=10_000)))


def _owners(rows: list[tuple[str, int, int | None]]) -> pl.DataFrame:
    schema = {"key": pl.Utf8, "submission_id": pl.Int64, "parent_id": pl.Int64}
    return pl.DataFrame(rows, schema=schema, orient="row")
