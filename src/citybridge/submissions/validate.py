"""Check a batch of submissions against its form version, column by column.

Each question's column is typed (whole number, number, date, choice...), then the form's rules are
evaluated over the typed frame: required, relevant and constraint. The result keeps the rows that
passed, typed, and one :class:`~citybridge.submissions.batch.Problem` per bad cell, naming its file,
row, column, value and reason.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import polars as pl

from citybridge.forms.memo import per_form
from citybridge.forms.model import (
    ACKNOWLEDGE,
    DATE,
    DATETIME,
    DECIMAL,
    GEOPOINT,
    GEOSHAPE,
    GEOTRACE,
    INTEGER,
    RANK,
    SELECT_MULTIPLE,
    SELECT_ONE,
    TIME,
    Form,
    Question,
)
from citybridge.submissions.answer_types import acknowledge_answer, place_answer, time_answer
from citybridge.submissions.batch import (
    INSTANCE_ID,
    ROW,
    SUBMITTED_AT,
    Problem,
    RawBatch,
)
from citybridge.submissions.choice_filters import filter_check
from citybridge.submissions.expressions import (
    COLUMN_KINDS,
    Column,
    ExpressionNotSupported,
    compile_rule,
)
from citybridge.submissions.timestamps import parse_instant

_ERR = "__error__"


@dataclass
class Validated:
    """What validation made of a batch: the typed valid rows and every problem found."""

    form: Form
    source: str
    frame: pl.DataFrame  # valid rows: ROW, INSTANCE_ID, SUBMITTED_AT (UTC) and typed answers
    rejected: pl.DataFrame  # the raw rows that failed, as they were read
    problems: list[Problem] = field(default_factory=list)
    unchecked: list[str] = field(default_factory=list)  # rules kept but not evaluated, and why

    @property
    def ok(self) -> bool:
        return not self.problems

    def records(self) -> Iterator[tuple[str, Any, dict[str, Any]]]:
        """(instance id, submitted-at, answers) per valid row; answers hold JSON-ready values."""
        names = [q.name for q in self.form.answer_questions if q.name in self.frame.columns]
        encoded = self.frame.select(
            INSTANCE_ID, SUBMITTED_AT, *(_encode(self.form.question(n)) for n in names)
        )
        for row in encoded.iter_rows():
            answers = {name: value for name, value in zip(names, row[2:], strict=True) if value is not None}
            yield row[0], row[1], answers


ANSWERS = "_answers"


def answers_as_json(validated: Validated) -> pl.DataFrame:
    """INSTANCE_ID, SUBMITTED_AT and ANSWERS (a JSON object per row, unanswered questions left out).

    Encoding whole columns at once keeps a million-row import fast; it gives the same objects as
    :meth:`Validated.records`.
    """
    names = [q.name for q in validated.form.answer_questions if q.name in validated.frame.columns]
    if not names:
        return validated.frame.select(INSTANCE_ID, SUBMITTED_AT, pl.lit("{}").alias(ANSWERS))
    encoded = pl.struct(*(_encode(validated.form.question(n)) for n in names)).struct.json_encode()
    # Keys are question names, and any quote inside a value is escaped, so a key always follows
    # "{" or ",": that is where an unanswered question's "name":null is dropped.
    key = r'"[A-Za-z_][\w.-]*":null'
    compact = encoded.str.replace_all("," + key, "").str.replace("^\\{" + key + ",?", "{")
    return validated.frame.select(INSTANCE_ID, SUBMITTED_AT, compact.alias(ANSWERS))


def validate(form: Form, batch: RawBatch) -> Validated:
    """Validate every row of ``batch`` against ``form``; never raises on bad data."""
    plan = per_form(form, ("validate", tuple(batch.frame.columns)), lambda: _plan(form, batch.frame.columns))
    # One lazy query, one collect, in memory: a single submission (the web form, the API) costs
    # little more than the fixed price of one Polars query (the streaming engine's start-up alone
    # took ten times longer), and the expressions are built once per form.
    flags = (
        batch.frame.lazy()
        .with_columns(plan.stripped)
        .with_columns(pl.all().name.prefix(_RAW))
        .with_columns(plan.typed)
        .with_columns(plan.checks)
        .with_columns(plan.failing.alias(_ERR))
        .collect(engine="in-memory", optimizations=_NO_OPTIMISATION)
    )
    columns = (ROW, INSTANCE_ID, SUBMITTED_AT, *(q.name for q in plan.questions))
    # Rows the reader already found fault with (an unknown answer key, say) are rejected too.
    faulty_rows = [p.row for p in batch.problems if p.row is not None]
    if not faulty_rows and not flags.get_column(_ERR).any():
        # The usual case, and the only one a single good submission meets: nothing to take apart.
        return Validated(form, batch.source, flags.select(columns), batch.frame.clear(), [*batch.problems],
                         list(plan.unchecked))  # fmt: skip
    problems = _problems(form, batch, flags.filter(pl.col(_ERR)), plan.check_names)
    keep = ~(flags.get_column(_ERR) | flags.get_column(ROW).is_in(faulty_rows))
    return Validated(
        form=form,
        source=batch.source,
        frame=flags.filter(keep).select(columns),
        rejected=batch.frame.filter(~keep),
        problems=[*batch.problems, *problems],
        unchecked=list(plan.unchecked),
    )


@dataclass(frozen=True)
class _Plan:
    """The expressions that validate a frame with these columns against a form."""

    questions: tuple[Question, ...]
    stripped: tuple[pl.Expr, ...]  # answers as text, trimmed, "" as missing
    typed: tuple[pl.Expr, ...]  # each answer in its question's type; submitted-at as an instant
    checks: tuple[pl.Expr, ...]  # one boolean column per rule, True where broken
    check_names: tuple[str, ...]
    failing: pl.Expr
    unchecked: tuple[str, ...]


_RAW = "__raw__"
# The plan is a straight chain of new columns: the optimiser finds nothing to gain in it and its
# own passes cost more than the whole query on a few rows.
_NO_OPTIMISATION = pl.QueryOptFlags.none()


def _plan(form: Form, columns: list[str]) -> _Plan:
    questions = [q for q in form.answer_questions if q.name in columns]
    checks, unchecked = _checks(form, questions, set(columns))
    names = tuple(c.meta.output_name() for c in checks)
    return _Plan(
        questions=tuple(questions),
        stripped=tuple(pl.col(q.name).cast(pl.Utf8).str.strip_chars().replace("", None) for q in questions),
        typed=(
            *(_type(q).alias(q.name) for q in questions),
            parse_instant(pl.col(SUBMITTED_AT).cast(pl.Utf8)).alias(SUBMITTED_AT),
        ),
        checks=tuple(checks),
        check_names=names,
        failing=pl.any_horizontal(names) if names else pl.lit(False),
        unchecked=tuple(unchecked),
    )


def _type(question: Question) -> pl.Expr:
    raw = pl.col(question.name)
    if question.type == INTEGER:
        return raw.str.replace(r"^\+", "").cast(pl.Int64, strict=False)
    if question.type == DECIMAL:
        number = raw.cast(pl.Float64, strict=False)
        return pl.when(number.is_finite()).then(number)  # "nan" and "inf" are not answers
    if question.type == DATE:
        return raw.str.to_date("%Y-%m-%d", strict=False)
    if question.type == DATETIME:
        return parse_instant(raw)
    if question.type in (SELECT_ONE, SELECT_MULTIPLE) and takes_any_choice(question):
        tokens = raw.str.split(" ").list.eval(pl.element().filter(pl.element() != ""))
        return raw if question.type == SELECT_ONE else tokens
    if question.type == SELECT_ONE:
        return raw.str.to_lowercase().replace_strict(
            _choice_lookup(question), default=None, return_dtype=pl.Utf8
        )
    if question.type in (SELECT_MULTIPLE, RANK):
        lookup = _choice_lookup(question)
        tokens = raw.str.to_lowercase().str.split(" ").list.eval(pl.element().filter(pl.element() != ""))
        return tokens.list.eval(pl.element().replace_strict(lookup, default="\x00", return_dtype=pl.Utf8))
    return _OTHER_TYPES.get(question.type, lambda raw: raw)(raw)


# Types read by a function of their own; the rest (text, barcode, hidden, media file names,
# device metadata, calculations) are stored as the text they arrive in.
_OTHER_TYPES = {
    TIME: time_answer,
    GEOPOINT: lambda raw: place_answer(raw, 1),
    GEOTRACE: lambda raw: place_answer(raw, 2),
    GEOSHAPE: lambda raw: place_answer(raw, 3),
    ACKNOWLEDGE: acknowledge_answer,
}
_CHECKED_TYPES = frozenset(
    (INTEGER, DECIMAL, DATE, DATETIME, SELECT_ONE, SELECT_MULTIPLE, RANK, *_OTHER_TYPES)
)


def takes_any_choice(question: Question) -> bool:
    """A select whose options are not a choice list: ``select_one ${q}`` offers the answers of a
    repeat's question, and the ``literacy`` widget writes its timings and a 'null' per unread word."""
    literacy = question.type == SELECT_MULTIPLE and "literacy" in (question.appearance or "").split()
    return (question.list_name or "").startswith("${") or literacy


