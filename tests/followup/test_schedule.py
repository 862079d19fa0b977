"""Who gets an invitation or a reminder on which day, and never twice."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from citybridge.followup.schedule import INVITE, Recipient, due_messages, steps

OPENS = dt.date(2021, 2, 6)
SCHEDULE = steps([7, 14])


def due(recipients, sent, today):
    return due_messages(3, OPENS, SCHEDULE, recipients, sent, today)


def test_the_invitation_goes_on_the_opening_day_and_not_before():
    assert due([Recipient(1)], {}, OPENS - dt.timedelta(days=1)) == []
    (message,) = due([Recipient(1)], {}, OPENS)
    assert message.step.name == INVITE and message.key == "wave-3:participant-1:invite"


def test_nobody_who_answered_opted_out_or_has_no_address_is_written_to():
    people = [
        Recipient(1, answered=True),
        Recipient(2, opted_out=True),
        Recipient(3, has_address=False),
        Recipient(4),
    ]
    assert [d.participant for d in due(people, {}, OPENS)] == [4]


def test_the_first_reminder_is_due_seven_days_after_the_invitation_was_sent():
    sent = {"wave-3:participant-1:invite": OPENS}
    assert due([Recipient(1)], sent, OPENS + dt.timedelta(days=6)) == []
    (message,) = due([Recipient(1)], sent, OPENS + dt.timedelta(days=7))
    assert message.step.name == "reminder-1"


def test_a_scheduler_stopped_for_weeks_sends_the_invitation_alone_then_waits():
    late = OPENS + dt.timedelta(days=30)
    (message,) = due([Recipient(1)], {}, late)
    assert message.step.name == INVITE
    assert due([Recipient(1)], {message.key: late}, late) == []


def test_reminder_days_must_increase():
    with pytest.raises(ValueError, match="increasing"):
        steps([14, 7])


@given(st.lists(st.integers(0, 40), max_size=30))
def test_running_the_schedule_on_any_days_sends_each_step_at_most_once(days):
    sent: dict[str, dt.date] = {}
    for offset in sorted(days):
        today = OPENS + dt.timedelta(days=offset)
        for message in due([Recipient(1), Recipient(2)], sent, today):
            assert message.key not in sent
            sent[message.key] = today
    assert len(sent) <= 2 * len(SCHEDULE)
