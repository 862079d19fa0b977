"""Exports of KoboToolbox, ODK Central, Google Forms and JSON files of the same answers read alike."""

from __future__ import annotations

import csv
import datetime as dt
import json
from collections.abc import Callable
from pathlib import Path

import openpyxl
import pytest

from citybridge.forms import load_xlsform
from citybridge.submissions import validate
from citybridge.submissions.sources import SourceError, detect_format, read_export
from tests.forms.xlsform_builder import build_xlsform

UTC = dt.UTC
UUIDS = [
    "6f1c2a9e-5b1d-4c1e-9d7a-2f0c1b3e4a01",
    "0b9e8d7c-6a5f-4e3d-8c2b-1a0f9e8d7c02",
    "c3d4e5f6-a7b8-4c9d-9e0f-1a2b3c4d5e03",
]
SUBMITTED = [
    dt.datetime(2020, 11, 10, 6, 12, 33, tzinfo=UTC),
    dt.datetime(2020, 11, 10, 7, 45, 0, tzinfo=UTC),
    dt.datetime(2020, 11, 11, 3, 5, 9, tzinfo=UTC),
]
# What every export below says, once validated.
EXPECTED = [
    {
        "full_name": "Aziz Karimov",
        "age": 34,
        "city": "tashkent",
        "topics": ["transport", "water"],
        "budget": 12.5,
        "visit": "2020-11-05",
        "meeting": "2020-11-05T04:30:00+00:00",
        "partner": "yes",
        "partner_name": "Seoul",
    },
    {
        "full_name": "Dilnoza Rashidova",
        "age": 41,
        "city": "samarkand",
        "topics": ["housing", "other"],
        "topics_other": "Parks",
        "visit": "2020-11-06",
        "partner": "no",
    },
    {"full_name": "Бекзод Турсунов", "city": "bukhara", "budget": 0.75},
]

TOPICS = ("transport", "water", "housing", "other")
# The answers as the tools write them (choice names, ISO dates), one dict per submission.
RAW = [
    {
        "full_name": "Aziz Karimov",
        "age": "34",
        "city": "tashkent",
        "topics": ["transport", "water"],
        "topics_other": "",
        "budget": "12.5",
        "visit": "2020-11-05",
        "meeting": "2020-11-05T09:30:00.000+05:00",
        "partner": "yes",
        "partner_name": "Seoul",
    },
    {
        "full_name": "Dilnoza Rashidova",
        "age": "41",
        "city": "samarkand",
        "topics": ["housing", "other"],
        "topics_other": "Parks",
        "budget": "",
        "visit": "2020-11-06",
        "meeting": "",
        "partner": "no",
        "partner_name": "",
    },
    {
        "full_name": "Бекзод Турсунов",
        "age": "",
        "city": "bukhara",
        "topics": [],
        "topics_other": "",
        "budget": "0.75",
        "visit": "",
        "meeting": "",
        "partner": "",
        "partner_name": "",
    },
]


def write_csv(path: Path, header: list[str], rows: list[list[object]], **dialect) -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, **dialect)
        writer.writerow(header)
        writer.writerows(rows)
    return path


def write_xlsx(path: Path, header: list[str], rows: list[list[object]]) -> Path:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(header)
    for row in rows:
        sheet.append([None if cell == "" else cell for cell in row])
    workbook.save(path)
    return path


# --- KoboToolbox ----------------------------------------------------------------------------------------

KOBO_HEADER = [
    "start",
    "end",
    "profile/full_name",
    "profile/age",
    "profile/city",
    "training/topics",
    *(f"training/topics/{t}" for t in TOPICS),
    "training/topics_other",
    "training/budget",
    "visit",
    "meeting",
    "partner",
    "partner_name",
    "meta/instanceID",
    "_id",
    "_uuid",
    "_submission_time",
    "_validation_status",
    "_notes",
    "_status",
    "_submitted_by",
    "__version__",
    "_tags",
    "_index",
]


