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


def test_the_p_value_is_written_as_the_reports_language_writes_decimals():
    (part,) = impact_section((comparison(),), Translator("ru")).subsections
    assert part.blocks[1].rows[0][5] == "0,062"


def test_counts_stay_on_one_line_but_an_ordinal_change_in_words_may_wrap():
    (counted,) = impact_section((comparison(),), Translator("en")).subsections
    assert counted.blocks[1].numeric == (2, 3, 5, 6)
    ids = [f"p{i}" for i in range(6)]
    earlier = frame({PARTICIPANT: ids, "useful": ["neutral"] * 6})
    later = frame({PARTICIPANT: ids, "useful_now": ["agree"] * 4 + ["neutral"] * 2})
    scale = wave_change(("post", BASELINE, earlier), ("3 months", FOLLOW_UP, later),
                        measures=[Measure("useful_now", "useful")], levels={}, cities={})  # fmt: skip
    (part,) = impact_section((scale,), Translator("en")).subsections
    table = part.blocks[1]
    assert any(row[2] == "2 the same" for row in table.rows) and table.numeric == (5, 6)
