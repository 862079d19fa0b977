"""The due list: open leads overdue or due this week, per owner; stage rules."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from citybridge.pipeline.due import UNASSIGNED, LeadLine, due_by_owner, week_end
from citybridge.pipeline.stages import STAGES, PipelineError, check_move

MONDAY = dt.date(2020, 11, 23)


def lead(id_, owner, due, stage="contacted"):
    return LeadLine(id_, "Namangan", "Suzhou", stage, owner, due)


def test_overdue_and_this_week_are_grouped_per_owner():
    leads = [
        lead(1, "Dilnoza", MONDAY - dt.timedelta(days=3)),
        lead(2, "Dilnoza", MONDAY + dt.timedelta(days=4)),
        lead(3, "Aziz", MONDAY + dt.timedelta(days=6)),
        lead(4, "Aziz", MONDAY + dt.timedelta(days=7)),  # next Monday: not this week
    ]
    found = {o.owner: o for o in due_by_owner(leads, MONDAY)}
    assert [x.id for x in found["Dilnoza"].overdue] == [1]
    assert [x.id for x in found["Dilnoza"].this_week] == [2]
    assert [x.id for x in found["Aziz"].this_week] == [3]


def test_closed_leads_and_leads_without_a_due_day_are_never_due():
    leads = [lead(1, "A", MONDAY, "project"), lead(2, "A", MONDAY, "dropped"), lead(3, "A", None)]
    assert due_by_owner(leads, MONDAY) == []


def test_leads_without_owner_are_listed_last_under_no_owner():
    found = due_by_owner([lead(1, "", MONDAY), lead(2, "Zafar", MONDAY)], MONDAY)
    assert [o.owner for o in found] == ["Zafar", UNASSIGNED]


@given(st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2100, 1, 1)))
def test_the_week_ends_on_the_coming_sunday(day):
    end = week_end(day)
    assert end.weekday() == 6 and 0 <= (end - day).days <= 6


def test_a_drop_needs_its_reason():
    with pytest.raises(PipelineError, match="needs its reason"):
        check_move("contacted", "dropped", "  ")
    assert check_move("contacted", "dropped", "city changed its priorities") == "dropped"


@pytest.mark.parametrize("bad", ["signed", "", "agreements"])
def test_unknown_stages_are_refused_with_the_list(bad):
    with pytest.raises(PipelineError, match="choose from interest"):
        check_move("interest", bad, None)


@given(st.sampled_from(STAGES), st.sampled_from(STAGES))
def test_any_move_between_different_stages_is_allowed_with_a_reason(current, new):
    if current == new:
        with pytest.raises(PipelineError):
            check_move(current, new, "r")
    else:
        assert check_move(current, new, "r") == new
