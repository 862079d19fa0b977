"""Reading participants lists: good rows come out, bad ones are named by file, row, column and value."""

from __future__ import annotations

import csv
from pathlib import Path

import openpyxl
import pytest

from citybridge.registrations import Registration, read_registrations
from citybridge.submissions.tables import TableError

HEADER = ["name", "position", "organisation", "city", "email", "phone", "consent"]
GOOD = [
    [
        "Aziz Karimov",
        "Deputy khokim",
        "Tashkent city khokimiyat",
        "Tashkent",
        "Aziz.Karimov@Tashkent.UZ",
        "",
        "yes",
    ],
    ["Dilnoza Rashidova", "Urban planner", "Samarkand ASU", "Samarkand", "", "+998 (90) 123-45-67", "да"],
    ["Бекзод Турсунов", "Инженер", "Водоканал", "Бухоро", "bekzod@suv.uz", "+998 65 223 11 00", "ha"],
    ["Malika Yusupova", "", "", "Nukus", "malika@example.org", "", "no"],
]


def write_csv(path: Path, header: list[str], rows: list[list[object]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)
    return path


def write_xlsx(path: Path, header: list[str], rows: list[list[object]]) -> Path:
    workbook = openpyxl.Workbook()
    workbook.active.append(header)
    for row in rows:
        workbook.active.append([None if cell == "" else cell for cell in row])
    workbook.save(path)
    return path


WRITERS = {"csv": write_csv, "xlsx": write_xlsx}


@pytest.mark.parametrize("kind", WRITERS)
def test_a_good_list_reads_every_row(tmp_path, kind):
    path = WRITERS[kind](tmp_path / f"participants.{kind}", HEADER, GOOD)
    result = read_registrations(path)
    assert result.source == f"participants.{kind}"
    assert result.problems == []
    assert result.registrations == [
        Registration(
            2,
            "Aziz Karimov",
            "Deputy khokim",
            "Tashkent city khokimiyat",
            "Tashkent",
            "Aziz.Karimov@Tashkent.UZ",
            "",
            True,
        ),
        Registration(
            3,
            "Dilnoza Rashidova",
            "Urban planner",
            "Samarkand ASU",
            "Samarkand",
            "",
            "+998 (90) 123-45-67",
            True,
        ),
        Registration(
            4, "Бекзод Турсунов", "Инженер", "Водоканал", "Бухоро", "bekzod@suv.uz", "+998 65 223 11 00", True
        ),
        Registration(5, "Malika Yusupova", "", "", "Nukus", "malika@example.org", "", False),
    ]


def test_xlsx_numbers_and_booleans_are_read_as_text(tmp_path):
    path = write_xlsx(
        tmp_path / "participants.xlsx",
        ["name", "city", "phone", "consent"],
        [["Aziz", "Tashkent", 998901234567, True], ["Bobur", "Nukus", 998612223344.0, False]],
    )
    result = read_registrations(path)
    assert result.problems == []
    assert [(r.phone, r.consent) for r in result.registrations] == [
        ("998901234567", True),
        ("998612223344", False),
    ]


@pytest.mark.parametrize(
    ("change", "column", "value", "reason"),
    [
        pytest.param(
            {"email": "aziz@tashkent"}, "email", "aziz@tashkent", "is not an e-mail address", id="bad-email"
        ),
        pytest.param(
            {"email": "aziz karimov@x.uz"},
            "email",
            "aziz karimov@x.uz",
            "is not an e-mail address",
            id="space",
        ),
        pytest.param({"name": "  "}, "name", "", "every participant needs a name", id="missing-name"),
        pytest.param(
            {"email": "", "phone": ""},
            "email",
            "",
            "give an e-mail address or a phone number",
            id="no-contact",
        ),
        pytest.param(
            {"phone": "call me"},
            "phone",
            "call me",
            "is not a phone number (digits, spaces, +, -, parentheses)",
            id="bad-phone",
        ),
        pytest.param({"consent": "maybe"}, "consent", "maybe", "write yes or no", id="bad-consent"),
    ],
)
def test_a_bad_row_is_named_by_file_row_column_and_value(tmp_path, change, column, value, reason):
    rows = [list(r) for r in GOOD]
    for field, cell in change.items():
        rows[1][HEADER.index(field)] = cell
    result = read_registrations(write_csv(tmp_path / "participants.csv", HEADER, rows))
    [problem] = result.problems
    assert (problem.source, problem.row, problem.column, problem.value, problem.reason) == (
        "participants.csv",
        3,
        column,
        value,
        reason,
    )
    shown = f" value '{value}':" if value else ""
    assert str(problem) == f"participants.csv, row 3, column '{column}':{shown} {reason}"
    assert [r.row for r in result.registrations] == [2, 4, 5]


def test_every_problem_of_a_row_is_listed(tmp_path):
    rows = [["", "", "", "Tashkent", "not-an-email", "", "perhaps"]]
    result = read_registrations(write_csv(tmp_path / "p.csv", HEADER, rows))
    assert [(p.column, p.reason) for p in result.problems] == [
        ("name", "every participant needs a name"),
        ("email", "is not an e-mail address"),
        ("consent", "write yes or no"),
    ]
    assert result.registrations == []


def test_an_unknown_header_is_a_row_1_problem_and_the_rows_are_still_read(tmp_path):
    rows = [[*r, "vegetarian"] for r in GOOD]
    result = read_registrations(write_csv(tmp_path / "p.csv", [*HEADER, "diet"], rows))
    [problem] = result.problems
    assert (problem.row, problem.column, problem.value) == (1, "diet", None)
    assert str(problem) == (
        "p.csv, row 1, column 'diet': unknown column; expected name, position, organisation, city, email, phone, consent"
    )
    assert len(result.registrations) == len(GOOD)


def test_a_list_without_a_name_column_is_one_problem_and_no_rows(tmp_path):
    result = read_registrations(write_csv(tmp_path / "p.csv", ["email", "city"], [["a@b.uz", "Tashkent"]]))
    assert [str(p) for p in result.problems] == [
        "p.csv, row 1: no 'name' column; add one with each person's name"
    ]
    assert result.registrations == []


def test_a_missing_contact_is_reported_on_email_even_without_an_email_column(tmp_path):
    result = read_registrations(write_csv(tmp_path / "p.csv", ["name", "city"], [["Aziz", "Tashkent"]]))
    [problem] = result.problems
    assert (problem.row, problem.column, problem.reason) == (
        2,
        "email",
        "give an e-mail address or a phone number",
    )


@pytest.mark.parametrize(
    "header",
    [
        ["ФИО", "Должность", "Организация", "Город", "Электронная почта", "Телефон", "Согласие"],
        ["Ism", "Lavozim", "Tashkilot", "Shahar", "E-mail", "Tel", "Rozilik"],
        ["Исм", "Лавозим", "Ташкилот", "Шаҳар", "Эл. почта", "Mobile", "Розилик"],
        [
            "Full Name",
            "Job Title",
            "Organization",
            "Town",
            "Email Address",
            "Telephone",
            "Consent to data use",
        ],
        ["  NAME ", "Position", "AGENCY", "city", "EMAIL", "Phone", "consent"],
    ],
    ids=["russian", "uzbek-latin", "uzbek-cyrillic", "english-variants", "case-and-spacing"],
)
def test_russian_uzbek_and_english_header_aliases_are_understood(tmp_path, header):
    result = read_registrations(write_csv(tmp_path / "p.csv", header, GOOD))
    assert result.problems == []
    assert [
        (r.name, r.position, r.organisation, r.city, r.email, r.phone, r.consent)
        for r in result.registrations
    ] == [(r[0], r[1], r[2], r[3], r[4], r[5], r[6] in ("yes", "да", "ha")) for r in GOOD]


@pytest.mark.parametrize(
    ("consent", "given"),
    [
        ("yes", True),
        ("Y", True),
        ("TRUE", True),
        ("1", True),
        ("x", True),
        ("да", True),
        ("Да", True),
        ("ha", True),
        ("ҳа", True),
        ("no", False),
        ("N", False),
        ("0", False),
        ("нет", False),
        ("yo'q", False),
        ("yoʻq", False),
        ("йўқ", False),
        ("", False),
    ],
)
def test_consent_is_read_in_english_russian_and_uzbek(tmp_path, consent, given):
    result = read_registrations(
        write_csv(tmp_path / "p.csv", ["name", "email", "consent"], [["A", "a@b.uz", consent]])
    )
    assert result.problems == []
    assert result.registrations[0].consent is given


@pytest.mark.parametrize(
    ("email", "phone", "name", "city", "key"),
    [
        ("Aziz.Karimov@Tashkent.UZ", "+998 90 123", "Aziz", "Tashkent", "email:aziz.karimov@tashkent.uz"),
        ("", "+998 (90) 123-45-67", "Aziz", "Tashkent", "phone:998901234567"),
        ("", "998901234567", "Someone Else", "Nukus", "phone:998901234567"),
    ],
)
def test_the_key_is_the_lower_cased_email_else_the_phone_digits(email, phone, name, city, key):
    assert Registration(2, name, "", "", city, email, phone, True).key == key


def test_the_key_without_contact_is_the_normalised_name_and_city():
    registration = Registration(2, "  Aziz   KARIMOV ", "", "", "Tashkent ", "", "", True)
    assert registration.key == "name:aziz karimov|tashkent"


def test_the_same_person_written_differently_gets_the_same_key(tmp_path):
    rows = [
        ["Aziz Karimov", "", "", "Tashkent", "AZIZ@TASHKENT.UZ", "", "yes"],
        ["Karimov Aziz", "", "", "Toshkent", "aziz@tashkent.uz", "+998 90 000 00 00", "yes"],
        ["Dilnoza", "", "", "", "", "+998 (90) 123-45-67", "yes"],
        ["Dilnoza R.", "", "", "", "", "998901234567", "yes"],
    ]
    result = read_registrations(write_csv(tmp_path / "p.csv", HEADER, rows))
    keys = [r.key for r in result.registrations]
    assert keys == [
        "email:aziz@tashkent.uz",
        "email:aziz@tashkent.uz",
        "phone:998901234567",
        "phone:998901234567",
    ]


def test_empty_lines_are_skipped_without_a_problem(tmp_path):
    rows = [GOOD[0], ["", "", "", "", "", "", ""], GOOD[1]]
    result = read_registrations(write_xlsx(tmp_path / "p.xlsx", HEADER, rows))
    assert result.problems == []
    assert [r.row for r in result.registrations] == [2, 4]


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("people.pdf", b"%PDF-1.4", r"^people\.pdf: unknown file type"),
        ("people.csv", "Имя\n".encode("cp1251"), r"^people\.csv: not UTF-8 text"),
        ("people.xlsx", b"nope", r"^people\.xlsx: not a readable XLSX workbook"),
    ],
)
def test_a_file_that_is_not_a_table_is_a_table_error_naming_it(tmp_path, name, content, message):
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(TableError, match=message):
        read_registrations(path)
