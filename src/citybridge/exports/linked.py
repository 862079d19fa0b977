"""Linked tables (a form's submissions and one table per repeat) written as one file.

The shapes are ODK Central's, so that Central's and KoboToolbox's users open them as they know
them and citybridge imports them again: a ZIP of one CSV per table (``FORM.csv``,
``FORM-REPEAT.csv``) and an XLSX with one sheet per table. Parquet has no multi-table file of its
own, and what readers (Polars, pandas, R's arrow, DuckDB) expect of a set of tables is one
Parquet file per table; so the Parquet export is a ZIP of ``FORM.parquet``, ``FORM-REPEAT.parquet``
holding the same tables with their types (lists of choices, dates, UTC times), which
``citybridge import`` reads back like the CSV ZIP.

The first table is the submissions' table; the others are named ``FORM-REPEAT``. Every CSV and
XLSX cell goes through ``citybridge.exports.safety`` unless ``raw``.
"""

from __future__ import annotations

import io
import zipfile

import polars as pl

from citybridge.exports.safety import safe_frame, xlsx_append

EXCEL_SHEET_NAME = 31  # Excel refuses longer sheet names


def write_csv_zip(tables: dict[str, pl.DataFrame], raw: bool = False) -> bytes:
    """A ZIP of one CSV per table, as ODK Central exports a form with repeats."""
    return _zip(
        {
            f"{name}.csv": safe_frame(as_text(table), raw).write_csv().encode("utf-8")
            for name, table in tables.items()
        }
    )


def write_parquet_zip(tables: dict[str, pl.DataFrame]) -> bytes:
    """A ZIP of one typed Parquet file per table (values as stored: Parquet goes to programs)."""
    files = {}
    for name, table in tables.items():
        buffer = io.BytesIO()
        table.write_parquet(buffer)
        files[f"{name}.parquet"] = buffer.getvalue()
    return _zip(files)


def write_xlsx(tables: dict[str, pl.DataFrame], raw: bool = False) -> bytes:
    """One sheet per table: the first keeps its name, a repeat's sheet is the repeat's own name
    (as KoboToolbox names it), both cut to Excel's 31 characters."""
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    for number, (name, table) in enumerate(tables.items()):
        title = name if number == 0 else name.rsplit("-", 1)[-1]
        sheet = book.create_sheet(title[:EXCEL_SHEET_NAME])
        table = as_text(table)
        xlsx_append(sheet, table.columns, raw)
        for row in table.iter_rows():
            xlsx_append(sheet, row, raw)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _zip(files: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in files.items():
            archive.writestr(name, content)
    return buffer.getvalue()


def as_text(table: pl.DataFrame) -> pl.DataFrame:
    """Cells as a spreadsheet should show them: multiple choices space-separated (as XLSForm tools
    write them), dates ISO, times ISO with their offset; numbers stay numbers."""
    columns = []
    for name, dtype in table.schema.items():
        column = pl.col(name)
        if isinstance(dtype, pl.List):
            columns.append(column.list.join(" "))
        elif dtype == pl.Date:
            columns.append(column.dt.strftime("%Y-%m-%d"))
        elif isinstance(dtype, pl.Datetime):
            columns.append(
                column.dt.strftime("%Y-%m-%dT%H:%M:%S%.f%:z" if dtype.time_zone else "%Y-%m-%dT%H:%M:%S%.f")
            )
    return table.with_columns(columns) if columns else table