def _choice_lookup(question: Question) -> dict[str, str]:
    """Lower-cased choice names and labels (every language) -> choice name."""
    lookup: dict[str, str] = {}
    for choice in question.choices:
        for label in choice.labels.values():
            lookup.setdefault(label.strip().lower(), choice.name)
    for choice in question.choices:
        lookup[choice.name.lower()] = choice.name  # a name always wins over a label
    return lookup


def _checks(form: Form, questions: list[Question], columns: set[str]):
    kinds = {q.name: COLUMN_KINDS.get(q.type, "text") for q in form.answer_questions}
    checks: list[pl.Expr] = [
        pl.col(INSTANCE_ID).cast(pl.Utf8).fill_null("").str.strip_chars().eq("").alias("meta|instance"),
        (pl.col(SUBMITTED_AT).is_null() & pl.col(_RAW + SUBMITTED_AT).is_not_null()).alias("meta|submitted"),
    ]
    unchecked: list[str] = []
    for question in questions:
        present = pl.col(_RAW + question.name).is_not_null()
        checks.append((present & _type_failed(question)).alias(f"{question.name}|type"))

        def resolve(name: str | None, current: str = question.name) -> Column:
            target = current if name is None else name
            if target not in kinds:
                raise ExpressionNotSupported(f"${{{target}}} is not a question of this form")
            expr = pl.col(target) if target in columns else pl.lit(None)
            return Column(expr, kinds[target])

        relevant = _rule(question, "relevant", resolve, unchecked)
        if relevant is not None:
            checks.append((present & ~relevant).alias(f"{question.name}|relevant"))
        if question.required:
            needed = relevant if relevant is not None else pl.lit(True)
            checks.append((~present & needed).alias(f"{question.name}|required"))
        if question.choice_filter:
            allowed = filter_check(question, columns, unchecked, resolve)
            if allowed is not None:
                checks.append((present & ~_type_failed(question) & ~allowed).alias(f"{question.name}|filter"))
        constraint = _rule(question, "constraint", resolve, unchecked)
        if constraint is not None:
            ok_type = ~_type_failed(question)
            checks.append((present & ok_type & ~constraint).alias(f"{question.name}|constraint"))
    for name in kinds.keys() - columns:
        question = form.question(name)
        if question.required and not question.relevant:
            checks.append(pl.lit(True).alias(f"{name}|required"))
    return checks, unchecked


