"""The form as a participant sees it: sections of questions in one language, answers and messages.

Everything a template needs is computed here, so that the template only lays it out.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import groupby

from django.utils.translation import gettext as _

from citybridge.forms.fill import (
    CONSTRAINT,
    NOT_APPLICABLE,
    REQUIRED,
    AnswerProblem,
    is_asked,
    referenced_questions,
)
from citybridge.forms.model import (
    DATE,
    DATETIME,
    DECIMAL,
    INTEGER,
    NOTE,
    OTHER_CHOICE,
    SELECT_MULTIPLE,
    SELECT_ONE,
    Choice,
    Form,
    Question,
)

# How each question type is asked: the widget the template draws.
WIDGETS = {
    SELECT_ONE: "radio",
    SELECT_MULTIPLE: "checkbox",
    INTEGER: "integer",
    DECIMAL: "decimal",
    DATE: "date",
    DATETIME: "datetime",
    NOTE: "note",
    "text": "text",
}


@dataclass
class ChoiceView:
    value: str
    label: str
    checked: bool


@dataclass
class QuestionView:
    name: str
    widget: str
    label: str
    hint: str
    required: bool
    value: str  # the answer given so far, as text
    choices: list[ChoiceView] = field(default_factory=list)
    condition: str = ""  # when the question applies, for readers without JavaScript
    errors: list[str] = field(default_factory=list)
    applies: bool = True


@dataclass
class Section:
    """The questions of one group path, shown as one fieldset."""

    path: str
    number: int
    questions: list[QuestionView]
    title: str = ""  # the group's label in the participant's language, if the form gives one


def sections(
    form: Form,
    language: str | None,
    answers: dict[str, str],
    applies: set[str],
    errors: dict[str, list[str]],
) -> list[Section]:
    """The shown questions (calculations are not shown) grouped by consecutive group path."""
    shown = [q for q in form.questions if is_asked(q) or q.type == NOTE]
    runs = [(path, list(run)) for path, run in groupby(shown, key=lambda q: q.path.rpartition("/")[0])]
    return [
        Section(
            path,
            number,
            [_view(form, q, language, answers, applies, errors) for q in run],
            form.group_label(path, language) or "",
        )
        for number, (path, run) in enumerate(runs, start=1)
    ]


# The words pyxform writes itself for an ``or_other`` select, in English whatever the form's
# languages: the page says them in the participant's language instead.
PYXFORM_OTHER, PYXFORM_SPECIFY = "Other", "Specify other."


def _view(form, question: Question, language, answers, applies, errors) -> QuestionView:
    value = answers.get(question.name, "")
    picked = set(value.split()) if question.type == SELECT_MULTIPLE else {value}
    return QuestionView(
        name=question.name,
        widget=WIDGETS[question.type],
        label=_label(form, question, language),
        hint=_pick(question.hints, language),
        required=question.required,
        value=value,
        choices=[
            ChoiceView(c.name, _choice_label(question, c, language), c.name in picked)
            for c in question.choices
        ],
        condition=_condition(form, question, language),
        errors=errors.get(question.name, []),
        applies=question.name in applies,
    )


def _label(form: Form, question: Question, language: str | None) -> str:
    label = question.label(language)
    select = question.name.removesuffix("_other")
    if label == PYXFORM_SPECIFY and select != question.name and form.has_question(select):
        return _("Specify other.") if form.question(select).or_other else label
    return label


def _choice_label(question: Question, choice: Choice, language: str | None) -> str:
    label = choice.label(language)
    if question.or_other and choice.name == OTHER_CHOICE and label == PYXFORM_OTHER:
        return _("Other")
    return label


def _pick(texts: dict[str, str], language: str | None) -> str:
    if not texts:
        return ""
    return texts.get(language or "", "") or texts.get("default", "") or next(iter(texts.values()))


def _condition(form: Form, question: Question, language: str | None) -> str:
    names = [
        n for n in referenced_questions(question.relevant) if n != question.name and form.has_question(n)
    ]
    if not names:
        return ""
    labels = ", ".join(f"“{form.question(n).label(language)}”" for n in names)
    return _("Answer only if it applies to you: it depends on your answer to %(questions)s.") % {
        "questions": labels
    }


def messages(form: Form, language: str | None, problems: list[AnswerProblem]) -> dict[str, list[str]]:
    """One message per problem, in the participant's language, by question name ("" for the form)."""
    found: dict[str, list[str]] = {}
    for problem in problems:
        key = problem.question or ""
        text = _message(form, language, problem)
        if text not in found.setdefault(key, []):
            found[key].append(text)
    return found


def _message(form: Form, language: str | None, problem: AnswerProblem) -> str:
    if problem.question is None:
        return _(
            "Something in your answers could not be read (%(reason)s). Please check them and send again."
        ) % {"reason": problem.problem.reason}
    question = form.question(problem.question)
    if problem.kind == REQUIRED:
        return _("This question needs an answer.")
    if problem.kind == CONSTRAINT:
        own = _pick(question.constraint_message, language)
        return own or _("This answer is not accepted for this question. Please check it.")
    if problem.kind == NOT_APPLICABLE:
        return _("This question does not apply given your other answers: leave it empty.")
    return _type_message(question)


def _type_message(question: Question) -> str:
    if question.type == INTEGER:
        return _("Write a whole number, for example 25.")
    if question.type == DECIMAL:
        return _("Write a number, for example 2.5.")
    if question.type == DATE:
        return _("Give a date as year-month-day, for example 2020-11-10.")
    if question.type == DATETIME:
        return _("Give a date and a time, for example 2020-11-10 09:30.")
    if question.type == SELECT_MULTIPLE:
        return _("Tick only options from the list.")
    return _("Choose one of the options from the list.")
