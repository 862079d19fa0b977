"""The respondents of one city or one band of a number (an age band), to compute indicators on.

A dashboard filter is a subset of rows: ``analyze(form, respondents_in(...), ...)`` then gives the
same figures, bases and intervals as for everyone, over fewer respondents. Which question holds
the city and which numbers are banded comes from the indicators file (``city_question``,
``[[questions.<name>.bands]]``); a survey whose indicators file bands nothing (one uploaded
through the web without a file) is banded by age when its form says the age (``ages``).
"""

from __future__ import annotations

from dataclasses import dataclass

import polars as pl

from citybridge.analysis.ages import AGE_BANDS, AgeSource, age_in_years, age_sources
from citybridge.analysis.compute import city_question
from citybridge.analysis.indicators import AnalysisError
from citybridge.analysis.spec import Band, IndicatorSpec
from citybridge.forms.model import DECIMAL, INTEGER, SELECT_MULTIPLE, Form, Question


@dataclass(frozen=True)
class BandFilter:
    """A question whose answers the dashboard can be filtered by, in these bands. ``age`` is set
    when the bands apply to an age derived from the question (a year or date of birth)."""

    question: Question
    bands: tuple[Band, ...]
    age: AgeSource | None = None


def banded_questions(form: Form, spec: IndicatorSpec) -> list[Question]:
    """The number questions of the form whose bands the indicators file names, in form order."""
    return [q for q in form.answer_questions if q.type in (INTEGER, DECIMAL) and spec.question(q.name).bands]


def band_filters(form: Form, spec: IndicatorSpec) -> list[BandFilter]:
    """The indicators file's banded questions; when it bands none, each question the age can be
    read from, with the house age bands (several when the form is ambiguous: the organiser picks)."""
    declared = [BandFilter(q, spec.question(q.name).bands) for q in banded_questions(form, spec)]
    return declared or [BandFilter(source.question, AGE_BANDS, source) for source in age_sources(form)]


def respondents_in(
    form: Form,
    frame: pl.DataFrame,
    spec: IndicatorSpec,
    *,
    city: str | None = None,
    bands: dict[str, str] | None = None,
) -> pl.DataFrame:
    """The rows of ``frame`` whose city answer is ``city`` (a choice name) and whose number answers
    fall in the named bands (``{"age": "35_44"}``); no condition given: every row."""
    if not city and not bands:
        return frame  # a literal-only predicate is not filtered row by row by every Polars version
    condition = pl.lit(True)
    if city:
        question = city_question(form, spec)
        if question is None or question.name not in frame.columns:
            raise AnalysisError("this survey has no city question: the city filter cannot be used")
        column = pl.col(question.name)
        condition &= column.list.contains(city) if question.type == SELECT_MULTIPLE else column == city
    filters = {f.question.name: f for f in band_filters(form, spec)} if bands else {}
    for name, band_name in (bands or {}).items():
        found = filters.get(name)
        if found is None:
            raise AnalysisError(f"'{name}' is not a banded question of this survey")
        value = age_in_years(found.age) if found.age else pl.col(name)
        condition &= _in_band(value, _band(found, band_name))
    return frame.filter(condition.fill_null(False))


def _band(found: BandFilter, name: str) -> Band:
    for band in found.bands:
        if band.name == name:
            return band
    raise AnalysisError(f"'{found.question.name}' has no band '{name}'")


def _in_band(value: pl.Expr, band: Band) -> pl.Expr:
    """Bounds inclusive, as the indicators file defines them; a missing bound is open."""
    condition = value.is_not_null()
    if band.min is not None:
        condition &= value >= band.min
    if band.max is not None:
        condition &= value <= band.max
    return condition
