"""Writing many validated submissions at once, straight through the database cursor.

Building a Django model object per row costs more than everything else an import does, so new
submissions go in as rows of parameters to one prepared INSERT, in chunks, inside the caller's
transaction. The columns come from the model's own metadata, so the SQL follows the schema.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import polars as pl
from django.db import connection

from citybridge.submissions.batch import INSTANCE_ID, SUBMITTED_AT
from citybridge.submissions.validate import ANSWERS
from citybridge.web.surveys.models import FormVersion, Submission, Survey

CHUNK = 10_000


def insert_submissions(
    survey: Survey,
    version: FormVersion,
    rows: pl.DataFrame,
    *,
    source: str,
    source_name: str,
    received_at: dt.datetime,
    progress: Callable[[int], None] | None = None,
) -> None:
    """Insert ``rows`` (INSTANCE_ID, SUBMITTED_AT, ANSWERS as JSON text), all new to the store."""
    fields = ["survey", "form_version", "instance_id", "answers", "submitted_at", "received_at", "source",
              "source_name"]
    columns = ", ".join(connection.ops.quote_name(Submission._meta.get_field(f).column) for f in fields)
    json_placeholder = "%s::jsonb" if connection.vendor == "postgresql" else "%s"
    # What is the same for every row is bound per row all the same: binding costs little next to
    # building a tuple per row in Python, which the per-column lists below avoid.
    placeholders = ", ".join(["%s", "%s", "%s", json_placeholder, "%s", "%s", "%s", "%s"])
    table = connection.ops.quote_name(Submission._meta.db_table)
    sql = f"INSERT INTO {table} ({columns}) VALUES ({placeholders})"
    received = connection.ops.adapt_datetimefield_value(received_at)
    prepared = rows.select(INSTANCE_ID, ANSWERS, _database_time(pl.col(SUBMITTED_AT)))
    constants = (survey.pk, version.pk, received, source, source_name)
    with connection.cursor() as cursor:
        for start in range(0, prepared.height, CHUNK):
            ids, answers, times = prepared.slice(start, CHUNK).get_columns()
            survey_id, version_id, received_text, source_kind, name = constants
            cursor.executemany(
                sql,
                [
                    (survey_id, version_id, instance_id, answer, submitted_at, received_text, source_kind, name)
                    for instance_id, answer, submitted_at in zip(
                        ids.to_list(), answers.to_list(), times.to_list(), strict=True
                    )
                ],
            )
            if progress is not None:
                progress(min(CHUNK, prepared.height - start))


def _database_time(column: pl.Expr) -> pl.Expr:
    # What Django itself writes: naive UTC text on SQLite, an instant with its offset elsewhere.
    if connection.vendor == "sqlite":
        return column.dt.strftime("%Y-%m-%d %H:%M:%S%.6f")
    return column.dt.strftime("%Y-%m-%dT%H:%M:%S%.6f+00:00")
