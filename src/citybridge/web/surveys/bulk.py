"""Writing many validated submissions at once, straight through the database cursor.

Building a Django model object per row costs more than everything else an import does, so new
submissions go in as rows of parameters to one prepared INSERT, in chunks, inside the caller's
transaction. The columns come from the model's own metadata, so the SQL follows the schema.

On SQLite (the default store) the INSERT says ``ON CONFLICT (survey, instance id) DO NOTHING``:
the unique index that every insert probes anyway tells which rows are new, so an import into an
empty survey need not compare instance ids first. Other databases get the rows already filtered
(see ``store._KnownIds``) and a plain INSERT. ``import_session`` holds the SQLite settings that
make a large import faster without making it less safe.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import closing, contextmanager
from itertools import repeat

import polars as pl
from django.db import OperationalError, connection

from citybridge.submissions.batch import INSTANCE_ID, SUBMITTED_AT
from citybridge.submissions.validate import ANSWERS
from citybridge.web.surveys.models import FormVersion, Submission, Survey
from citybridge.web.surveys.signals import submissions_stored

CHUNK = 10_000  # rows turned into Python objects at a time
_FIELDS = (
    "survey", "form_version", "instance_id", "answers", "submitted_at", "received_at", "source", "source_name",
)  # fmt: skip
# For the length of an import on SQLite, on this connection only. The answers column's CHECK
# (JSON_VALID) would parse every answer again although Polars wrote it as JSON
# (validate.answers_as_json); in WAL mode a larger page cache keeps the pages of the indexes on
# random keys (instance id, submitted at) from being spilled to the WAL and read back again and again.
_SQLITE_IMPORT = {"ignore_check_constraints": 1, "cache_size": -262_144}  # 256 MiB


def skips_known_ids() -> bool:
    """Whether :func:`insert_submissions` itself leaves out instance ids the survey already holds."""
    return connection.vendor == "sqlite"


@contextmanager
def import_session(*, large: bool = False, skip: bool = False) -> Iterator[None]:
    """Connection settings for one import, put back afterwards; enter it outside any transaction.

    Only SQLite has any; ``large`` asks for the rollback journal (see ``_SQLITE_LARGE_IMPORT``);
    ``skip``: none at all (a few submissions are not worth the round trips).
    """
    if skip or connection.vendor != "sqlite":
        yield
        return
    connection.ensure_connection()
    saved = _set_pragmas(_SQLITE_IMPORT)
    journal = {}
    if large and not connection.in_atomic_block and _pragma("journal_mode") == "wal":
        journal = _leave_wal()
    try:
        yield
    finally:
        if journal:
            _restore_wal(journal)
        _set_pragmas(saved)


def _leave_wal() -> dict[str, object]:
    """Switch to the rollback journal if no other connection is open; the settings to restore.

    A large import then writes its pages once, instead of twice (to the WAL, then to the database
    at the checkpoint). It stays one transaction, as crash-safe: a killed import is rolled back
    from the journal when the store is next opened, and synchronous=FULL keeps that true across a
    power cut in this mode. But until it ends no other connection can open the store, so it is
    only done when none has it open, and the WAL comes back afterwards.
    """
    saved = _set_pragmas({"busy_timeout": 0})  # another connection open: give up at once
    try:
        mode = _pragma("journal_mode = DELETE")
    except OperationalError:  # "database is locked": someone else has the store open
        mode = "wal"
    if mode != "delete":
        _set_pragmas(saved)
        return {}
    return saved | _set_pragmas({"synchronous": "FULL"}) | {"journal_mode": "WAL"}


def _restore_wal(saved: dict[str, object]) -> None:
    try:
        _set_pragmas(saved)
    except OperationalError:
        # A reader arrived as the import ended; the next connection to open the store turns the
        # WAL back on itself (settings: init_command).
        _set_pragmas({k: v for k, v in saved.items() if k != "journal_mode"})


def _set_pragmas(values: dict[str, object]) -> dict[str, object]:
    """Set SQLite pragmas on the connection; their previous values."""
    previous = {}
    for name, value in values.items():
        previous[name] = _pragma(name)
        _pragma(f"{name} = {value}")
    return previous


def _pragma(statement: str) -> object:
    with connection.cursor() as cursor:
        cursor.execute(f"PRAGMA {statement}")
        row = cursor.fetchone()
    return row[0] if row else None


def insert_submissions(
    survey: Survey,
    version: FormVersion,
    rows: pl.DataFrame,
    *,
    source: str,
    source_name: str,
    received_at: dt.datetime,
    skip_known: bool = False,
) -> int:
    """Insert ``rows`` (the :func:`row_columns`); return how many were new.

    Where :func:`skips_known_ids`, or with ``skip_known`` on any database, a row whose instance id
    is stored already, or came earlier in ``rows`` or in this transaction, is left out; elsewhere
    every row must be new.
    """
    skip_known = skip_known or skips_known_ids()
    sql = _insert_sql(skip_known)
    prepared = rows.select(INSTANCE_ID, ANSWERS, SUBMITTED_AT)
    received = connection.ops.adapt_datetimefield_value(received_at)
    inserted = 0
    # Django's SQLite cursor keeps every row of an executemany alive (it peeks at the first through
    # itertools.tee), so the rows go to the DB-API cursor of the connection underneath.
    connection.ensure_connection()
    with closing(connection.connection.cursor()) as raw, connection.wrap_database_errors:
        for start in range(0, prepared.height, CHUNK):
            ids, answers, times = (column.to_list() for column in prepared.slice(start, CHUNK).get_columns())
            # zip with repeat builds each row's parameters in C, reusing one tuple when the cursor
            # lets go of it: a tuple built per row in Python cost more than the rest of the loop.
            params = zip(
                repeat(survey.pk), repeat(version.pk), ids, answers, times,
                repeat(received), repeat(source), repeat(source_name),
            )  # fmt: skip
            raw.executemany(sql, params)
            inserted += raw.rowcount if skip_known else len(ids)
    submissions_stored.send(Survey, survey=survey, instance_ids=prepared[INSTANCE_ID])
    return inserted


def _insert_sql(skip_known: bool) -> str:
    quote = connection.ops.quote_name
    columns = ", ".join(quote(Submission._meta.get_field(f).column) for f in _FIELDS)
    mark = "?" if connection.vendor == "sqlite" else "%s"  # the DB-API cursor's own style
    json_mark = "%s::jsonb" if connection.vendor == "postgresql" else mark
    placeholders = ", ".join([mark, mark, mark, json_mark, mark, mark, mark, mark])
    sql = f"INSERT INTO {quote(Submission._meta.db_table)} ({columns}) VALUES ({placeholders})"
    if skip_known:
        key = ", ".join(quote(Submission._meta.get_field(f).column) for f in ("survey", "instance_id"))
        sql += f" ON CONFLICT ({key}) DO NOTHING"
    return sql


def _written() -> str:
    """How this thread's database writes an instant as text (as Django itself writes it)."""
    return "%Y-%m-%d %H:%M:%S%.6f" if connection.vendor == "sqlite" else "%Y-%m-%dT%H:%M:%S%.6f+00:00"