def kobo_rows(numbers: bool = False) -> list[list[object]]:
    rows = []
    for index, (raw, uuid, submitted) in enumerate(zip(RAW, UUIDS, SUBMITTED, strict=True), start=1):
        chosen = raw["topics"]
        flags = [("1" if t in chosen else "0") if chosen else "" for t in TOPICS]
        age: object = raw["age"]
        budget: object = raw["budget"]
        if numbers:
            flags = [int(f) if f else "" for f in flags]
            age = int(age) if age else ""
            budget = float(budget) if budget else ""
        rows.append(
            [
                "2020-11-10T10:58:01.123+05:00",
                "2020-11-10T11:05:44.456+05:00",
                raw["full_name"],
                age,
                raw["city"],
                " ".join(chosen),
                *flags,
                raw["topics_other"],
                budget,
                raw["visit"],
                raw["meeting"],
                raw["partner"],
                raw["partner_name"],
                f"uuid:{uuid}",
                100 + index if numbers else str(100 + index),
                uuid,
                submitted.strftime("%Y-%m-%dT%H:%M:%S"),
                "",
                "",
                "submitted_via_web",
                "",
                "vGqTz5b3nN8",
                "",
                index if numbers else str(index),
            ]
        )
    return rows


def kobo_csv(tmp_path: Path) -> Path:
    return write_csv(tmp_path / "kobo.csv", KOBO_HEADER, kobo_rows())


def kobo_xlsx(tmp_path: Path) -> Path:
    return write_xlsx(tmp_path / "kobo.xlsx", KOBO_HEADER, kobo_rows(numbers=True))


def kobo_semicolon_csv(tmp_path: Path) -> Path:
    # KoboToolbox's default CSV: ';' between fields, every field quoted.
    return write_csv(
        tmp_path / "kobo_semicolon.csv", KOBO_HEADER, kobo_rows(), delimiter=";", quoting=csv.QUOTE_ALL
    )


LABELS_EN = {
    "full_name": "Your name",
    "age": "Your age",
    "city": "Your city",
    "topics": "Topics of interest",
    "topics_other": "Specify other.",
    "budget": "Budget in million UZS",
    "visit": "Date of the visit",
    "meeting": "Meeting time",
    "partner": "Do you have a partner city?",
    "partner_name": "Which partner city?",
}
TOPIC_LABELS_EN = {
    "transport": "Transport",
    "water": "Water and sanitation",
    "housing": "Land use, housing",
    "other": "Other",
}
CITY_LABELS = {
    "tashkent": ("Tashkent", "Тошкент"),
    "samarkand": ("Samarkand", "Самарқанд"),
    "bukhara": ("Bukhara", "Бухоро"),
}
YESNO_LABELS = {"yes": ("Yes", "Ҳа"), "no": ("No", "Йўқ"), "": ("", "")}


def kobo_labels_csv(tmp_path: Path) -> Path:
    """Kobo's "Labels" export in English, select_multiple as separate 0/1 columns only."""
    header = [
        "start",
        "end",
        LABELS_EN["full_name"],
        LABELS_EN["age"],
        LABELS_EN["city"],
        *(f"{LABELS_EN['topics']}/{TOPIC_LABELS_EN[t]}" for t in TOPICS),
        LABELS_EN["topics_other"],
        LABELS_EN["budget"],
        LABELS_EN["visit"],
        LABELS_EN["meeting"],
        LABELS_EN["partner"],
        LABELS_EN["partner_name"],
        "_id",
        "_uuid",
        "_submission_time",
        "_index",
    ]
    rows = []
    for index, (raw, uuid, submitted) in enumerate(zip(RAW, UUIDS, SUBMITTED, strict=True), start=1):
        chosen = raw["topics"]
        rows.append(
            [
                "2020-11-10T10:58:01.123+05:00",
                "2020-11-10T11:05:44.456+05:00",
                raw["full_name"],
                raw["age"],
                CITY_LABELS[raw["city"]][0],
                *((("1" if t in chosen else "0") if chosen else "") for t in TOPICS),
                raw["topics_other"],
                raw["budget"],
                raw["visit"],
                raw["meeting"],
                YESNO_LABELS[raw["partner"]][0],
                raw["partner_name"],
                str(100 + index),
                uuid,
                submitted.strftime("%Y-%m-%dT%H:%M:%S"),
                str(index),
            ]
        )
    return write_csv(tmp_path / "kobo_labels.csv", header, rows)


# --- ODK Central ------------------------------------------------------------------------------------------


