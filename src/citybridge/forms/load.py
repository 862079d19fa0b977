"""Read an XLSForm through pyxform into a :class:`~citybridge.forms.model.Form`.

pyxform is the reference reader of the XLSForm standard, so every check it makes (sheet names,
types, choice lists, references) applies here too; citybridge only translates pyxform's JSON
structure into its own typed form and refuses what it cannot store yet (repeats).
"""

from __future__ import annotations

import re
from dataclasses import replace
from io import BytesIO
from pathlib import Path
from typing import Any

from pyxform.errors import PyXFormError
from pyxform.xls2xform import convert

from citybridge.forms.model import (
    CALCULATE,
    DATE,
    DATETIME,
    DECIMAL,
    INTEGER,
    NOTE,
    OTHER_CHOICE,
    SELECT_MULTIPLE,
    SELECT_ONE,
    TEXT,
    Choice,
    Form,
    Question,
)
from citybridge.uploads.limits import LimitError, check_bytes

# pyxform's internal type names -> XLSForm's names.
_TYPES = {
    "select one": SELECT_ONE,
    "select all that apply": SELECT_MULTIPLE,
    "integer": INTEGER,
    "decimal": DECIMAL,
    "text": TEXT,
    "date": DATE,
    "dateTime": DATETIME,
    "datetime": DATETIME,
    "note": NOTE,
    "calculate": CALCULATE,
}
_GROUP_TYPES = {"group"}
_REF = re.compile(r"\$\{([^}]+)\}")


class FormError(ValueError):
    """An XLSForm that cannot be used; the message names the sheet and row where it can."""


def load_xlsform(source: str | Path | bytes, *, filename: str | None = None) -> Form:
    """Load an XLSForm (``.xlsx``, ``.xls``, ``.csv`` or ``.md``) and return its typed form."""
    name = filename or (Path(source).name if isinstance(source, str | Path) else "form")
    try:
        data = source if isinstance(source, bytes) else Path(source).read_bytes()
    except OSError as exc:
        raise FormError(f"{name}: cannot read the file ({exc.strerror}).") from exc
    try:
        check_bytes(name, data)  # size and unzipped size, before pyxform opens it
    except LimitError as exc:
        raise FormError(str(exc)) from exc
    try:
        result = convert(xlsform=BytesIO(data), file_type=_file_type(name))
    except PyXFormError as exc:
        raise FormError(f"{name}: {_clean(str(exc))}") from exc
    except Exception as exc:  # pyxform lets readers' errors through for files that are not forms
        raise FormError(f"{name}: not a readable XLSForm ({type(exc).__name__}: {exc}).") from exc
    return form_from_pyxform(result._pyxform, source_name=name)


def form_from_pyxform(data: dict[str, Any], *, source_name: str = "form") -> Form:
    """Build a :class:`Form` from pyxform's JSON form structure."""
    groups: dict[str, dict[str, str]] = {}
    questions = _mark_or_other(list(_walk(data.get("children", []), (), source_name, groups)))
    languages = _languages(data, questions)
    return Form(
        form_id=str(data.get("id_string") or data.get("name") or "form"),
        version=str(data.get("version") or ""),
        title=str(data.get("title") or data.get("id_string") or ""),
        default_language=data.get("default_language") if data.get("default_language") != "default" else None,
        languages=languages,
        questions=tuple(questions),
        group_labels=groups,
    )


def _walk(
    children: list[dict[str, Any]],
    path: tuple[str, ...],
    source_name: str,
    groups: dict[str, dict[str, str]],
    relevant: str | None = None,
):
    """Questions in form order; a group's ``relevant`` is added to each question inside it, and its
    label goes into ``groups`` under its path."""
    for child in children:
        kind = child.get("type")
        name = child.get("name", "")
        if kind == "repeat":
            raise FormError(
                f"{source_name}: repeat '{name}' is not supported yet; "
                "move its questions out of the repeat or split the form."
            )
        if kind in _GROUP_TYPES:
            if name == "meta" and child.get("control", {}).get("bodyless"):
                continue  # instanceID and friends: citybridge keeps them as submission metadata
            inner = _both(relevant, child.get("bind", {}).get("relevant"))
            if labels := _labels(child.get("label")):
                groups["/".join((*path, name))] = labels
            yield from _walk(child.get("children", []), (*path, name), source_name, groups, inner)
            continue
        if kind not in _TYPES:
            continue  # metadata and media types (start, end, deviceid, image, ...) hold no answer
        question = _question(child, path, kind)
        if relevant:
            question = replace(question, relevant=_both(relevant, question.relevant))
        yield question


def _both(outer: str | None, inner: str | None) -> str | None:
    if outer and inner:
        return f"({outer}) and ({inner})"
    return outer or inner


def _question(child: dict[str, Any], path: tuple[str, ...], kind: str) -> Question:
    bind = child.get("bind", {})
    choices = tuple(
        Choice(name=str(c["name"]), labels=_labels(c.get("label"))) for c in child.get("choices", [])
    )
    name = child["name"]
    return Question(
        name=name,
        type=_TYPES[kind],
        path="/".join((*path, name)),
        labels=_labels(child.get("label")),
        hints=_labels(child.get("hint")),
        required=str(bind.get("required", "")).lower() in ("yes", "true", "true()"),
        constraint=bind.get("constraint") or None,
        constraint_message=_labels(bind.get("jr:constraintMsg")),
        relevant=bind.get("relevant") or None,
        calculation=bind.get("calculate") or None,
        list_name=child.get("list_name") or child.get("itemset"),
        choices=choices,
    )


def _mark_or_other(questions: list[Question]) -> list[Question]:
    """Flag selects declared ``or_other``: pyxform adds an 'other' choice and a ``NAME_other`` text."""
    names = {q.name: q for q in questions}
    marked = []
    for question in questions:
        companion = names.get(f"{question.name}_other")
        if (
            question.is_select
            and OTHER_CHOICE in question.choice_names()
            and companion is not None
            and f"'{OTHER_CHOICE}'" in (companion.relevant or "")
        ):
            question = replace(question, or_other=True)
        marked.append(question)
    return marked


def _labels(value: Any) -> dict[str, str]:
    if value is None:
        return {}
    if isinstance(value, dict):
        return {str(k): str(v) for k, v in value.items()}
    return {"default": str(value)}


def _languages(data: dict[str, Any], questions: list[Question]) -> tuple[str, ...]:
    seen: dict[str, None] = {}
    for question in questions:
        for key in (*question.labels, *(k for c in question.choices for k in c.labels)):
            if key != "default":
                seen.setdefault(key, None)
    default = data.get("default_language")
    ordered = sorted(seen, key=lambda lang: (lang != default, list(seen).index(lang)))
    return tuple(ordered)


def _file_type(name: str) -> str | None:
    suffix = Path(name).suffix.lower()
    return suffix if suffix in (".xlsx", ".xlsm", ".xls", ".csv", ".md") else None


_ROW = re.compile(r"^\[row : (\d+)\]\s*(?:On the '([^']+)' sheet, )?(.*)$", re.DOTALL)


def _clean(message: str) -> str:
    """pyxform's message on one line, led by the sheet and row it is about."""
    text = " ".join(message.split())
    match = _ROW.match(text)
    if not match:
        return text
    row, sheet, rest = match.groups()
    # pyxform's older messages omit the sheet; they are all raised while reading the survey sheet.
    return f"{sheet or 'survey'} sheet, row {row}: {rest[:1].upper()}{rest[1:]}"
