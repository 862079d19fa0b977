"""Question and choice labels in the report's language, from the form's own translations.

Report languages are BCP 47 tags (en, ru, uz-Latn, uz-Cyrl, zh); XLSForm languages are written
``English (en)``. A report in uz-Latn uses the form's ``(uz-Latn)`` labels, else its ``(uz)``
ones, else the form's default language. Uzbek forms are often written in one script only: a
uz-Latn report of a Cyrillic-only form gets its labels transliterated (alifbo), and the other
way round.
"""

from __future__ import annotations

from citybridge.forms.model import Form, Question
from citybridge.forms.scripts import to_uzbek_latin


def form_language(form: Form, language: str | None) -> str | None:
    """The form's language key that best serves ``language``."""
    if not language:
        return form.default_language
    wanted = [language, language.split("-")[0]]
    for code in wanted:
        for key in form.languages:
            if key.endswith(f"({code})") or key.lower() == code.lower():
                return key
    return form.default_language


def question_label(form: Form, question: Question, language: str | None) -> str:
    return in_script(question.label(form_language(form, language)), language)


def choice_label(form: Form, question: Question, value: str, language: str | None) -> str:
    key = form_language(form, language)
    for choice in question.choices:
        if choice.name == value:
            return in_script(choice.label(key), language)
    return value


def in_script(text: str, language: str | None) -> str:
    """Uzbek Cyrillic text in Latin script when ``language`` is uz-Latn; other text unchanged."""
    # The report's Uzbek Latin writes o‘ and g‘ with U+2018, as its catalogue does.
    return to_uzbek_latin(text) if language == "uz-Latn" else text