def central_csv(tmp_path: Path) -> Path:
    header = [
        "SubmissionDate",
        "start",
        "end",
        "profile-full_name",
        "profile-age",
        "profile-city",
        "training-topics",
        "training-topics_other",
        "training-budget",
        "visit",
        "meeting",
        "partner",
        "partner_name",
        "meta-instanceID",
        "KEY",
        "SubmitterID",
        "SubmitterName",
        "AttachmentsPresent",
        "AttachmentsExpected",
        "Status",
        "ReviewState",
        "DeviceID",
        "Edits",
        "FormVersion",
    ]
    rows = [
        [
            submitted.strftime("%Y-%m-%dT%H:%M:%S.000Z"),
            "2020-11-10T10:58:01.123+05:00",
            "2020-11-10T11:05:44.456+05:00",
            raw["full_name"],
            raw["age"],
            raw["city"],
            " ".join(raw["topics"]),
            raw["topics_other"],
            raw["budget"],
            raw["visit"],
            raw["meeting"],
            raw["partner"],
            raw["partner_name"],
            f"uuid:{uuid}",
            f"uuid:{uuid}",
            "5",
            "enumerator-1",
            "0",
            "0",
            "",
            "approved",
            "collect:Xy12",
            "0",
            "2020110301",
        ]
        for raw, uuid, submitted in zip(RAW, UUIDS, SUBMITTED, strict=True)
    ]
    return write_csv(tmp_path / "central.csv", header, rows)


# --- Google Forms -----------------------------------------------------------------------------------------

GOOGLE_HEADER = [
    "Timestamp",
    "Email Address",
    "Your name",
    "Ёшингиз",  # the Uzbek label of age
    "Шаҳрингиз",  # the Uzbek label of city
    "Topics of interest",
    "Specify other.",
    "Бюджет",
    "Date of the visit",
    "Meeting time",
    "Шерик шаҳар борми?",
    "Which partner city?",
]


def _sheet_time(instant: dt.datetime) -> str:
    """How Google Sheets writes a Timestamp: month/day/year, local time, hours not padded."""
    local = instant.astimezone(dt.timezone(dt.timedelta(hours=5)))  # Asia/Tashkent, no DST
    return f"{local.month}/{local.day}/{local.year} {local.hour}:{local:%M:%S}"


def google_rows() -> list[list[object]]:
    return [
        [
            _sheet_time(submitted),
            f"person{n}@example.uz",
            raw["full_name"],
            raw["age"],
            CITY_LABELS[raw["city"]][1],
            ", ".join(TOPIC_LABELS_EN[t] for t in raw["topics"]),
            raw["topics_other"],
            raw["budget"],
            raw["visit"],
            raw["meeting"],
            YESNO_LABELS[raw["partner"]][1],
            raw["partner_name"],
        ]
        for n, (raw, submitted) in enumerate(zip(RAW, SUBMITTED, strict=True))
    ]


def google_csv(tmp_path: Path) -> Path:
    return write_csv(tmp_path / "google.csv", GOOGLE_HEADER, google_rows())


# --- citybridge JSON --------------------------------------------------------------------------------------


def json_file(tmp_path: Path) -> Path:
    payloads = []
    for raw, uuid, submitted in zip(RAW, UUIDS, SUBMITTED, strict=True):
        answers: dict[str, object] = {k: v for k, v in raw.items() if v not in ("", [])}
        if "age" in answers:
            answers["age"] = int(answers["age"])
        if "budget" in answers:
            answers["budget"] = float(answers["budget"])
        payloads.append(
            {"instance_id": f"uuid:{uuid}", "submitted_at": submitted.isoformat(), "answers": answers}
        )
    path = tmp_path / "submissions.json"
    path.write_text(json.dumps(payloads, ensure_ascii=False), encoding="utf-8")
    return path


SOURCES: dict[str, tuple[Callable[[Path], Path], str, str]] = {
    # name: (writer, detected kind, timezone of naive times)
    "kobo-csv": (kobo_csv, "kobotoolbox", "UTC"),
    "kobo-xlsx": (kobo_xlsx, "kobotoolbox", "UTC"),
    "kobo-semicolon-csv": (kobo_semicolon_csv, "kobotoolbox", "UTC"),
    "kobo-label-headers-and-values": (kobo_labels_csv, "kobotoolbox", "UTC"),
    "odk-central-csv": (central_csv, "odk-central", "UTC"),
    "google-forms-csv": (google_csv, "google-forms", "Asia/Tashkent"),
    "json-file": (json_file, "json", "UTC"),
}


