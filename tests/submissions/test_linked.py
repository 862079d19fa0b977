"""Repeats as linked tables: read from KoboToolbox's XLSX and ODK Central's CSV ZIP, validated
instance by instance, written back as Central writes them, and read again identically."""

from __future__ import annotations

import openpyxl
import pytest

from citybridge.exports.linked import write_csv_zip, write_xlsx
from citybridge.forms import load_xlsform
from citybridge.submissions.linked import (
    PARENT_KEY,
    linked_tables,
    read_linked_export,
    validate_linked,
)
from tests.forms.xlsform_builder import build_xlsform


@pytest.fixture(scope="module")
def form(tmp_path_factory):
    return household_form(tmp_path_factory.mktemp("household"))


def household_form(folder):
    """A household with members, each with visits: a repeat nested in a repeat."""
    path = build_xlsform(
        folder,
        [
            {"type": "text", "name": "village", "label": "Village", "required": "yes"},
            {"type": "begin repeat", "name": "member", "label": "Member"},
            {"type": "text", "name": "name", "label": "Name"},
            {"type": "integer", "name": "age", "label": "Age", "constraint": ". < 120"},
            {"type": "begin repeat", "name": "visit", "label": "Visit"},
            {"type": "date", "name": "day", "label": "Day"},
            {"type": "end repeat"},
            {"type": "end repeat"},
        ],
        settings={"form_id": "household", "version": "1"},
    )
    return load_xlsform(path)


def kobo_xlsx(tmp_path, sheets: dict[str, list[list]]):
    workbook = openpyxl.Workbook()
    workbook.remove(workbook.active)
    for name, rows in sheets.items():
        sheet = workbook.create_sheet(name)
        for row in rows:
            sheet.append(row)
    path = tmp_path / "kobo.xlsx"
    workbook.save(path)
    return path


KOBO = {
    "household": [["village", "_id", "_uuid", "_submission_time", "_index"],
                  ["Chorsu", "1", "aaa", "2020-11-10T04:00:00", 1],
                  ["Yunusobod", "2", "bbb", "2020-11-10T05:00:00", 2]],
    "member": [["member/name", "member/age", "_index", "_parent_index", "_parent_table_name", "_submission__uuid"],
               ["Aziz", 34, 1, 1, "household", "aaa"],
               ["Dilnoza", 31, 2, 1, "household", "aaa"],
               ["Olim", 60, 3, 2, "household", "bbb"]],
    "visit": [["member/visit/day", "_index", "_parent_index", "_parent_table_name"],
              ["2020-11-01", 1, 2, "member"],
              ["2020-11-03", 2, 2, "member"]],
}  # fmt: skip


def test_a_kobo_xlsx_gives_each_instance_centrals_key_under_its_parent(form, tmp_path):
    result = validate_linked(form, read_linked_export(kobo_xlsx(tmp_path, KOBO), form))
    assert result.ok, [str(p) for p in result.problems]
    members = result.children["member"].frame
    assert members.select("_instance_id", PARENT_KEY, "name", "age").rows() == [
        ("aaa/member[1]", "aaa", "Aziz", 34),
        ("aaa/member[2]", "aaa", "Dilnoza", 31),
        ("bbb/member[1]", "bbb", "Olim", 60),
    ]
    visits = result.children["member/visit"].frame
    assert visits.select("_instance_id", PARENT_KEY).rows() == [
        ("aaa/member[2]/visit[1]", "aaa/member[2]"),
        ("aaa/member[2]/visit[2]", "aaa/member[2]"),
    ]


def test_each_instance_is_validated_and_named_by_sheet_and_row(form, tmp_path):
    sheets = {**KOBO, "member": [*KOBO["member"][:3], ["Olim", 160, 3, 2, "household", "bbb"]]}
    result = validate_linked(form, read_linked_export(kobo_xlsx(tmp_path, sheets), form))
    assert [str(p) for p in result.problems] == [
        "kobo.xlsx (member), row 4, column 'member/age': value '160': breaks the constraint . < 120"
    ]
    assert result.children["member"].frame.height == 2


def test_an_instance_whose_parent_is_missing_is_refused_by_name(form, tmp_path):
    sheets = {**KOBO, "visit": [*KOBO["visit"], ["2020-11-05", 3, 9, "member"]]}
    result = validate_linked(form, read_linked_export(kobo_xlsx(tmp_path, sheets), form))
    assert [str(p) for p in result.problems] == [
        "kobo.xlsx (visit), row 4, column 'PARENT_KEY': links to no submission or instance of this export; "
        "export the whole form again"
    ]


@pytest.mark.parametrize("writer, suffix", [(write_csv_zip, ".zip"), (write_xlsx, ".xlsx")])
def test_an_export_reads_back_identically(form, tmp_path, writer, suffix):
    first = validate_linked(form, read_linked_export(kobo_xlsx(tmp_path, KOBO), form))
    tables = linked_tables(form, first.main.frame, {path: v.frame for path, v in first.children.items()})
    assert list(tables) == ["household", "household-member", "household-visit"]
    assert tables["household-visit"].columns == ["member-visit-day", "PARENT_KEY", "KEY"]
    path = tmp_path / f"export{suffix}"
    path.write_bytes(writer(tables))
    again = validate_linked(form, read_linked_export(path, form))
    assert again.ok, [str(p) for p in again.problems]
    same = ["_instance_id", "_submitted_at", "village"]
    assert again.main.frame.select(same).equals(first.main.frame.select(same))
    for repeat in form.repeats:
        columns = [c for c in first.children[repeat].frame.columns if c != "_row"]
        assert (
            again.children[repeat].frame.select(columns).equals(first.children[repeat].frame.select(columns))
        )


def test_a_table_that_is_no_repeat_of_the_form_is_refused(form, tmp_path):
    from citybridge.submissions.sources import SourceError

    with pytest.raises(SourceError, match=r"table 'notes' is neither the submissions nor a repeat"):
        read_linked_export(kobo_xlsx(tmp_path, {**KOBO, "notes": [["a"], ["b"]]}), form)


def test_a_json_submission_with_repeat_answers_is_refused_saying_where_they_go(form):
    from citybridge.submissions.sources import from_payloads

    body = {"instance_id": "a", "answers": {"village": "Chorsu", "member": [{"name": "Aziz"}]}}
    batch = from_payloads(form, [(1, body)])
    assert [str(p) for p in batch.problems] == [
        "API, row 1, column 'answers.member': answers of a repeat: one submission here takes one row, so its "
        "instances are imported from an ODK Central CSV ZIP, a KoboToolbox XLSX with one sheet per repeat "
        "or KoboToolbox's JSON file"
    ]
