"""Leads: the follow-up of a partnership, one per city pair, with its append-only history.

Every change goes through citybridge.web.pipeline.store, which writes the history in the same
transaction; changes made here are signed ``api:<token name>``.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema, Status
from pydantic import model_validator

from citybridge.pipeline.stages import DROPPED, STAGES
from citybridge.web.api import scoping
from citybridge.web.api.auth import who
from citybridge.web.api.errors import documented
from citybridge.web.api.fields import IsoDay, Text
from citybridge.web.pipeline import store
from citybridge.web.pipeline.models import Lead

router = Router(tags=["leads"])
Stage = Literal[STAGES]
AT_STAGE = Query(None, description="Only leads at this stage.")
OF_OWNER = Query(None, description="Only leads of this owner (any case).")
WITH_CITY = Query(None, description="Only leads whose requesting or partner city contains this.")


class LeadOut(Schema):
    id: int
    training: str
    requesting_city: str
    partner_city: str
    requesting_place: str
    partner_place: str
    stage: str
    dropped_reason: str
    owner: str
    due_on: dt.date | None
    score: float | None
    explanation: str
    created_at: dt.datetime
    updated_at: dt.datetime


class EventOut(Schema):
    at: dt.datetime
    who: str
    what: str = Field(description="created, stage, owner, due or note")
    before: dict[str, Any] | None
    after: dict[str, Any] | None
    note: str


class LeadDetailOut(LeadOut):
    history: list[EventOut]


class LeadIn(Schema):
    requesting_city: Text = Field(min_length=1, max_length=200)
    partner_city: Text = Field(min_length=1, max_length=200)
    owner: Text = Field("", max_length=200)
    due_on: IsoDay | None = None
    score: float | None = Field(None, allow_inf_nan=False, description="A finite number (no NaN or Infinity).")
    explanation: Text = ""
    requesting_place: Text = Field("", max_length=60, description="Gazetteer id, e.g. geonames:1217662")
    partner_place: Text = Field("", max_length=60)


class MoveIn(Schema):
    stage: Stage
    reason: Text = Field("", description="Why; required when the stage is 'dropped'.")

    @model_validator(mode="after")
    def dropped_needs_a_reason(self) -> MoveIn:
        # The pipeline refuses it too, but in the CLI's words (--reason); say it in the API's.
        if self.stage == DROPPED and not self.reason.strip():
            raise ValueError('a dropped lead needs its reason: send "reason": "why it stopped"')
        return self


class NoteIn(Schema):
    text: Text = Field(min_length=1, max_length=10_000)


def lead_row(lead: Lead) -> dict:
    row = {field: getattr(lead, field) for field in LeadOut.model_fields if field not in ("id", "training")}
    return {**row, "id": lead.pk, "training": lead.training.slug if lead.training else ""}


def lead_detail(lead: Lead) -> dict:
    return {**lead_row(lead), "history": list(lead.history.all())}


@router.get(
    "/trainings/{slug}/leads", response=documented({200: list[LeadOut]}), summary="List a training's leads"
)
def list_leads(
    request: HttpRequest,
    slug: str,
    stage: Stage | None = AT_STAGE,
    owner: Text | None = OF_OWNER,
    city: Text | None = WITH_CITY,
):
    """The training's leads by requesting city, then partner city."""
    training = scoping.training(request, slug)
    return [lead_row(lead) for lead in store.leads(training=training, stage=stage, owner=owner, city=city)]


@router.post(
    "/trainings/{slug}/leads",
    response=documented({201: LeadDetailOut, 200: LeadDetailOut}, writes=True),
    summary="Open a lead",
)
def create_lead(request: HttpRequest, slug: str, payload: LeadIn):
    """A new lead at stage 'interest' for a pair of cities (201), or the existing lead of that
    pair, unchanged (200). Needs a write token."""
    training = scoping.training(request, slug)
    lead, created = store.create_lead(**payload.dict(), training=training, who=who(request))
    return Status(201 if created else 200, lead_detail(lead))


@router.get("/leads/{lead_id}", response=documented({200: LeadDetailOut}), summary="One lead and its history")
def get_lead(request: HttpRequest, lead_id: int):
    """The lead and every change made to it, oldest first: who, when, what, before and after."""
    return lead_detail(scoping.lead(request, lead_id))


@router.post(
    "/leads/{lead_id}/stage", response=documented({200: LeadDetailOut}, writes=True), summary="Move a lead"
)
def move_lead(request: HttpRequest, lead_id: int, payload: MoveIn):
    """Move the lead to another stage; dropping it needs a reason. The move is added to its history.
    Needs a write token."""
    lead = scoping.lead(request, lead_id)
    return lead_detail(store.move(lead, payload.stage, who=who(request), reason=payload.reason))


@router.post(
    "/leads/{lead_id}/notes",
    response=documented({201: EventOut}, writes=True),
    summary="Add a note to a lead",
)
def add_note(request: HttpRequest, lead_id: int, payload: NoteIn):
    """Append a note to the lead's history (notes are never edited or deleted). Needs a write token."""
    lead = scoping.lead(request, lead_id)
    return Status(201, store.add_note(lead, payload.text, who=who(request)))
