"""A survey's submissions as one table: codes (typed answers) and labels (what a person reads).

The frame is the core's (``survey_frame``), pseudonymised by the core's rule
(``citybridge.analysis.personal``) unless personal data were asked for by someone allowed to see
them. Search runs on the pseudonymised table, so it cannot reveal which row held a hidden name.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import polars as pl
from django.conf import settings

from citybridge.analysis.labels import choice_label, question_label
from citybridge.analysis.personal import personal_questions, pseudonymise
from citybridge.forms.model import DATE, DATETIME, SELECT_MULTIPLE, SELECT_ONE, Form
from citybridge.submissions.batch import INSTANCE_ID, SUBMITTED_AT
from citybridge.web.surveys.analysis import survey_frame, survey_spec
from citybridge.web.surveys.models import Survey
from citybridge.web.trainings.models import Training


@dataclass(frozen=True)
class SubmissionTable:
    form: Form
    codes: pl.DataFrame  # INSTANCE_ID, SUBMITTED_AT, one typed column per question
    labels: pl.DataFrame  # the same rows and columns, choices as their labels
    headers: dict[str, str]  # column -> question label (unique)
    personal: tuple[str, ...]  # the personal questions (pseudonymised unless shown)


def participant_pseudonym(number: int) -> str:
    """The name analysts see for the ``number``-th registered participant (from 1), as on the
    participants page."""
    return f"P-{number:04d}"


def known_people(training: Training) -> dict[str, str]:
    """Each registered participant's name, e-mail and phone -> their pseudonym."""
    known: dict[str, str] = {}
    people = training.participants.order_by("pk").values_list("name", "email", "phone")
    for number, values in enumerate(people, start=1):
        for value in values:
            if value:
                known.setdefault(value, participant_pseudonym(number))
    return known


def pseudonymiser(survey: Survey) -> Callable[[Form, pl.DataFrame], pl.DataFrame]:
    """The core's rule for this survey: a typed frame of a form's answers (the survey's form, or
    one of its repeats) -> the same frame with its personal answers pseudonymised."""
    spec = survey_spec(survey)
    known = known_people(survey.training)
    key = settings.SECRET_KEY.encode("utf-8")

    def hide(form: Form, frame: pl.DataFrame) -> pl.DataFrame:
        return pseudonymise(form, frame, personal_questions(form, spec), known, key)

    return hide


def submission_table(survey: Survey, *, personal: bool, language: str, search: str = "") -> SubmissionTable:
    form = survey.current_version().form()
    hidden = personal_questions(form, survey_spec(survey))
    codes = survey_frame(survey)
    if not personal:
        codes = pseudonymiser(survey)(form, codes)
    labels = labelled(form, codes, language)
    if search.strip():
        found = matches(form, codes, labels, search)
        codes, labels = codes.filter(found), labels.filter(found)
    return SubmissionTable(form, codes, labels, headers(form, codes.columns, language), hidden)


def labelled(form: Form, codes: pl.DataFrame, language: str) -> pl.DataFrame:
    """Choices as their labels in ``language``; a select_multiple as its labels joined by ", "."""
    changed = []
    for question in form.answer_questions:
        if question.name not in codes.columns or not question.choices:
            continue
        mapping = {c.name: choice_label(form, question, c.name, language) for c in question.choices}
        column = pl.col(question.name)
        dtype = codes.schema[question.name]
        if question.type == SELECT_ONE and dtype == pl.Utf8:
            changed.append(column.replace_strict(mapping, default=column, return_dtype=pl.Utf8))
        elif question.type == SELECT_MULTIPLE and dtype == pl.List(pl.Utf8):
            each = pl.element().replace_strict(mapping, default=pl.element(), return_dtype=pl.Utf8)
            changed.append(column.list.eval(each).list.join(", "))
    return codes.with_columns(changed) if changed else codes


def headers(form: Form, columns: list[str], language: str) -> dict[str, str]:
    """Column -> question label; a label two questions share gets the question name added."""
    found = {}
    for name in columns:
        found[name] = question_label(form, form.question(name), language) if form.has_question(name) else name
    counts: dict[str, int] = {}
    for label in found.values():
        counts[label] = counts.get(label, 0) + 1
    return {name: (f"{label} ({name})" if counts[label] > 1 else label) for name, label in found.items()}


def matches(form: Form, codes: pl.DataFrame, labels: pl.DataFrame, search: str) -> pl.Series:
    """Rows where ``search`` (case-insensitive) is in the instance id, an answer or a choice's label."""
    needle = search.strip().lower()
    parts = [_text_of(labels.get_column(name)) for name in labels.columns if name != SUBMITTED_AT]
    parts += [
        _text_of(codes.get_column(q.name)).alias(f"code {q.name}")
        for q in form.answer_questions
        if q.is_select and q.name in codes.columns
    ]
    if not parts:
        return pl.Series([False] * labels.height)
    haystack = pl.DataFrame(parts).select(
        pl.concat_str(pl.all(), separator="\u001f", ignore_nulls=True).str.to_lowercase()
    )
    return haystack.to_series().str.contains(needle, literal=True).fill_null(False)


def _text_of(column: pl.Series) -> pl.Series:
    if column.dtype == pl.List(pl.Utf8):
        return column.list.join(" ")
    return column.cast(pl.Utf8)


def display_rows(form: Form, labels: pl.DataFrame) -> list[list[str]]:
    """The rows of a page as text: times in UTC to the minute, empty answers as ""."""
    rows = []
    kinds = {q.name: q.type for q in form.answer_questions}
    for row in labels.iter_rows(named=True):
        rows.append([_text(value, kinds.get(name)) for name, value in row.items()])
    return rows


def _text(value, kind: str | None) -> str:
    if value is None:
        return ""
    if kind == DATE:
        return value.isoformat()
    if hasattr(value, "strftime") and kind in (None, DATETIME):
        return value.strftime("%Y-%m-%d %H:%M UTC")
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


META_COLUMNS = (INSTANCE_ID, SUBMITTED_AT)
