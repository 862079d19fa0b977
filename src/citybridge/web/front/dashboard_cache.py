"""The dashboard's figures, computed once per state of the data and kept in this process.

Every organiser who opens the dashboard asks for the same figures; with 100,000 submissions
computing them takes about a second, reading whether anything changed a few milliseconds. The
key is what the figures depend on: the survey's submissions (the newest id: the store only ever
adds submissions, the admin cannot delete them, so the newest id changes with every new one), the
form version, the indicators file, the registrations, the filters and
the language. Any change gives a new key, so nothing stale is ever shown; old entries fall out of
a small LRU.
"""

from __future__ import annotations

import hashlib
import json
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import TypeVar

from django.db import connection

from citybridge.web.errors import NotFound
from citybridge.web.recent import Recent
from citybridge.web.reporting import evaluation_survey
from citybridge.web.surveys.models import FormVersion, Submission, Survey
from citybridge.web.trainings.models import Organisation, Participant, Training

T = TypeVar("T")
ENTRIES = 64
_entries: OrderedDict[Hashable, object] = OrderedDict()
_lock = threading.Lock()


# The dashboard and its charts are the pages organisers leave open and reload: the training, its
# survey and form version they show are kept a few seconds (citybridge.web.recent). Who may see
# them is checked on every request.
shown: Recent[str, tuple[Training, Survey | None, FormVersion | None]] = Recent(
    made_of=(Organisation, Training, Survey, FormVersion)
)


def training_shown(slug: str) -> tuple[Training, Survey | None, FormVersion | None] | None:
    """The training with this slug, its evaluation survey and that survey's current form version."""

    def look_up() -> tuple[Training, Survey | None, FormVersion | None] | None:
        training = Training.objects.select_related("organisation").filter(slug=slug).first()
        if training is None:
            return None
        try:
            survey = evaluation_survey(training)
        except NotFound:
            return training, None, None
        return training, survey, survey.current_version()

    return shown.get(slug, look_up)


def data_state(survey: Survey, version: FormVersion) -> tuple:
    """What the survey's figures depend on (``version`` is its current one), read from indexes: at
    100,000 submissions the newest id costs half a millisecond where counting them cost five."""
    newest, registered = _newest_and_registered(survey)
    spec = hashlib.sha1(json.dumps(survey.indicators, sort_keys=True).encode()).hexdigest()
    return (survey.pk, newest, version.pk, spec, registered)


def _newest_and_registered(survey: Survey) -> tuple[int | None, int]:
    # One statement: the ORM's two would cost more to build than the store takes to answer them,
    # on a page asked for as often as the dashboard.
    submissions, participants = Submission._meta, Participant._meta
    quote = connection.ops.quote_name
    sql = (
        f"SELECT (SELECT MAX({quote(submissions.pk.column)}) FROM {quote(submissions.db_table)} "
        f"WHERE {quote(submissions.get_field('survey').column)} = %s), "
        f"(SELECT COUNT(*) FROM {quote(participants.db_table)} "
        f"WHERE {quote(participants.get_field('training').column)} = %s)"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [survey.pk, survey.training_id])
        newest, registered = cursor.fetchone()
    return newest, registered


def remembered(key: Hashable, compute: Callable[[], T]) -> T:
    """``compute()``'s value for ``key``, computed at most once while it stays among the newest."""
    with _lock:
        if key in _entries:
            _entries.move_to_end(key)
            return _entries[key]  # type: ignore[return-value]
    value = compute()  # outside the lock: other keys need not wait
    with _lock:
        _entries[key] = value
        while len(_entries) > ENTRIES:
            _entries.popitem(last=False)
    return value


def forget_all() -> None:
    with _lock:
        _entries.clear()
