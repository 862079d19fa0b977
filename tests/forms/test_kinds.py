"""Every XLSForm type pyxform accepts is kept as a question of its own kind, or refused in one line."""

from __future__ import annotations

from pathlib import Path

import pytest

from citybridge.forms import FormError, load_xlsform
from tests.forms.xlsform_builder import build_xlsform

EXAMPLES = Path(__file__).parent.parent / "fixtures" / "pyxform_examples"


def kinds(form) -> dict[str, str]:
    return {q.name: q.type for q in form.questions}


def test_widgets_keeps_every_question_with_its_kind():
    found = kinds(load_xlsform(EXAMPLES / "widgets.xls"))
    assert found["my_string"] == "text"  # pyxform's alias 'string'
    assert found["my_int"] == "integer"  # and 'int'
    assert found["my_time"] == "time"
    assert found["my_trigger"] == "acknowledge"
    assert found["my_geopoint"] == "geopoint"
    assert found["my_barcode"] == "barcode"
    assert (found["my_image"], found["my_audio"], found["my_video"]) == ("image", "audio", "video")
    assert found["dateTime"] == "datetime"


def test_gps_hidden_and_a_loop_no_longer_load_empty():
    assert kinds(load_xlsform(EXAMPLES / "gps.xls")) == {"location": "geopoint"}
    assert kinds(load_xlsform(EXAMPLES / "hidden.xls")) == {"hidden_test": "hidden"}
    loop = load_xlsform(EXAMPLES / "simple_loop.xls")
    assert [(q.name, q.path) for q in loop.questions] == [
        ("my_table_col1_count", "my_table/col1/count"),
        ("my_table_col2_count", "my_table/col2/count"),
    ]


def test_device_metadata_is_kept_and_never_asked():
    form = load_xlsform(EXAMPLES / "sms_info.xls")
    metadata = {q.name: q.source_type for q in form.questions if q.is_metadata}
    assert metadata == {"phone": "phonenumber", "start": "start", "end": "end", "today": "today", "imei": "deviceid"}


def test_phone_number_is_text_with_pyxforms_digits_rule(tmp_path):
    path = build_xlsform(tmp_path, [{"type": "phone number", "name": "phone", "label": "Phone"}])
    phone = load_xlsform(path).question("phone")
    assert phone.type == "text" and phone.constraint == r"regex(., '^\d*$')"


def test_a_choice_filter_keeps_each_choices_filter_columns():
    county = load_xlsform(EXAMPLES / "choice_filter_test.xlsx").question("county")
    assert county.choice_filter == "${state}=cf"
    assert [(c.name, c.filters) for c in county.choices][:3] == [
        ("king", {"cf": "washington"}),
        ("pierce", {"cf": "washington"}),
        ("king", {"cf": "texas"}),
    ]


def test_rank_range_audit_and_appearances(tmp_path):
    path = build_xlsform(
        tmp_path,
        [
            {"type": "rank colours", "name": "order", "label": "Order"},
            {"type": "range", "name": "score", "label": "Score", "parameters": "start=0 end=1 step=0.1"},
            {"type": "select_one colours", "name": "fav", "label": "Favourite", "appearance": "likert"},
            {"type": "audit", "name": "audit"},
            {"type": "file", "name": "report", "label": "Report"},
        ],
        [{"list_name": "colours", "name": n, "label": n.title()} for n in ("red", "blue")],
    )
    form = load_xlsform(path)
    assert kinds(form) == {"order": "rank", "score": "decimal", "fav": "select_one", "audit": "metadata",
                           "report": "file"}  # fmt: skip
    assert form.question("fav").appearance == "likert"