def row_columns(received_at: dt.datetime) -> list[pl.Expr]:
    """What :func:`insert_submissions` takes, from INSTANCE_ID, SUBMITTED_AT and ANSWERS (JSON text).

    The submitted-at instant becomes text as Django itself writes it: naive UTC on SQLite, with
    its offset elsewhere. A submission may leave it out (the API's schema allows it); an analysis
    needs a time, so it is then ``received_at``, filled in by the same query that shapes the rows
    (a query of its own, and Polars' own conversion of the instant, cost the API about a
    millisecond per submission). The expressions are built here, for this thread's database, so
    that another thread can apply them.
    """
    written = _written()
    received = received_at.astimezone(dt.UTC).strftime(written.replace("%.6f", ".%f"))
    return [
        pl.col(INSTANCE_ID),
        pl.col(SUBMITTED_AT).dt.strftime(written).fill_null(pl.lit(received)),
        pl.col(ANSWERS),
    ]


def insert_each(
    survey: Survey,
    version: FormVersion,
    rows: pl.DataFrame,
    *,
    source: str,
    source_name: str,
    received_at: dt.datetime,
) -> list[bool]:
    """Insert ``rows`` one statement each, leaving out known instance ids; per row, whether it was new.

    For the few submissions of one intake batch (citybridge.web.surveys.intake), whose senders each
    want their own answer; a statement per row tells that on every database.
    """
    sql = _insert_sql(skip_known=True)
    received = connection.ops.adapt_datetimefield_value(received_at)
    new: list[bool] = []
    connection.ensure_connection()
    with closing(connection.connection.cursor()) as raw, connection.wrap_database_errors:
        for instance_id, answers, submitted_at in rows.select(INSTANCE_ID, ANSWERS, SUBMITTED_AT).iter_rows():
            params = (
                survey.pk,
                version.pk,
                instance_id,
                answers,
                submitted_at,
                received,
                source,
                source_name,
            )
            raw.execute(sql, params)
            new.append(raw.rowcount == 1)
    stored = [instance_id for instance_id, is_new in zip(rows[INSTANCE_ID], new, strict=True) if is_new]
    submissions_stored.send(Survey, survey=survey, instance_ids=stored)
    return new
