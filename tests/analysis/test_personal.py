"""Personal answers: found by one rule over the form, replaced by pseudonyms in copies for analysts."""

from __future__ import annotations

from pathlib import Path

import polars as pl

from citybridge.analysis.personal import personal_questions, pseudonymise
from citybridge.analysis.spec import IndicatorSpec, read_spec, spec_from_dict
from citybridge.forms import load_xlsform
from citybridge.forms.model import Form

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "uzbekistan-2020"
KEY = b"test-key"


def _form(*questions: tuple[str, str]) -> Form:
    return Form.from_dict(
        {
            "form_id": "f", "version": "1", "title": "F", "default_language": None, "languages": [],
            "questions": [{"name": name, "type": kind, "path": name} for name, kind in questions],
        }
    )  # fmt: skip


def test_names_e_mails_and_phones_are_personal_by_their_question_names():
    form = _form(("full_name", "text"), ("e-mail", "text"), ("phone", "text"), ("city", "text"), ("age", "integer"))
    assert personal_questions(form, IndicatorSpec(city_question="city")) == ("full_name", "e-mail", "phone")


def test_the_indicators_file_marks_further_personal_questions():
    form = _form(("mentor", "text"), ("age", "integer"))
    spec = spec_from_dict({"personal_questions": ["mentor"]})
    assert personal_questions(form, spec) == ("mentor",)
    assert spec_from_dict(spec.to_dict()).personal_questions == ("mentor",)


def test_the_example_survey_asks_nothing_personal():
    form = load_xlsform((EXAMPLE / "survey.xlsx").read_bytes(), filename="survey.xlsx")
    assert personal_questions(form, read_spec(EXAMPLE / "survey.indicators.toml")) == ()


def test_a_registered_person_gets_their_pseudonym_and_others_a_stable_keyed_one():
    form = _form(("name", "text"), ("comment", "text"))
    frame = pl.DataFrame(
        {
            "name": ["Dilnoza Karimova", "someone else", "Someone  Else", None],
            "comment": ["Ask dilnoza karimova about parks", "fine", None, "call +998 90 123"],
        }
    )
    known = {"Dilnoza Karimova": "P-0001", "+998 90 123": "P-0002"}
    hidden = pseudonymise(form, frame, ("name",), known, KEY)
    names = hidden.get_column("name").to_list()
    assert names[0] == "P-0001"
    assert names[1] == names[2] and names[1].startswith("anon-") and "else" not in names[1]
    assert names[3] is None
    assert hidden.get_column("comment").to_list() == ["Ask P-0001 about parks", "fine", None, "call P-0002"]


def test_another_key_gives_other_pseudonyms():
    form = _form(("name", "text"))
    frame = pl.DataFrame({"name": ["someone"]})
    first = pseudonymise(form, frame, ("name",), {}, KEY).item()
    assert first != pseudonymise(form, frame, ("name",), {}, b"other").item()
