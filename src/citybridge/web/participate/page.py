"""The form as a participant sees it: sections of questions in one language, answers and messages.

Everything a template needs is computed here, so that the template only lays it out.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
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
from citybridge.submissions.fill import (
    CONSTRAINT,
    NOT_APPLICABLE,
    REQUIRED,
    AnswerProblem,
    is_asked,
    offered_choices,
    referenced_questions,
)
from citybridge.submissions.linked import table_name
from citybridge.submissions.repeat_fill import (
    Instance,
    count_of,
    field_name,
    fresh_instances,
    inner_repeats,
    instance_applies,
    instance_form,
    question_of_field,
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
class InstanceView:
    """One instance of a repeat: its questions and the repeats inside it, in form order."""

    key: str
    number: str  # "2"; a placeholder in a template that the page's script numbers
    title: str
    items: list  # QuestionView | RepeatView
    removable: bool


@dataclass
class RepeatView:
    """A repeat where it stands in the form: its instances, and how to add one."""

    name: str  # the page id of this place of the repeat
    label: str
    instances: list[InstanceView]
    add: str = ""  # the add button's value ("" for a counted repeat: the form sets how many)
    template: InstanceView | None = None  # what the page's script copies to add an instance
    count_note: str = ""
    widget: str = "repeat"


@dataclass
class Section:
    """The questions of one group path, shown as one fieldset."""

    path: str
    number: int
    questions: list  # QuestionView | RepeatView
    title: str = ""  # the group's label in the participant's language, if the form gives one

    def all_questions(self) -> list[QuestionView]:
        """Every question of the section, those in repeat instances too, in page order."""
        return list(_flat(self.questions))


def _flat(items: list):
    for item in items:
        if isinstance(item, RepeatView):
            for instance in item.instances:
                yield from _flat(instance.items)
        else:
            yield item


@dataclass
class _Page:
    """What every view of one page shares."""

    form: Form
    language: str | None
    errors: dict[str, list[str]]
    instances: list[Instance]
    shown: list[Question]
    answers: dict[str, str]  # the submission's own: what a rule inside an instance may read


def sections(
    form: Form,
    language: str | None,
    answers: dict[str, str],
    applies: set[str],
    errors: dict[str, list[str]],
    instances: list[Instance] | None = None,
) -> list[Section]:
    """The shown questions (calculations are not shown) grouped by consecutive group path; a
    repeat stands where its first question is, with its ``instances``."""
    shown = [q for q in form.questions if is_asked(q) or q.type == NOTE or q.type in MEDIA_TYPES]
    page = _Page(form, language, errors, instances or [], shown, answers)
    items = _items(form, None, shown)
    runs = [(path, list(run)) for path, run in groupby(items, key=_item_path)]
    return [
        Section(
            path,
            number,
            [_item_view(page, item, None, answers, applies) for item in run],
            form.group_label(path, language) or "",
        )
        for number, (path, run) in enumerate(runs, start=1)
    ]


def _item_path(item: Question | str) -> str:
    return item if isinstance(item, str) else item.path.rpartition("/")[0]


def _items(form: Form, repeat: str | None, shown: list[Question]) -> list[Question | str]:
    """The questions directly in ``repeat`` (None: outside every repeat) and the paths of the
    repeats directly inside it, in form order."""
    items: list[Question | str] = []
    for question in shown:
        if question.repeat == repeat:
            items.append(question)
            continue
        inner = question.repeat
        while inner is not None and form.parent_repeat(inner) != repeat:
            inner = form.parent_repeat(inner)
        if inner is not None and (repeat is None or inner.startswith(repeat + "/")) and inner not in items:
            items.append(inner)
    return items


def _item_view(page: _Page, item: Question | str, parent: Instance | None, answers, applies):
    if isinstance(item, str):
        return _repeat_view(page, item, parent.key if parent else "")
    if parent is None:
        return _view(page.form, item, page.language, answers, applies, page.errors)
    inside = instance_form(page.form, parent.repeat)
    view = _view(inside, inside.question(item.name), page.language, {**page.answers, **answers}, applies, {})
    name = field_name(parent.key, item.name)
    return replace(view, name=name, errors=page.errors.get(name, []))


def _repeat_view(page: _Page, repeat: str, parent: str) -> RepeatView:
    form, counted = page.form, repeat in page.form.repeat_counts
    label = form.group_label(repeat, page.language) or table_name(repeat)
    mine = [i for i in page.instances if i.repeat == repeat and i.parent == parent]
    views = [_instance_view(page, i, label, str(n), not counted) for n, i in enumerate(mine, start=1)]
    view = RepeatView(repeat_id(parent, repeat), label, views)
    if counted:
        view.count_note = _("“%(group)s” is asked as many times as your other answers say.") % {
            "group": label
        }
    else:
        view.add = f"{parent}|{repeat}"
    # What the page's script copies: to add an instance, or to follow a count as it changes.
    placeholder = "/".join(filter(None, (parent, f"{table_name(repeat)}[__{form.repeats.index(repeat)}__]")))
    template = Instance(repeat, placeholder)
    inner = fresh_instances(form, placeholder, inner_repeats(form, repeat))
    copy = replace(page, instances=[*page.instances, template, *inner], errors={})
    view.template = _instance_view(copy, template, label, "", not counted)
    return view


def repeat_id(parent: str, repeat: str) -> str:
    """The page id of ``repeat`` inside the instance ``parent`` ("" at the top)."""
    return f"r-{parent}|{repeat}"


def counts_now(form: Form, answers: dict[str, str], instances: list[Instance]) -> list[tuple[str, int]]:
    """(page id, number of instances) of every counted repeat, for the page's script to follow as
    the answers its ``repeat_count`` reads change."""
    found = []
    for repeat, expression in form.repeat_counts.items():
        outer = form.parent_repeat(repeat)
        parents = [""] if outer is None else [i.key for i in instances if i.repeat == outer]
        found += [(repeat_id(parent, repeat), count_of(form, answers, expression)) for parent in parents]
    return found


def _instance_view(page: _Page, instance: Instance, label: str, number: str, removable: bool) -> InstanceView:
    applies = instance_applies(page.form, instance, page.answers)
    items = [
        _item_view(page, item, instance, instance.answers, applies)
        for item in _items(page.form, instance.repeat, page.shown)
    ]
    return InstanceView(instance.key, number, label, items, removable)


def _offered(form: Form, question: Question, answers: dict[str, str]) -> tuple[Choice, ...]:
    """A cascading select offers the choices its filter leaves for the answers given so far."""
    allowed = offered_choices(form, question, answers)
    return _unique_choices(tuple(c for c in question.choices if allowed is None or c.name in allowed))


def offered_now(
    form: Form, answers: dict[str, str], instances: list[Instance]
) -> list[tuple[str, list[str]]]:
    """(page field, the choice names it offers) for every cascading select, those inside repeat
    instances too: what the page's script shows as the participant picks."""
    found = [(q.name, q) for q in form.questions if q.choice_filter and q.repeat is None]
    lists = [(name, [c.name for c in _offered(form, q, answers)]) for name, q in found]
    for instance in instances:
        inside = form.repeat_form(instance.repeat)
        for q in inside.questions:
            if q.choice_filter:
                lists.append(
                    (
                        field_name(instance.key, q.name),
                        [c.name for c in _offered(inside, q, instance.answers)],
                    )
                )
    return lists


def _unique_choices(choices: tuple[Choice, ...]) -> tuple[Choice, ...]:
    """A cascade's list may hold one name under several parents (King county in two states): once."""
    return tuple(
        {c.name: c for c in reversed(choices)}[name] for name in dict.fromkeys(c.name for c in choices)
    )


# The words pyxform writes itself for an ``or_other`` select, in English whatever the form's
# languages: the page says them in the participant's language instead.
PYXFORM_OTHER, PYXFORM_SPECIFY = "Other", "Specify other."


def _view(form, question: Question, language, answers, applies, errors) -> QuestionView:
    value = answers.get(question.name, "")
    picked = set(value.split()) if question.type == SELECT_MULTIPLE else {value}
    choices = (
        (Choice("OK", {"default": _("OK")}),)
        if question.type == ACKNOWLEDGE
        else _offered(form, question, answers)
    )
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
    question = form.question(question_of_field(problem.question))
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
