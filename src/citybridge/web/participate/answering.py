"""Storing one filled form from a survey link, once, through the same checks as every submission.

The answers go the way of every submission (``from_payloads`` then ``store.store_batches``, as
the API's intake and the imports), so the web form can store nothing the validator would refuse; only the answers of questions that apply are sent. A personal
link is claimed in the same transaction as the store, so two tabs of one participant cannot both
answer, and a refused answer leaves the link unanswered.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone

from citybridge.forms.model import Form
from citybridge.submissions.fill import REQUIRED, AnswerProblem, answer_problems, kept_answers
from citybridge.submissions.linked import LinkedValidated
from citybridge.submissions.repeat_fill import Instance, linked_answers, linked_problems, validate_instances
from citybridge.submissions.sources import from_payloads
from citybridge.submissions.validate import validate
from citybridge.web.errors import ImportRejected
from citybridge.web.participate.models import SurveyLink
from citybridge.web.repeats.store import store_instances
from citybridge.web.surveys.models import Submission
from citybridge.web.surveys.store import store_batches

SOURCE_NAME = "web form"


@dataclass
class Outcome:
    """What became of a filled form: stored (new or already), refused with problems, or the
    personal link was answered already with another form."""

    stored: bool = False
    new: bool = False
    already_answered: bool = False
    problems: list[AnswerProblem] = field(default_factory=list)


class _AlreadyAnswered(Exception):
    pass


def instance_id(posted: str | None) -> str:
    """The form's instance id: the posted one if it is a uuid (a re-sent form), else a new one."""
    try:
        return str(uuid.UUID(posted or ""))
    except ValueError:
        return str(uuid.uuid4())


def answer(
    link: SurveyLink, answers: dict[str, str], instance: str, instances: list[Instance] | None = None
) -> Outcome:
    """Validate and store ``answers`` given through ``link`` as submission ``instance``, with the
    ``instances`` of its repeats as child records (citybridge.submissions.repeat_fill)."""
    version = link.survey.current_version()
    form = version.form()
    payload = {
        "instance_id": instance,
        "submitted_at": timezone.now().isoformat(),
        "answers": kept_answers(form, answers),
    }
    batch = from_payloads(form, [(1, payload)], source=SOURCE_NAME)
    repeats: LinkedValidated | None = None
    if form.repeats:
        # Every instance checked before anything is written: a refused one keeps the page open.
        linked, keys = linked_answers(form, payload, instances or [], source=SOURCE_NAME)
        repeats = validate_instances(form, linked)
        if repeats.problems:
            return Outcome(problems=linked_problems(form, repeats, keys))
    try:
        with transaction.atomic():
            if link.is_personal and not _claim(link, instance):
                raise _AlreadyAnswered
            report = store_batches(
                link.survey, version, [batch], source=Submission.Source.WEB, one_by_one=True
            )
            if repeats is not None:
                store_instances(link.survey, form, repeats)
    except _AlreadyAnswered:
        return Outcome(already_answered=True)
    except ImportRejected as rejected:
        return Outcome(problems=answer_problems(form, rejected.problems))
    return Outcome(stored=True, new=bool(report.new))


def problems_so_far(
    form: Form, answers: dict[str, str], instances: list[Instance] | None = None
) -> list[AnswerProblem]:
    """What the validator would refuse in ``answers`` (and in the repeat ``instances``) now, bar
    the questions not answered yet: the same checks (the form's own constraints and types) as
    :func:`answer`, while the participant types."""
    payload = {"instance_id": instance_id(None), "answers": kept_answers(form, answers)}
    if form.repeats:
        linked, keys = linked_answers(form, payload, instances or [], source=SOURCE_NAME)
        found = linked_problems(form, validate_instances(form, linked), keys)
    else:
        batch = from_payloads(form, [(1, payload)], source=SOURCE_NAME)
        found = answer_problems(form, validate(form, batch).problems)
    return [problem for problem in found if problem.kind != REQUIRED and problem.question]


def _claim(link: SurveyLink, instance: str) -> bool:
    """Mark the personal link answered by ``instance``, unless another form answered it first.

    The same instance again (a double click, a re-sent form) claims it again, harmlessly.
    """
    mine = SurveyLink.objects.filter(pk=link.pk)
    if mine.filter(answered_at__isnull=True).update(answered_at=timezone.now(), instance_id=instance):
        return True
    return mine.filter(instance_id=instance).exists()
