"""Uzbek in both its scripts: a form whose Uzbek is written in Cyrillic letters, offered in Latin too.

Uzbek is read in Latin letters by most people under forty and in Cyrillic by many of their
elders; a form author usually writes one. :func:`with_uzbek_latin` gives the form a second Uzbek
language, every text transliterated with alifbo (the same conversion as the reports' uz-Latn), so
a participant can pick either script. Answers do not change: choices keep their names.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import replace

from citybridge.forms.memo import per_form
from citybridge.forms.model import Choice, Form, Question

UZBEK_LATIN = "Uzbek Latin (uz-Latn)"
_UZBEK_KEY = re.compile(r"(^(uzbek|ўзбек|o[ʻ']?zbek)\b)|(\((uz|uz-cyrl)\)\s*$)", re.IGNORECASE)
_LATIN_KEY = re.compile(r"\(uz-latn\)\s*$", re.IGNORECASE)
_CYRILLIC = re.compile(r"[\u0400-\u04FF]")
_LATIN = re.compile(r"[A-Za-z\u02BB\u02BC]")


def mostly_cyrillic(texts: Iterable[str]) -> bool:
    """Whether ``texts`` hold more Cyrillic letters than Latin ones (which script a language is in)."""
    cyrillic = latin = 0
    for text in texts:
        cyrillic += len(_CYRILLIC.findall(text))
        latin += len(_LATIN.findall(text))
    return cyrillic > latin


def to_uzbek_latin(text: str) -> str:
    """Uzbek Cyrillic text in Latin letters (oʻ and gʻ written with U+2018); other text unchanged."""
    if not _CYRILLIC.search(text):
        return text
    import alifbo

    return alifbo.to_old_latin(alifbo.from_cyrillic(text).text).text.replace("\u02bb", "\u2018")


def with_uzbek_latin(form: Form) -> Form:
    """``form`` with :data:`UZBEK_LATIN` added after its Cyrillic Uzbek; the form itself when it
    has no Uzbek in Cyrillic letters, or has Uzbek in Latin letters already."""
    return per_form(form, "with_uzbek_latin", lambda: _with_latin(form))


def _with_latin(form: Form) -> Form:
    if any(_LATIN_KEY.search(key) for key in form.languages):
        return form
    cyrillic = [
        key
        for key in form.languages
        if _UZBEK_KEY.search(key) and mostly_cyrillic(q.labels.get(key, "") for q in form.questions)
    ]
    if len(cyrillic) != 1:
        return form
    source = cyrillic[0]
    at = form.languages.index(source) + 1
    return replace(
        form,
        languages=(*form.languages[:at], UZBEK_LATIN, *form.languages[at:]),
        questions=tuple(_question(q, source) for q in form.questions),
        group_labels={path: _added(labels, source) for path, labels in form.group_labels.items()},
    )


def _question(question: Question, source: str) -> Question:
    return replace(
        question,
        labels=_added(question.labels, source),
        hints=_added(question.hints, source),
        constraint_message=_added(question.constraint_message, source),
        choices=tuple(Choice(c.name, _added(c.labels, source)) for c in question.choices),
    )


def _added(texts: dict[str, str], source: str) -> dict[str, str]:
    if source not in texts:
        return texts
    return {**texts, UZBEK_LATIN: to_uzbek_latin(texts[source])}
