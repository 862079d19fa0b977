"""What an organiser reads of a form before adding it and on a survey's page: every question with
its type, label (in the page's language when the form has it), required, relevant and choices."""

from __future__ import annotations

import re
from dataclasses import dataclass

from citybridge.forms import Form

_CODE = re.compile(r"\(([^)]+)\)\s*$")


@dataclass(frozen=True)
class QuestionRow:
    path: str
    type: str
    label: str
    hint: str
    required: bool
    relevant: str | None
    constraint: str | None
    calculation: str | None
    list_name: str | None
    or_other: bool
    choices: list[tuple[str, str]]


def form_language(form: Form, ui_language: str | None) -> str | None:
    """The form's language heading (e.g. 'Russian (ru)') that matches the page's language code
    ('ru', 'uz-cyrl', 'zh-hans'), or None to use the form's default."""
    if not ui_language:
        return None
    wanted = [ui_language.lower(), ui_language.lower().split("-")[0]]
    codes = {}
    for heading in form.languages:
        match = _CODE.search(heading)
        codes[(match.group(1) if match else heading).lower()] = heading
    return next((codes[code] for code in wanted if code in codes), None)


def question_rows(form: Form, language: str | None = None) -> list[QuestionRow]:
    return [
        QuestionRow(
            path=q.path,
            type=q.type,
            label=q.label(language),
            hint=_hint(q.hints, language),
            required=q.required,
            relevant=q.relevant,
            constraint=q.constraint,
            calculation=q.calculation,
            list_name=q.list_name,
            or_other=q.or_other,
            choices=[(c.name, c.label(language)) for c in q.choices],
        )
        for q in form.questions
    ]


def _hint(hints: dict[str, str], language: str | None) -> str:
    if language and language in hints:
        return hints[language]
    return hints.get("default") or next(iter(hints.values()), "")
