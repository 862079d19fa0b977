"""KoboToolbox's and ODK Central's own export shapes import without false refusals.

The exports are written here the way those tools write them (formpack is GPL: its fixtures are
not copied; the column and key names are its public export format).
"""

from __future__ import annotations

import json

import pytest

from citybridge.forms import load_xlsform
from citybridge.submissions import validate
from citybridge.submissions.sources import read_export
from tests.forms.xlsform_builder import build_xlsform

KOBO_BOOKKEEPING = ["_id", "_uuid", "_submission_time", "_validation_status", "_notes", "_status",
                    "_submitted_by", "__version__", "_tags", "_index", "$edited"]  # fmt: skip


@pytest.fixture(scope="module")
def form(tmp_path_factory):
    path = build_xlsform(
        tmp_path_factory.mktemp("kobo"),
        [
            {"type": "start", "name": "start"},
            {"type": "begin group", "name": "visit", "label": "Visit"},
            {"type": "geopoint", "name": "Record_your_current_location", "label": "Where?"},
            {"type": "image", "name": "photo", "label": "Photo"},
            {"type": "end group"},
            {"type": "integer", "name": "people", "label": "People", "required": "yes"},
        ],
        settings={},
        name="Kobo download.xlsx",
    )
    return load_xlsform(path)


