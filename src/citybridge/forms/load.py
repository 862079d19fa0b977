"""Read an XLSForm through pyxform into a :class:`~citybridge.forms.model.Form`.

pyxform is the reference reader of the XLSForm standard, so every check it makes (sheet names,
types, choice lists, references) applies here too; citybridge translates pyxform's JSON structure
into its own typed form. Every question pyxform accepts is kept (its kind read from pyxform's own
type table, aliases included) or refused in one line naming the type, the question and the row:
none is dropped.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import replace
from io import BytesIO
from pathlib import Path
from typing import Any

from pyxform.errors import PyXFormError
from pyxform.xls2json_backends import DefinitionData, get_xlsform
from pyxform.xls2xform import convert

from citybridge.forms.kinds import Refused, kind_of
from citybridge.forms.model import (
    OTHER_CHOICE,
    Choice,
    Form,
    Question,
)
from citybridge.forms.or_other import in_form_languages
from citybridge.forms.rows import SurveyRows
from citybridge.uploads.limits import LimitError, check_bytes

_GROUP_TYPES = {"group"}
# The meta group's children citybridge keeps with every submission itself (instanceID and friends)
# or that hold no answer (``entity``: ODK Central's dataset declaration, read from the answers);
# anything else there (audit, say) is kept as a question.
_SUBMISSION_META = {"instanceID", "instanceName", "deprecatedID", "entity"}


_NOT_A_FORM = (
    "not a readable XLSForm: no survey sheet could be read (a choices-only CSV, or not a form); "
    "load the XLSForm whose survey sheet asks the questions, saved as .xlsx, .xls, .csv or .md."
)


class FormError(ValueError):
    """An XLSForm that cannot be used; the message names the sheet and row where it can."""


def load_xlsform(
    source: str | Path | bytes,
    *,
    filename: str | None = None,
    attachments: dict[str, bytes] | None = None,
) -> Form:
    """Load an XLSForm (``.xlsx``, ``.xls``, ``.csv`` or ``.md``) and return its typed form.

    ``attachments`` are the files the form reads (choices of a select_one_from_file), by name;
    for a form read from a path, files beside it are found too.
    """
    name = filename or (Path(source).name if isinstance(source, str | Path) else "form")
    try:
        data = source if isinstance(source, bytes) else Path(source).read_bytes()
    except OSError as exc:
        raise FormError(f"{name}: cannot read the file ({exc.strerror}).") from exc
    try:
        check_bytes(name, data)  # size and unzipped size, before pyxform opens it
    except LimitError as exc:
        raise FormError(str(exc)) from exc
    definition = _definition(data, name)
    rows = SurveyRows(definition.survey or ())
    try:
        result = convert(xlsform=dataclasses.asdict(definition))
    except PyXFormError as exc:
        raise FormError(f"{name}: {_clean(str(exc), rows)}") from exc
    except Exception as exc:  # pyxform lets its own slips through for files that are not forms
        raise FormError(f"{name}: {_NOT_A_FORM}") from exc
    files = _Files(attachments or {}, Path(source).parent if isinstance(source, str | Path) else None)
    return form_from_pyxform(result._pyxform, source_name=name, rows=rows, files=files)


def _definition(data: bytes, name: str) -> DefinitionData:
    """The workbook's sheets as pyxform reads them; a form without a form_id is named after its file."""
    try:
        definition = get_xlsform(BytesIO(data), file_type=_file_type(name))
    except PyXFormError as exc:
        raise FormError(f"{name}: {_clean(str(exc), SurveyRows(()))}") from exc
    except Exception as exc:  # pyxform's reader slips on files that are not forms (a choices-only CSV)
        raise FormError(f"{name}: {_NOT_A_FORM}") from exc
    if not definition.survey:
        raise FormError(
            f"{name}: has no survey sheet (a choices-only file, or not an XLSForm); "
            "load the XLSForm whose survey sheet uses it."
        )
    # Without form_id pyxform names every form read from memory "data", so two forms downloaded
    # from KoboToolbox (whose settings sheet is empty) would clash: the file name is the user's name.
    definition.fallback_form_name = form_id_from_filename(name)
    return definition


def form_id_from_filename(name: str) -> str:
    """A form_id made of the file name: letters, digits, '_', '-' and '.', not starting with a digit."""
    stem = re.sub(r"[^\w.-]+", "_", Path(name).stem, flags=re.ASCII).strip("_.-") or "form"
    return stem if stem[0].isalpha() or stem[0] == "_" else f"form_{stem}"


class _Files:
    """Files a form reads: given with the upload, or beside the form on disk."""

    def __init__(self, given: dict[str, bytes], folder: Path | None) -> None:
        self.given = given
        self.folder = folder

    def read(self, name: str) -> bytes | None:
        if name in self.given:
            return self.given[name]
        candidate = self.folder / name if self.folder else None
        if candidate is not None and candidate.name == name and candidate.is_file():
            return candidate.read_bytes()
        return None


