"""Linked tables written as a CSV ZIP, an XLSX with a sheet per table and a ZIP of Parquet files:
names as ODK Central and KoboToolbox give them, cells neutralised, types kept in Parquet."""

from __future__ import annotations

import datetime as dt
import io
import zipfile

import openpyxl
import polars as pl

from citybridge.exports.linked import as_text, write_csv_zip, write_parquet_zip, write_xlsx

FORMULA = '=HYPERLINK("http://evil.example/","open me")'


def tables() -> dict[str, pl.DataFrame]:
    households = pl.DataFrame(
        {
            "SubmissionDate": [dt.datetime(2020, 11, 10, 4, tzinfo=dt.UTC)],
            "village": [FORMULA],
            "KEY": ["aaa"],
        }
    )
    members = pl.DataFrame(
        {
            "member-name": ["Aziz", "-1 + 2"],
            "member-age": [34, -1],
            "member-langs": [["uz", "ru"], []],
            "member-born": [dt.date(1986, 5, 1), None],
            "PARENT_KEY": ["aaa", "aaa"],
            "KEY": ["aaa/member[1]", "aaa/member[2]"],
        }
    )
    return {"household": households, "household-member": members}


def test_the_csv_zip_has_one_csv_per_table_with_formulas_neutralised_and_numbers_kept():
    archive = zipfile.ZipFile(io.BytesIO(write_csv_zip(tables())))
    assert archive.namelist() == ["household.csv", "household-member.csv"]
    assert pl.read_csv(archive.read("household.csv")).item(0, "village") == "'" + FORMULA
    members = pl.read_csv(archive.read("household-member.csv"), infer_schema=False)
    assert members.get_column("member-name").to_list() == ["Aziz", "'-1 + 2"]
    assert members.get_column("member-age").to_list() == ["34", "-1"]
    assert members.get_column("member-langs").to_list() == ["uz ru", ""]
    raw = zipfile.ZipFile(io.BytesIO(write_csv_zip(tables(), raw=True)))
    assert pl.read_csv(raw.read("household.csv")).item(0, "village") == FORMULA


def test_the_xlsx_names_each_repeats_sheet_by_the_repeat_and_stores_text_as_text():
    book = openpyxl.load_workbook(io.BytesIO(write_xlsx(tables(), raw=True)))
    assert book.sheetnames == ["household", "member"]
    cell = book["household"]["B2"]
    assert (cell.value, cell.data_type) == (FORMULA, "s")  # raw, yet never a formula
    assert [c.value for c in book["member"][2]] == ["Aziz", 34, "uz ru", "1986-05-01", "aaa", "aaa/member[1]"]
    safe = openpyxl.load_workbook(io.BytesIO(write_xlsx(tables())))
    assert safe["household"]["B2"].value == "'" + FORMULA


def test_the_parquet_zip_keeps_each_tables_types():
    archive = zipfile.ZipFile(io.BytesIO(write_parquet_zip(tables())))
    assert archive.namelist() == ["household.parquet", "household-member.parquet"]
    members = pl.read_parquet(io.BytesIO(archive.read("household-member.parquet")))
    assert members.equals(tables()["household-member"])


def test_times_are_written_iso_with_their_offset_and_every_fraction_of_a_second_they_have():
    times = pl.DataFrame(
        {
            "at": [
                dt.datetime(2020, 11, 10, 4, tzinfo=dt.UTC),
                dt.datetime(2020, 11, 10, 4, 0, 1, 250, tzinfo=dt.UTC),
            ]
        }
    )
    assert as_text(times).get_column("at").to_list() == [
        "2020-11-10T04:00:00+00:00",
        "2020-11-10T04:00:01.000250+00:00",
    ]