def _type_failed(question: Question) -> pl.Expr:
    typed = pl.col(question.name)
    if question.type in (SELECT_MULTIPLE, RANK):
        failed = typed.list.contains("\x00").fill_null(False) | typed.list.len().eq(0).fill_null(False)
        if question.type == RANK:  # each option ranked once
            failed |= typed.list.n_unique().ne(typed.list.len()).fill_null(False)
        return failed
    if question.type not in _CHECKED_TYPES:
        return pl.lit(False)
    return typed.is_null()


def _rule(question: Question, kind: str, resolve, unchecked: list[str]) -> pl.Expr | None:
    expression = getattr(question, kind)
    if not expression:
        return None
    try:
        return compile_rule(expression, resolve)
    except ExpressionNotSupported as exc:
        unchecked.append(f"{kind} of '{question.name}' ({expression}) is stored but not checked: {exc}")
        return None


def _problems(form: Form, batch: RawBatch, failing: pl.DataFrame, check_names: list[str]) -> list[Problem]:
    problems = []
    for row in failing.iter_rows(named=True):
        for check in check_names:
            if row[check]:
                problems.append(_problem(form, batch, row, check))
    return problems


def _problem(form: Form, batch: RawBatch, row: dict[str, Any], check: str) -> Problem:
    name, kind = check.split("|")
    line = row[ROW]
    if name == "meta":
        if kind == "instance":
            return Problem(
                batch.source,
                line,
                batch.header(INSTANCE_ID),
                None,
                "has no instance id",
            )
        value = row[_RAW + SUBMITTED_AT]
        return Problem(
            batch.source,
            line,
            batch.header(SUBMITTED_AT),
            value,
            "is not a date and time",
        )
    question = form.question(name)
    value = row.get(_RAW + name)
    return Problem(batch.source, line, batch.header(name), value, _reason(question, kind, value))