@pytest.mark.parametrize("source", SOURCES)
def test_every_export_of_the_same_answers_validates_to_the_same_typed_answers(tmp_path, form, source):
    write, kind, timezone = SOURCES[source]
    batch = read_export(write(tmp_path), form, timezone=timezone)
    assert batch.kind == kind
    assert batch.problems == []
    result = validate(form, batch)
    assert [str(p) for p in result.problems] == []
    records = list(result.records())
    assert [answers for _, _, answers in records] == EXPECTED
    assert [submitted for _, submitted, _ in records] == SUBMITTED


@pytest.mark.parametrize("source", [s for s in SOURCES if s != "google-forms-csv"])
def test_exports_that_carry_an_instance_id_give_it_without_the_uuid_prefix(tmp_path, form, source):
    write, _, timezone = SOURCES[source]
    result = validate(form, read_export(write(tmp_path), form, timezone=timezone))
    assert [instance_id for instance_id, _, _ in result.records()] == UUIDS


def test_a_kobo_export_with_only_the_0_1_option_columns_rebuilds_the_multiple_choice(tmp_path, form):
    keep = [i for i, h in enumerate(KOBO_HEADER) if h != "training/topics"]
    rows = [[row[i] for i in keep] for row in kobo_rows()]
    path = write_csv(tmp_path / "kobo.csv", [KOBO_HEADER[i] for i in keep], rows)
    result = validate(form, read_export(path, form))
    assert [a.get("topics") for _, _, a in result.records()] == [
        ["transport", "water"],
        ["housing", "other"],
        None,
    ]


def test_a_kobo_export_uses_the_option_columns_where_the_summary_column_is_empty(tmp_path, form):
    rows = kobo_rows()
    summary = KOBO_HEADER.index("training/topics")
    for row in rows:
        row[summary] = ""
    path = write_csv(tmp_path / "kobo.csv", KOBO_HEADER, rows)
    result = validate(form, read_export(path, form))
    assert [a.get("topics") for _, _, a in result.records()] == [
        ["transport", "water"],
        ["housing", "other"],
        None,
    ]


def test_kobo_falls_back_to_uuid_and_central_to_key_without_meta_instance_id(tmp_path, form):
    keep = [i for i, h in enumerate(KOBO_HEADER) if h != "meta/instanceID"]
    kobo = write_csv(
        tmp_path / "kobo.csv", [KOBO_HEADER[i] for i in keep], [[r[i] for i in keep] for r in kobo_rows()]
    )
    assert validate(form, read_export(kobo, form)).frame.get_column("_instance_id").to_list() == UUIDS
    text = central_csv(tmp_path).read_text(encoding="utf-8").replace("meta-instanceID", "meta-other")
    central = tmp_path / "central_key.csv"
    central.write_text(text, encoding="utf-8")
    batch = read_export(central, form)
    assert batch.frame.get_column("_instance_id").to_list() == UUIDS


# --- problems are named in the export's own terms --------------------------------------------------------


@pytest.mark.parametrize(
    ("source", "column", "edit"),
    [
        ("kobo-csv", "profile/age", lambda text: text.replace(",41,", ",forty-one,")),
        ("odk-central-csv", "profile-age", lambda text: text.replace(",41,", ",forty-one,")),
        ("google-forms-csv", "Ёшингиз", lambda text: text.replace(",41,", ",forty-one,")),
    ],
)
def test_a_bad_cell_is_named_by_the_file_its_spreadsheet_row_and_its_header(
    tmp_path, form, source, column, edit
):
    write, _, timezone = SOURCES[source]
    path = write(tmp_path)
    path.write_text(edit(path.read_text(encoding="utf-8")), encoding="utf-8")
    result = validate(form, read_export(path, form, timezone=timezone))
    [problem] = result.problems
    assert (
        str(problem)
        == f"{path.name}, row 3, column '{column}': value 'forty-one': 'age' takes a whole number"
    )
    assert result.frame.get_column("_row").to_list() == [2, 4]


