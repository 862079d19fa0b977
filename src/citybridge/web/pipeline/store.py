"""Create, move and annotate leads; every change is written to the lead's history in the same
transaction, so the history is complete by construction."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from pathlib import Path

from django.db import transaction

from citybridge.exports.safety import safe_row, xlsx_append
from citybridge.pipeline.due import LeadLine, OwnerDue, due_by_owner
from citybridge.pipeline.stages import DROPPED, PipelineError, check_move, check_stage
from citybridge.web.errors import NotFound
from citybridge.web.pipeline.models import Lead, LeadEvent
from citybridge.web.trainings.models import Training

EXPORT_COLUMNS = (
    "id", "training", "requesting_city", "partner_city", "stage", "dropped_reason", "owner", "due_on",
    "score", "explanation", "created_at", "updated_at",
)  # fmt: skip


@transaction.atomic
def create_lead(
    requesting_city: str,
    partner_city: str,
    *,
    who: str,
    training: Training | None = None,
    owner: str = "",
    due_on: dt.date | None = None,
    score: float | None = None,
    explanation: str = "",
    requesting_place: str = "",
    partner_place: str = "",
) -> tuple[Lead, bool]:
    """A new lead at stage 'interest', or the existing one for the same pair; (lead, created)."""
    existing = Lead.objects.filter(
        training=training, requesting_city=requesting_city, partner_city=partner_city
    ).first()
    if existing is not None:
        return existing, False
    lead = Lead.objects.create(
        training=training,
        requesting_city=requesting_city,
        partner_city=partner_city,
        requesting_place=requesting_place,
        partner_place=partner_place,
        owner=owner,
        due_on=due_on,
        score=score,
        explanation=explanation,
    )
    _record(lead, who, "created", None, _state(lead), explanation)
    return lead, True


@transaction.atomic
def move(lead: Lead, stage: str, *, who: str, reason: str = "") -> Lead:
    new = check_move(lead.stage, stage, reason)
    before = _state(lead)
    lead.stage = new
    lead.dropped_reason = reason.strip() if new == DROPPED else ""
    lead.save(update_fields=["stage", "dropped_reason", "updated_at"])
    _record(lead, who, "stage", before, _state(lead), reason)
    return lead


@transaction.atomic
def assign(lead: Lead, owner: str, *, who: str) -> Lead:
    before = _state(lead)
    lead.owner = owner.strip()
    lead.save(update_fields=["owner", "updated_at"])
    _record(lead, who, "owner", before, _state(lead))
    return lead


@transaction.atomic
def set_due(lead: Lead, due_on: dt.date | None, *, who: str) -> Lead:
    before = _state(lead)
    lead.due_on = due_on
    lead.save(update_fields=["due_on", "updated_at"])
    _record(lead, who, "due", before, _state(lead))
    return lead


@transaction.atomic
def edit(
    lead: Lead,
    *,
    who: str,
    stage: str | None = None,
    reason: str = "",
    owner: str | None = None,
    due_on: dt.date | str | None = "unchanged",
    note: str = "",
) -> list[str]:
    """Every change of one edit of a lead at once, or none (a refused move changes nothing).

    ``None`` (``"unchanged"`` for the due day, which may be emptied) leaves a field as it is; a
    field given with its current value is no change either. Each change is one history event, in
    the order stage, owner, due day, note. Returns what changed.
    """
    changed = []
    if stage is not None and stage != lead.stage:
        move(lead, stage, who=who, reason=reason)
        changed.append("stage")
    if owner is not None and owner.strip() != lead.owner:
        assign(lead, owner, who=who)
        changed.append("owner")
    if due_on != "unchanged" and due_on != lead.due_on:
        set_due(lead, due_on, who=who)
        changed.append("due")
    if note.strip():
        add_note(lead, note, who=who)
        changed.append("note")
    return changed


def add_note(lead: Lead, text: str, *, who: str) -> LeadEvent:
    if not text.strip():
        raise PipelineError("a note needs some text")
    return _record(lead, who, "note", None, None, text.strip())


def find_lead(ref: str | int) -> Lead:
    lead = Lead.objects.filter(pk=int(ref)).first() if str(ref).isdigit() else None
    if lead is None:
        raise NotFound(f"no lead {ref}; list them with 'citybridge leads'")
    return lead


def leads(
    *,
    training: Training | None = None,
    stage: str | None = None,
    owner: str | None = None,
    city: str | None = None,
) -> list[Lead]:
    found = Lead.objects.select_related("training").order_by("requesting_city", "partner_city")
    if training is not None:
        found = found.filter(training=training)
    if stage:
        found = found.filter(stage=check_stage(stage))
    if owner:
        found = found.filter(owner__iexact=owner)
    if city:
        found = found.filter(requesting_city__icontains=city) | found.filter(partner_city__icontains=city)
    return list(found)


def due(today: dt.date, training: Training | None = None) -> list[OwnerDue]:
    return due_by_owner([line(lead) for lead in leads(training=training)], today)


def line(lead: Lead) -> LeadLine:
    return LeadLine(lead.pk, lead.requesting_city, lead.partner_city, lead.stage, lead.owner, lead.due_on)


def export_leads(found: Iterable[Lead], path: Path, raw: bool = False) -> Path:
    """CSV or XLSX by the file's suffix; written to a temporary name, then renamed.

    Cells a spreadsheet would run as formulas get an apostrophe unless ``raw``.
    """
    rows = [safe_row((_cell(lead, column) for column in EXPORT_COLUMNS), raw) for lead in found]
    partial = path.with_name(f".{path.name}.partial")
    if path.suffix.lower() == ".xlsx":
        _write_xlsx(partial, rows)
    elif path.suffix.lower() == ".csv":
        _write_csv(partial, rows)
    else:
        raise PipelineError(f"{path.name}: export to .csv or .xlsx")
    partial.replace(path)
    return path


def _write_csv(path: Path, rows: list[list]) -> None:
    import csv

    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(EXPORT_COLUMNS)
        writer.writerows(rows)


def _write_xlsx(path: Path, rows: list[list]) -> None:
    import openpyxl

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "leads"
    sheet.append(list(EXPORT_COLUMNS))
    for row in rows:
        xlsx_append(sheet, row, raw=True)  # already made safe (or kept raw) above; text stays text
    sheet.freeze_panes = "A2"
    workbook.save(path)


def _cell(lead: Lead, column: str):
    if column == "training":
        return lead.training.slug if lead.training else ""
    value = getattr(lead, "pk" if column == "id" else column)
    if isinstance(value, dt.datetime):
        return value.isoformat(timespec="seconds")
    if isinstance(value, dt.date):
        return value.isoformat()
    return "" if value is None else value


def _state(lead: Lead) -> dict:
    return {
        "stage": lead.stage,
        "owner": lead.owner,
        "due_on": lead.due_on.isoformat() if lead.due_on else None,
        "dropped_reason": lead.dropped_reason,
    }


def _record(lead: Lead, who: str, what: str, before, after, note: str = "") -> LeadEvent:
    return LeadEvent.objects.create(
        lead=lead, who=who or "unknown", what=what, before=before, after=after, note=note
    )
