"""Beside each suggested pair, whether a lead came from it, its stage and its latest dated outcome,
computed from the stored lead and outcomes: on the matches page, the city page and in the report."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from citybridge.reports.document import Table
from citybridge.reports.i18n import Translator
from citybridge.reports.sections import partnerships_section
from citybridge.web.pipeline.models import Lead


@pytest.fixture
def pair_with_outcomes(client_as, example):
    """A pair both suggested and in the optimal assignment, turned into a lead from the matches page,
    with an MoU signed on 2021-03-02 and a visit on 2021-01-20 recorded."""
    from citybridge.web.partnerships.matching import matching_result
    from citybridge.web.waves.outcomes import record_outcome

    training = example.training
    result = matching_result(training, optimal=True)
    assigned = {(m["requesting_key"], m["partner_key"]) for m in result["assignments"]["optimal"]["matches"]}
    pair = next(
        m
        for found in result["suggestions"].values()
        for m in found
        if (m["requesting_key"], m["partner_key"]) in assigned
    )
    url = reverse("partnerships:match_to_lead", args=[training.slug])
    client_as("organiser").post(
        url, {"requesting_key": pair["requesting_key"], "partner_key": pair["partner_key"]}
    )
    lead = Lead.objects.get(training=training)
    record_outcome(lead, "mou", dt.date(2021, 3, 2), who="organiser")
    record_outcome(lead, "visit", dt.date(2021, 1, 20), who="organiser")  # recorded later, happened earlier
    return pair, lead


def test_the_matches_page_shows_the_leads_stage_and_latest_outcome(client_as, example, pair_with_outcomes):
    page = (
        client_as("analyst")
        .get(reverse("partnerships:matches", args=[example.training.slug]))
        .content.decode()
    )
    assert "lead: agreement — MoU signed 2021-03-02" in page
    assert page.count("MoU signed") == 1  # only the pair the lead came from


def test_the_city_page_shows_it_beside_the_citys_suggestion(client_as, example, pair_with_outcomes):
    pair, _ = pair_with_outcomes
    url = reverse("partnerships:city", args=[example.training.slug, pair["requesting_key"]])
    assert "lead: agreement — MoU signed 2021-03-02" in client_as("organiser").get(url).content.decode()


def test_the_matches_page_speaks_russian(client_as, example, pair_with_outcomes):
    client = client_as("organiser")
    client.post(reverse("set_language"), {"language": "ru", "next": "/"})
    page = client.get(reverse("partnerships:matches", args=[example.training.slug])).content.decode()
    assert "лид: соглашение — подписан меморандум 2021-03-02" in page


def test_a_lead_without_outcomes_shows_its_stage_alone(client_as, example):
    from citybridge.web.partnerships.matching import matching_result
    from citybridge.web.pipeline.store import create_lead, move

    match = matching_result(example.training)["suggestions"]["namangan"][0]
    lead, _ = create_lead(match["requesting"], match["partner"], who="organiser", training=example.training)
    move(lead, "contacted", who="organiser")
    page = (
        client_as("organiser")
        .get(reverse("partnerships:matches", args=[example.training.slug]))
        .content.decode()
    )
    assert "lead: contacted</a>" in page and "MoU signed" not in page


@pytest.mark.parametrize(
    ("language", "sentence"),
    [
        ("en", "lead: agreement — MoU signed 2021-03-02"),
        ("ru", "этап: соглашение — подписан меморандум 2021-03-02"),
        ("uz-Latn", "bosqich: kelishuv — memorandum imzolangan 2021-03-02"),
        ("uz-Cyrl", "босқич: келишув — меморандум имзоланган 2021-03-02"),
        ("zh", "阶段：达成协议 — 已签署谅解备忘录 2021-03-02"),
    ],
)
def test_the_reports_partnerships_section_says_it_in_every_language(
    example, pair_with_outcomes, language, sentence
):
    from citybridge.web.partnerships.matching import partner_assignment

    found = partner_assignment(example.training, language=language)
    with_lead = [m for m in found.matches if m.lead is not None]
    # found in the report's language too (Бухара): through the city's key and the partner's every name
    assert [(m.lead.stage, m.lead.outcome, m.lead.outcome_on) for m in with_lead] == [
        ("agreement", "mou", dt.date(2021, 3, 2))
    ]
    (table,) = [
        b for b in partnerships_section(_inputs(found), Translator(language)).blocks if isinstance(b, Table)
    ]
    cells = [row[-1] for row in table.rows]
    assert cells.count(sentence) == 1
    assert len(cells) == len(found.matches)  # every other pair says it has no lead yet


def _inputs(partnerships):
    from types import SimpleNamespace

    return SimpleNamespace(partnerships=partnerships)
