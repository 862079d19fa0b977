"""The form as a participant sees it: sections of questions in one language, answers and messages.

Everything a template needs is computed here, so that the template only lays it out.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import groupby

from django.utils.translation import gettext as _

from citybridge.forms.model import (
    ACKNOWLEDGE,
    BARCODE,
    DATE,
    DATETIME,
    DECIMAL,
    GEO_TYPES,
    INTEGER,
    MEDIA_TYPES,
    NOTE,
    OTHER_CHOICE,
    RANK,
    SELECT_MULTIPLE,
    SELECT_ONE,
    TIME,
    Choice,
    Form,
    Question,
)
from citybridge.submissions.choice_filters import allowed_choices, parse_filter
from citybridge.submissions.fill import (
    CONSTRAINT,
    NOT_APPLICABLE,
    REQUIRED,
    AnswerProblem,
    is_asked,
    referenced_questions,
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
    # Written as text, with a hint saying how (the page has no map, scanner or clock widget).
    TIME: "text",
    BARCODE: "text",
    RANK: "text",
    **dict.fromkeys(GEO_TYPES, "text"),
    ACKNOWLEDGE: "radio",
    # A file cannot be sent through this page: shown as a note saying so.
    **dict.fromkeys(MEDIA_TYPES, "note"),
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
    shown = _with_repeat_notes(
        form, [q for q in form.questions if is_asked(q) or q.type == NOTE or q.type in MEDIA_TYPES]
    )
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


def _offered(question: Question, answers: dict[str, str]) -> tuple[Choice, ...]:
    """A cascading select offers the choices its filter leaves for the answers given so far."""
    parsed = parse_filter(question.choice_filter or "")
    if parsed is None or not answers.get(parsed[1]):
        return _unique_choices(question.choices)
    allowed = set(allowed_choices(question, answers[parsed[1]]) or ())
    return _unique_choices(tuple(c for c in question.choices if c.name in allowed))


def _unique_choices(choices: tuple[Choice, ...]) -> tuple[Choice, ...]:
    """A cascade's list may hold one name under several parents (King county in two states): once."""
    return tuple({c.name: c for c in reversed(choices)}[name] for name in dict.fromkeys(c.name for c in choices))


def _with_repeat_notes(form: Form, shown: list[Question]) -> list[Question]:
    """A repeat's questions (asked once per instance) are not asked on this page: a note in their
    place says so, so that nobody thinks their answers were taken."""
    kept: list[Question] = []
    for question in shown:
        if question.repeat is None:
            kept.append(question)
        elif not any(q.name == f"repeat:{question.repeat}" for q in kept):
            title = form.group_label(question.repeat) or question.repeat
            text = _("The questions of “%(group)s” are asked once for each item; this page cannot take "
                     "them yet. Please answer them on paper or in the survey app.") % {"group": title}  # fmt: skip
            kept.append(Question(name=f"repeat:{question.repeat}", type=NOTE, path=question.path,
                                 labels={"default": text}))  # fmt: skip
    return kept


# The words pyxform writes itself for an ``or_other`` select, in English whatever the form's
# languages: the page says them in the participant's language instead.
PYXFORM_OTHER, PYXFORM_SPECIFY = "Other", "Specify other."


def _view(form, question: Question, language, answers, applies, errors) -> QuestionView:
    value = answers.get(question.name, "")
    picked = set(value.split()) if question.type == SELECT_MULTIPLE else {value}
    choices = (Choice("OK", {"default": _("OK")}),) if question.type == ACKNOWLEDGE else _offered(question, answers)
    return QuestionView(
        name=question.name,
        widget=WIDGETS[question.type],
        label=_label(form, question, language),
        hint=_pick(question.hints, language) or _how_to_answer(question, language),
        required=question.required,
        value=value,
        choices=[ChoiceView(c.name, _choice_label(question, c, language), c.name in picked) for c in choices],
        condition=_condition(form, question, language),
        errors=errors.get(question.name, []),
        applies=question.name in applies,
    )


def _how_to_answer(question: Question, language: str | None) -> str:
    """How to write an answer the page takes as text, for types that have no widget of their own."""
    if question.type in MEDIA_TYPES:
        return _("This question asks for a file, which this page cannot take: leave it for now.")
    if question.type == TIME:
        return _("Write a time as hours:minutes, for example 09:30.")
    if question.type in GEO_TYPES:
        point = _("Write latitude and longitude separated by a space, for example 41.31 69.28.")
        return point if question.type == "geopoint" else point + " " + _("Separate the points with ';'.")
    if question.type == RANK:
        names = ", ".join(c.label(language) for c in question.choices)
        return _("Write the options in your order, best first, separated by spaces: %(options)s.") % {
            "options": names
        }
    return ""


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
    if question.type in (TIME, RANK, *GEO_TYPES, ACKNOWLEDGE):
        return _how_to_answer(question, None) or _("Please check this answer.")
    return _("Choose one of the options from the list.")
