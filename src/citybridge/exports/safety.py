"""Formula neutralisation for every CSV and XLSX citybridge writes (the OWASP CSV-injection rule).

A spreadsheet runs a cell that starts with ``=``, ``+``, ``-`` or ``@`` (also after leading
spaces), and Excel's DDE reads tab- and CR-prefixed cells the same way, so an answer such as
``=HYPERLINK("http://evil.example/","open me")`` sent through an open survey link would run in
the organiser's spreadsheet. Such a text cell gets a leading apostrophe, which spreadsheets show
as text. Two things are left as they are, because no spreadsheet runs them:

- values that are numbers (an ``int`` or ``float``, a numeric Polars column): ``-1`` stays a number;
- phone numbers: ``+`` then only digits, spaces and ``( ) . / -``, with at least seven digits.

``raw=True`` everywhere below writes the values exactly as stored: the organiser's choice for a
file that goes to a program rather than a person (docs/security.md).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import Any

import polars as pl

# Tab and CR run as they are; = + - @ run after any leading whitespace too.
# Explicit ASCII classes, so that Python's re and Polars' regex agree on every character.
FORMULA_START = r"^(?:[\t\r]|[ \t\n\r\x0b\x0c]*[=+\-@])"
PHONE = r"\+[0-9 ()./-]+"
DIGIT = r"[0-9]"
PHONE_DIGITS = 7
_FORMULA = re.compile(FORMULA_START)
_PHONE = re.compile(PHONE)


def is_formula(text: str) -> bool:
    """True if a spreadsheet would read ``text`` as a formula (or a DDE command)."""
    if not _FORMULA.match(text):
        return False
    return not (_PHONE.fullmatch(text) and len(re.findall(DIGIT, text)) >= PHONE_DIGITS)


def safe_cell(value: Any, raw: bool = False) -> Any:
    """The value, with a leading apostrophe if it is text a spreadsheet would run; others unchanged."""
    if raw or not isinstance(value, str) or not is_formula(value):
        return value
    return "'" + value


def safe_row(values: Iterable[Any], raw: bool = False) -> list[Any]:
    return [safe_cell(value, raw) for value in values]


def safe_frame(frame: pl.DataFrame, raw: bool = False) -> pl.DataFrame:
    """Every text column and every column name neutralised; numbers, dates and lists untouched."""
    if raw:
        return frame
    text = [name for name, dtype in frame.schema.items() if dtype == pl.Utf8]
    frame = frame.with_columns(_safe_expr(pl.col(name)).alias(name) for name in text)
    return frame.rename({name: safe_cell(name) for name in frame.columns if is_formula(name)})


def _safe_expr(column: pl.Expr) -> pl.Expr:
    phone = column.str.contains(f"^{PHONE}$") & (column.str.count_matches(DIGIT) >= PHONE_DIGITS)
    return pl.when(column.str.contains(FORMULA_START) & ~phone).then(pl.lit("'") + column).otherwise(column)


def xlsx_append(sheet, values: Sequence[Any], raw: bool = False) -> None:
    """Append one row to an openpyxl sheet (normal or write-only); text is always stored as text.

    openpyxl stores any string that starts with ``=`` as a formula; even a raw export must not
    make a formula of an answer, so every text cell's type is set to string after its value.
    """
    from openpyxl.cell import WriteOnlyCell

    cells = []
    for value in safe_row(values, raw):
        cell = WriteOnlyCell(sheet, value=value)
        if isinstance(value, str):
            cell.data_type = "s"
        cells.append(cell)
    sheet.append(cells)
