"""ODK XPath rules compiled to Polars: what they evaluate to, row by row, and what is refused."""

from __future__ import annotations

import datetime as dt

import polars as pl
import pytest

from citybridge.submissions.expressions import Column, ExpressionNotSupported, compile_rule

# Three answered rows and one empty one; "." is the ``age`` question.
ROWS = pl.DataFrame(
    {
        "age": pl.Series([30, None, 17, 90], dtype=pl.Int64),
        "budget": pl.Series([2.5, None, 0.0, 10.0], dtype=pl.Float64),
        "name": pl.Series(["Aziz", None, "Bo", "o'Neil"], dtype=pl.Utf8),
        "city": pl.Series(["tashkent", None, "bukhara", "samarkand"], dtype=pl.Utf8),
        "topics": pl.Series([["water", "transport"], None, ["other"], []], dtype=pl.List(pl.Utf8)),
        "visit": pl.Series([dt.date(2020, 11, 5), None, dt.date(2019, 1, 1), dt.date(2099, 1, 1)]),
        "meeting": pl.Series(
            [dt.datetime(2020, 11, 5, 4, 30), None, dt.datetime(2019, 1, 1), dt.datetime(2021, 6, 1)],
            dtype=pl.Datetime("us", "UTC"),
        ),
    }
)
KINDS = {
    "age": "number",
    "budget": "number",
    "name": "text",
    "city": "text",
    "topics": "multiple",
    "visit": "date",
    "meeting": "datetime",
}


def resolve(name: str | None) -> Column:
    name = name or "age"
    if name not in KINDS:
        raise ExpressionNotSupported(f"${{{name}}} is not a question of this form")
    return Column(pl.col(name), KINDS[name])


def evaluate(expression: str) -> list[bool]:
    # with_columns, as validation does, so that a constant rule is broadcast to every row
    rule = compile_rule(expression, resolve).alias("result")
    return ROWS.with_columns(rule).get_column("result").to_list()


T, F = True, False