def test_a_label_outside_the_choice_list_in_a_google_export_names_the_option(tmp_path, form):
    rows = google_rows()
    rows[0][GOOGLE_HEADER.index("Topics of interest")] = "Transport, Parks"
    path = write_csv(tmp_path / "google.csv", GOOGLE_HEADER, rows)
    result = validate(form, read_export(path, form, timezone="Asia/Tashkent"))
    [problem] = result.problems
    assert (problem.row, problem.column, problem.value) == (2, "Topics of interest", "Transport, Parks")
    assert "not in the choice list 'topic'" in problem.reason


def test_an_unknown_column_is_a_problem_on_row_1_naming_the_header(tmp_path, form):
    header = [*KOBO_HEADER, "favourite_colour"]
    path = write_csv(tmp_path / "kobo.csv", header, [[*row, "green"] for row in kobo_rows()])
    batch = read_export(path, form)
    [problem] = batch.problems
    assert str(problem) == (
        "kobo.csv, row 1, column 'favourite_colour': no question of form 'city_survey' (version 2020110301) "
        "has this name, path or label; rename the column to a question name or remove it"
    )
    assert problem in validate(form, batch).problems


@pytest.mark.parametrize(
    "header",
    [
        "start",
        "end",
        "deviceid",
        "_status",
        "_submitted_by",
        "_some_new_kobo_column",
        "meta/instanceName",
        "__version__",
    ],
)
def test_the_columns_tools_add_for_their_own_use_are_left_aside(tmp_path, form, header):
    path = write_csv(
        tmp_path / "kobo.csv",
        ["_uuid", "profile/full_name", "profile/city", header],
        [["u1", "A", "tashkent", "x"]],
    )
    batch = read_export(path, form)
    assert batch.problems == []
    assert validate(form, batch).ok


def test_a_required_question_without_a_column_is_missing_on_every_row(tmp_path, form):
    keep = [i for i, h in enumerate(KOBO_HEADER) if h != "profile/full_name"]
    path = write_csv(
        tmp_path / "kobo.csv", [KOBO_HEADER[i] for i in keep], [[r[i] for i in keep] for r in kobo_rows()]
    )
    result = validate(form, read_export(path, form))
    assert [(p.row, p.column, p.reason) for p in result.problems] == [
        (row, "full_name", "'full_name' is required but not answered") for row in (2, 3, 4)
    ]


# --- Google Forms: no instance id, local time stamps ----------------------------------------------------


def test_a_google_export_gets_a_stable_instance_id_derived_from_the_row(tmp_path, form):
    path = google_csv(tmp_path)
    first = read_export(path, form, timezone="Asia/Tashkent").frame.get_column("_instance_id").to_list()
    again = read_export(path, form, timezone="Asia/Tashkent").frame.get_column("_instance_id").to_list()
    assert first == again
    assert len(set(first)) == 3 and all(i.startswith("row-sha1:") for i in first)
    rows = google_rows()
    rows[1][GOOGLE_HEADER.index("Which partner city?")] = "Busan"
    edited = write_csv(tmp_path / "google_edited.csv", GOOGLE_HEADER, rows)
    changed = read_export(edited, form, timezone="Asia/Tashkent").frame.get_column("_instance_id").to_list()
    assert (changed[0], changed[2]) == (first[0], first[2]) and changed[1] != first[1]


@pytest.mark.parametrize(
    ("timezone", "shift"),
    [("Asia/Tashkent", 0), ("Europe/Moscow", 2), ("America/New_York", 10), ("Etc/UTC", 5)],
)
def test_a_google_timestamp_is_read_in_the_given_timezone(tmp_path, form, timezone, shift):
    result = validate(form, read_export(google_csv(tmp_path), form, timezone=timezone))
    assert result.problems == []
    assert [s for _, s, _ in result.records()] == [t + dt.timedelta(hours=shift) for t in SUBMITTED]


def test_a_google_timestamp_is_read_with_the_default_utc_timezone(tmp_path, form):
    result = validate(form, read_export(google_csv(tmp_path), form))
    assert result.problems == []
    assert [s for _, s, _ in result.records()] == [t + dt.timedelta(hours=5) for t in SUBMITTED]


