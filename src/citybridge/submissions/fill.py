"""Filling a form one answer at a time: what a person's answers mean before they are stored.

The web form needs three things the batch validator does not give: which questions apply given
the answers so far (skip logic, re-evaluated as the person answers), the answers that are kept
(those of questions that apply), and the questions a rule depends on (to tell a person without
JavaScript when a question applies). Storing still goes through the validator (``validate.py``): this
module only prepares the answers and explains the validator's problems per question.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import polars as pl

from citybridge.forms.memo import per_form
from citybridge.forms.model import (
    ACKNOWLEDGE,
    BARCODE,
    CALCULATE,
    DATE,
    DATETIME,
    DECIMAL,
    GEOPOINT,
    GEOSHAPE,
    GEOTRACE,
    INTEGER,
    RANK,
    SELECT_MULTIPLE,
    TIME,
    Form,
    Question,
)
from citybridge.submissions.batch import Problem
from citybridge.submissions.choice_filters import allowed_choices, choice_rules, parse_filter
from citybridge.submissions.expressions import (
    COLUMN_KINDS,
    Column,
    ExpressionNotSupported,
    compile_rule,
    compile_value,
)
from citybridge.submissions.timestamps import parse_instant

Answers = dict[str, str]  # question name -> the answer as text ("a b" for several choices)

# Question types a person answers on the form; notes are shown, calculations, hidden questions
# and the device's metadata are not the person's. Media questions are shown as not answerable here.
ASKED_TYPES = frozenset(
    {"select_one", SELECT_MULTIPLE, INTEGER, DECIMAL, "text", DATE, DATETIME, TIME, BARCODE, ACKNOWLEDGE, RANK,
     GEOPOINT, GEOTRACE, GEOSHAPE}
)  # fmt: skip

_REFERENCE = re.compile(r"\$\{\s*([A-Za-z_][\w.-]*)\s*\}|\.\./([A-Za-z_][\w.-]*)")


def is_asked(question: Question) -> bool:
    return question.type in ASKED_TYPES


def answers_from_fields(form: Form, fields: Mapping[str, Iterable[str]]) -> Answers:
    """The answers in posted form fields (name -> the values sent), as text, empty ones left out.

    Several checked boxes arrive as several values and become one space-separated answer, as
    XLSForm writes a select_multiple; unknown field names are ignored.
    """
    answers: Answers = {}
    for question in form.questions:
        if not is_asked(question) or question.name not in fields:
            continue
        values = [v.strip() for v in fields[question.name] if v is not None and v.strip()]
        if not values:
            continue
        several = question.type in (SELECT_MULTIPLE, RANK)
        answers[question.name] = " ".join(values) if several else values[-1]
    return answers


def referenced_questions(expression: str | None) -> tuple[str, ...]:
    """The question names a rule refers to (``${name}`` or ``../name``), each once, in order."""
    if not expression:
        return ()
    names = (m.group(1) or m.group(2) for m in _REFERENCE.finditer(expression))
    return tuple(dict.fromkeys(names))


def applicable(form: Form, answers: Mapping[str, str]) -> set[str]:
    """The names of the questions that apply given ``answers``, in the validator's own terms.

    Questions are taken in form order and the answer of one that does not apply is treated as
    empty for the questions after it, so that a chain of conditions falls together. A rule
    citybridge cannot evaluate leaves its question asked (the validator does not check it either).
    """
    return _fill(form, answers)[0]


def calculated(form: Form, answers: Mapping[str, str]) -> Answers:
    """The values of the form's calculations given ``answers``, as ODK Collect would store them.

    Each is computed in form order, so a later rule or calculation can use it; one that does not
    apply, has no value, or uses XPath citybridge does not evaluate is left out.
    """
    return _fill(form, answers)[1]


def evaluate(form: Form, answers: Mapping[str, str], expression: str) -> str | None:
    """The value of ``expression`` (a repeat_count, say) given ``answers`` and the calculations,
    as text; None when it has none or uses XPath citybridge does not evaluate."""
    try:
        value = compile_value(expression, _resolver(form, None))
    except ExpressionNotSupported:
        return None
    result = _typed_row(form, {**answers, **calculated(form, answers)}).select(value.alias("v")).item()
    return None if result is None else str(result)


def offered_choices(form: Form, question: Question, answers: Mapping[str, str]) -> set[str] | None:
    """The choice names a cascading select offers given ``answers``, by its own ``choice_filter``;
    None for every choice: no filter, one citybridge does not evaluate, or none of the answers it
    depends on given yet (a page without JavaScript then lists them all, and the check on sending
    refuses a choice the filter leaves out)."""
    if not question.choice_filter or not any(
        answers.get(n) for n in referenced_questions(question.choice_filter)
    ):
        return None
    if parsed := parse_filter(question.choice_filter):
        return set(allowed_choices(question, answers.get(parsed[1])) or ())

    def build() -> dict[str, pl.Expr] | None:
        try:
            return choice_rules(question, _resolver(form, question))
        except ExpressionNotSupported:
            return None

    rules = per_form(form, ("fill.choices", question.name), build)
    if rules is None:
        return None
    row = _typed_row(form, {**answers, **calculated(form, answers)})
    values = row.select(rule.alias(str(n)) for n, rule in enumerate(rules.values())).row(0)
    return {name for name, offered in zip(rules, values, strict=True) if offered}


def kept_answers(form: Form, answers: Mapping[str, str]) -> Answers:
    """The answers to store: those of asked questions that apply, and the calculations' values."""
    applies, values = _fill(form, answers)
    asked = {
        name: value
        for name, value in answers.items()
        if name in applies and form.has_question(name) and is_asked(form.question(name))
    }
    return asked | values


