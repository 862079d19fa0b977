"""Writing many repeat instances at once, straight through the database cursor, as
``web.surveys.bulk`` writes submissions: rows of parameters to one prepared INSERT, in chunks,
inside the caller's transaction. ``ON CONFLICT (submission, key) DO NOTHING`` (SQLite and
PostgreSQL alike) leaves an instance stored already as it is."""

from __future__ import annotations

from contextlib import closing
from itertools import repeat

import polars as pl
from django.db import connection

from citybridge.submissions.batch import INSTANCE_ID
from citybridge.submissions.validate import ANSWERS
from citybridge.web.repeats.models import RepeatInstance

CHUNK = 10_000  # rows turned into Python objects at a time
_FIELDS = ("submission", "repeat", "key", "parent", "answers")


def insert_instances(repeat_path: str, rows: pl.DataFrame) -> int:
    """Insert the instances of one repeat: ``rows`` holds INSTANCE_ID (the key), ANSWERS (JSON
    text), ``submission_id`` and ``parent_id`` (null at the top level). Returns how many were new."""
    sql = _insert_sql()
    prepared = rows.select("submission_id", INSTANCE_ID, "parent_id", ANSWERS)
    counted = connection.vendor != "sqlite"  # SQLite's rowcount after executemany is the rows inserted
    before = _count(repeat_path) if counted else 0
    inserted = 0
    # Django's SQLite cursor keeps every row of an executemany alive (see web.surveys.bulk), so
    # the rows go to the DB-API cursor of the connection underneath.
    connection.ensure_connection()
    with closing(connection.connection.cursor()) as raw, connection.wrap_database_errors:
        for start in range(0, prepared.height, CHUNK):
            submissions, keys, parents, answers = (
                c.to_list() for c in prepared.slice(start, CHUNK).get_columns()
            )
            raw.executemany(sql, zip(submissions, repeat(repeat_path), keys, parents, answers))
            inserted += raw.rowcount
    # Elsewhere counted: what a DB-API driver reports after executemany differs from one to another.
    return _count(repeat_path) - before if counted else inserted


def _count(repeat_path: str) -> int:
    return RepeatInstance.objects.filter(repeat=repeat_path).count()


def _insert_sql() -> str:
    quote = connection.ops.quote_name
    meta = RepeatInstance._meta
    columns = ", ".join(quote(meta.get_field(f).column) for f in _FIELDS)
    mark = "?" if connection.vendor == "sqlite" else "%s"  # the DB-API cursor's own style
    json_mark = "%s::jsonb" if connection.vendor == "postgresql" else mark
    key = ", ".join(quote(meta.get_field(f).column) for f in ("submission", "key"))
    return (
        f"INSERT INTO {quote(meta.db_table)} ({columns}) VALUES ({mark}, {mark}, {mark}, {mark}, {json_mark}) "
        f"ON CONFLICT ({key}) DO NOTHING"
    )
