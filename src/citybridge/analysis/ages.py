"""The respondent's age for a survey without an indicators file: which question holds it, and the
house age bands.

An indicators file that declares bands (``[[questions.NAME.bands]]``) decides alone. Without one,
a survey uploaded through the web still gets an age-band filter when its form says the age, by
this rule (docs/analysis.md, "Age bands without an indicators file"), each kind in form order:

1. an ``integer`` question whose name has the word ``age`` (``age``, ``age_years``,
   ``respondent_age``) or whose label, in any language, says age ("age", "возраст", "yosh",
   "ёш", "年龄", "年齡");
2. an ``integer`` question for the year of birth: name with ``birth`` and ``year``
   (``birth_year``, ``year_of_birth``) or a label such as "year of birth", "год рождения",
   "tug‘ilgan yil", "出生年份"; the age is the year of submission minus it;
3. a ``date`` question for the date of birth: name ``dob`` or with ``birth`` (``birth_date``,
   ``date_of_birth``) or a label such as "date of birth", "дата рождения", "出生日期"; the age
   is in whole years on the day of submission.

A form with more than one such question is ambiguous: each is offered as its own filter and the
organiser picks the one to band by. The registration lists carry no age, so they are not a source.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import polars as pl

from citybridge.analysis.spec import Band
from citybridge.forms.model import DATE, INTEGER, Form, Question
from citybridge.submissions.batch import SUBMITTED_AT

AGE = "age"
BIRTH_YEAR = "birth_year"
BIRTH_DATE = "birth_date"

# The bands of the example training's indicators file, which the docs give as the house bands.
AGE_BANDS: tuple[Band, ...] = (
    Band("under_35", max=34),
    Band("35_44", min=35, max=44),
    Band("45_54", min=45, max=54),
    Band("55_plus", min=55),
)

_AGE_LABEL = re.compile(r"\bage\b|возраст|\byosh|\bёш|年龄|年齡", re.IGNORECASE)
_BIRTH_YEAR_LABEL = re.compile(
    r"year of birth|birth year|год рождения|tug.?ilgan yil|туғилган йил|出生年", re.I
)
_BIRTH_DATE_LABEL = re.compile(
    r"date of birth|birth ?date|дата рождения|tug.?ilgan sana|туғилган сана|出生日期", re.I
)


@dataclass(frozen=True)
class AgeSource:
    """A question the age is read from, and how: ``age``, ``birth_year`` or ``birth_date``."""

    question: Question
    way: str


def age_sources(form: Form) -> list[AgeSource]:
    """The form's questions that give the respondent's age, by the rule above, ages first."""
    found = {AGE: [], BIRTH_YEAR: [], BIRTH_DATE: []}
    for question in form.answer_questions:
        way = _way(question)
        if way:
            found[way].append(AgeSource(question, way))
    return found[AGE] + found[BIRTH_YEAR] + found[BIRTH_DATE]


def _way(question: Question) -> str | None:
    words = set(re.split(r"[_\-.\s]+", question.name.casefold()))
    labels = " ".join(question.labels.values())
    if question.type == INTEGER:
        if ("birth" in words and "year" in words) or "birthyear" in words or _BIRTH_YEAR_LABEL.search(labels):
            return BIRTH_YEAR
        if AGE in words or _AGE_LABEL.search(labels):
            return AGE
    if question.type == DATE and (
        words & {"dob", "birth", "birthdate", "birthday"} or _BIRTH_DATE_LABEL.search(labels)
    ):
        return BIRTH_DATE
    return None


def age_in_years(source: AgeSource) -> pl.Expr:
    """Each respondent's age in whole years; null where the question was not answered."""
    column = pl.col(source.question.name)
    if source.way == AGE:
        return column
    submitted = pl.col(SUBMITTED_AT).dt.date()
    if source.way == BIRTH_YEAR:
        return submitted.dt.year() - column
    # A birthday not yet reached this year takes one year off.
    before_birthday = (submitted.dt.month() < column.dt.month()) | (
        (submitted.dt.month() == column.dt.month()) & (submitted.dt.day() < column.dt.day())
    )
    return submitted.dt.year() - column.dt.year() - before_birthday.cast(pl.Int32)
