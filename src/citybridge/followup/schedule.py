"""Which invitation or reminder each participant of a wave is due, and the key that makes it once only.

A wave opens on a day; the invitation goes that day and reminders after the numbers of days the
organiser chose (e.g. 7 and 14). Nobody who answered or opted out gets anything more; a reminder
waits for the step before it to have gone out, and for the days between the two steps to have
passed since then, so a scheduler that was stopped for a week does not send three messages at once.
Every message has a key (wave, participant, step): the sender records the key before sending, and
a key recorded already is never sent again.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

INVITE = "invite"


@dataclass(frozen=True)
class Step:
    name: str  # "invite", "reminder-1", ...
    day: int  # days after the wave opens


@dataclass(frozen=True)
class Recipient:
    participant: int
    answered: bool = False
    opted_out: bool = False
    has_address: bool = True


@dataclass(frozen=True)
class Due:
    participant: int
    step: Step
    key: str


def steps(reminder_days: Sequence[int]) -> tuple[Step, ...]:
    """The invitation (day 0) and a reminder for each day given, in order; refuses an unordered list."""
    days = list(reminder_days)
    if any(d < 1 for d in days) or days != sorted(set(days)):
        raise ValueError(f"reminder days {days}: give whole days after opening, increasing, e.g. 7 14")
    return (Step(INVITE, 0), *(Step(f"reminder-{i}", d) for i, d in enumerate(days, start=1)))


def message_key(wave: str | int, participant: int, step: Step) -> str:
    return f"wave-{wave}:participant-{participant}:{step.name}"


def due_messages(
    wave: str | int,
    opens_on: dt.date,
    schedule: Sequence[Step],
    recipients: Iterable[Recipient],
    sent: Mapping[str, dt.date],
    today: dt.date,
) -> list[Due]:
    """The next message due for each recipient on ``today``; ``sent`` maps the keys recorded to their day."""
    elapsed = (today - opens_on).days
    due = []
    for person in recipients:
        if person.answered or person.opted_out or not person.has_address:
            continue
        step = _next_step(wave, person.participant, schedule, sent, elapsed, today)
        if step is not None:
            due.append(Due(person.participant, step, message_key(wave, person.participant, step)))
    return due


def _next_step(wave, participant, schedule, sent, elapsed, today) -> Step | None:
    previous: Step | None = None
    for step in schedule:
        key = message_key(wave, participant, step)
        if key not in sent:
            if step.day > elapsed:
                return None
            if previous is not None and (today - sent[message_key(wave, participant, previous)]).days < (
                step.day - previous.day
            ):
                return None
            return step
        previous = step
    return None