def write(tmp_path, name, header, rows, separator=";"):
    path = tmp_path / name
    lines = [separator.join(header), *(separator.join(r) for r in rows)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_a_kobo_csv_with_its_bookkeeping_and_split_geopoint_imports(form, tmp_path):
    header = ["start", "visit/Record_your_current_location", "_visit/Record_your_current_location_latitude",
              "_visit/Record_your_current_location_longitude", "_visit/Record_your_current_location_altitude",
              "_visit/Record_your_current_location_precision", "visit/photo", "visit/photo_URL", "people",
              *KOBO_BOOKKEEPING]  # fmt: skip
    row = ["2020-11-10T09:00:00.000+05:00", "41.31 69.28 455 5", "41.31", "69.28", "455", "5", "a.jpg",
           "https://kf.kobotoolbox.org/a.jpg", "3", "17", "6f1c2a9e", "2020-11-10T04:10:00", "", "", "",
           "", "vX", "", "1", "False"]  # fmt: skip
    result = validate(form, read_export(write(tmp_path, "export.csv", header, [row]), form))
    assert result.ok, [str(p) for p in result.problems]
    _, _, answers = next(result.records())
    assert answers == {"start": "2020-11-10T09:00:00.000+05:00", "Record_your_current_location": "41.31 69.28 455 5",
                       "photo": "a.jpg", "people": 3}  # fmt: skip


def test_a_geopoint_given_only_as_kobo_parts_is_joined_back(form, tmp_path):
    header = [
        "_Record_your_current_location_latitude",
        "_Record_your_current_location_longitude",
        "people",
        "_uuid",
    ]
    result = validate(
        form, read_export(write(tmp_path, "parts.csv", header, [["41.3", "69.2", "2", "u1"]]), form)
    )
    assert result.ok, [str(p) for p in result.problems]
    assert next(result.records())[2]["Record_your_current_location"] == "41.3 69.2"


def test_odk_centrals_split_geopoint_columns_import(form, tmp_path):
    header = ["SubmissionDate", "visit-Record_your_current_location-Latitude",
              "visit-Record_your_current_location-Longitude", "visit-Record_your_current_location-Altitude",
              "visit-Record_your_current_location-Accuracy", "people", "meta-instanceID", "KEY"]  # fmt: skip
    row = ["2020-11-10T04:10:00.000Z", "41.3", "69.2", "400", "4", "5", "uuid:k1", "uuid:k1"]
    result = validate(form, read_export(write(tmp_path, "central.csv", header, [row], ","), form))
    assert result.ok, [str(p) for p in result.problems]
    assert next(result.records())[2]["Record_your_current_location"] == "41.3 69.2 400 4"


def test_a_geopoint_column_that_is_not_a_point_is_refused_naming_it(form, tmp_path):
    header = ["visit/Record_your_current_location", "people", "_uuid"]
    result = validate(form, read_export(write(tmp_path, "bad.csv", header, [["north", "1", "u1"]]), form))
    assert [str(p) for p in result.problems] == [
        "bad.csv, row 2, column 'visit/Record_your_current_location': value 'north': "
        "'Record_your_current_location' is a geopoint: write 'latitude longitude' (altitude and accuracy may "
        "follow), latitude within ±90 and longitude within ±180"
    ]


def test_kobos_api_json_with_group_paths_and_bookkeeping_imports(form, tmp_path):
    body = {"count": 1, "results": [{
        "_id": 17, "_uuid": "6f1c2a9e", "_submission_time": "2020-11-10T04:10:00", "formhub/uuid": "f",
        "start": "2020-11-10T09:00:00.000+05:00", "end": "2020-11-10T09:05:00.000+05:00",
        "visit/Record_your_current_location": "41.31 69.28 0 0", "visit/photo": "a.jpg", "people": "4",
        "meta/instanceID": "uuid:6f1c2a9e", "__version__": "vX", "_attachments": [{"filename": "a.jpg"}],
        "_geolocation": [41.31, 69.28], "_validation_status": {}, "_notes": [], "_tags": [],
        "_submitted_by": None, "_status": "submitted_via_web",
    }]}  # fmt: skip
    path = tmp_path / "kobo.json"
    path.write_text(json.dumps(body))
    result = validate(form, read_export(path, form))
    assert result.ok, [str(p) for p in result.problems]
    instance, submitted, answers = next(result.records())
    assert instance == "6f1c2a9e" and submitted.isoformat() == "2020-11-10T04:10:00+00:00"
    assert answers["Record_your_current_location"] == "41.31 69.28 0 0" and answers["people"] == 4


def test_a_kobo_download_without_form_id_is_named_after_its_file(form):
    assert form.form_id == "Kobo_download"


def test_odk_centrals_odata_json_with_nested_groups_and_geojson_imports(form, tmp_path):
    body = {"value": [{
        "__id": "uuid:c1", "__system": {"submissionDate": "2020-11-10T04:10:00.000Z", "submitterId": "5"},
        "start": "2020-11-10T09:00:00.000+05:00", "meta": {"instanceID": "uuid:c1"},
        "visit": {"Record_your_current_location": {"type": "Point", "coordinates": [69.28, 41.31, 455, 5]},
                  "photo": "a.jpg"},
        "people": 2, "member@odata.navigationLink": "Submissions('uuid:c1')/member",
    }]}  # fmt: skip
    path = tmp_path / "central.json"
    path.write_text(json.dumps(body))
    result = validate(form, read_export(path, form))
    assert result.ok, [str(p) for p in result.problems]
    instance, submitted, answers = next(result.records())
    assert instance == "c1" and submitted.isoformat() == "2020-11-10T04:10:00+00:00"
    assert answers["Record_your_current_location"] == "41.31 69.28 455 5" and answers["people"] == 2


def test_formpack_records_without_bookkeeping_are_read_as_answers_and_refused_only_for_their_id(
    form, tmp_path
):
    # formpack's submissions carry no _uuid: the answers are read, and the only refusal is the
    # missing instance id (without one a second import could not tell the submission again).
    path = tmp_path / "formpack.json"
    path.write_text(json.dumps({"results": [{"visit/photo": "a.jpg", "people": 3, "__version__": "v1"}]}))
    result = validate(form, read_export(path, form))
    assert [p.reason for p in result.problems] == ["has no instance id"]


def test_a_key_beside_answers_is_refused_not_dropped(form, tmp_path):
    path = tmp_path / "api.json"
    body = {"instance_id": "a1", "answers": {"people": 3}, "people_count": 4}
    path.write_text(json.dumps([body]))
    result = validate(form, read_export(path, form))
    assert [(p.column, p.reason.split(":")[0]) for p in result.problems] == [
        ("people_count", "not a key of a submission")
    ]


def test_a_select_from_a_repeats_answers_and_the_literacy_widget_take_what_the_device_wrote(tmp_path):
    # `select_one ${name}` offers the answers of a repeat, not a choice list; Enketo's literacy
    # widget writes its timings and a 'null' per unread word.
    path = build_xlsform(
        tmp_path,
        [
            {"type": "begin repeat", "name": "FM", "label": "Family"},
            {"type": "text", "name": "who", "label": "Name"},
            {"type": "end repeat"},
            {"type": "select_one ${who}", "name": "head", "label": "Head"},
            {"type": "select_multiple words", "name": "passage", "label": "Read", "appearance": "literacy"},
        ],
        choices_rows=[{"list_name": "words", "name": str(n), "label": f"w{n}"} for n in range(1, 4)],
        settings={"form_id": "family"},
    )
    form = load_xlsform(path)
    export = tmp_path / "family.json"
    export.write_text(
        json.dumps([{"_uuid": "u1", "head": "Julius Caesar", "passage": "22 16 3 null null 1 2"}])
    )
    from citybridge.submissions.linked import read_linked_export, validate_linked

    result = validate_linked(form, read_linked_export(export, form))
    assert result.ok, [str(p) for p in result.problems]
    _, _, answers = next(result.main.records())
    assert answers == {"head": "Julius Caesar", "passage": ["22", "16", "3", "null", "null", "1", "2"]}


def test_a_repeat_holding_only_another_repeat_reads_from_kobos_json(tmp_path):
    from citybridge.submissions.linked import read_linked_export, validate_linked

    path = build_xlsform(
        tmp_path,
        [
            {"type": "begin repeat", "name": "cities", "label": "Cities"},
            {"type": "begin repeat", "name": "respondents", "label": "Respondents"},
            {"type": "text", "name": "respondent_name", "label": "Name"},
            {"type": "end repeat"},
            {"type": "end repeat"},
        ],
        settings={"form_id": "nested"},
    )
    form = load_xlsform(path)
    export = tmp_path / "nested.json"
    names = [{"cities/respondents/respondent_name": n} for n in ("Caesar", "Augustus")]
    export.write_text(json.dumps([{"_uuid": "u1", "cities": [{"cities/respondents": names}]}]))
    result = validate_linked(form, read_linked_export(export, form))
    assert result.ok, [str(p) for p in result.problems]
    assert result.children["cities/respondents"].frame["_instance_id"].to_list() == [
        "u1/cities[1]/respondents[1]", "u1/cities[1]/respondents[2]"
    ]  # fmt: skip


def test_a_value_under_a_notes_name_is_refused_saying_it_is_a_note(tmp_path):
    path = build_xlsform(
        tmp_path,
        [
            {"type": "note", "name": "intro", "label": "Welcome"},
            {"type": "integer", "name": "n", "label": "N"},
        ],
        settings={"form_id": "noted"},
    )
    form = load_xlsform(path)
    export = tmp_path / "noted.json"
    export.write_text(json.dumps([{"_uuid": "u1", "intro": "Bla", "n": 2}]))
    result = validate(form, read_export(export, form))
    assert [p.reason for p in result.problems] == [
        "'intro' is a note of form 'noted': a note shows text and takes no answer; remove it"
    ]