def _reason(question: Question, kind: str, value: str | None) -> str:
    if kind == "required":
        return f"'{question.name}' is required but not answered"
    if kind == "relevant":
        return f"'{question.name}' is answered although it does not apply (relevant: {question.relevant})"
    if kind == "filter":
        return f"not one of the choices that apply given the answers it depends on (choice_filter: {question.choice_filter})"
    if kind == "constraint":
        message = question.constraint_message and next(iter(question.constraint_message.values()))
        detail = f" ({message})" if message else ""
        return f"breaks the constraint {question.constraint}{detail}"
    return _type_reason(question, value or "")


def _type_reason(question: Question, value: str) -> str:
    if question.type == INTEGER:
        return f"'{question.name}' takes a whole number"
    if question.type == DECIMAL:
        return f"'{question.name}' takes a number"
    if question.type == DATE:
        return f"'{question.name}' takes a date written YYYY-MM-DD"
    if question.type == DATETIME:
        return f"'{question.name}' takes a date and time in ISO 8601 (2020-11-10T09:30:00+05:00)"
    if question.type in _PLACE_REASONS:
        return _PLACE_REASONS[question.type].format(name=question.name)
    names = ", ".join(question.choice_names())
    known = _choice_lookup(question)
    if question.type == RANK and value and all(t.lower() in known for t in value.split()):
        return f"'{question.name}' ranks each option of '{question.list_name}' once ({names}), separated by spaces"
    if question.type in (SELECT_MULTIPLE, RANK):
        lookup = _choice_lookup(question)
        unknown = [t for t in value.split() if t.lower() not in lookup] or [value]
        return (
            f"{', '.join(repr(t) for t in unknown)} not in the choice list '{question.list_name}' ({names})"
        )
    return f"not in the choice list '{question.list_name}' ({names})"


_PLACE_REASONS = {
    TIME: "'{name}' takes a time written HH:MM or HH:MM:SS",
    GEOPOINT: "'{name}' is a geopoint: write 'latitude longitude' (altitude and accuracy may follow), "
    "latitude within ±90 and longitude within ±180",
    GEOTRACE: "'{name}' is a geotrace: two or more points 'latitude longitude' separated by ';'",
    GEOSHAPE: "'{name}' is a geoshape: three or more points 'latitude longitude' separated by ';'",
    ACKNOWLEDGE: "'{name}' is an acknowledgement: its only answer is OK",
}


def _encode(question: Question) -> pl.Expr:
    """The typed column as JSON-ready values: ISO text for dates, lists for multiple choices."""
    column = pl.col(question.name)
    if question.type == DATE:
        return column.dt.strftime("%Y-%m-%d")
    if question.type == DATETIME:
        return column.dt.strftime("%Y-%m-%dT%H:%M:%S%.f%:z")
    return column
