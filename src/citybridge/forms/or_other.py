"""The words pyxform writes itself for an ``or_other`` select — the choice "Other" and the question
"Specify other." — in English whatever the form's languages. A form that speaks Russian, Uzbek or
Chinese gets them in its own languages here, once, so the participant page, the analysis and the
reports all read them as the form's other labels."""

from __future__ import annotations

import re
from dataclasses import replace

from citybridge.forms.model import Choice, Question
from citybridge.forms.scripts import mostly_cyrillic

PYXFORM_OTHER, PYXFORM_SPECIFY = "Other", "Specify other."

# (choice, question) per language; Uzbek in the script the form writes its Uzbek in.
_WORDS = {
    "ru": ("Другое", "Уточните, что именно."),
    "uz-Latn": ("Boshqa", "Boshqasini aniqlashtiring."),
    "uz-Cyrl": ("Бошқа", "Бошқасини аниқлаштиринг."),
    "zh": ("其他", "请具体说明。"),
}
_CODE = re.compile(r"\(([A-Za-z]{2,3}(?:-[A-Za-z]+)?)\)\s*$")


def in_form_languages(select: Question, companion: Question) -> tuple[Question, Question]:
    """``select``'s "Other" choice and ``companion``'s "Specify other." label in each language of
    ``select`` where pyxform left the English words."""
    words = {key: _words(key, select) for key in select.labels}
    words = {key: found for key, found in words.items() if found}
    if not words:
        return select, companion
    choices = tuple(_other_choice(c, words) if c.name == "other" else c for c in select.choices)
    labels = dict(companion.labels)
    for key, (_, specify) in words.items():
        if labels.get(key, labels.get("default")) == PYXFORM_SPECIFY:
            labels[key] = specify
    return replace(select, choices=choices), replace(companion, labels=labels)


def _other_choice(choice: Choice, words: dict[str, tuple[str, str]]) -> Choice:
    labels = dict(choice.labels)
    for key, (other, _) in words.items():
        if labels.get(key, labels.get("default")) == PYXFORM_OTHER:
            labels[key] = other
    return replace(choice, labels=labels)


def _words(key: str, select: Question) -> tuple[str, str] | None:
    found = _CODE.search(key)
    code = found.group(1) if found else ""
    if code.lower().startswith("uz"):
        cyrillic = code.lower() == "uz-cyrl" or (code.lower() == "uz" and mostly_cyrillic([select.labels[key]]))
        return _WORDS["uz-Cyrl" if cyrillic else "uz-Latn"]
    return _WORDS.get(code.split("-")[0].lower())
