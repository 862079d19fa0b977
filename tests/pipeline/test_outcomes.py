"""Partnership outcomes move leads forward, and leads are counted by stage at each month's end."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from citybridge.pipeline.outcomes import StageChange, check_outcome, month_ends, stage_after, stages_over_time
from citybridge.pipeline.stages import PipelineError

D = dt.date


def test_a_signed_mou_moves_a_lead_in_contact_to_agreement_but_never_back():
    assert stage_after("contacted", "mou") == "agreement"
    assert stage_after("project", "mou") is None
    assert stage_after("agreement", "joint_project") == "project"
    assert stage_after("dropped", "visit") is None


def test_an_unknown_outcome_is_refused_with_the_choices():
    with pytest.raises(PipelineError, match="choose from mou, visit, joint-project"):
        check_outcome("handshake")


def test_month_ends_run_from_the_first_month_to_the_last_across_a_year():
    assert month_ends(D(2020, 11, 20), D(2021, 2, 3)) == [D(2020, 11, 30), D(2020, 12, 31), D(2021, 1, 31), D(2021, 2, 28)]


def test_each_lead_counts_once_at_its_latest_stage_per_city_and_partner_city():
    changes = [
        StageChange(1, "Namangan", "Luoyang", "interest", D(2020, 11, 10)),
        StageChange(2, "Namangan", "Suzhou", "interest", D(2020, 11, 12)),
        StageChange(1, "Namangan", "Luoyang", "agreement", D(2020, 12, 15)),
    ]
    counts = stages_over_time(changes, [D(2020, 11, 30), D(2020, 12, 31)])
    rows = {(c.as_of.month, c.side, c.city, c.stage): c.leads for c in counts}
    assert rows[(11, "city", "Namangan", "interest")] == 2
    assert rows[(12, "city", "Namangan", "interest")] == 1
    assert rows[(12, "city", "Namangan", "agreement")] == 1
    assert rows[(12, "partner city", "Luoyang", "agreement")] == 1
    assert (11, "city", "Namangan", "agreement") not in rows


@given(st.lists(st.tuples(st.integers(1, 5), st.sampled_from(["interest", "agreement", "project"]), st.integers(0, 90))))
def test_every_lead_created_by_a_day_is_counted_once_on_each_side(raw):
    changes = [StageChange(lead, f"city{lead}", "Luoyang", stage, D(2021, 1, 1) + dt.timedelta(days=d)) for lead, stage, d in raw]
    day = D(2021, 2, 15)
    counts = stages_over_time(changes, [day])
    created = {c.lead for c in changes if c.on <= day}
    assert sum(c.leads for c in counts if c.side == "city") == len(created)
    assert sum(c.leads for c in counts if c.side == "partner city") == len(created)
