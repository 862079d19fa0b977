"""What is overdue or due this week, per owner: the list a programme officer works from."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from citybridge.pipeline.stages import OPEN_STAGES

UNASSIGNED = "(no owner)"


@dataclass(frozen=True)
class LeadLine:
    """What the due list needs of a lead."""

    id: int
    requesting_city: str
    partner_city: str
    stage: str
    owner: str
    due_on: dt.date | None


@dataclass(frozen=True)
class OwnerDue:
    owner: str
    overdue: tuple[LeadLine, ...]
    this_week: tuple[LeadLine, ...]


def week_end(today: dt.date) -> dt.date:
    """The Sunday closing ``today``'s week (ISO weeks start on Monday)."""
    return today + dt.timedelta(days=6 - today.weekday())


def due_by_owner(leads: list[LeadLine], today: dt.date) -> list[OwnerDue]:
    """Open leads whose due day has passed, or falls before the week ends, grouped by owner."""
    overdue: dict[str, list[LeadLine]] = defaultdict(list)
    this_week: dict[str, list[LeadLine]] = defaultdict(list)
    end = week_end(today)
    for lead in leads:
        if lead.stage not in OPEN_STAGES or lead.due_on is None:
            continue
        owner = lead.owner or UNASSIGNED
        if lead.due_on < today:
            overdue[owner].append(lead)
        elif lead.due_on <= end:
            this_week[owner].append(lead)
    owners = sorted(set(overdue) | set(this_week), key=lambda o: (o == UNASSIGNED, o.lower()))
    return [
        OwnerDue(name, tuple(sorted(overdue[name], key=_by_due)), tuple(sorted(this_week[name], key=_by_due)))
        for name in owners
    ]


def _by_due(lead: LeadLine) -> tuple:
    return (lead.due_on, lead.id)
