"""The figures of an earlier day beside the report's, and why they differ (``--compare``).

The news of 10 November 2020 and the report of 14 December 2020 published different shares for
the same questions; both are right for their day. The only cause this section can name is the one
the store shows: submissions that arrived between the two days.
"""

from __future__ import annotations

from citybridge.analysis.indicators import Analysis
from citybridge.reports import conclusions, narrative
from citybridge.reports.document import BulletList, Paragraph, Section, Table
from citybridge.reports.i18n import Translator
from citybridge.reports.inputs import ReportInputs


def comparison_section(inputs: ReportInputs, before: Analysis, t: Translator) -> Section:
    """Each evaluation question's share on both days side by side, then what changed between them."""
    after = inputs.analysis
    then_day, now_day = _day(before, t), _day_of(inputs, t)
    names = list(inputs.spec.key_results) or list(after.indicators)
    then = {r.indicator.name: r for r in conclusions.rated(before, names)}
    rows = tuple(
        (
            now.indicator.label,
            _cell(then.get(now.indicator.name), t),
            _cell(now, t),
        )
        for now in conclusions.rated(after, names)
    )
    blocks: list = [Paragraph(_why(before, after, then_day, now_day, t))]
    if rows:
        blocks.append(Table((t.gettext("Question"), then_day, now_day), rows, numeric=(1, 2)))
    changes = narrative.change_sentences(before, after, t)
    if changes:
        blocks.append(BulletList(tuple(changes)))
    title = t.gettext("Figures of {before} and {after}").format(before=then_day, after=now_day)
    return Section("changes", title, tuple(blocks))


def _why(before: Analysis, after: Analysis, then_day: str, now_day: str, t: Translator) -> str:
    arrived = after.respondents - before.respondents
    if arrived <= 0:
        return t.gettext("No submission arrived between {before} and {after}: the figures are the same.").format(
            before=then_day, after=now_day
        )
    return t.ngettext(
        "The figures differ because {n} submission arrived after {before}: the figures of {after} count "
        "{total}, those of {before} {earlier}.",
        "The figures differ because {n} submissions arrived after {before}: the figures of {after} count "
        "{total}, those of {before} {earlier}.",
        arrived,
    ).format(
        n=t.format_number(arrived),
        before=then_day,
        after=now_day,
        total=t.count_of(after.respondents),
        earlier=t.format_number(before.respondents),
    )


def _cell(found: conclusions.Rated | None, t: Translator) -> str:
    if found is None:
        return "—"
    base = t.gettext("base: {base}").format(base=t.format_number(found.indicator.base))
    return f"{t.format_whole_percent(found.points)} ({base})"


def _day(analysis: Analysis, t: Translator) -> str:
    return t.format_date(analysis.as_of) if analysis.as_of else t.gettext("today")


def _day_of(inputs: ReportInputs, t: Translator) -> str:
    return t.format_date(inputs.as_of) if inputs.as_of else t.gettext("today")
