"""The XPath that ODK users write in ``constraint`` and ``relevant``, compiled to Polars.

Validation runs on whole columns at once, so a rule becomes one Polars expression evaluated over
every row of an import. Only the common subset is understood: comparisons, ``and``/``or``/``not()``,
arithmetic, ``.``, ``${name}`` and ``../name`` references, ``selected()``, ``count-selected()``,
``string-length()``, ``regex()``, ``today()``, ``true()``/``false()``. Anything else raises
:class:`ExpressionNotSupported`: the rule is kept with the form but not checked, and the user is
told so. Empty answers follow ODK: they compare as the empty string, never as a number.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass

import polars as pl

_TOKEN = re.compile(
    r"""\s*(?:
        (?P<ref>\$\{[^}]+\})
      | (?P<relref>\.\./[A-Za-z_][\w.-]*)
      | (?P<number>\d+(?:\.\d+)?|\.\d+)
      | (?P<string>'[^']*'|"[^"]*")
      | (?P<op>!=|<=|>=|=|<|>|\+|-|\*|\(|\)|,)
      | (?P<dot>\.)
      | (?P<name>[A-Za-z_][\w-]*)
    )""",
    re.VERBOSE,
)
_WORD_OPS = {"and", "or", "div", "mod"}


class ExpressionNotSupported(ValueError):
    """The expression uses XPath that citybridge does not evaluate."""


@dataclass(frozen=True)
class Column:
    """What the compiler needs to know of a question's column."""

    expr: pl.Expr  # the typed column
    kind: str  # "number", "date", "datetime", "text", "multiple"


# How each question type's column takes part in a rule (numbers compare as numbers, and so on).
COLUMN_KINDS = {
    "integer": "number",
    "decimal": "number",
    "date": "date",
    "datetime": "datetime",
    "select_multiple": "multiple",
    "rank": "multiple",
    "select_one": "text",
    "text": "text",
    "calculate": "text",
}

Resolver = Callable[[str | None], Column]  # None stands for "." (the current question)


@dataclass
class _Token:
    kind: str
    text: str


def compile_rule(
    expression: str, resolve: Resolver, columns: Callable[[str], Column] | None = None
) -> pl.Expr:
    """Compile a boolean rule (constraint or relevant) into a Polars boolean expression.

    ``columns`` resolves bare names, as a choice_filter reads its choice's columns (``name``,
    ``country``); without it a bare name is not supported."""
    parser = _Parser(_tokenize(expression), resolve, columns)
    value = parser.parse()
    return _as_bool(value)


def compile_value(expression: str, resolve: Resolver) -> pl.Expr:
    """Compile a ``calculation`` into a Polars expression of its value as a form writes it: text,
    a whole number without a decimal part, ``true``/``false`` for a rule, null when it has none."""
    value = _Parser(_tokenize(expression), resolve).parse()
    if value.kind == "number":
        number = value.expr.cast(pl.Float64)
        whole = number.round(0) == number
        finite = number.is_finite()
        return (
            pl.when(finite & whole)
            .then(number.cast(pl.Int64, strict=False).cast(pl.Utf8))
            .when(finite)
            .then(number.cast(pl.Utf8))
        )
    if value.kind == "bool":
        return pl.when(value.expr).then(pl.lit("true")).otherwise(pl.lit("false"))
    if value.kind in ("date", "datetime"):
        return value.expr.cast(pl.Utf8)
    text = _text(value)
    return pl.when(text != "").then(text)


def _tokenize(expression: str) -> list[_Token]:
    tokens, position = [], 0
    text = expression.strip()
    while position < len(text):
        match = _TOKEN.match(text, position)
        if not match or match.end() == position:
            raise ExpressionNotSupported(f"cannot read '{text[position:]}'")
        kind = match.lastgroup or ""
        value = match.group(kind)
        if kind == "name" and value in _WORD_OPS:
            kind = "op"
        tokens.append(_Token(kind, value))
        position = match.end()
    return tokens


