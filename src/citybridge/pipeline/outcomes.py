"""Dated outcomes of partnership leads, and how many leads stood at each stage over time.

A lead that reaches "agreement" and then "project" (the joint activity stage) has outcomes with a
date: an MoU signed, a visit made, a joint project started. Recording one moves a lead that is
behind to the stage the outcome proves (a signed MoU is an agreement), never back. The follow-up
report counts leads by stage at the end of each month, per requesting city and per partner city,
from the lead's dated history.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from citybridge.pipeline.stages import AGREEMENT, DROPPED, EXCHANGE, PROJECT, STAGES, PipelineError

MOU, VISIT, JOINT_PROJECT = "mou", "visit", "joint-project"
OUTCOME_LABELS = {MOU: "MoU signed", VISIT: "visit", JOINT_PROJECT: "joint project"}
PROVES = {MOU: AGREEMENT, VISIT: EXCHANGE, JOINT_PROJECT: PROJECT}  # the stage an outcome shows was reached
ACTIVITY = PROJECT  # partnership activity: the stage after agreement


def check_outcome(kind: str) -> str:
    cleaned = kind.strip().lower().replace("_", "-")
    if cleaned not in OUTCOME_LABELS:
        raise PipelineError(f"outcome '{kind}': choose from {', '.join(OUTCOME_LABELS)}")
    return cleaned


def stage_after(current: str, outcome: str) -> str | None:
    """The stage a lead moves to on ``outcome``, or None if it is there or further already (or dropped:
    an outcome of a dropped lead is recorded, and reopening it is the organiser's decision)."""
    proved = PROVES[check_outcome(outcome)]
    if current == DROPPED or STAGES.index(current) >= STAGES.index(proved):
        return None
    return proved


@dataclass(frozen=True)
class StageChange:
    lead: int
    requesting_city: str
    partner_city: str
    stage: str
    on: dt.date


@dataclass(frozen=True)
class StageCount:
    as_of: dt.date
    side: str  # "city" (requesting) or "partner city"
    city: str
    stage: str
    leads: int


def month_ends(first: dt.date, last: dt.date) -> list[dt.date]:
    """The last day of every month from ``first``'s to ``last``'s."""
    ends, year, month = [], first.year, first.month
    while (year, month) <= (last.year, last.month):
        following = dt.date(year + month // 12, month % 12 + 1, 1)
        ends.append(following - dt.timedelta(days=1))
        year, month = following.year, following.month
    return ends


def stages_over_time(changes: Iterable[StageChange], as_of: Sequence[dt.date]) -> list[StageCount]:
    """For each day of ``as_of``: leads at each stage per requesting city and per partner city, each
    lead at the last stage it had reached by that day (leads not yet created are not counted)."""
    ordered = sorted(changes, key=lambda c: (c.on, c.lead))
    counts = []
    for day in as_of:
        latest: dict[int, StageChange] = {}
        for change in ordered:
            if change.on > day:
                break
            latest[change.lead] = change
        tally = Counter()
        for change in latest.values():
            tally[("city", change.requesting_city, change.stage)] += 1
            tally[("partner city", change.partner_city, change.stage)] += 1
        counts += [
            StageCount(day, side, city, stage, n)
            for (side, city, stage), n in sorted(tally.items(), key=_order)
        ]
    return counts


def _order(item) -> tuple:
    (side, city, stage), _ = item
    return (side != "city", city.lower(), STAGES.index(stage))
