"""The report's Impact section: paired change between survey waves, with its test and base.

Every figure comes from the :class:`~citybridge.analysis.change.WaveChange` passed in; the section
says how many participants answered both waves before any change is shown, names each test beside
its p-value, and lists the level 3/4 indicators of the later wave.
"""

from __future__ import annotations

from citybridge.analysis.change import (
    MCNEMAR,
    ORDINAL,
    TOPBOX,
    WILCOXON,
    YESNO_TEST,
    PairedChange,
    WaveChange,
)
from citybridge.analysis.indicators import NUMBER
from citybridge.reports.document import BulletList, Paragraph, Section, Table
from citybridge.reports.i18n import Translator


def impact_section(changes: tuple[WaveChange, ...], t: Translator) -> Section:
    subsections = tuple(_comparison(change, t) for change in changes)
    intro = Paragraph(t.gettext(
        "Each participant's answers in a later survey wave are compared with their own earlier answers; only "
        "participants who answered both waves count."
    ))  # fmt: skip
    return Section("impact", t.gettext("Impact"), (intro,), subsections)


def _comparison(change: WaveChange, t: Translator) -> Section:
    rest = change.attrition
    lead = t.gettext("{both} of {earlier} participants who answered '{first}' also answered '{second}'; {dropped} did not.").format(
        both=t.format_number(rest.both), earlier=t.format_number(rest.earlier), first=change.earlier_wave,
        second=change.later_wave, dropped=t.format_number(rest.earlier - rest.both),
    )  # fmt: skip
    blocks: list = [Paragraph(lead, style="lead")]
    table = paired_change_table(change, t)
    if table is not None:
        blocks.append(table)
    if change.levels:
        blocks.append(BulletList(tuple(
            t.gettext("Level {level}, {question}: {count} of {base}").format(
                level=level.level, question=level.label, count=t.format_number(level.count), base=t.format_number(level.base))
            for level in change.levels
        )))  # fmt: skip
    title = t.gettext("{later} against {earlier}").format(later=change.later_wave, earlier=change.earlier_wave)
    return Section(f"impact-{change.later_wave}", title, tuple(blocks))


def paired_change_table(change: WaveChange, t: Translator) -> Table | None:
    """Each repeated measure's paired change in one row (the report's table, the waves page's too)."""
    if not change.measures:
        return None
    rows = tuple(_row(m, t) for m in change.measures)
    columns = (t.gettext("question"), t.gettext("comparison"), t.gettext("before"), t.gettext("after"),
               t.gettext("test"), t.gettext("p-value"), t.gettext("base"))  # fmt: skip
    # Numeric columns do not wrap: "21 the same" / "3 higher, 9 lower" (ordinal measures) must.
    counted = all(m.before is not None for m in change.measures)
    caption = t.gettext("Paired change, participants who answered both waves")
    return Table(columns, rows, caption=caption, numeric=(2, 3, 5, 6) if counted else (5, 6))


def _row(change: PairedChange, t: Translator) -> tuple[str, ...]:
    if change.before is not None:
        before, after = t.format_number(change.before), t.format_number(change.after)
    else:
        moved = change.changes
        before = t.gettext("{same} the same").format(same=t.format_number(moved["same"]))
        after = t.gettext("{higher} higher, {lower} lower").format(
            higher=t.format_number(moved["higher"]), lower=t.format_number(moved["lower"])
        )
    p_value = f"< {t.format_decimal(0.001, 3)}" if change.p_value < 0.001 else _three_places(change.p_value, t)
    return (change.label or change.measure, _method(change.comparison, t), before, after, _method(change.test, t),
            p_value, t.format_number(change.base))  # fmt: skip


def _three_places(p_value: float, t: Translator) -> str:
    """The p-value rounded as the waves page and ``analyze --waves`` round it (0.0625 -> 0.062),
    written with the report language's decimal sign."""
    return t.format_decimal(float(f"{p_value:.3f}"), 3)


def _method(name: str, t: Translator) -> str:
    """A comparison's or a test's name in the report's language; literal msgids, so that message
    extraction finds them (``t.gettext(name)`` would leave every language in English)."""
    names = {
        YESNO_TEST: t.gettext("yes/no"),
        TOPBOX: t.gettext("top-box"),
        ORDINAL: t.gettext("ordinal"),
        NUMBER: t.gettext("number"),
        MCNEMAR: t.gettext("exact McNemar"),
        WILCOXON: t.gettext("Wilcoxon signed-rank"),
    }
    return names.get(name, name)
