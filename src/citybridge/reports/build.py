"""Assemble the evaluation and needs-assessment report of a training as a Document.

Every number in it comes from the :class:`~citybridge.analysis.indicators.Analysis` passed in;
sentences come from the narrative catalogues, charts from the chart specs. The renderers (HTML,
PDF, DOCX) then only lay it out.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from citybridge.analysis.indicators import Analysis
from citybridge.analysis.spec import IndicatorSpec
from citybridge.knowledge.training import TrainingSummary
from citybridge.reports import narrative
from citybridge.reports.document import BulletList, Document, Paragraph, Section
from citybridge.reports.i18n import Translator
from citybridge.reports.impact import impact_section
from citybridge.reports.sections import (
    data_notes_section,
    key_results_section,
    needs_section,
    partnerships_section,
    programme_section,
    summary_section,
    voices_section,
)


@dataclass(frozen=True)
class ReportInputs:
    """What a report is written from: the training, its survey's analysis, and how to read it."""

    training: TrainingSummary
    analysis: Analysis
    spec: IndicatorSpec
    registered: int
    cities: int
    previous: Analysis | None = None  # the same survey as of an earlier day, for --compare
    partnerships: dict | None = None  # the matching result (citybridge.web.matching), when there is one
    impact: tuple = ()  # WaveChange of each follow-up wave against its earlier wave (citybridge.reports.impact)


def build_report(inputs: ReportInputs, t: Translator, *, with_charts: bool = True) -> Document:
    sections = [
        summary_section(inputs, t, with_charts),
        programme_section(inputs.training, t),
        key_results_section(inputs, t, with_charts),
        needs_section(inputs, t, with_charts),
        voices_section(inputs, t),
        partnerships_section(inputs, t),
    ]
    if inputs.previous is not None:
        sections.append(_changes_section(inputs.previous, inputs.analysis, t))
    if inputs.impact:
        sections.append(impact_section(inputs.impact, t))
    sections.append(data_notes_section(inputs, t))
    as_of = inputs.analysis.as_of
    return Document(
        title=inputs.training.title,
        subtitle=t.gettext("Evaluation and needs assessment report"),
        language=t.language,
        sections=tuple(s for s in sections if s.blocks or s.subsections),
        as_of=as_of,
        generated_at=dt.datetime.now(dt.UTC),
        footer=_footer(as_of, t),
    )


def _footer(as_of: dt.date | None, t: Translator) -> str:
    if as_of is None:
        return t.gettext("All submissions received")
    return t.gettext("Figures as of {date}").format(date=t.format_date(as_of))


def _changes_section(before: Analysis, after: Analysis, t: Translator) -> Section:
    sentences = narrative.change_sentences(before, after, t)
    title = t.gettext("What changed since {date}").format(date=t.format_date(before.as_of)) if before.as_of else ""
    blocks = (BulletList(tuple(sentences)),) if sentences else (Paragraph(t.gettext("No figure changed.")),)
    return Section("changes", title, blocks)

