"""The respondents of one city or one band of a number (an age band), to compute indicators on.

A dashboard filter is a subset of rows: ``analyze(form, respondents_in(...), ...)`` then gives the
same figures, bases and intervals as for everyone, over fewer respondents. Which question holds
the city and which numbers are banded comes from the indicators file (``city_question``,
``[[questions.<name>.bands]]``), never from a question name written in code.
"""

from __future__ import annotations

import polars as pl

from citybridge.analysis.compute import city_question
from citybridge.analysis.indicators import AnalysisError
from citybridge.analysis.spec import Band, IndicatorSpec
from citybridge.forms.model import DECIMAL, INTEGER, SELECT_MULTIPLE, Form, Question


def banded_questions(form: Form, spec: IndicatorSpec) -> list[Question]:
    """The number questions of the form whose bands the indicators file names, in form order."""
    return [q for q in form.answer_questions if q.type in (INTEGER, DECIMAL) and spec.question(q.name).bands]


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
    for name, band_name in (bands or {}).items():
        condition &= _in_band(name, _band(spec, name, band_name))
    return frame.filter(condition.fill_null(False))


def _band(spec: IndicatorSpec, question: str, name: str) -> Band:
    for band in spec.question(question).bands:
        if band.name == name:
            return band
    raise AnalysisError(f"'{question}' has no band '{name}' in the indicators file")


def _in_band(question: str, band: Band) -> pl.Expr:
    """Bounds inclusive, as the indicators file defines them; a missing bound is open."""
    condition = pl.col(question).is_not_null()
    if band.min is not None:
        condition &= pl.col(question) >= band.min
    if band.max is not None:
        condition &= pl.col(question) <= band.max
    return condition