def form_from_pyxform(
    data: dict[str, Any],
    *,
    source_name: str = "form",
    rows: SurveyRows | None = None,
    files: _Files | None = None,
) -> Form:
    """Build a :class:`Form` from pyxform's JSON form structure."""
    groups: dict[str, dict[str, str]] = {}
    walker = _Walker(source_name, rows or SurveyRows(()), files or _Files({}, None), groups)
    questions = _mark_or_other(list(walker.walk(data.get("children", []), ())))
    languages = _languages(data, questions)
    return Form(
        form_id=str(data.get("id_string") or data.get("name") or "form"),
        version=str(data.get("version") or ""),
        title=str(data.get("title") or data.get("id_string") or ""),
        default_language=data.get("default_language") if data.get("default_language") != "default" else None,
        languages=languages,
        questions=tuple(questions),
        group_labels=groups,
        repeats=tuple(walker.repeats),
        repeat_counts=walker.repeat_counts,
    )


@dataclasses.dataclass
class _Walker:
    source_name: str
    rows: SurveyRows
    files: _Files
    groups: dict[str, dict[str, str]]
    repeats: list[str] = dataclasses.field(default_factory=list)
    repeat_counts: dict[str, str] = dataclasses.field(default_factory=dict)

    def walk(
        self,
        children: list[dict[str, Any]],
        path: tuple[str, ...],
        relevant: str | None = None,
        repeat: str | None = None,
    ):
        """Questions in form order; a group's ``relevant`` is added to each question inside it, and
        its label goes into ``groups`` under its path; questions in a repeat carry its path."""
        for child in children:
            kind = child.get("type")
            if kind == "repeat":
                where = "/".join((*path, child.get("name", "")))
                self.repeats.append(where)
                if count := str(child.get("control", {}).get("jr:count") or "").strip():
                    self.repeat_counts[where] = count
                yield from self._group(child, path, relevant, where)
            elif kind == "loop":
                yield from self._loop(child, path, relevant, repeat)
            elif kind in _GROUP_TYPES:
                yield from self._group(child, path, relevant, repeat)
            else:
                question = replace(self.question(child, path), repeat=repeat)
                if relevant:
                    question = replace(question, relevant=_both(relevant, question.relevant))
                yield question

    def _group(self, child: dict[str, Any], path: tuple[str, ...], relevant: str | None, repeat: str | None):
        name = child.get("name", "")
        if name == "meta" and child.get("control", {}).get("bodyless"):
            kept = [c for c in child.get("children", []) if c.get("name") not in _SUBMISSION_META]
            yield from self.walk(kept, (*path, name), relevant)
            return
        inner = _both(relevant, child.get("bind", {}).get("relevant"))
        if labels := _labels(child.get("label")):
            self.groups["/".join((*path, name))] = labels
        yield from self.walk(child.get("children", []), (*path, name), inner, repeat)

    def _loop(self, child: dict[str, Any], path: tuple[str, ...], relevant: str | None, repeat: str | None):
        """pyxform's ``begin loop over LIST``: the same questions once per choice of the list, each
        in a group named after the choice (as the XForm has them); names gain both prefixes so that
        they stay unique."""
        loop = child.get("name", "")
        inner = _both(relevant, child.get("bind", {}).get("relevant"))
        for column in child.get("columns", []):
            where = (*path, loop, column["name"])
            if labels := _labels(column.get("label")):
                self.groups["/".join(where)] = labels
            for question in self.walk(child.get("children", []), where, inner, repeat):
                yield replace(question, name=f"{loop}_{column['name']}_{question.name}")

    def question(self, child: dict[str, Any], path: tuple[str, ...]) -> Question:
        try:
            kind = kind_of(child)
        except Refused as exc:
            raise self.refusal(child, child.get("type", ""), str(exc)) from None
        choices, choice_file = self._choices(child)
        bind = child.get("bind", {})
        name = child["name"]
        return Question(
            name=name,
            type=kind.type,
            path="/".join((*path, name)),
            labels=_labels(child.get("label")),
            hints=_labels(child.get("hint") or kind.hint),
            required=str(bind.get("required", "")).lower() in ("yes", "true", "true()"),
            constraint=bind.get("constraint") or kind.constraint,
            constraint_message=_labels(bind.get("jr:constraintMsg")),
            relevant=bind.get("relevant") or None,
            calculation=bind.get("calculate") or None,
            list_name=child.get("list_name") or child.get("itemset"),
            choices=choices,
            source_type=str(child.get("type", "")),
            appearance=child.get("control", {}).get("appearance") or None,
            choice_filter=child.get("choice_filter") or None,
            choice_file=choice_file,
        )

    def _choices(self, child: dict[str, Any]) -> tuple[tuple[Choice, ...], str | None]:
        itemset = str(child.get("itemset") or "")
        if "choices" in child or not Path(itemset).suffix:
            return tuple(_choice(c) for c in child.get("choices", [])), None
        content = self.files.read(itemset)
        if content is None:
            raise self.refusal(child, child.get("type", ""), f"its choices are in '{itemset}'; put that "
                               "file beside the form (or attach it to the upload) and load again")  # fmt: skip
        try:
            return choices_from_file(itemset, content), itemset
        except ValueError as exc:
            raise self.refusal(child, child.get("type", ""), str(exc)) from None

    def refusal(self, child: dict[str, Any], kind: str, reason: str) -> FormError:
        name = child.get("name", "")
        row = self.rows.row_of(name)
        where = f"survey sheet, row {row}: " if row else ""
        return FormError(f"{self.source_name}: {where}{kind} '{name}': {reason}.")


