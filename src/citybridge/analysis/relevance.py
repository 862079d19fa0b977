"""To whom a question applied: its ``relevant`` rule evaluated over the respondents.

Item non-response counts only respondents who were asked: a follow-up shown to those who said
"yes" is not missing for those who said "no".
"""

from __future__ import annotations

import polars as pl

from citybridge.forms.model import Form, Question
from citybridge.submissions.expressions import COLUMN_KINDS, Column, ExpressionNotSupported, compile_rule


def applies(form: Form, question: Question, frame: pl.DataFrame) -> pl.Series:
    """True for each respondent the question was shown to (everyone when the rule cannot be read)."""
    rule = _compiled(form, question, frame.columns)
    if rule is None:
        return pl.Series([True] * frame.height, dtype=pl.Boolean)
    return frame.select(rule.fill_null(False).alias("applies")).get_column("applies")


def is_evaluable(form: Form, question: Question) -> bool:
    names = [q.name for q in form.answer_questions]
    return not question.relevant or _compiled(form, question, names) is not None


def _compiled(form: Form, question: Question, columns: list[str]) -> pl.Expr | None:
    if not question.relevant:
        return None
    kinds = {q.name: COLUMN_KINDS.get(q.type, "text") for q in form.answer_questions}

    def resolve(name: str | None) -> Column:
        target = question.name if name is None else name
        if target not in kinds:
            raise ExpressionNotSupported(f"${{{target}}} is not a question of this form")
        expr = pl.col(target) if target in columns else pl.lit(None)
        return Column(expr, kinds[target])

    try:
        return compile_rule(question.relevant, resolve)
    except ExpressionNotSupported:
        return None
