"""Voices: consent, one line per distinct text, the language marked, requests apart from opinions."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from citybridge.analysis.indicators import TextAnswer
from citybridge.reports import voices
from citybridge.reports.i18n import Translator

WHEN = dt.datetime(2020, 11, 8, tzinfo=dt.UTC)


def _answer(text: str, city: str = "Nukus", quotable: bool = True) -> TextAnswer:
    return TextAnswer(text=text, instance_id=text + city, submitted_at=WHEN, quotable=quotable, city=city)


@pytest.mark.parametrize(
    ("text", "asks"),
    [
        ("Please share the slides of the PPP lecture in Uzbek.", True),
        ("Could the next session cover PPP contracts?", True),
        ("Когда будут доступны записи лекций?", True),
        ("Iltimos, keyingi treningda amaliy mashgʻulot oʻtkazing.", True),
        ("Very useful, thank you.", False),
        ("Vocational education linked to employers is what our youth needs.", False),
    ],
)
def test_a_request_or_question_is_told_from_an_opinion(text, asks):
    assert voices.is_request(text) is asks


@given(st.text(min_size=1).map(lambda s: s.rstrip() + "?"))
def test_anything_ending_with_a_question_mark_is_a_question(text):
    assert voices.is_request(text)


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Very useful, thank you.", "en"),
        ("Когда будут доступны записи лекций?", "ru"),
        ("Хитой шаҳарлари билан ҳамкорлик қилишни истаймиз.", "uz-Cyrl"),
        ("Turizm boʻyicha maʼruza juda dolzarb boʻldi.", "uz-Latn"),
        ("培训非常有用。", "zh"),
    ],
)
def test_the_language_of_a_text_is_read_from_its_letters(text, language):
    assert voices.written_in(text) == language


def test_identical_texts_are_quoted_once_with_how_many_wrote_them():
    answers = [_answer("Very useful, thank you.", "Nukus"), _answer("very useful, thank you", "Termez"), _answer("Other.")]
    found = voices.voices(answers)
    assert [(v.text, v.respondents, v.cities) for v in found] == [
        ("Very useful, thank you.", 2, ("Nukus", "Termez")),
        ("Other.", 1, ("Nukus",)),
    ]
    line = voices.quoted(found[0], Translator("en"), {})
    assert line == "“Very useful, thank you.” — Nukus, Termez (2 respondents)"


def test_only_consented_answers_are_quoted():
    assert voices.voices([_answer("Secret.", quotable=False)]) == []


def test_a_text_in_another_language_is_marked_or_translated_when_stored():
    voice = voices.voices([_answer("Хитой шаҳарлари билан ҳамкорлик қилишни истаймиз.")])[0]
    assert voices.quoted(voice, Translator("en"), {}).startswith("“Хитой шаҳарлари билан ҳамкорлик қилишни истаймиз.” (in Uzbek")
    assert voices.quoted(voice, Translator("uz-Latn"), {}).startswith("“Xitoy shaharlari bilan")  # other script: converted
    stored = {"en": {voice.key: "We want to cooperate with Chinese cities."}}
    assert voices.quoted(voice, Translator("en"), stored).startswith(
        "“We want to cooperate with Chinese cities.” (translated from Uzbek"
    )
