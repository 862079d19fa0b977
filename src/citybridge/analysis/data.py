"""The respondents' typed answers an analysis runs on, from an export file or from stored JSON.

Both paths end in the same frame validation produces, so a figure computed from a KoboToolbox
export and the same figure computed from the store cannot differ.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import polars as pl

from citybridge.forms.model import DATE, DATETIME, DECIMAL, INTEGER, RANK, SELECT_MULTIPLE, Form
from citybridge.submissions.batch import INSTANCE_ID, SUBMITTED_AT, Problem
from citybridge.submissions.sources import read_export
from citybridge.submissions.validate import validate


@dataclass(frozen=True)
class Respondents:
    frame: pl.DataFrame  # INSTANCE_ID, SUBMITTED_AT and one typed column per question
    rejected: int  # rows left out because they failed validation
    problems: tuple[Problem, ...]


def from_export(form: Form, path: Path, *, timezone: str = "UTC") -> Respondents:
    """The valid rows of an export file; invalid rows are left out and their problems returned."""
    validated = validate(form, read_export(path, form, timezone=timezone))
    return Respondents(
        frame=validated.frame.drop("_row", strict=False),
        rejected=validated.rejected.height,
        problems=tuple(validated.problems),
    )


def from_stored(
    form: Form,
    instance_ids: Sequence[str],
    submitted_at: Sequence[dt.datetime],
    answers: Sequence[str],
) -> pl.DataFrame:
    """The typed frame of stored submissions (answers as the JSON objects the store keeps)."""
    questions = form.answer_questions
    stored = pl.DataFrame(
        {
            INSTANCE_ID: pl.Series(instance_ids, dtype=pl.Utf8),
            SUBMITTED_AT: pl.Series(submitted_at, dtype=pl.Datetime("us", "UTC")),
            "_json": pl.Series(answers, dtype=pl.Utf8),
        }
    )
    if not questions:
        return stored.drop("_json")
    decoded = pl.col("_json").str.json_decode(pl.Struct({q.name: _json_type(q.type) for q in questions}))
    frame = stored.with_columns(decoded.alias("_answers")).unnest("_answers").drop("_json")
    return frame.with_columns(_typed(q.name, q.type) for q in questions if q.type in (DATE, DATETIME))


def _json_type(question_type: str) -> pl.DataType:
    if question_type == INTEGER:
        return pl.Int64()
    if question_type == DECIMAL:
        return pl.Float64()
    if question_type in (SELECT_MULTIPLE, RANK):
        return pl.List(pl.Utf8)
    return pl.Utf8()


def _typed(name: str, question_type: str) -> pl.Expr:
    column = pl.col(name)
    if question_type == DATE:
        return column.str.to_date("%Y-%m-%d", strict=False)
    return column.str.to_datetime(time_zone="UTC", strict=False)
