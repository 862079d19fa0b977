"""Respondents of one city or one age band: the subset a dashboard filter computes on."""

from __future__ import annotations

from pathlib import Path

import polars as pl
import pytest

from citybridge.analysis.compute import analyze
from citybridge.analysis.data import from_export
from citybridge.analysis.indicators import AnalysisError
from citybridge.analysis.spec import read_spec
from citybridge.analysis.subsets import banded_questions, respondents_in
from citybridge.forms import load_xlsform

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "uzbekistan-2020"


@pytest.fixture(scope="module")
def survey():
    form = load_xlsform((EXAMPLE / "survey.xlsx").read_bytes(), filename="survey.xlsx")
    spec = read_spec(EXAMPLE / "survey.indicators.toml")
    return form, spec, from_export(form, EXAMPLE / "submissions.csv").frame


def test_the_banded_questions_are_those_the_indicators_file_bands(survey):
    form, spec, _ = survey
    assert [q.name for q in banded_questions(form, spec)] == [n for n, q in spec.questions.items() if q.bands]


def test_a_city_subset_holds_the_respondents_the_analysis_counts_for_that_city(survey):
    form, spec, frame = survey
    city = analyze(form, frame, spec=spec).respondents_per_city[0]
    subset = respondents_in(form, frame, spec, city=city.value)
    assert subset.height == city.count
    assert analyze(form, subset, spec=spec).respondents == city.count


def test_a_band_subset_holds_the_bands_count(survey):
    form, spec, frame = survey
    question = banded_questions(form, spec)[0]
    indicator = analyze(form, frame, spec=spec).indicators[question.name]
    for band in indicator.bands:
        assert respondents_in(form, frame, spec, bands={question.name: band.value}).height == band.count


def test_city_and_band_together_keep_the_respondents_in_both(survey):
    form, spec, frame = survey
    question = banded_questions(form, spec)[0]
    band = spec.question(question.name).bands[-1]
    city = analyze(form, frame, spec=spec).respondents_per_city[0].value
    both = respondents_in(form, frame, spec, city=city, bands={question.name: band.name})
    city_column = spec.city_question or "city"
    assert both.height == frame.filter(
        (pl.col(city_column) == city) & (pl.col(question.name) >= (band.min or 0))
        & (pl.col(question.name) <= (band.max or 10**9))
    ).height  # fmt: skip


def test_no_filter_keeps_everyone(survey):
    form, spec, frame = survey
    assert respondents_in(form, frame, spec).height == frame.height


def test_an_unknown_band_is_named(survey):
    form, spec, frame = survey
    question = banded_questions(form, spec)[0]
    with pytest.raises(AnalysisError, match="no band 'teenagers'"):
        respondents_in(form, frame, spec, bands={question.name: "teenagers"})
