"""A repeat survey's stored submissions and instances, as ODK Central's linked tables."""

from __future__ import annotations

import datetime as dt
import json

import polars as pl

from citybridge.analysis.data import from_stored
from citybridge.submissions.linked import PARENT_KEY, linked_tables, write_csv_zip, write_xlsx
from citybridge.web.repeats.models import RepeatInstance
from citybridge.web.surveys.models import Submission, Survey

FORMATS = {
    "zip": "application/zip",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def linked_export(survey: Survey, fmt: str) -> bytes:
    """Every submission of ``survey`` and every stored repeat instance, as a CSV ZIP or an XLSX."""
    form = survey.current_version().form()
    rows = list(Submission.objects.filter(survey=survey).order_by("id").values_list(
        "instance_id", "submitted_at", "answers"))  # fmt: skip
    submissions = from_stored(form, *_columns(rows))
    instances = {}
    for repeat in form.repeats:
        stored = list(
            RepeatInstance.objects.filter(submission__survey=survey, repeat=repeat)
            .order_by("id")
            .values_list("key", "answers", "parent__key", "submission__instance_id")
        )
        frame = from_stored(
            form.repeat_form(repeat),
            [key for key, *_ in stored],
            [None] * len(stored),
            [_json(answers) for _, answers, *_ in stored],
        )
        parents = pl.Series(PARENT_KEY, [parent or submission for *_, parent, submission in stored], pl.Utf8)
        instances[repeat] = frame.with_columns(parents)
    tables = linked_tables(form, submissions, instances)
    return write_csv_zip(tables) if fmt == "zip" else write_xlsx(tables)


def _columns(rows: list[tuple[str, dt.datetime | None, dict]]) -> tuple[list, list, list]:
    return [r[0] for r in rows], [r[1] for r in rows], [_json(r[2]) for r in rows]


def _json(answers: dict) -> str:
    return json.dumps(answers, ensure_ascii=False)
