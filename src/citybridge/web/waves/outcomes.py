"""Recording a lead's dated outcomes, counting a training's partnerships by stage over time, and how
far the lead made for each suggested pair got."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable

from django.db import transaction
from django.utils import timezone

from citybridge.pipeline.outcomes import (
    OUTCOME_LABELS,
    PROVES,
    StageChange,
    StageCount,
    check_outcome,
    month_ends,
    stage_after,
    stages_over_time,
)
from citybridge.reports.inputs import PairLead
from citybridge.web.pipeline.models import Lead, LeadEvent
from citybridge.web.pipeline.store import move
from citybridge.web.trainings.models import Training
from citybridge.web.waves.models import Outcome


@transaction.atomic
def record_outcome(lead: Lead, kind: str, happened_on: dt.date, *, who: str, note: str = "") -> Outcome:
    """Record the outcome, and move the lead up to the stage it proves (its history says why)."""
    kind = check_outcome(kind)
    outcome = Outcome.objects.create(
        lead=lead, kind=kind, happened_on=happened_on, note=note, recorded_by=who
    )
    stage = stage_after(lead.stage, kind)
    if stage is not None:
        move(lead, stage, who=who, reason=f"{OUTCOME_LABELS[kind]} on {happened_on.isoformat()}")
    return outcome


def stage_changes(training: Training) -> list[StageChange]:
    """Every dated stage of the training's leads: from their history, and from their outcomes' dates."""
    leads = {lead.pk: lead for lead in training.leads.all()}
    changes = [
        StageChange(e.lead_id, leads[e.lead_id].requesting_city, leads[e.lead_id].partner_city, e.after["stage"],
                    timezone.localdate(e.at))
        for e in LeadEvent.objects.filter(lead__training=training, what__in=("created", "stage")).order_by("at", "pk")
        if e.after and "stage" in e.after
    ]  # fmt: skip
    for outcome in Outcome.objects.filter(lead__training=training):
        lead = leads[outcome.lead_id]
        changes.append(
            StageChange(
                lead.pk, lead.requesting_city, lead.partner_city, PROVES[outcome.kind], outcome.happened_on
            )
        )
    return changes


def partnerships_over_time(training: Training, until: dt.date | None = None) -> list[StageCount]:
    """Leads by stage at each month's end, per requesting city and partner city."""
    changes = stage_changes(training)
    if not changes:
        return []
    first = min(c.on for c in changes)
    return stages_over_time(changes, month_ends(first, until or timezone.localdate()))


def outcome_counts(training: Training) -> dict[str, int]:
    """Outcomes recorded for the training's leads, by kind (every kind listed, zero included)."""
    found = Counter(Outcome.objects.filter(lead__training=training).values_list("kind", flat=True))
    return {kind: found[kind] for kind in OUTCOME_LABELS}


def latest_outcomes(leads: Iterable[Lead]) -> dict[int, Outcome]:
    """Each lead's latest dated outcome (the last recorded on a day shared by two), by lead pk."""
    latest: dict[int, Outcome] = {}
    for outcome in Outcome.objects.filter(lead__in=list(leads)).order_by("happened_on", "pk"):
        latest[outcome.lead_id] = outcome
    return latest


def pair_leads(training: Training) -> dict[tuple[str, str], PairLead]:
    """The training's leads as the report shows them beside a suggested pair, by (requesting city,
    partner city) with the names casefolded: the stage and the latest dated outcome."""
    leads = list(training.leads.all())
    latest = latest_outcomes(leads)
    found = {}
    for lead in leads:
        outcome = latest.get(lead.pk)
        found[(lead.requesting_city.casefold(), lead.partner_city.casefold())] = PairLead(
            lead.stage, outcome.kind if outcome else "", outcome.happened_on if outcome else None
        )
    return found