def _fill(form: Form, answers: Mapping[str, str]) -> tuple[set[str], Answers]:
    frame = _typed_row(form, answers)
    kept: set[str] = set()
    values: Answers = {}
    for question in form.questions:
        rule = _relevance_rule(form, question)
        if rule is not None and not frame.select(rule).item():
            if question.name in frame.columns:
                frame = frame.with_columns(
                    pl.lit(None, dtype=frame.schema[question.name]).alias(question.name)
                )
            continue
        kept.add(question.name)
        calculation = _calculation(form, question)
        if calculation is not None and question.name in frame.columns:
            frame = frame.with_columns(calculation.alias(question.name))
            if (value := frame.get_column(question.name).item()) is not None:
                values[question.name] = value
    return kept, values


def _calculation(form: Form, question: Question) -> pl.Expr | None:
    if question.type != CALCULATE or not question.calculation:
        return None

    def build() -> pl.Expr | None:
        try:
            return compile_value(question.calculation or "", _resolver(form, question))
        except ExpressionNotSupported:
            return None

    return per_form(form, ("fill.calculation", question.name), build)


def _relevance_rule(form: Form, question: Question) -> pl.Expr | None:
    def build() -> pl.Expr | None:
        if not question.relevant:
            return None
        try:
            return compile_rule(question.relevant, _resolver(form, question))
        except ExpressionNotSupported:
            return None

    return per_form(form, ("fill.relevant", question.name), build) if question.relevant else None


def _resolver(form: Form, question: Question | None):
    kinds = {q.name: COLUMN_KINDS.get(q.type, "text") for q in form.answer_questions}

    def resolve(name: str | None) -> Column:
        if name is None and question is None:
            raise ExpressionNotSupported("'.' means nothing outside a question")
        target = question.name if name is None else name
        if target not in kinds:
            raise ExpressionNotSupported(f"${{{target}}} is not a question of this form")
        return Column(pl.col(target), kinds[target])

    return resolve


def _typed_row(form: Form, answers: Mapping[str, str]) -> pl.DataFrame:
    """One row, one typed column per answer question, as the validator types them."""
    names = [q.name for q in form.answer_questions]
    raw = pl.DataFrame(
        {n: [(answers.get(n) or "").strip() or None] for n in names}, schema={n: pl.Utf8 for n in names}
    )
    return raw.select(_typed(q) for q in form.answer_questions) if names else raw


def _typed(question: Question) -> pl.Expr:
    raw = pl.col(question.name)
    if question.type == INTEGER:
        typed = raw.str.replace(r"^\+", "").cast(pl.Int64, strict=False)
    elif question.type == DECIMAL:
        typed = raw.cast(pl.Float64, strict=False)
    elif question.type == DATE:
        typed = raw.str.to_date("%Y-%m-%d", strict=False)
    elif question.type == DATETIME:
        typed = parse_instant(raw)
    elif question.type == SELECT_MULTIPLE:
        typed = raw.str.split(" ").list.eval(pl.element().filter(pl.element() != ""))
    else:
        typed = raw
    return typed.alias(question.name)


# What went wrong with one answer, in words the page translates.
REQUIRED, CONSTRAINT, TYPE, NOT_APPLICABLE, OTHER = (
    "required",
    "constraint",
    "type",
    "not applicable",
    "other",
)


@dataclass(frozen=True)
class AnswerProblem:
    """A validator problem tied to the question it is about (``question`` None: the whole answer)."""

    question: str | None
    kind: str
    problem: Problem


def answer_problems(form: Form, problems: Iterable[Problem]) -> list[AnswerProblem]:
    """Each problem with its question and kind, for a message next to that question.

    The validator names the column (``answers.<name>`` for a JSON submission) and says why in
    English; the kind is read from the start of that reason, whose wording validate.py fixes.
    """
    found = []
    for problem in problems:
        name = (problem.column or "").removeprefix("answers.")
        question = name if name and form.has_question(name) else None
        found.append(AnswerProblem(question, _kind(problem.reason) if question else OTHER, problem))
    return found


def _kind(reason: str) -> str:
    if reason.endswith("is required but not answered"):
        return REQUIRED
    if reason.startswith("breaks the constraint"):
        return CONSTRAINT
    if "although it does not apply" in reason:
        return NOT_APPLICABLE
    return TYPE
