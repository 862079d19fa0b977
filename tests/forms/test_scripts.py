"""Uzbek in both scripts: a Cyrillic-only Uzbek form gains a transliterated Latin language."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from citybridge.forms import load_xlsform
from citybridge.forms.scripts import UZBEK_LATIN, to_uzbek_latin, with_uzbek_latin
from tests.forms.xlsform_builder import build_xlsform

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "uzbekistan-2020" / "survey.xlsx"


@pytest.fixture(scope="module")
def example_form():
    return load_xlsform(EXAMPLE.read_bytes(), filename=EXAMPLE.name)


def test_the_latin_language_comes_right_after_the_cyrillic_one(example_form):
    languages = with_uzbek_latin(example_form).languages
    assert languages == ("English (en)", "Uzbek (uz)", UZBEK_LATIN, "Russian (ru)", "Chinese (zh)")


def test_every_text_of_the_form_is_transliterated(example_form):
    latin = with_uzbek_latin(example_form)
    age = latin.question("age")
    assert age.label(UZBEK_LATIN) == "Yoshingiz"
    city = latin.question("city")
    assert all(choice.labels[UZBEK_LATIN] for choice in city.choices)
    assert latin.group_label("profile", UZBEK_LATIN) == "Siz va shahringiz haqida"
    assert not any("\u0400" <= ch <= "\u04ff" for q in latin.questions for ch in q.labels.get(UZBEK_LATIN, ""))


def test_answers_keep_their_names(example_form):
    latin = with_uzbek_latin(example_form)
    assert [q.choice_names() for q in latin.questions] == [q.choice_names() for q in example_form.questions]


def test_a_form_with_uzbek_in_latin_letters_is_left_as_it_is(tmp_path):
    survey = [{"type": "text", "name": "city", "label::English (en)": "City", "label::Uzbek (uz)": "Shahringiz"}]
    form = load_xlsform(build_xlsform(tmp_path, survey))
    assert with_uzbek_latin(form) is form


def test_a_form_without_uzbek_is_left_as_it_is(tmp_path):
    survey = [{"type": "text", "name": "city", "label::English (en)": "City", "label::Russian (ru)": "Город"}]
    form = load_xlsform(build_xlsform(tmp_path, survey))
    assert with_uzbek_latin(form) is form


@given(st.text(alphabet=st.characters(max_codepoint=0x3FF)))
def test_text_without_cyrillic_letters_is_unchanged(text):
    assert to_uzbek_latin(text) == text


def test_the_uzbek_letters_become_their_latin_spelling():
    assert to_uzbek_latin("Ўзбекистон, Қўқон, ғалаба, Ҳамкорлик") == "O‘zbekiston, Qo‘qon, g‘alaba, Hamkorlik"
