"""Values no store should keep, found before they reach the writer: NUL characters (PostgreSQL
refuses them in JSON, and they hide text from every reader), lone surrogates (not text at all:
they cannot be written as UTF-8) and numbers that are NaN or infinite (not JSON).

A submission holding one is refused with a problem naming where, never stored in part, and never
joins a batch of other people's submissions, whose storing it would break.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator
from typing import Any

import polars as pl

from citybridge.forms.model import DECIMAL, Form
from citybridge.submissions import Problem
from citybridge.submissions.batch import INSTANCE_ID, ROW, RawBatch
from citybridge.web.surveys.models import Submission

NUL = "holds a NUL character (\\u0000), which is not text; remove it and send it again"
SURROGATE = "holds a lone UTF-16 surrogate, which is not text; send the value as valid UTF-8 text"
NOT_FINITE = "is NaN or infinite, which is not a number JSON can hold; send a number or leave it out"
_NOT_FINITE = r"(?i)^\s*[+-]?(nan|inf|infinity)\s*$"  # text Polars would read as such a float
_FEW_ROWS = 64  # up to this many rows, cells are looked at in Python without a Polars query first


def payload_problems(payload: Any, *, source: str, row: int = 1) -> list[Problem]:
    """One problem per value of a JSON submission the store cannot keep (keys included)."""
    return [Problem(source, row, where or None, shown, reason) for where, shown, reason in _walk(payload, "")]


def _walk(value: Any, where: str) -> Iterator[tuple[str, str, str]]:
    if isinstance(value, str):
        reason = text_problem(value)
        if reason:
            yield where, _shown(value), reason
    elif isinstance(value, float) and not math.isfinite(value):
        yield where, str(value), NOT_FINITE
    elif isinstance(value, dict):
        for key, item in value.items():
            inner = f"{where}.{_shown(str(key))}" if where else _shown(str(key))
            reason = text_problem(str(key))
            if reason:
                yield inner, _shown(str(key)), reason
            yield from _walk(item, inner)
    elif isinstance(value, list | tuple):
        for number, item in enumerate(value):
            yield from _walk(item, f"{where}[{number}]")


def text_problem(text: str) -> str | None:
    """Why ``text`` cannot be stored, or None."""
    if "\x00" in text:
        return NUL
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return SURROGATE
    return None


def _shown(text: str) -> str:
    """The value as it can be shown back: NULs and surrogates written as escapes."""
    return text.encode("utf-8", "backslashreplace").decode("utf-8").replace("\x00", "\\u0000")


def refuse_unstorable_cells(form: Form, batch: RawBatch) -> RawBatch:
    """``batch`` with a problem for every cell holding a NUL character, every number written NaN or
    infinite (it would be stored as no answer) and every instance id longer than the store keeps:
    validation then rejects their rows (the store never keeps them, and on PostgreSQL one of them
    would fail every row written with it)."""
    text = [c for c, dtype in batch.frame.schema.items() if c != ROW and dtype == pl.Utf8]
    if not text:
        return batch
    longest = Submission._meta.get_field("instance_id").max_length
    numbers = [q.name for q in form.answer_questions if q.type == DECIMAL and q.name in text]
    for row in _suspect_rows(batch.frame, text, numbers, longest):
        for column in text:
            if row[column] is not None and "\x00" in row[column]:
                batch.problems.append(
                    Problem(batch.source, row[ROW], batch.header(column), _shown(row[column]), NUL)
                )
        for column in numbers:
            if row[column] is not None and re.search(_NOT_FINITE, row[column]):
                batch.problems.append(
                    Problem(batch.source, row[ROW], batch.header(column), row[column], NOT_FINITE)
                )
        if len(row[INSTANCE_ID] or "") > longest:
            reason = f"is longer than the {longest} characters an instance id may have"
            batch.problems.append(
                Problem(batch.source, row[ROW], batch.header(INSTANCE_ID), row[INSTANCE_ID], reason)
            )
    return batch


def _suspect_rows(frame: pl.DataFrame, text: list[str], numbers: list[str], longest: int) -> Iterator[dict]:
    """The rows that may hold a value the store cannot keep; the caller checks each of their cells.

    A large batch is narrowed down by one Polars query first. A few rows (submissions of the API
    or the web form) are all handed over: looking at their cells in Python takes microseconds, the
    query about a millisecond, a tenth of the API's whole time per submission (bench/web.py).
    """
    if frame.height <= _FEW_ROWS:
        return frame.iter_rows(named=True)
    not_finite = pl.any_horizontal(pl.col(numbers).str.contains(_NOT_FINITE)) if numbers else pl.lit(False)
    too_long = pl.col(INSTANCE_ID).str.len_chars() > longest
    has_nul = pl.any_horizontal(pl.col(text).str.contains("\x00", literal=True))
    return frame.filter(has_nul | too_long | not_finite).iter_rows(named=True)
