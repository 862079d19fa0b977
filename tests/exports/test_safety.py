"""The one formula-neutralising function (OWASP CSV-injection rule), in Python and in Polars."""

from __future__ import annotations

import io

import openpyxl
import polars as pl
from hypothesis import given
from hypothesis import strategies as st

from citybridge.exports.safety import is_formula, safe_cell, safe_frame, xlsx_append

ATTACKS = [
    '=HYPERLINK("http://evil.example/","open me")',
    "=cmd|' /C calc'!A0",
    "\t=1+1",
    "\r=1+1",
    "+1",
    "-1+2",
    "@SUM(A1:A2)",
    "  =1+1",
    "\n@SUM(A1)",
]


def test_every_attack_gets_an_apostrophe():
    for attack in ATTACKS:
        assert safe_cell(attack) == "'" + attack, repr(attack)


def test_plain_text_phone_numbers_and_numbers_stay_as_they_are():
    for kept in ("Tashkent", "a=b", "+998 71 123 45 67", "+998 (90) 123-45-67", "", "'=already"):
        assert safe_cell(kept) == kept
    assert safe_cell(-1) == -1 and safe_cell(-2.5) == -2.5 and safe_cell(None) is None


def test_raw_keeps_every_value():
    assert safe_cell("=1+1", raw=True) == "=1+1"
    frame = pl.DataFrame({"=h": ["=x"]})
    assert safe_frame(frame, raw=True).equals(frame)


def test_a_short_signed_number_as_text_is_not_a_phone_number():
    assert safe_cell("+12") == "'+12"
    assert safe_cell("-5") == "'-5"  # as text; a number column keeps -5 (next test)


def test_a_frame_keeps_its_number_columns_and_neutralises_text_and_headers():
    frame = safe_frame(pl.DataFrame({"=SUM(A1)": [-1, 2], "answer": ["-1+2", "fine"]}))
    assert frame.columns == ["'=SUM(A1)", "answer"]
    assert frame.get_column("'=SUM(A1)").to_list() == [-1, 2]
    assert frame.get_column("answer").to_list() == ["'-1+2", "fine"]


@given(st.text())
def test_a_cell_never_starts_a_formula(text):
    safe = safe_cell(text)
    assert safe in (text, "'" + text)
    assert not is_formula(safe)
    assert safe_cell(safe) == safe  # once is enough: nothing is prefixed twice


@given(st.lists(st.one_of(st.none(), st.text()), max_size=20))
def test_polars_and_python_agree_on_every_cell(cells):
    frame = safe_frame(pl.DataFrame({"cell": cells}, schema={"cell": pl.Utf8}))
    assert frame.get_column("cell").to_list() == [safe_cell(c) for c in cells]


def test_xlsx_text_is_never_stored_as_a_formula_even_raw():
    for raw in (False, True):
        book = openpyxl.Workbook(write_only=True)
        xlsx_append(book.create_sheet("s"), [*ATTACKS, -1, 2.5], raw=raw)
        buffer = io.BytesIO()
        book.save(buffer)
        cells = next(openpyxl.load_workbook(io.BytesIO(buffer.getvalue()))["s"].iter_rows())
        assert [c.data_type for c in cells] == ["s"] * len(ATTACKS) + ["n", "n"]
        assert cells[-2].value == -1
        assert cells[0].value == ("" if raw else "'") + ATTACKS[0]
