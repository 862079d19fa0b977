"""Cascading selects: a ``choice_filter`` such as ``${state} = cf`` keeps the choices whose ``cf``
column holds the answer to ``state``; an answer outside those choices is refused.

The form ODK users write most, one column compared with one question (either way round, ``${q}``
or ``../q``), is checked by a lookup; any other filter (``selected(${x}, name)``, ``cf = ${a}
and size > ${b}``) is compiled by ``expressions`` once per choice, its bare names read from that
choice's columns. A filter that uses XPath citybridge does not evaluate, or a list too long to
check choice by choice, is kept with the form and reported as not checked.
"""

from __future__ import annotations

import re

import polars as pl

from citybridge.forms.model import SELECT_ONE, Question
from citybridge.submissions.expressions import Column, ExpressionNotSupported, Resolver, compile_rule

_NAME = r"[A-Za-z_][\w.-]*"
_QUESTION = rf"(?:\$\{{\s*(?P<q1>{_NAME})\s*\}}|\.\./(?P<p1>{_NAME}))"
_PATTERNS = (
    re.compile(rf"^\s*(?P<column>{_NAME})\s*=\s*{_QUESTION}\s*$"),
    re.compile(rf"^\s*{_QUESTION}\s*=\s*(?P<column>{_NAME})\s*$"),
)
_SEPARATOR = "\x1f"
MAX_RULE_CHOICES = 300  # a filter compiled per choice: beyond this the expression grows too large


def parse_filter(expression: str) -> tuple[str, str] | None:
    """(choice column, question name) of a one-comparison filter, else None."""
    for pattern in _PATTERNS:
        if match := pattern.match(expression):
            return match["column"], match["q1"] or match["p1"]
    return None


def allowed_choices(question: Question, answer: str | None) -> tuple[str, ...] | None:
    """The choice names that apply once the filter's question is answered ``answer``; None when
    the filter is not one citybridge reads (then every choice is offered)."""
    parsed = parse_filter(question.choice_filter or "")
    if parsed is None:
        return None
    column, _ = parsed
    return tuple(dict.fromkeys(c.name for c in question.choices if c.filters.get(column) == answer))


def choice_rules(question: Question, resolve: Resolver) -> dict[str, pl.Expr]:
    """Per choice name, its filter as a rule over the answers (``resolve`` gives their columns):
    true where the choice is offered. Raises ExpressionNotSupported for a filter not evaluated."""
    if len(question.choices) > MAX_RULE_CHOICES:
        raise ExpressionNotSupported(f"{len(question.choices)} choices, more than {MAX_RULE_CHOICES}")
    known = {"name", *(key for choice in question.choices for key in choice.filters)}
    rules: dict[str, pl.Expr] = {}
    for choice in question.choices:

        def column(name: str, choice=choice) -> Column:
            if name not in known:
                raise ExpressionNotSupported(f"'{name}' is not a column of the list '{question.list_name}'")
            return Column(pl.lit(choice.name if name == "name" else choice.filters.get(name, "")), "text")

        rule = compile_rule(question.choice_filter or "", resolve, column).fill_null(False)
        rules[choice.name] = rules[choice.name] | rule if choice.name in rules else rule
    return rules


def filter_check(
    question: Question, columns: set[str], unchecked: list[str], resolve: Resolver | None = None
) -> pl.Expr | None:
    """True where the answer is among the choices the filter leaves; None when it cannot be checked."""
    parsed = parse_filter(question.choice_filter or "")
    if parsed is None:
        try:
            if resolve is None:
                raise ExpressionNotSupported("no answers to read")
            return _rules_check(question, choice_rules(question, resolve))
        except ExpressionNotSupported as exc:
            unchecked.append(
                f"choice_filter of '{question.name}' ({question.choice_filter}) is stored but not checked: {exc}"
            )
            return None
    column, source = parsed
    if source not in columns:
        return None  # the answer it depends on is not in this file: nothing to compare with
    pairs = [f"{c.name}{_SEPARATOR}{c.filters.get(column, '')}" for c in question.choices]
    if question.type == SELECT_ONE:
        chosen = pl.concat_str([pl.col(question.name), pl.col(source).cast(pl.Utf8)], separator=_SEPARATOR)
        return chosen.is_in(pairs) | pl.col(source).is_null()
    return _every_in(question, source, column) | pl.col(source).is_null()


def _every_in(question: Question, source: str, column: str) -> pl.Expr:
    """For a select_multiple: each option chosen is one the filter leaves for the source's answer."""
    allowed = {}
    for choice in question.choices:
        allowed.setdefault(choice.filters.get(column, ""), []).append(choice.name)
    keys = pl.col(source).cast(pl.Utf8)
    options = keys.replace_strict(allowed, default=[], return_dtype=pl.List(pl.Utf8))
    return pl.col(question.name).list.set_difference(options).list.len().eq(0)


def _rules_check(question: Question, rules: dict[str, pl.Expr]) -> pl.Expr:
    """True where every choice picked is one whose rule holds for the row's answers."""
    answer = pl.col(question.name)
    check = pl.lit(True)
    for name, rule in rules.items():
        picked = answer == name if question.type == SELECT_ONE else answer.list.contains(name)
        check = check & (~picked.fill_null(False) | rule)
    return check