@dataclass(frozen=True)
class _Value:
    expr: pl.Expr
    kind: str  # "number", "text", "bool", "date", "datetime", "multiple", "literal-text"


class _Parser:
    """Recursive descent over XPath 1.0 precedence: or < and < = != < relational < + - < * div mod."""

    def __init__(
        self, tokens: list[_Token], resolve: Resolver, columns: Callable[[str], Column] | None = None
    ) -> None:
        self.tokens, self.at, self.resolve, self.columns = tokens, 0, resolve, columns

    def parse(self) -> _Value:
        value = self._or()
        if self.at != len(self.tokens):
            raise ExpressionNotSupported(f"unexpected '{self.tokens[self.at].text}'")
        return value

    def _peek(self) -> _Token | None:
        return self.tokens[self.at] if self.at < len(self.tokens) else None

    def _take(self, text: str | None = None) -> _Token:
        token = self._peek()
        if token is None or (text is not None and token.text != text):
            raise ExpressionNotSupported(f"expected '{text}'")
        self.at += 1
        return token

    def _binary(self, operators: set[str], operand: Callable[[], _Value], combine) -> _Value:
        left = operand()
        while (token := self._peek()) is not None and token.kind == "op" and token.text in operators:
            self._take()
            left = combine(token.text, left, operand())
        return left

    def _or(self) -> _Value:
        return self._binary({"or"}, self._and, _logic)

    def _and(self) -> _Value:
        return self._binary({"and"}, self._equality, _logic)

    def _equality(self) -> _Value:
        return self._binary({"=", "!="}, self._relational, _compare)

    def _relational(self) -> _Value:
        return self._binary({"<", "<=", ">", ">="}, self._additive, _compare)

    def _additive(self) -> _Value:
        return self._binary({"+", "-"}, self._multiplicative, _arithmetic)

    def _multiplicative(self) -> _Value:
        return self._binary({"*", "div", "mod"}, self._unary, _arithmetic)

    def _unary(self) -> _Value:
        if (token := self._peek()) is not None and token.text == "-":
            self._take()
            return _Value(-_number(self._unary()), "number")
        return self._primary()

    def _primary(self) -> _Value:
        token = self._take()
        if token.text == "(":
            value = self._or()
            self._take(")")
            return value
        if token.kind == "number":
            return _Value(pl.lit(float(token.text)), "number")
        if token.kind == "string":
            return _Value(pl.lit(token.text[1:-1]), "literal-text")
        if token.kind in ("ref", "relref", "dot"):
            return self._reference(token)
        if token.kind == "name" and (nxt := self._peek()) is not None and nxt.text == "(":
            return self._call(token.text)
        if token.kind == "name" and self.columns is not None:
            column = self.columns(token.text)
            return _Value(column.expr, column.kind)
        raise ExpressionNotSupported(f"'{token.text}' is not supported")

    def _reference(self, token: _Token) -> _Value:
        if token.kind == "dot":
            column = self.resolve(None)
        elif token.kind == "ref":
            column = self.resolve(token.text[2:-1])
        else:
            column = self.resolve(token.text[3:])
        return _Value(column.expr, column.kind)

    def _call(self, name: str) -> _Value:
        self._take("(")
        args: list[_Value] = []
        while (token := self._peek()) is not None and token.text != ")":
            args.append(self._or())
            if (token := self._peek()) is not None and token.text == ",":
                self._take(",")
        self._take(")")
        return _function(name, args)