def choices_from_file(name: str, content: bytes) -> tuple[Choice, ...]:
    """The choices of a select_one_from_file CSV: its ``name`` column, ``label`` (or ``label::lang``)."""
    import csv
    import io

    if Path(name).suffix.lower() != ".csv":
        raise ValueError(f"only CSV choice files are read, not '{name}'; save the choices as CSV")
    try:
        reader = csv.DictReader(io.StringIO(content.decode("utf-8-sig")))
        rows = list(reader)
    except (UnicodeDecodeError, csv.Error) as exc:
        raise ValueError(f"'{name}' is not a UTF-8 CSV file ({exc})") from exc
    if "name" not in (reader.fieldnames or ()):
        raise ValueError(f"'{name}' has no 'name' column; its first row must name the columns")
    choices = []
    for row in rows:
        labels = {
            (k.split("::", 1)[1] if "::" in k else "default"): v
            for k, v in row.items()
            if k and k.split("::")[0] == "label" and v
        }
        filters = {k: v for k, v in row.items() if k and not k.startswith(("name", "label")) and v}
        if row.get("name"):
            choices.append(Choice(name=row["name"].strip(), labels=labels, filters=filters))
    return tuple(choices)


def _choice(data: dict[str, Any]) -> Choice:
    filters = {
        str(k): str(v)
        for k, v in data.items()
        if k not in ("name", "label", "media", "sms_option") and not isinstance(v, dict)
    }
    return Choice(name=str(data["name"]), labels=_labels(data.get("label")), filters=filters)


def _both(outer: str | None, inner: str | None) -> str | None:
    if outer and inner:
        return f"({outer}) and ({inner})"
    return outer or inner


def _mark_or_other(questions: list[Question]) -> list[Question]:
    """Flag selects declared ``or_other``: pyxform adds an 'other' choice and a ``NAME_other`` text,
    whose English words are put into the form's languages (``forms.or_other``)."""
    names = {q.name: q for q in questions}
    for question in questions:
        companion = names.get(f"{question.name}_other")
        if (
            question.is_select
            and OTHER_CHOICE in question.choice_names()
            and companion is not None
            and f"'{OTHER_CHOICE}'" in (companion.relevant or "")
        ):
            select, names[companion.name] = in_form_languages(replace(question, or_other=True), companion)
            names[question.name] = select
    return [names[q.name] for q in questions]


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


_NAMED = re.compile(r"\b(?:named|element|question|name)\s+'([^']+)'")


def _with_row(text: str, rows: SurveyRows) -> str:
    """pyxform's messages that name a question but not its row get the row where it is."""
    for name in _NAMED.findall(text):
        if row := rows.row_of(name):
            return f"survey sheet, row {row}: {text}"
    return text


def _clean(message: str, rows: SurveyRows) -> str:
    """pyxform's message on one line, led by the sheet and row it is about."""
    text = " ".join(message.split())
    if text.startswith("This section has not been included"):
        # pyxform's legacy "include" type pulls in another form by name, which a single upload
        # cannot bring; pyxform's message names neither the row nor the way out.
        row = rows.row_of_type("include")
        where = f"survey sheet, row {row}: " if row else ""
        return (
            f"{where}type 'include' (pyxform's legacy inclusion of another form) is not supported; "
            "copy that form's rows into this survey sheet instead."
        )
    match = _ROW.match(text)
    if not match:
        return _with_row(text, rows)
    row, sheet, rest = match.groups()
    # pyxform's older messages omit the sheet; they are all raised while reading the survey sheet.
    return f"{sheet or 'survey'} sheet, row {row}: {rest[:1].upper()}{rest[1:]}"
