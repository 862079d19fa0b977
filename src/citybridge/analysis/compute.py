"""Compute every indicator of a survey from its typed answers, as of a date, by any group.

Input is the frame validation produces (one row per respondent: instance id, submitted-at, one
typed column per question). Each question is one or two column-wide Polars aggregations, so a
million respondents take about as long as reading the column once.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import numpy as np
import polars as pl

from citybridge.analysis import labels
from citybridge.analysis.indicators import (
    MULTIPLE,
    NUMBER,
    SCALE,
    TEXT,
    YESNO,
    Analysis,
    AnalysisError,
    DailyCount,
    GroupAnalysis,
    Indicator,
    OptionCount,
    Share,
)
from citybridge.analysis.intervals import wilson, wilson_many
from citybridge.analysis.kinds import best_first, kind_of, positive_values, yes_value
from citybridge.analysis.numbers import number_figures
from citybridge.analysis.other_types import other_answers
from citybridge.analysis.relevance import applies, is_evaluable
from citybridge.analysis.spec import IndicatorSpec
from citybridge.analysis.text import text_figures
from citybridge.forms.model import SELECT_MULTIPLE, SELECT_ONE, Form, Question
from citybridge.submissions.batch import SUBMITTED_AT


def analyze(
    form: Form,
    frame: pl.DataFrame,
    *,
    spec: IndicatorSpec | None = None,
    as_of: dt.date | None = None,
    by: str | None = None,
    language: str | None = None,
    registered: int | None = None,
) -> Analysis:
    """Every indicator of ``form`` over the respondents in ``frame`` received up to ``as_of``."""
    spec = spec or IndicatorSpec()
    frame = received_by(frame, as_of)
    analysis = Analysis(
        form_id=form.form_id,
        form_version=form.version,
        title=form.title,
        language=language,
        as_of=as_of,
        respondents=frame.height,
        registered=registered,
        indicators=indicators(form, frame, spec, language),
        respondents_per_city=_per_city(form, frame, spec, language),
        responses_over_time=_over_time(frame),
        first_submission=frame.get_column(SUBMITTED_AT).min() if frame.height else None,
        last_submission=frame.get_column(SUBMITTED_AT).max() if frame.height else None,
        min_base=spec.min_base,
        notes=tuple(_notes(form, frame)),
        other_answers=other_answers(form, frame, language),
    )
    if by:
        analysis = replace(analysis, by=by, groups=groups(form, frame, spec, by, language))
    return analysis


def received_by(frame: pl.DataFrame, as_of: dt.date | None) -> pl.DataFrame:
    """The respondents whose submission arrived on or before ``as_of`` (a UTC calendar day)."""
    if as_of is None:
        return frame
    return frame.filter(pl.col(SUBMITTED_AT).dt.date() <= as_of)


def indicators(form: Form, frame: pl.DataFrame, spec: IndicatorSpec, language: str | None) -> dict:
    found = {}
    consent = _consent_mask(form, frame, spec)
    for question in form.answer_questions:
        kind = kind_of(question, spec.question(question.name))
        if kind is None or question.name not in frame.columns:
            continue
        found[question.name] = indicator(form, question, kind, frame, spec, language, consent)
    return found


def indicator(
    form: Form,
    question: Question,
    kind: str,
    frame: pl.DataFrame,
    spec: IndicatorSpec,
    language: str | None,
    consent: pl.Series | None = None,
) -> Indicator:
    column = frame.get_column(question.name)
    answered = column.is_not_null()
    if question.type == SELECT_MULTIPLE:
        answered = answered & (column.list.len() > 0)
    base = int(answered.sum())
    missing = int((applies(form, question, frame) & ~answered).sum())
    plain = Indicator(
        name=question.name,
        path=question.path,
        type=question.type,
        kind=kind,
        label=labels.question_label(form, question, language),
        base=base,
        missing=missing,
    )
    q_spec = spec.question(question.name)
    if kind == NUMBER:
        return number_figures(plain, column, q_spec, language)
    if kind == TEXT:
        return text_figures(
            plain, frame, question.name, consent, _city_labels(form, frame, spec, language), language
        )
    if kind == MULTIPLE:
        return replace(plain, options=_ranked(_multiple_counts(form, question, column, base, language)))
    options = _single_counts(form, question, column, base, language)
    if kind == SCALE:
        positive = positive_values(question, q_spec)
        top = best_first(question)[0]
        return replace(
            plain,
            options=options,
            positive_values=positive,
            positive=_share(sum(o.count for o in options if o.value in positive), base),
            top_box=_share(sum(o.count for o in options if o.value == top), base),
        )
    if kind == YESNO:
        yes = yes_value(question)
        return replace(
            plain, options=options, yes=_share(sum(o.count for o in options if o.value == yes), base)
        )
    return replace(plain, options=options)


def _single_counts(
    form, question: Question, column: pl.Series, base: int, language
) -> tuple[OptionCount, ...]:
    counts = dict(column.drop_nulls().value_counts().iter_rows())
    return _options(form, question, counts, base, language)


def _multiple_counts(form, question, column: pl.Series, base: int, language) -> tuple[OptionCount, ...]:
    # A respondent names an option once, however often an export repeats it.
    named = column.drop_nulls().list.unique().explode().drop_nulls()
    counts = dict(named.value_counts().iter_rows())
    return _options(form, question, counts, base, language)


def _options(form, question: Question, counts: dict, base: int, language) -> tuple[OptionCount, ...]:
    """Counts in choice-list order (every choice, even unchosen ones), then any value outside it."""
    values = list(question.choice_names()) + sorted(
        str(v) for v in counts if v not in question.choice_names()
    )
    numbers = np.array([counts.get(v, 0) for v in values])
    lows, highs = wilson_many(numbers, base)
    return tuple(
        OptionCount(
            value=value,
            label=labels.choice_label(form, question, value, language),
            count=int(n),
            share=(n / base) if base else 0.0,
            ci95=(float(lo), float(hi)),
        )
        for value, n, lo, hi in zip(values, numbers, lows, highs, strict=True)
    )


def _ranked(options: tuple[OptionCount, ...]) -> tuple[OptionCount, ...]:
    return tuple(sorted(options, key=lambda o: -o.count))  # stable: ties keep choice-list order


def _share(count: int, base: int) -> Share:
    return Share(count=count, base=base, share=(count / base) if base else 0.0, ci95=wilson(count, base))


def _consent_mask(form: Form, frame: pl.DataFrame, spec: IndicatorSpec) -> pl.Series | None:
    name = spec.consent_question
    if not name or name not in frame.columns:
        return None
    question = form.question(name)
    return frame.get_column(name) == yes_value(question)


def city_question(form: Form, spec: IndicatorSpec) -> Question | None:
    """The question that says which city a respondent speaks for."""
    name = spec.city_question or ("city" if form.has_question("city") else None)
    if name and form.has_question(name):
        return form.question(name)
    return None


def _city_labels(form, frame: pl.DataFrame, spec, language) -> pl.Series | None:
    question = city_question(form, spec)
    if question is None or question.name not in frame.columns:
        return None
    column = frame.get_column(question.name)
    if question.type != SELECT_ONE:
        return column
    mapping = {c.name: labels.choice_label(form, question, c.name, language) for c in question.choices}
    return column.replace_strict(mapping, default=column, return_dtype=pl.Utf8)


def _per_city(form, frame: pl.DataFrame, spec, language) -> tuple[OptionCount, ...]:
    question = city_question(form, spec)
    if question is None or question.name not in frame.columns or question.type != SELECT_ONE:
        return ()
    column = frame.get_column(question.name)
    options = _single_counts(form, question, column, int(column.is_not_null().sum()), language)
    return _ranked(tuple(o for o in options if o.count))


def _over_time(frame: pl.DataFrame) -> tuple[DailyCount, ...]:
    if not frame.height:
        return ()
    daily = (
        frame.select(pl.col(SUBMITTED_AT).dt.date().alias("day"))
        .group_by("day")
        .len()
        .sort("day")
        .with_columns(pl.col("len").cum_sum().alias("cumulative"))
    )
    return tuple(DailyCount(day, int(new), int(total)) for day, new, total in daily.iter_rows())


def groups(
    form: Form, frame: pl.DataFrame, spec: IndicatorSpec, by: str, language
) -> tuple[GroupAnalysis, ...]:
    """The indicators within each answer of the select question ``by`` (a respondent of a
    select_multiple is in every group they named)."""
    if not form.has_question(by) or not form.question(by).is_select:
        raise AnalysisError(f"cannot disaggregate by '{by}': it is not a select question of the form")
    question = form.question(by)
    column = frame.get_column(by)
    found = []
    for value in question.choice_names():
        member = column.list.contains(value) if question.type == SELECT_MULTIPLE else column == value
        subset = frame.filter(member.fill_null(False))
        if not subset.height:
            continue
        found.append(
            GroupAnalysis(
                value=value,
                label=labels.choice_label(form, question, value, language),
                respondents=subset.height,
                small_base=subset.height < spec.min_base,
                indicators=indicators(form, subset, spec, language),
            )
        )
    return tuple(found)


def _notes(form: Form, frame: pl.DataFrame) -> list[str]:
    return [
        f"relevant of '{q.name}' ({q.relevant}) could not be evaluated: every empty answer counts as missing"
        for q in form.answer_questions
        if q.relevant and q.name in frame.columns and not is_evaluable(form, q)
    ]
