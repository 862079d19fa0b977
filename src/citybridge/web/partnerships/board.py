"""The leads board and the matches page as the templates need them: plain rows, no logic left for
the template."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

from citybridge.pipeline.outcomes import JOINT_PROJECT, MOU, VISIT
from citybridge.pipeline.stages import AGREEMENT, CONTACTED, DROPPED, EXCHANGE, INTEREST, PROJECT, STAGES
from citybridge.web.pipeline.models import Lead, LeadEvent
from citybridge.web.waves.outcomes import latest_outcomes

STAGE_NAMES = {
    INTEREST: _("interest"),
    CONTACTED: _("contacted"),
    EXCHANGE: _("exchange or visit"),
    AGREEMENT: _("agreement"),
    PROJECT: _("project"),
    DROPPED: _("dropped"),
}  # the pipeline's stage labels, translatable
OUTCOME_NAMES = {MOU: _("MoU signed"), VISIT: _("visit"), JOINT_PROJECT: _("joint project")}


@dataclass
class Column:
    stage: str
    label: object  # a lazy translation
    leads: list[Lead] = field(default_factory=list)


def board(found: list[Lead]) -> list[Column]:
    """One column per stage, in the pipeline's order (dropped last), each lead with its last note."""
    with_notes(found)
    columns = {stage: Column(stage, STAGE_NAMES[stage]) for stage in STAGES}
    for lead in found:
        columns[lead.stage].leads.append(lead)
    return list(columns.values())


def with_notes(found: list[Lead]) -> list[Lead]:
    """Set ``last_note`` and ``latest_outcome`` (one query each for all leads), ``stage_name`` and
    ``outcome_name`` (translated) on each lead."""
    last: dict[int, LeadEvent] = {}
    for event in LeadEvent.objects.filter(lead__in=found, what="note").order_by("at", "pk"):
        last[event.lead_id] = event
    outcomes = latest_outcomes(found)
    for lead in found:
        lead.last_note = last.get(lead.pk)
        lead.stage_name = STAGE_NAMES[lead.stage]
        lead.latest_outcome = outcomes.get(lead.pk)
        lead.outcome_name = OUTCOME_NAMES.get(lead.latest_outcome.kind) if lead.latest_outcome else None
    return found


def lead_pairs(found: list[Lead]) -> dict[tuple[str, str], Lead]:
    """Existing leads by (requesting city, partner city), names folded."""
    return {(lead.requesting_city.casefold(), lead.partner_city.casefold()): lead for lead in found}


def existing_lead(pairs: dict, match: dict, partner_name: str) -> Lead | None:
    """The lead already made from a match: leads carry the English names, the page may not."""
    for requesting in (match["requesting"], match["requesting_key"]):
        lead = pairs.get((requesting.casefold(), partner_name.casefold()))
        if lead is not None:
            return lead
    return None
