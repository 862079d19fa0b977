"""Filling a form's repeats on a web page: the instances a person added, their answers, and the
linked tables (``citybridge.submissions.linked``) that the validator and the store take.

Each instance is known by its place, numbered as ODK Central keys it: ``member[2]`` or
``member[2]/trip[1]`` (the submission's instance id goes in front when it is stored). A page
posts one ``repeat_instance`` field per instance shown and its answers as ``KEY/question``, so the
page works without JavaScript: adding or removing an instance is a submit that re-renders the page
with every answer kept. Instances are numbered again in the order posted, so a page (or its
script) may leave gaps and use any numbers.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace

import polars as pl

from citybridge.forms.memo import per_form
from citybridge.forms.model import SELECT_MULTIPLE, Form, Question
from citybridge.submissions.batch import INSTANCE_ID, ROW, SUBMITTED_AT, RawBatch
from citybridge.submissions.fill import (
    AnswerProblem,
    Answers,
    answer_problems,
    answers_from_fields,
    applicable,
    evaluate,
    kept_answers,
)
from citybridge.submissions.linked import PARENT_KEY, LinkedBatch, LinkedValidated, table_name
from citybridge.submissions.sources import from_payloads
from citybridge.submissions.validate import Validated, validate

INSTANCE_FIELD = "repeat_instance"  # one per instance shown: its key
ADD_FIELD = "add_instance"  # "PARENT_KEY|REPEAT_PATH": one more instance there
REMOVE_FIELD = "remove_instance"  # the key of the instance to remove (and those inside it)
MAX_INSTANCES = 50  # a repeat_count larger than this is taken as this: a page, not a census
# The most instances (of all repeats together) one page is sized for: the bound on how many fields
# it may post (page_field_bound). Ten households of fifty members is more than a form page holds.
MAX_PAGE_INSTANCES = 500
PAGE_OWN_FIELDS = 16  # the page's own fields (instance id, language, buttons, CSRF token), with room
_STEP = re.compile(r"^([A-Za-z_][\w.-]*)\[(\d+)\]$")


@dataclass(frozen=True)
class Instance:
    """One instance of a repeat as the person filled it."""

    repeat: str  # the repeat's path in the form ("member", "member/trip")
    key: str  # its place: "member[2]", "member[2]/trip[1]"
    answers: Answers = field(default_factory=dict)

    @property
    def parent(self) -> str:
        """The key of the instance it is in, "" for one of a top-level repeat."""
        return self.key.rpartition("/")[0]


def page_field_bound(form: Form) -> int:
    """The most fields a page of ``form`` posts with MAX_PAGE_INSTANCES instances of its largest
    repeat: the protection against a flood of fields, sized for the form instead of a fixed 1,000."""
    per_instance = {repeat: 1 for repeat in form.repeats}  # its repeat_instance field
    top = PAGE_OWN_FIELDS
    for question in (q for q in form.questions if q.takes_answer):
        fields = _fields_of(question)
        if question.repeat is None:
            top += fields
        else:
            per_instance[question.repeat] += fields
    return top + MAX_PAGE_INSTANCES * max(per_instance.values(), default=0)


def _fields_of(question: Question) -> int:
    """How many fields a question may post: one per choice of a select_multiple ("other" is a
    choice of its own, and its text a question of its own), one otherwise."""
    return len(question.choices) if question.type == SELECT_MULTIPLE else 1


def field_name(key: str, question: str) -> str:
    """The page field of ``question`` in the instance ``key``."""
    return f"{key}/{question}"


def question_of_field(name: str) -> str:
    """The question a page field answers (``member[2]/age`` -> ``age``)."""
    return name.rpartition("/")[2]


def inner_repeats(form: Form, repeat: str | None) -> list[str]:
    """The repeats directly inside ``repeat`` (None: the top-level repeats), in form order."""
    return [r for r in form.repeats if form.parent_repeat(r) == repeat]


def repeat_of_key(form: Form, key: str) -> str | None:
    """The repeat whose instance ``key`` names, None if the form has no such repeat."""
    steps = [_STEP.match(step) for step in key.split("/")]
    if not key or not all(steps):
        return None
    tails = [step.group(1) for step in steps if step]
    for repeat in form.repeats:
        if _tails(form, repeat) == tails:
            return repeat
    return None


def _tails(form: Form, repeat: str) -> list[str]:
    chain = [repeat]
    while (outer := form.parent_repeat(chain[0])) is not None:
        chain.insert(0, outer)
    return [table_name(r) for r in chain]


def instances_from_fields(
    form: Form, fields: Mapping[str, Iterable[str]], *, number_again: bool = True
) -> list[Instance]:
    """The instances a page posted, with their answers, numbered again in the order posted (unless
    ``number_again`` is false: the page's own keys); an instance whose outer instance was not
    posted (or a key the form has no repeat for) is left out."""
    found = []
    for key in dict.fromkeys(fields.get(INSTANCE_FIELD, ())):
        repeat = repeat_of_key(form, key)
        if repeat is None:
            continue
        own = {name[len(key) + 1 :]: values for name, values in fields.items() if name.startswith(key + "/")}
        found.append(Instance(repeat, key, answers_from_fields(form.repeat_form(repeat), own)))
    keys = {i.key for i in found}
    found = [i for i in found if all(p in keys for p in _outer_keys(i.key))]
    return renumbered(form, found) if number_again else found


def _outer_keys(key: str) -> list[str]:
    steps = key.split("/")
    return ["/".join(steps[:n]) for n in range(1, len(steps))]


def renumbered(form: Form, instances: list[Instance]) -> list[Instance]:
    """The instances numbered 1, 2, 3... under each parent, outer ones first, in the order given."""
    new_keys: dict[str, str] = {"": ""}
    counts: dict[tuple[str, str], int] = {}
    kept = []
    for instance in sorted(instances, key=lambda i: i.key.count("/")):
        parent = new_keys.get(instance.parent)
        if parent is None:
            continue
        number = counts[parent, instance.repeat] = counts.get((parent, instance.repeat), 0) + 1
        key = "/".join(filter(None, (parent, f"{table_name(instance.repeat)}[{number}]")))
        new_keys[instance.key] = key
        kept.append(replace(instance, key=key))
    return kept


def started(form: Form, answers: Mapping[str, str]) -> list[Instance]:
    """The instances a new page shows: one of each top-level repeat (and of the repeats inside
    it), or as many as its ``repeat_count`` says."""
    return with_counts(form, answers, fresh_instances(form, "", inner_repeats(form, None)))


def fresh_instances(form: Form, parent: str, repeats: list[str], number: int = 1) -> list[Instance]:
    """A new instance (numbered ``number``) of each of ``repeats`` under ``parent``, with one of
    each uncounted repeat inside it, as Enketo starts a repeat."""
    made = []
    for repeat in repeats:
        if repeat in form.repeat_counts:
            continue  # with_counts makes them
        key = "/".join(filter(None, (parent, f"{table_name(repeat)}[{number}]")))
        inner = inner_repeats(form, repeat)
        made += [Instance(repeat, key), *fresh_instances(form, key, inner)]
    return made


def added(form: Form, instances: list[Instance], where: str) -> list[Instance]:
    """One more instance at ``where`` ("PARENT_KEY|REPEAT_PATH", as the page's add button says)."""
    parent, _, repeat = where.partition("|")
    if repeat not in form.repeats or repeat in form.repeat_counts:
        return instances
    if parent and not any(i.key == parent for i in instances):
        return instances
    number = 1 + sum(1 for i in instances if i.repeat == repeat and i.parent == parent)
    return renumbered(form, [*instances, *fresh_instances(form, parent, [repeat], number)])


def removed(form: Form, instances: list[Instance], key: str) -> list[Instance]:
    """The instances without ``key`` and those inside it (an instance of a counted repeat stays)."""
    target = next((i for i in instances if i.key == key), None)
    if target is None or target.repeat in form.repeat_counts:
        return instances
    return renumbered(form, [i for i in instances if i.key != key and not i.key.startswith(key + "/")])


def with_counts(form: Form, answers: Mapping[str, str], instances: list[Instance]) -> list[Instance]:
    """The instances with as many of each counted repeat as its ``repeat_count`` says now."""
    result = list(instances)
    for repeat, expression in form.repeat_counts.items():
        outer = form.parent_repeat(repeat)
        parents = [""] if outer is None else [i.key for i in result if i.repeat == outer]
        for parent in parents:
            wanted = count_of(form, answers, expression)
            mine = [i for i in result if i.repeat == repeat and i.parent == parent]
            extra = {i.key for i in mine[wanted:]}
            result = [i for i in result if not any(i.key == k or i.key.startswith(k + "/") for k in extra)]
            inner = inner_repeats(form, repeat)
            for number in range(len(mine) + 1, wanted + 1):
                key = "/".join(filter(None, (parent, f"{table_name(repeat)}[{number}]")))
                result += [Instance(repeat, key), *fresh_instances(form, key, inner)]
    return renumbered(form, result)


def count_of(form: Form, answers: Mapping[str, str], expression: str) -> int:
    """A repeat_count's value for ``answers``: a whole number from 0 to MAX_INSTANCES (0 when the
    answer it depends on is missing, not a number, or the rule is one citybridge cannot read)."""
    value = expression.strip() if expression.strip().isdigit() else evaluate(form, answers, expression)
    try:
        return max(0, min(MAX_INSTANCES, int(float(value or 0))))
    except ValueError:
        return 0


def instance_form(form: Form, repeat: str) -> Form:
    """The questions of ``repeat`` with the submission's own answer questions in front, as context:
    a rule inside an instance may read an answer outside it (a group's ``relevant`` around the
    repeat, ``${country}``). The context questions carry no rule of their own, so they are only
    read, never checked again per instance."""

    def build() -> Form:
        inside = form.repeat_form(repeat)
        context = tuple(
            replace(q, required=False, constraint=None, relevant=None, choice_filter=None, calculation=None)
            for q in form.answer_questions
        )
        return replace(inside, questions=context + inside.questions)

    return per_form(form, ("repeat_fill.instance_form", repeat), build)


def instance_applies(form: Form, instance: Instance, answers: Mapping[str, str]) -> set[str]:
    """The names of the questions of ``instance`` that apply given its answers and the
    submission's ``answers``."""
    inside = instance_form(form, instance.repeat)
    return applicable(inside, {**kept_answers(form, answers), **instance.answers})


def instance_answers(form: Form, instance: Instance, answers: Mapping[str, str]) -> Answers:
    """The answers of ``instance`` to keep (those of its questions that apply)."""
    inside = instance_form(form, instance.repeat)
    own = {q.name for q in form.questions if q.repeat == instance.repeat}
    kept = kept_answers(inside, {**kept_answers(form, answers), **instance.answers})
    return {name: value for name, value in kept.items() if name in own}


def linked_answers(
    form: Form, payload: dict, instances: list[Instance], *, source: str
) -> tuple[LinkedBatch, dict[tuple[str, int], str]]:
    """The submission ``payload`` and its instances as linked tables, and each instance's key by
    (table source, row): what ``linked_problems`` needs to put a problem next to its answer."""
    main = from_payloads(form, [(1, payload)], source=source)
    context = payload["answers"]
    children: dict[str, RawBatch] = {}
    keys: dict[tuple[str, int], str] = {}
    submission = payload["instance_id"]
    for repeat in form.repeats:
        mine = [i for i in instances if i.repeat == repeat]
        if not mine:
            continue
        inside = instance_form(form, repeat)
        table = f"{source} ({table_name(repeat)})"
        rows = [(n, {"instance_id": f"{submission}/{i.key}",
                     "answers": {**context, **instance_answers(form, i, context)}})
                for n, i in enumerate(mine, start=1)]  # fmt: skip
        batch = from_payloads(inside, rows, source=table)
        parents = pl.Series(PARENT_KEY, ["/".join(filter(None, (submission, i.parent))) for i in mine])
        frame = batch.frame.with_columns(parents)
        children[repeat] = replace(batch, frame=frame, headers=batch.headers | {PARENT_KEY: "PARENT_KEY"})
        keys |= {(table, n): i.key for n, i in enumerate(mine, start=1)}
    return LinkedBatch(main, children), keys


def validate_instances(form: Form, linked: LinkedBatch) -> LinkedValidated:
    """The submission and each instance checked (an instance with the submission's answers as
    context, see :func:`instance_form`); the valid instances keep only their own answers, under
    their parent's key, as ``web.repeats.store.store_instances`` takes them."""
    main = validate(form, linked.main)
    problems = list(main.problems)
    children = {}
    for repeat, batch in linked.children.items():
        result = validate(instance_form(form, repeat), batch)
        own = form.repeat_form(repeat)
        names = [q.name for q in own.answer_questions if q.name in result.frame.columns]
        frame = result.frame.join(batch.frame.select(ROW, PARENT_KEY), on=ROW, how="left")
        frame = frame.select(ROW, INSTANCE_ID, SUBMITTED_AT, PARENT_KEY, *names)
        children[repeat] = Validated(
            own, result.source, frame, result.rejected, result.problems, result.unchecked
        )
        problems += result.problems
    return LinkedValidated(main, children, problems)


def linked_problems(
    form: Form, result: LinkedValidated, keys: dict[tuple[str, int], str]
) -> list[AnswerProblem]:
    """The validator's problems, each tied to its page field (``member[2]/age`` for an instance's)."""
    found = []
    for problem in result.problems:
        key = keys.get((problem.source, problem.row or 0))
        if key is None:
            found += answer_problems(form, [problem])
            continue
        repeat = repeat_of_key(form, key) or ""
        own = {q.name for q in form.questions if q.repeat == repeat}
        for answered in answer_problems(instance_form(form, repeat), [problem]):
            if answered.question and answered.question not in own:
                continue  # an answer outside the instance, read as context: the submission's own problem
            name = field_name(key, answered.question) if answered.question else None
            found.append(replace(answered, question=name))
    return found
