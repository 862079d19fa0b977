"""Outcomes recorded for a stored lead: its stage, its history and the counts over time."""

from __future__ import annotations

import datetime as dt

from citybridge.web.pipeline.store import create_lead
from citybridge.web.waves.outcomes import outcome_counts, partnerships_over_time, record_outcome


def test_recording_an_mou_moves_the_lead_to_agreement_and_says_why_in_its_history(training):
    lead, _ = create_lead("Namangan", "Luoyang", who="ana", training=training)
    record_outcome(lead, "mou", dt.date(2021, 3, 2), who="ana", note="MoU on tourism")
    lead.refresh_from_db()
    assert lead.stage == "agreement"
    assert lead.history.last().note == "MoU signed on 2021-03-02"
    record_outcome(lead, "joint-project", dt.date(2021, 6, 1), who="ana")
    lead.refresh_from_db()
    assert lead.stage == "project"
    assert outcome_counts(training) == {"mou": 1, "visit": 0, "joint-project": 1}


def test_counts_over_time_date_a_stage_by_its_outcome_not_by_when_it_was_typed(training):
    lead, _ = create_lead("Namangan", "Luoyang", who="ana", training=training)
    record_outcome(lead, "visit", dt.date(2021, 1, 20), who="ana")
    rows = partnerships_over_time(training, until=dt.date(2021, 2, 1))
    january = {(r.side, r.city, r.stage): r.leads for r in rows if r.as_of == dt.date(2021, 1, 31)}
    assert january == {("city", "Namangan", "exchange"): 1, ("partner city", "Luoyang", "exchange"): 1}
