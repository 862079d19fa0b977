"""Storing a repeat form's export: its submissions through the store's own path, then each repeat's
instances as child records, in one transaction; a re-import stores nothing twice."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from django.db import transaction

from citybridge.forms.model import Form
from citybridge.submissions.batch import INSTANCE_ID
from citybridge.submissions.linked import PARENT_KEY, LinkedValidated, read_linked_export, validate_linked
from citybridge.submissions.sources import SourceError
from citybridge.web.attachments.store import keep_attachments
from citybridge.web.errors import ImportRejected
from citybridge.web.repeats.models import RepeatInstance
from citybridge.web.surveys.models import Submission, Survey
from citybridge.web.surveys.store import ImportReport, store_batches


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
    with transaction.atomic():
        report = store_batches(survey, version, [linked.main], source=Submission.Source.IMPORT)
        new = store_instances(survey, form, result)
    # The files come last: a failed import leaves none behind, a file refused leaves its answer's name.
    kept, problems = keep_attachments(Path(path), survey.pk, form, result.main)
    report.problems += problems
    return LinkedImport(report, new, sum(v.frame.height for v in result.children.values()), kept)


def store_instances(survey: Survey, form: Form, result: LinkedValidated) -> int:
    """Each valid instance as a child record of its submission (and of its outer instance); those
    stored already are left as they are. Returns how many were new."""
    submissions = dict(
        Submission.objects.filter(
            survey=survey, instance_id__in=result.main.frame.get_column(INSTANCE_ID).to_list()
        ).values_list("instance_id", "id")
    )
    stored: dict[str, tuple[int, int]] = {}  # instance key -> (submission id, record id)
    new = 0
    for repeat in form.repeats:
        validated = result.children.get(repeat)
        if validated is None:
            continue
        parents = validated.frame.get_column(PARENT_KEY).to_list()
        records = []
        for (key, _, answers), parent in zip(validated.records(), parents, strict=True):
            submission_id, parent_id = stored.get(parent, (submissions.get(parent), None))
            if submission_id is None:
                raise SourceError(f"instance '{key}': its submission '{parent}' is not in the store")
            records.append(RepeatInstance(submission_id=submission_id, repeat=repeat, key=key,
                                          parent_id=parent_id, answers=answers))  # fmt: skip
        before = RepeatInstance.objects.filter(submission__survey=survey, repeat=repeat).count()
        RepeatInstance.objects.bulk_create(records, ignore_conflicts=True)
        new += RepeatInstance.objects.filter(submission__survey=survey, repeat=repeat).count() - before
        for record in RepeatInstance.objects.filter(submission__survey=survey, repeat=repeat).values(
            "key", "submission_id", "id"
        ):
            stored[record["key"]] = (record["submission_id"], record["id"])
    return new
