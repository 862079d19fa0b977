"""The age of a respondent when no indicators file bands it: which question says it, and how."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import polars as pl
import pytest

from citybridge.analysis.ages import AGE, AGE_BANDS, BIRTH_DATE, BIRTH_YEAR, age_in_years, age_sources
from citybridge.analysis.compute import analyze
from citybridge.analysis.data import from_export
from citybridge.analysis.spec import spec_from_dict
from citybridge.analysis.subsets import band_filters, respondents_in
from citybridge.forms import load_xlsform
from citybridge.forms.model import DATE, INTEGER, TEXT, Form, Question
from citybridge.submissions.batch import SUBMITTED_AT

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "uzbekistan-2020"
NO_FILE = spec_from_dict({})  # a survey uploaded through the web without an indicators file


def _form(*questions: Question) -> Form:
    return Form("f", "1", "F", None, (), questions)


@pytest.fixture(scope="module")
def example():
    form = load_xlsform((EXAMPLE / "survey.xlsx").read_bytes(), filename="survey.xlsx")
    return form, from_export(form, EXAMPLE / "submissions.csv").frame


def test_the_example_form_says_the_age_in_one_integer_question_and_not_in_population(example):
    form, _ = example
    assert [(s.question.name, s.way) for s in age_sources(form)] == [("age", AGE)]


@pytest.mark.parametrize(
    "question, way",
    [
        (Question("respondent_age", INTEGER, "respondent_age"), AGE),
        (Question("q3", INTEGER, "q3", labels={"ru": "Ваш возраст"}), AGE),
        (Question("q3", INTEGER, "q3", labels={"uz": "Ёшингиз"}), AGE),
        (Question("q3", INTEGER, "q3", labels={"zh": "您的年龄"}), AGE),
        (Question("year_of_birth", INTEGER, "year_of_birth"), BIRTH_YEAR),
        (Question("q4", INTEGER, "q4", labels={"ru": "Год рождения"}), BIRTH_YEAR),
        (Question("dob", DATE, "dob"), BIRTH_DATE),
        (Question("q5", DATE, "q5", labels={"en": "Date of birth"}), BIRTH_DATE),
    ],
)
def test_an_age_question_is_found_by_its_name_or_label(question, way):
    assert [s.way for s in age_sources(_form(question))] == [way]


@pytest.mark.parametrize(
    "question",
    [
        Question("page_count", INTEGER, "page_count", labels={"en": "Percentage of pages"}),
        Question("average", INTEGER, "average", labels={"en": "Average stay"}),
        Question("age", TEXT, "age"),  # free text is not a number to band
        Question("start", DATE, "start", labels={"en": "Start date"}),
    ],
)
def test_questions_that_only_look_like_age_are_not_taken(question):
    assert age_sources(_form(question)) == []


def test_several_age_questions_are_all_offered_ages_first():
    form = _form(Question("birth_year", INTEGER, "birth_year"), Question("age", INTEGER, "age"))
    assert [f.question.name for f in band_filters(form, NO_FILE)] == ["age", "birth_year"]


def test_age_from_a_birth_year_or_date_is_counted_on_the_day_of_submission():
    submitted = [dt.datetime(2020, 11, 10, tzinfo=dt.UTC)] * 3
    frame = pl.DataFrame(
        {
            SUBMITTED_AT: submitted,
            "year": [1985, 1990, None],
            "born": [dt.date(1985, 11, 10), dt.date(1985, 11, 11), None],
        }
    )
    year = age_sources(_form(Question("year", INTEGER, "year", labels={"en": "Year of birth"})))[0]
    born = age_sources(_form(Question("born", DATE, "born", labels={"en": "Date of birth"})))[0]
    assert frame.select(age_in_years(year)).to_series().to_list() == [35, 30, None]
    assert frame.select(age_in_years(born)).to_series().to_list() == [35, 34, None]  # birthday tomorrow


def test_without_an_indicators_file_the_house_age_bands_split_the_example_respondents(example):
    form, frame = example
    (age,) = band_filters(form, NO_FILE)
    counts = [respondents_in(form, frame, NO_FILE, bands={"age": b.name}).height for b in age.bands]
    ages = frame["age"].drop_nulls()
    assert age.bands == AGE_BANDS
    assert counts == [
        (ages <= 34).sum(),
        ((ages >= 35) & (ages <= 44)).sum(),
        ((ages >= 45) & (ages <= 54)).sum(),
        (ages >= 55).sum(),
    ]
    assert sum(counts) == ages.len() and all(counts)


def test_a_band_subset_keeps_its_own_base(example):
    form, frame = example
    subset = respondents_in(form, frame, NO_FILE, bands={"age": "35_44"})
    analysis = analyze(form, subset, spec=NO_FILE)
    assert analysis.respondents == subset.height < frame.height
    assert analysis.indicators["materials"].base <= subset.height
    assert analysis.indicators["age"].summary.min >= 35 and analysis.indicators["age"].summary.max <= 44


def test_a_birth_year_survey_is_banded_by_the_age_it_gives():
    form = _form(Question("birth_year", INTEGER, "birth_year"))
    frame = pl.DataFrame(
        {SUBMITTED_AT: [dt.datetime(2020, 11, 10, tzinfo=dt.UTC)] * 3, "birth_year": [1990, 1980, 1960]}
    )
    kept = respondents_in(form, frame, NO_FILE, bands={"birth_year": "35_44"})
    assert kept["birth_year"].to_list() == [1980]
