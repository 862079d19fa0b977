"""Matching the column headers of an export to the questions of a form.

Survey tools name columns differently: KoboToolbox by group path (``grp/q``) or by label, ODK
Central by path joined with ``-``, Google Forms and SurveyMonkey by the question's label in
whatever language the form was shown in. A header is matched, case and spacing aside, against all
of these, in every language of the form.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from citybridge.forms.model import SELECT_MULTIPLE, Form, Question

_SPACES = re.compile(r"\s+")


def normalise(header: str) -> str:
    return _SPACES.sub(" ", header.replace("\u00a0", " ")).strip().casefold()


@dataclass(frozen=True)
class Match:
    """A header matched to a question, or to one option of a split select_multiple."""

    question: Question
    choice: str | None = None  # set for a 0/1 column of one option


class HeaderIndex:
    """Every way a header may name a question (or an option column) of ``form``."""

    def __init__(self, form: Form) -> None:
        self.form = form
        self._keys: dict[str, Match] = {}
        for question in form.answer_questions:
            for key in _question_keys(question):
                self._keys.setdefault(key, Match(question))
        for question in form.answer_questions:
            if question.type != SELECT_MULTIPLE:
                continue
            for key in _question_keys(question):
                for choice in question.choices:
                    for option in (choice.name, *choice.labels.values()):
                        for joiner in ("/", "-", ".", " - ", ": "):
                            self._keys.setdefault(
                                normalise(f"{key}{joiner}{option}"),
                                Match(question, choice.name),
                            )

    def match(self, header: str) -> Match | None:
        key = normalise(header)
        if key in self._keys:
            return self._keys[key]
        # Google Forms appends "[option]" to grid rows; labels may end in a colon or an asterisk.
        trimmed = normalise(key.rstrip(":*").strip())
        return self._keys.get(trimmed)


def _question_keys(question: Question) -> list[str]:
    path = question.path
    keys = [
        question.name,
        path,
        path.replace("/", "-"),
        path.replace("/", "."),
        path.replace("/", ":"),
    ]
    keys += list(question.labels.values())
    return [normalise(k) for k in keys if k]
