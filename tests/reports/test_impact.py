"""The report's Impact section says the base before the change, and each test beside its p-value."""

from __future__ import annotations

from citybridge.analysis.change import PARTICIPANT, wave_change
from citybridge.analysis.declared import Measure
from citybridge.reports.document import BulletList, Table
from citybridge.reports.i18n import Translator
from citybridge.reports.impact import impact_section
from tests.analysis.test_change import BASELINE, FOLLOW_UP, frame


def comparison():
    ids = [f"p{i}" for i in range(8)]
    earlier = frame({PARTICIPANT: ids, "partner": ["no"] * 6 + ["yes", "yes"]})
    later = frame({PARTICIPANT: ids[:6], "partner": ["yes"] * 5 + ["no"], "applied": ["yes"] * 4 + ["no", "no"]})
    return wave_change(("post", BASELINE, earlier), ("3 months", FOLLOW_UP, later),
                       measures=[Measure("partner", "partner")], levels={"applied": 3}, cities={})  # fmt: skip


def test_the_impact_section_gives_the_base_the_counts_and_the_named_test_from_the_comparison():
    (part,) = impact_section((comparison(),), Translator("en")).subsections
    lead, table, levels = part.blocks
    assert lead.text == "6 of 8 participants who answered 'post' also answered '3 months'; 2 did not."
    assert isinstance(table, Table) and table.rows == (("Partner", "yes/no", "0", "5", "exact McNemar", "0.062", "6"),)
    assert isinstance(levels, BulletList) and levels.items == ("Level 3, Applied: 4 of 6",)


def test_the_comparison_and_the_test_are_named_in_the_reports_language():
    (part,) = impact_section((comparison(),), Translator("ru")).subsections
    _, table, _ = part.blocks
    assert table.rows[0][1] == "да/нет" and table.rows[0][4] == "точный критерий Мак-Немара"
    (chinese,) = impact_section((comparison(),), Translator("zh")).subsections
    assert chinese.blocks[1].rows[0][4] == "精确McNemar检验"