CASES = [
    # comparisons with numbers; an empty answer is no number, so only "!=" holds for it
    ("${age} >= 18", [T, F, F, T]),
    ("${age} < 18", [F, F, T, F]),
    ("${age} = 30", [T, F, F, F]),
    ("${age} != 30", [F, T, T, T]),
    ("${age} <= 17", [F, F, T, F]),
    ("${age} > 89", [F, F, F, T]),
    ("${budget} > 0", [T, F, F, T]),
    ("${budget} = 2.5", [T, F, F, F]),
    (". >= 18 and . <= 90", [T, F, F, T]),
    ("18 <= .", [T, F, F, T]),
    # text comparisons; an empty answer is the empty string
    ("${city} = 'tashkent'", [T, F, F, F]),
    ('${city} = "tashkent"', [T, F, F, F]),
    ("${city} != 'tashkent'", [F, T, T, T]),
    ("${city} = ''", [F, T, F, F]),
    ("${name} != ''", [T, F, T, T]),
    # and / or / not, with XPath precedence (and binds tighter than or)
    ("${age} > 18 or ${city} = 'bukhara'", [T, F, T, T]),
    ("${age} > 18 and ${city} = 'tashkent'", [T, F, F, F]),
    ("${city} = 'bukhara' or ${age} > 18 and ${budget} > 5", [F, F, T, T]),
    ("(${city} = 'bukhara' or ${age} > 18) and ${budget} > 5", [F, F, F, T]),
    ("not(${city} = 'tashkent')", [F, T, T, T]),
    ("not(${age} >= 18)", [F, T, T, F]),
    ("true()", [T, T, T, T]),
    ("false()", [F, F, F, F]),
    ("true() and not(false())", [T, T, T, T]),
    # arithmetic
    ("${age} + 5 = 35", [T, F, F, F]),
    ("${age} - 7 = 10", [F, F, T, F]),
    ("${age} * 2 = 60", [T, F, F, F]),
    ("${age} div 4 = 7.5", [T, F, F, F]),
    ("${age} mod 2 = 1", [F, F, T, F]),
    ("-${age} < -20", [T, F, F, T]),
    ("(1 + 2) * 3 = 9", [T, T, T, T]),
    ("1 + 2 * 3 = 7", [T, T, T, T]),
    ("${age} * 12 >= ${budget}", [T, F, T, T]),
    # a number alone is true when it is not zero
    ("${budget}", [T, F, F, T]),
    # selected() on a select_multiple and on a select_one
    ("selected(${topics}, 'water')", [T, F, F, F]),
    ("selected(${topics}, 'other')", [F, F, T, F]),
    ("selected(../topics, 'transport')", [T, F, F, F]),
    ("selected(${city}, 'bukhara')", [F, F, T, F]),
    ("not(selected(${topics}, 'water'))", [F, T, T, T]),
    # count-selected(): an empty answer selects nothing
    ("count-selected(${topics}) = 2", [T, F, F, F]),
    ("count-selected(${topics}) < 1", [F, T, F, T]),
    ("count-selected(${topics}) >= 1 and count-selected(${topics}) <= 3", [T, F, T, F]),
    # string-length(): an empty answer has length 0
    ("string-length(${name}) > 2", [T, F, F, T]),
    ("string-length(${name}) = 0", [F, T, F, F]),
    ("string-length(.) = 2", [T, F, T, T]),
    # regex(), unanchored as in ODK, anchored where the pattern says so
    ("regex(${name}, '^[A-Z][a-z]+$')", [T, F, T, F]),
    ("regex(${name}, 'zi')", [T, F, F, F]),
    ('regex(${name}, "\'")', [F, F, F, T]),
    ("regex(., '^[0-9]{2}$')", [T, F, T, T]),
    # ../name and . references
    ("../age >= 18", [T, F, F, T]),
    (". = ../age", [T, F, T, T]),
    # dates and date-times against ISO literals and today()
    ("${visit} >= '2020-01-01'", [T, F, F, T]),
    ("${visit} < '2020-01-01'", [F, F, T, F]),
    ("${visit} <= today()", [T, F, T, F]),
    ("${meeting} >= '2020-01-01'", [T, F, F, T]),
]


@pytest.mark.parametrize(("expression", "expected"), CASES, ids=[c[0] for c in CASES])
def test_rule_evaluates_row_by_row(expression, expected):
    assert evaluate(expression) == expected


@pytest.mark.parametrize(
    ("expression", "expected"),
    [("${age} = ''", [F, T, F, F]), ("${age} != ''", [T, F, T, T])],
    ids=["empty-equals-empty-string", "answered-differs-from-empty-string"],
)
def test_empty_numeric_answer_compares_as_the_empty_string(expression, expected):
    # ODK: an unanswered integer is "", so ${age} = '' is the usual "not answered" test.
    assert evaluate(expression) == expected


@pytest.mark.parametrize(
    "expression",
    [
        "concat(${name}, 'x') = 'Azizx'",
        "if(${age} > 18, 1, 0) = 1",
        "pulldata('cities', 'name', 'key', ${city}) = 'x'",
        "jr:choice-name(${city}, '${city}') = 'x'",
        "/data/age > 18",
        "${age} | ${budget}",
        "${age} > 18 )",
        "${age} >",
        "(${age} > 18",
        "${unknown} = 1",
        "../../age > 18",
        "count-selected(${city}) = 1",
        "regex(${name}, ${city})",
        "${visit} + 1 > 0",
        "${visit} > 5",
        "${topics} * 2 > 1",
        "position(..) = 1",
        "${age} > 18 and",
    ],
)
def test_unsupported_xpath_raises_expression_not_supported(expression):
    with pytest.raises(ExpressionNotSupported):
        compile_rule(expression, resolve)
