"""The report's partnerships table says, beside each suggested pair, how far the lead made from it got."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

import pytest

from citybridge.reports.document import Table
from citybridge.reports.i18n import LANGUAGES, Translator
from citybridge.reports.inputs import PairLead, Partnerships, SuggestedPair
from citybridge.reports.sections import pair_lead_text, partnerships_section

SIGNED = PairLead("agreement", "mou", dt.date(2021, 3, 2))


def test_a_lead_with_outcomes_is_named_by_its_stage_and_latest_outcome():
    assert pair_lead_text(SIGNED, Translator("en")) == "lead: agreement — MoU signed 2021-03-02"
    visited = PairLead("exchange", "visit", dt.date(2021, 1, 20))
    assert pair_lead_text(visited, Translator("en")) == "lead: exchange or visit — visit 2021-01-20"


def test_a_lead_without_outcomes_is_named_by_its_stage_and_a_pair_without_a_lead_says_so():
    assert pair_lead_text(PairLead("contacted"), Translator("en")) == "lead: contacted"
    assert pair_lead_text(None, Translator("en")) == "no lead yet"


@pytest.mark.parametrize("language", [lang for lang in LANGUAGES if lang != "en"])
def test_every_report_language_translates_the_words_and_keeps_the_date(language):
    t = Translator(language)
    text = pair_lead_text(SIGNED, t)
    assert "2021-03-02" in text
    assert not any(word in text for word in ("lead", "agreement", "MoU signed"))
    assert pair_lead_text(None, t) != "no lead yet"


def test_the_table_has_a_lead_column_with_one_cell_per_pair():
    pairs = (
        SuggestedPair("Namangan", "Suzhou", 0.81, "both name tourism", SIGNED),
        SuggestedPair("Bukhara", "Xi'an", 0.77, "heritage cities"),
    )
    found = Partnerships(k=3, capacity=5, matches=pairs, total=1.58)
    section = partnerships_section(SimpleNamespace(partnerships=found), Translator("en"))
    (table,) = [block for block in section.blocks if isinstance(block, Table)]
    assert table.columns[-1] == "Lead"
    assert {row[0]: row[-1] for row in table.rows} == {
        "Namangan": "lead: agreement — MoU signed 2021-03-02",
        "Bukhara": "no lead yet",
    }
