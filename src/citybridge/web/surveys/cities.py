"""A city as a survey's city list names it: for the cities people registered with, typed as they
were ("Guliston", "Бухоро"), the choice they stand for and its label in a reader's language."""

from __future__ import annotations

from citybridge.analysis.labels import choice_label
from citybridge.forms.scripts import to_uzbek_latin
from citybridge.web.surveys.analysis import survey_spec
from citybridge.web.surveys.models import Survey


class CityList:
    """The survey's list of cities. A registered name finds its choice by the choice name, any
    label, or a Cyrillic label in Latin letters ("Guliston" is Гулистон); a survey without a city
    question finds none, and names stay as registered."""

    def __init__(self, survey: Survey, language: str) -> None:
        form = survey.current_version().form()
        name = survey_spec(survey).city_question or "city"
        self.form, self.language = form, language
        self.question = form.question(name) if form.has_question(name) else None
        self.spellings: dict[str, str] = {}
        for choice in self.question.choices if self.question else ():
            for text in (choice.name, *choice.labels.values()):
                self.spellings.setdefault(text.casefold(), choice.name)
                self.spellings.setdefault(to_uzbek_latin(text).casefold(), choice.name)

    def choice(self, registered: str) -> str | None:
        """The choice name a registered city stands for, or None."""
        return self.spellings.get(registered.casefold())

    def label(self, choice: str) -> str:
        """The choice's label in the list's language."""
        return choice_label(self.form, self.question, choice, self.language) if self.question else choice

    def shown(self, registered: str) -> str:
        """A registered city as the list names it in its language; as registered when not listed."""
        choice = self.choice(registered)
        return self.label(choice) if choice else registered
