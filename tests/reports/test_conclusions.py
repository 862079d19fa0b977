"""Conclusions and recommendations follow their stated rules, from the figures alone."""

from __future__ import annotations

import datetime as dt

import pytest

from citybridge.analysis.indicators import MULTIPLE, SCALE, YESNO, Analysis, Indicator, OptionCount, Share
from citybridge.analysis.spec import IndicatorSpec
from citybridge.programme.training import TrainingSummary
from citybridge.reports import conclusions
from citybridge.reports.compare import comparison_section
from citybridge.reports.i18n import Translator
from citybridge.reports.inputs import ReportInputs
from citybridge.reports.texts import text_in


def _scale(name: str, count: int, base: int) -> Indicator:
    share = Share(count, base, count / base, (0.0, 1.0))
    return Indicator(name, name, "select_one", SCALE, f"Question {name}", base, 0, positive=share)


def _yesno(name: str, count: int, base: int) -> Indicator:
    share = Share(count, base, count / base, (0.0, 1.0))
    return Indicator(name, name, "select_one", YESNO, f"Question {name}", base, 0, yes=share)


def _priorities(counts: dict[str, int], base: int) -> Indicator:
    options = tuple(OptionCount(k, k.title(), n, n / base, (0.0, 1.0)) for k, n in counts.items())
    return Indicator("priorities", "priorities", "select_multiple", MULTIPLE, "Priorities", base, 0, options=options)


def _inputs(indicators: list[Indicator], respondents: int = 52, registered: int = 76, as_of=None) -> ReportInputs:
    analysis = Analysis(
        form_id="f", form_version="1", title="Survey", language="en", as_of=as_of, respondents=respondents,
        registered=registered, indicators={i.name: i for i in indicators},
    )  # fmt: skip
    spec = IndicatorSpec(priorities_question="priorities")
    training = TrainingSummary("Training", None, None, (), (), (), ())
    return ReportInputs(training, analysis, spec, registered, 35)


@pytest.mark.parametrize(("points", "expected"), [(100, "met"), (90, "met"), (89, "close"), (75, "close"), (74, "short"), (0, "short")])
def test_verdict_follows_the_stated_thresholds(points, expected):
    assert conclusions.verdict(points) == expected


def test_each_question_is_named_under_its_verdict_with_its_share():
    inputs = _inputs([_scale("a", 49, 52), _scale("b", 44, 52), _yesno("c", 32, 52)])
    met, close, short = conclusions.conclusions(inputs, Translator("en"))
    assert met.startswith("The training met its aim on “Question a” (94%)")
    assert "“Question b” (85%)" in close
    assert "“Question c” (62%)" in short and "fewer than 75%" in short


def test_no_verdict_sentence_for_a_verdict_no_question_has():
    sentences = conclusions.conclusions(_inputs([_scale("a", 52, 52)]), Translator("en"))
    assert len(sentences) == 1


def test_the_lowest_question_below_the_aim_is_to_be_reviewed_first():
    inputs = _inputs([_scale("a", 49, 52), _scale("b", 44, 52), _yesno("c", 32, 52)])
    advice = conclusions.recommendations(inputs, Translator("en"))
    assert advice[0] == "Review “Question c” first: at 62%, it is the lowest-rated question below 90%."


def test_nothing_to_review_when_every_question_met_its_aim():
    advice = conclusions.recommendations(_inputs([_scale("a", 52, 52)], respondents=60, registered=76), Translator("en"))
    assert not any(a.startswith("Review") for a in advice)


def test_the_next_training_builds_on_the_two_priorities_named_most():
    inputs = _inputs([_priorities({"tourism": 22, "sme": 27, "trade": 25, "ppp": 3}, 52)])
    advice = conclusions.recommendations(inputs, Translator("en"))
    assert "Sme (27 respondents)" in advice[0] and "Trade (25 respondents)" in advice[0] and "Tourism" not in advice[0]


def test_participants_are_asked_again_only_below_the_response_target():
    t = Translator("en")
    low = conclusions.recommendations(_inputs([], respondents=52, registered=76), t)
    assert low == ["Ask the 24 registered participants who have not answered yet: 68% answered, fewer than 70%."]
    assert conclusions.recommendations(_inputs([], respondents=54, registered=76), t) == []  # 71%


def test_russian_recommendation_agrees_with_its_number():
    advice = conclusions.recommendations(_inputs([], respondents=75, registered=76 * 2), Translator("ru"))
    assert advice[0].startswith("Опросить 77 зарегистрированных участников")


def test_comparison_puts_both_days_side_by_side_and_says_how_many_arrived_between():
    before = _inputs([_yesno("c", 32, 45)], respondents=45, as_of=dt.date(2020, 11, 10)).analysis
    after = _inputs([_yesno("c", 32, 52)], respondents=52, as_of=dt.date(2020, 12, 14))
    section = comparison_section(after, before, Translator("en"))
    why, table, *_ = section.blocks
    assert why.text.startswith("The figures differ because 7 submissions arrived after 10 November 2020")
    assert table.columns == ("Question", "10 November 2020", "14 December 2020")
    assert table.rows == (("Question c", "71% (base: 45)", "62% (base: 52)"),)


def test_organiser_text_falls_back_to_english_with_a_visible_marker():
    texts = {"en": {"foreword": "Welcome."}, "uz-Latn": {"objectives": "Shahar"}}
    assert text_in(texts, "foreword", Translator("en")) == "Welcome."
    assert text_in(texts, "foreword", Translator("ru")) == "Welcome. (на языке: английский)"
    assert text_in(texts, "objectives", Translator("uz-Cyrl")) == "Шаҳар"  # the other Uzbek script, converted
    assert text_in(texts, "context", Translator("ru")) is None


def test_training_details_and_programme_come_in_the_reports_language_marked_where_missing():
    from citybridge.programme.training import LectureSummary
    from citybridge.reports.texts import localised

    lecture = LectureSummary("lecture-1", "PPP model", "Yingchen Li", "Southeast University", (), "")
    training = TrainingSummary("Cities", None, None, ("GSBE",), ("UNDP",), (), (lecture,))
    texts = {"ru": {"title": "Города", "lecture-1.title": "Модель ГЧП", "lecture-1.speaker": "Ли Инчэнь"}}
    found = localised(training, texts, Translator("ru"))
    assert found.title == "Города"
    assert found.lectures[0].title == "Модель ГЧП" and found.lectures[0].speaker == "Ли Инчэнь"
    assert found.lectures[0].affiliation == "Southeast University (на языке: английский)"
    assert found.hosts == ("GSBE (на языке: английский)",)
    uzbek = localised(training, texts, Translator("uz-Cyrl"))
    assert uzbek.lectures[0].speaker == "Yingchen Li"  # a name is never marked nor converted
    assert localised(training, texts, Translator("en")) is training
