"""Key-results sentences from the example training's indicators, in four languages."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from citybridge.analysis.compute import analyze
from citybridge.analysis.data import from_export
from citybridge.analysis.spec import read_spec
from citybridge.forms import load_xlsform
from citybridge.reports import narrative
from citybridge.reports.i18n import Translator

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "uzbekistan-2020"


@pytest.fixture(scope="module")
def example():
    form = load_xlsform(EXAMPLE / "survey.xlsx")
    return (
        form,
        from_export(form, EXAMPLE / "submissions.csv").frame,
        read_spec(EXAMPLE / "survey.indicators.toml"),
    )


def sentences(example, language: str, as_of=dt.date(2020, 12, 14), names=None):
    form, frame, spec = example
    analysis = analyze(form, frame, spec=spec, as_of=as_of, language=language, registered=76)
    topics = {n: spec.question(n).topic(language) for n in analysis.indicators}
    return analysis, narrative.key_results(
        analysis, Translator(language), topics, names or list(spec.key_results)
    )


def test_satisfaction_sentence_gives_the_published_shares_and_the_base(example):
    _, found = sentences(example, "en", names=["materials"])
    assert found == [
        "94% of respondents were satisfied with the webinar materials and contents: 19% rated them "
        "“Excellent” and 40% “Very good” (base: 52)."
    ]


def test_agreement_sentence_counts_each_point(example):
    _, found = sentences(example, "en", names=["expected_info"])
    assert found[0].startswith("96% of respondents agreed that “This session delivered")
    assert "40 chose “Strongly agree” and 10 “Agree” (base: 52)" in found[0]


def test_priorities_sentence_names_the_leaders_with_counts_and_lower_cases_sectors(example):
    _, found = sentences(example, "en", names=["priorities"])
    assert found == [
        "Small and medium business (27 respondents) and trade and investment (25) lead the cities' "
        "development priorities (base: 52)."
    ]


def test_ties_with_the_second_option_are_all_named(example):
    _, found = sentences(example, "en", names=["china_cities"])
    assert "Shanghai (8 respondents), Guangzhou (8) and Beijing (8)" in found[0]


def test_the_news_day_gives_the_news_figures(example):
    _, found = sentences(
        example, "en", as_of=dt.date(2020, 11, 10), names=["expected_info", "china_interest"]
    )
    assert found[0].startswith("94% ") and found[1].startswith("71% ")


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("ru", "94\u00a0% респондентов удовлетворены материалами и содержанием вебинара"),
        ("uz-Cyrl", "Респондентларнинг 94% қисми вебинар материаллари ва мазмунидан мамнун: 19% «Аъло»"),
        ("uz-Latn", "Respondentlarning 94% qismi vebinar materiallari va mazmunidan mamnun: 19% “Aʼlo”"),
    ],
)
def test_sentences_are_written_in_the_report_language(example, language, expected):
    _, found = sentences(example, language, names=["materials"])
    assert found[0].startswith(expected)


def test_every_sentence_starts_with_a_capital(example):
    for language in ("en", "ru", "uz-Latn", "uz-Cyrl"):
        _, found = sentences(example, language)
        assert found and all(s[0].isupper() or s[0].isdigit() for s in found), language


def test_change_sentences_say_what_moved_between_the_news_and_the_report(example):
    before, _ = sentences(example, "en", as_of=dt.date(2020, 11, 10))
    after, _ = sentences(example, "en")
    changes = narrative.change_sentences(before, after, Translator("en"))
    assert changes[0] == "Respondents: 34 on 10 November 2020, 52 on 14 December 2020."
    assert any("94% (base: 34) on 10 November 2020, 96% (base: 52) on 14 December 2020" in s for s in changes)


def test_survey_sentence_states_respondents_registered_and_rate(example):
    analysis, _ = sentences(example, "en")
    assert narrative.survey_sentence(analysis, Translator("en")).startswith(
        "52 of the 76 registered participants answered the survey (68%)."
    )