def test_select_one_from_file_reads_the_csv_beside_the_form(tmp_path):
    (tmp_path / "cities.csv").write_text("name,label,country\ntashkent,Tashkent,uz\nosh,Osh,kg\n")
    path = build_xlsform(
        tmp_path, [{"type": "select_one_from_file cities.csv", "name": "city", "label": "City"}]
    )
    city = load_xlsform(path).question("city")
    assert city.choice_file == "cities.csv"
    assert [(c.name, c.label(), c.filters) for c in city.choices] == [
        ("tashkent", "Tashkent", {"country": "uz"}),
        ("osh", "Osh", {"country": "kg"}),
    ]


def test_select_one_from_file_without_its_file_is_refused_naming_file_and_row(tmp_path):
    path = build_xlsform(
        tmp_path,
        [
            {"type": "text", "name": "name", "label": "Name"},
            {"type": "select_one_from_file cities.csv", "name": "city", "label": "City"},
        ],
    )
    with pytest.raises(FormError) as caught:
        load_xlsform(path)
    assert str(caught.value) == (
        "form.xlsx: survey sheet, row 3: select one 'city': its choices are in 'cities.csv'; put that file "
        "beside the form (or attach it to the upload) and load again."
    )


def test_a_repeat_loads_with_its_questions_marked_and_nested_repeats_known(tmp_path):
    path = build_xlsform(
        tmp_path,
        [
            {"type": "text", "name": "village", "label": "Village"},
            {"type": "begin repeat", "name": "member", "label": "Member"},
            {"type": "text", "name": "name", "label": "Name"},
            {"type": "begin repeat", "name": "visit", "label": "Visit"},
            {"type": "date", "name": "day", "label": "Day"},
            {"type": "end repeat"},
            {"type": "end repeat"},
        ],
    )
    form = load_xlsform(path)
    assert form.repeats == ("member", "member/visit")
    assert [(q.path, q.repeat) for q in form.questions] == [
        ("village", None), ("member/name", "member"), ("member/visit/day", "member/visit")
    ]
    assert [q.name for q in form.answer_questions] == ["village"]
    assert [q.name for q in form.repeat_form("member/visit").questions] == ["day"]
    assert form.parent_repeat("member/visit") == "member" and form.parent_repeat("member") is None


def test_the_store_and_flat_importers_refuse_a_repeat_form_rather_than_drop_its_instances(tmp_path):
    from citybridge.forms.repeats import refuse_unstored_repeats

    form = load_xlsform(EXAMPLES / "tutorial.xls")
    with pytest.raises(FormError, match=r"^tutorial.xls: repeat 'member' \(\d+ question\(s\) answered once per"):
        refuse_unstored_repeats(form, "tutorial.xls")


def test_the_legacy_include_is_refused_in_one_line_with_its_row():
    with pytest.raises(FormError) as caught:
        load_xlsform(EXAMPLES / "include.xls")
    assert str(caught.value).startswith("include.xls: survey sheet, row 3: type 'include'")
    assert "\n" not in str(caught.value)


def test_a_choices_only_csv_is_refused_without_internal_exception_text():
    with pytest.raises(FormError) as caught:
        load_xlsform(EXAMPLES / "fruits.csv")
    message = str(caught.value)
    assert message.startswith("fruits.csv: not a readable XLSForm: no survey sheet could be read")
    assert "TypeError" not in message and "DefinitionData" not in message


def test_forms_without_form_id_are_named_after_their_file(tmp_path):
    first = build_xlsform(tmp_path, [{"type": "text", "name": "a", "label": "A"}], name="Needs survey 2024.xlsx")
    second = build_xlsform(tmp_path, [{"type": "text", "name": "a", "label": "A"}], name="2nd-round.xlsx")
    assert load_xlsform(first).form_id == "Needs_survey_2024"
    assert load_xlsform(second).form_id == "form_2nd-round"


def test_a_pyxform_message_naming_a_question_gets_its_row():
    with pytest.raises(FormError) as caught:
        load_xlsform(EXAMPLES / "gps.csv")
    assert str(caught.value) == "gps.csv: survey sheet, row 2: The survey element named 'location' has no label or hint."