def _function(name: str, args: list[_Value]) -> _Value:
    if name == "true" and not args:
        return _Value(pl.lit(True), "bool")
    if name == "false" and not args:
        return _Value(pl.lit(False), "bool")
    if name == "not" and len(args) == 1:
        return _Value(~_as_bool(args[0]), "bool")
    if name == "today" and not args:
        return _Value(pl.lit(dt.date.today()), "date")
    if name == "selected" and len(args) == 2:
        target, option = args
        if target.kind == "multiple":
            return _Value(target.expr.list.contains(option.expr).fill_null(False), "bool")
        return _Value(_text(target) == _text(option), "bool")
    if name == "count-selected" and len(args) == 1:
        if args[0].kind != "multiple":
            raise ExpressionNotSupported("count-selected() needs a select_multiple question")
        return _Value(args[0].expr.list.len().fill_null(0).cast(pl.Float64), "number")
    if name == "string-length" and len(args) == 1:
        return _Value(_text(args[0]).str.len_chars().cast(pl.Float64), "number")
    if name == "regex" and len(args) == 2 and args[1].kind == "literal-text":
        pattern = _literal(args[1])
        try:
            pl.select(pl.lit("").str.contains(pattern))
        except pl.exceptions.PolarsError as exc:
            # ODK runs Java regular expressions; look-arounds and back-references have no equivalent here.
            raise ExpressionNotSupported(f"the regular expression '{pattern}' cannot be evaluated") from exc
        return _Value(_text(args[0]).str.contains(pattern), "bool")
    raise ExpressionNotSupported(f"function {name}() is not supported")


def _literal(value: _Value) -> str:
    return pl.select(value.expr).item()


def _as_bool(value: _Value) -> pl.Expr:
    if value.kind == "bool":
        return value.expr.fill_null(False)
    if value.kind == "number":
        return (value.expr.fill_null(0) != 0).fill_null(False)
    return _text(value).str.len_chars() > 0


def _text(value: _Value) -> pl.Expr:
    if value.kind == "multiple":
        return value.expr.list.join(" ").fill_null("")
    if value.kind == "number":
        return value.expr.cast(pl.Utf8).fill_null("")
    return value.expr.cast(pl.Utf8).fill_null("")


def _number(value: _Value) -> pl.Expr:
    if value.kind == "number":
        return value.expr.cast(pl.Float64)
    if value.kind in ("text", "literal-text"):
        return value.expr.cast(pl.Float64, strict=False)
    raise ExpressionNotSupported(f"a {value.kind} value used as a number")


def _logic(op: str, left: _Value, right: _Value) -> _Value:
    combine = pl.Expr.and_ if op == "and" else pl.Expr.or_
    return _Value(combine(_as_bool(left), _as_bool(right)), "bool")


def _arithmetic(op: str, left: _Value, right: _Value) -> _Value:
    a, b = _number(left), _number(right)
    result = {"+": a + b, "-": a - b, "*": a * b, "div": a / b, "mod": a % b}[op]
    return _Value(result, "number")


_COMPARE = {
    "=": pl.Expr.eq,
    "!=": pl.Expr.ne,
    "<": pl.Expr.lt,
    "<=": pl.Expr.le,
    ">": pl.Expr.gt,
    ">=": pl.Expr.ge,
}


def _compare(op: str, left: _Value, right: _Value) -> _Value:
    compare = _COMPARE[op]
    kinds = {left.kind, right.kind}
    if kinds & {"date", "datetime"}:
        a, b = _temporal(left), _temporal(right)
        return _Value(compare(a, b).fill_null(op == "!="), "bool")
    if "number" in kinds and _non_numeric_literal(left, right):
        # ${age} = '' asks whether the answer is empty: compare as text, as ODK does.
        return _Value(compare(_text(left), _text(right)), "bool")
    if "number" in kinds:
        # An empty answer is not a number: every comparison with it is false, except "!=".
        return _Value(compare(_number(left), _number(right)).fill_null(op == "!="), "bool")
    if "bool" in kinds:
        return _Value(compare(_as_bool(left), _as_bool(right)), "bool")
    return _Value(compare(_text(left), _text(right)), "bool")


def _non_numeric_literal(*values: _Value) -> bool:
    for value in values:
        if value.kind == "literal-text":
            try:
                float(_literal(value))
            except ValueError:
                return True
    return False


def _temporal(value: _Value) -> pl.Expr:
    if value.kind in ("date", "datetime"):
        return value.expr.cast(pl.Date) if value.kind == "date" else value.expr
    if value.kind == "literal-text":
        return pl.lit(dt.date.fromisoformat(_literal(value)))
    raise ExpressionNotSupported(f"a {value.kind} value compared with a date")
