"""KoboToolbox's API JSON of a form with repeats, as the tables of its XLSX export.

Kobo's API (and formpack) writes each submission as one object whose repeats are arrays of
objects under the repeat's path (``household/member: [{"household/member/age": 34}, ...]``),
nested repeats inside their parent's objects. Here each repeat becomes a table of its own linked by
``_index`` / ``_parent_index``, exactly the shape of Kobo's XLSX with one sheet per repeat, so that
the same reader links, validates and stores both.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import polars as pl

from citybridge.forms.model import Form
from citybridge.submissions.batch import ROW


class KoboJsonError(ValueError):
    """A JSON file that is not Kobo's list of submissions; the message names the file."""


def kobo_json_tables(path: Path, form: Form, main_name: str, table_of) -> dict[str, pl.DataFrame]:
    """The submissions table (``main_name``) and one per repeat (named by ``table_of(path)``)."""
    try:
        data = json.loads(path.read_text(encoding="utf-8-sig"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise KoboJsonError(f"{path.name}: not a readable JSON file ({exc}).") from exc
    records = data.get("results") if isinstance(data, dict) else data
    if not isinstance(records, list) or not all(isinstance(r, dict) for r in records):
        raise KoboJsonError(f'{path.name}: expected a list of submissions (or {{"results": [...]}}).')
    rows: dict[str, list[dict[str, Any]]] = {main_name: []}
    repeats = {_normalised(r): r for r in form.repeats}
    for record in records:
        _flatten(record, main_name, None, rows, repeats, table_of)
    return {name: _table(found) for name, found in rows.items()}


def _flatten(record: dict, table: str, parent: int | None, rows, repeats, table_of) -> None:
    """One object as a row of ``table``, each of its repeats' objects as rows of theirs."""
    index = len(rows.setdefault(table, [])) + 1
    row: dict[str, Any] = {"_index": index} if parent is None else {"_index": index, "_parent_index": parent}
    rows[table].append(row)
    for key, value in record.items():
        repeat = repeats.get(_normalised(key))
        if repeat is not None and isinstance(value, list) and all(isinstance(v, dict) for v in value):
            for instance in value:
                _flatten(instance, table_of(repeat), index, rows, repeats, table_of)
        else:
            row[key] = _cell(value)


def _normalised(path: str) -> str:
    return path.strip("/").lower()


def _cell(value: Any) -> str | None:
    if value is None or isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return str(value)
    return json.dumps(value, ensure_ascii=False)  # bookkeeping lists (_attachments, _tags ...)


def _table(rows: list[dict[str, Any]]) -> pl.DataFrame:
    columns = list(dict.fromkeys(key for row in rows for key in row))
    frame = pl.DataFrame(
        [{c: _text(row.get(c)) for c in columns} for row in rows], schema=dict.fromkeys(columns, pl.Utf8)
    )
    return frame.with_row_index(ROW, offset=1).with_columns(pl.col(ROW).cast(pl.Int64))


def _text(value: Any) -> str | None:
    return None if value is None else str(value)