def test_a_google_date_answer_is_read_as_the_sheet_writes_it(tmp_path, form):
    rows = google_rows()
    rows[0][GOOGLE_HEADER.index("Date of the visit")] = "11/5/2020"
    path = write_csv(tmp_path / "google.csv", GOOGLE_HEADER, rows)
    result = validate(form, read_export(path, form, timezone="Asia/Tashkent"))
    assert result.problems == []
    assert next(result.records())[2]["visit"] == "2020-11-05"


# --- JSON files ------------------------------------------------------------------------------------------


@pytest.mark.parametrize("layout", ["array", "lines"])
def test_json_payloads_with_unknown_answer_keys_reject_that_row(tmp_path, form, layout):
    payloads = [
        {"instance_id": "a", "answers": {"full_name": "A", "city": "tashkent"}},
        {"instance_id": "b", "answers": {"full_name": "B", "city": "tashkent", "colour": "red"}},
        {"instance_id": "c", "answers": {"full_name": "C", "city": "bukhara"}},
    ]
    path = tmp_path / ("s.json" if layout == "array" else "s.jsonl")
    if layout == "array":
        path.write_text(json.dumps(payloads), encoding="utf-8")
    else:
        path.write_text("\n".join(json.dumps(p) for p in payloads) + "\n\n", encoding="utf-8")
    result = validate(form, read_export(path, form))
    assert [(p.row, p.column, p.value) for p in result.problems] == [(2, "answers.colour", "red")]
    assert str(result.problems[0]).startswith(
        f"{path.name}, row 2, column 'answers.colour': value 'red': no question"
    )
    assert result.frame.get_column("_instance_id").to_list() == ["a", "c"]


def test_answer_keys_may_be_group_paths_or_labels(tmp_path, form):
    path = tmp_path / "s.json"
    body = {
        "instance_id": "a",
        "answers": {"profile/full_name": "A", "Шаҳрингиз": "Тошкент", "training-budget": 3},
    }
    path.write_text(json.dumps([body]), encoding="utf-8")
    result = validate(form, read_export(path, form))
    assert result.problems == []
    assert next(result.records())[2] == {"full_name": "A", "city": "tashkent", "budget": 3.0}


def test_a_json_file_that_is_not_json_is_a_source_error_with_its_position(tmp_path, form):
    path = tmp_path / "s.json"
    path.write_text('[{"instance_id": "a",\n  "answers": {]', encoding="utf-8")
    with pytest.raises(SourceError, match=r"^s\.json: not valid JSON at line 2, column"):
        read_export(path, form)


# --- reading the table itself ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("headers", "kind"),
    [
        (["_uuid", "q"], "kobotoolbox"),
        (["q", "_submission_time"], "kobotoolbox"),
        (["_id", "q"], "kobotoolbox"),
        (["meta/instanceID", "q"], "kobotoolbox"),
        (["SubmissionDate", "q"], "odk-central"),
        (["q", "meta-instanceID"], "odk-central"),
        (["KEY", "q"], "odk-central"),
        (["Respondent ID", "Collector ID", "q"], "surveymonkey"),
        (["Timestamp", "q"], "google-forms"),
        (["Отметка времени", "q"], "google-forms"),
        (["q", "r"], "csv"),
    ],
)
def test_the_tool_is_recognised_by_the_columns_it_adds(headers, kind):
    assert detect_format(headers) == kind


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("tab.tsv", b"_uuid\tprofile/full_name\tprofile/city\nu1\tAziz\ttashkent\n"),
        ("bom.csv", "\ufeff_uuid,profile/full_name,profile/city\r\nu1,Aziz,tashkent\r\n".encode()),
        ("semi.csv", b"_uuid;profile/full_name;profile/city\nu1;Aziz;tashkent\n"),
    ],
)
def test_csv_may_be_comma_semicolon_or_tab_separated_with_or_without_bom(tmp_path, form, name, content):
    path = tmp_path / name
    path.write_bytes(content)
    result = validate(form, read_export(path, form))
    assert result.problems == []
    assert list(result.records()) == [("u1", None, {"full_name": "Aziz", "city": "tashkent"})]


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("answers.pdf", b"%PDF-1.4", r"^answers\.pdf: unknown file type '\.pdf'"),
        ("answers.csv", "naïve,x\n".encode("latin-1"), r"^answers\.csv: not UTF-8 text"),
        ("answers.xlsx", b"not a workbook", r"^answers\.xlsx: not a readable XLSX workbook"),
        ("answers.csv", b"", r"^answers\.csv: "),
    ],
)
def test_a_file_that_is_not_a_table_is_a_source_error_naming_it(tmp_path, form, name, content, message):
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(SourceError, match=message):
        read_export(path, form)


