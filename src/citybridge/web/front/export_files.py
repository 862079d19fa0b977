"""A submissions table written as CSV, XLSX or Parquet, in memory.

- CSV: what the page shows (question labels as headers, choice labels as values), UTF-8 with a
  byte-order mark so that Excel opens Cyrillic and Chinese text correctly;
- XLSX: the same labelled table, and a second sheet "codes" with question names as headers and
  choice names as values (a select_multiple space-separated, as XLSForm writes it);
- Parquet: the codes with their types (integers, decimals, dates, lists of choices), for analysis.
Times are UTC throughout; Excel has no time zones, so its cells hold UTC wall-clock times and the
header says so.
"""

from __future__ import annotations

import datetime as dt
import io

import polars as pl
from openpyxl import Workbook

from citybridge.web.front.results_table import SubmissionTable

FORMATS = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "parquet": "application/vnd.apache.parquet",
}
BOM = "\ufeff".encode()


def export_bytes(table: SubmissionTable, fmt: str, meta_headers: dict[str, str]) -> bytes:
    """The table in ``fmt``; ``meta_headers`` names the instance id and time columns in the reader's language."""
    headers = table.headers | meta_headers
    if fmt == "csv":
        return BOM + _labelled(table, headers).write_csv().encode("utf-8")
    if fmt == "xlsx":
        return _xlsx(table, headers)
    if fmt == "parquet":
        buffer = io.BytesIO()
        table.codes.write_parquet(buffer)
        return buffer.getvalue()
    raise ValueError(f"unknown export format '{fmt}': choose {', '.join(FORMATS)}")


def _labelled(table: SubmissionTable, headers: dict[str, str]) -> pl.DataFrame:
    frame = table.labels.with_columns(_list_text(table.labels))
    return frame.rename({name: headers.get(name, name) for name in frame.columns})


def _list_text(frame: pl.DataFrame, separator: str = ", ") -> list[pl.Expr]:
    return [pl.col(name).list.join(separator) for name, dtype in frame.schema.items() if dtype == pl.List(pl.Utf8)]


def _xlsx(table: SubmissionTable, headers: dict[str, str]) -> bytes:
    book = Workbook(write_only=True)
    sheets = (
        ("submissions", _labelled(table, headers)),
        ("codes", table.codes.with_columns(_list_text(table.codes, " "))),
    )
    for title, frame in sheets:
        sheet = book.create_sheet(title)
        frame = _naive_utc(frame)
        sheet.append(frame.columns)
        for row in frame.iter_rows():
            sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _naive_utc(frame: pl.DataFrame) -> pl.DataFrame:
    """Excel cells cannot hold a time zone: the UTC wall-clock time, with "(UTC)" in the header."""
    zoned = [name for name, dtype in frame.schema.items() if isinstance(dtype, pl.Datetime) and dtype.time_zone]
    frame = frame.with_columns(pl.col(name).dt.replace_time_zone(None) for name in zoned)
    return frame.rename({name: f"{name} (UTC)" for name in zoned})


def file_name(survey_slug: str, fmt: str, today: dt.date) -> str:
    return f"{survey_slug}-submissions-{today.isoformat()}.{fmt}"