def test_the_format_can_be_forced_when_the_columns_do_not_tell(tmp_path, form):
    path = write_csv(tmp_path / "sheet.csv", ["Your name", "Your city"], [["Aziz", "Tashkent"]])
    batch = read_export(path, form, source_format="google-forms")
    assert batch.kind == "google-forms"
    result = validate(form, batch)
    assert result.problems == [] and next(result.records())[2] == {"full_name": "Aziz", "city": "tashkent"}


# --- edge cases of real exports ---------------------------------------------------------------------


def test_kobo_submission_time_stays_utc_whatever_timezone_is_given(tmp_path, form):
    result = validate(form, read_export(kobo_csv(tmp_path), form, timezone="Asia/Tashkent"))
    assert [s for _, s, _ in result.records()] == SUBMITTED


def test_a_semicolon_csv_whose_header_holds_a_comma_is_split_on_semicolons(tmp_path, form):
    path = tmp_path / "kobo_labels.csv"
    path.write_text(
        "_uuid;Your name;Your city;Topics of interest/Land use, housing\nu1;Aziz;Tashkent;1\n",
        encoding="utf-8",
    )
    batch = read_export(path, form)
    assert batch.problems == []
    assert next(validate(form, batch).records())[2] == {
        "full_name": "Aziz",
        "city": "tashkent",
        "topics": ["housing"],
    }


def test_a_kobo_label_export_with_summary_and_option_columns_reads_multi_word_labels(tmp_path, form):
    header = ["_uuid", "Your name", "Your city", "Topics of interest"]
    header += [f"Topics of interest/{TOPIC_LABELS_EN[t]}" for t in TOPICS]
    row = ["u1", "Aziz", "Tashkent", "Transport Water and sanitation", "1", "1", "0", "0"]
    path = write_csv(tmp_path / "kobo_labels.csv", header, [row])
    result = validate(form, read_export(path, form))
    assert result.problems == []
    assert next(result.records())[2]["topics"] == ["transport", "water"]


def test_an_xlsx_date_cell_is_read_as_a_date(tmp_path, form):
    path = write_xlsx(
        tmp_path / "kobo.xlsx",
        ["_uuid", "profile/full_name", "profile/city", "visit"],
        [["u1", "Aziz", "tashkent", dt.date(2020, 11, 5)]],
    )
    result = validate(form, read_export(path, form))
    assert result.problems == []
    assert next(result.records())[2]["visit"] == "2020-11-05"


def test_a_google_multiple_choice_label_with_a_comma_starting_with_a_choice_name_is_read(tmp_path):
    survey = [{"type": "select_multiple needs", "name": "needs", "label": "Needs"}]
    choices = [
        {"list_name": "needs", "name": "water", "label": "Water, sanitation"},
        {"list_name": "needs", "name": "transport", "label": "Transport"},
    ]
    form = load_xlsform(build_xlsform(tmp_path, survey, choices, {"form_id": "needs"}))
    path = write_csv(
        tmp_path / "google.csv",
        ["Timestamp", "Needs"],
        [["11/10/2020 11:12:33", "Water, sanitation, Transport"]],
    )
    result = validate(form, read_export(path, form, timezone="Asia/Tashkent"))
    assert result.problems == []
    assert next(result.records())[2] == {"needs": ["water", "transport"]}


def test_a_file_with_a_row_header_is_read_or_refused_with_a_source_error(tmp_path, form):
    path = write_csv(
        tmp_path / "kobo.csv",
        ["_row", "_uuid", "profile/full_name", "profile/city"],
        [["1", "u1", "A", "tashkent"]],
    )
    try:
        batch = read_export(path, form)
    except SourceError as error:
        assert str(error).startswith("kobo.csv: ")
    else:
        assert validate(form, batch).frame.height == 1
