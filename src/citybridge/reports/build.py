"""Assemble the evaluation and needs-assessment report of a training as a Document.

Every number in it comes from the :class:`~citybridge.analysis.indicators.Analysis` passed in;
sentences come from the narrative catalogues and the rules of ``conclusions``, charts from the
chart specs. The renderers (HTML, PDF, DOCX) then only lay it out. The order is the one an
evaluation report follows: executive summary, foreword, background and objectives, method,
findings, conclusions and recommendations, partnerships, next steps, annexes.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from citybridge.reports import framing
from citybridge.reports.compare import comparison_section
from citybridge.reports.document import Document, Section
from citybridge.reports.i18n import Translator
from citybridge.reports.impact import impact_section
from citybridge.reports.inputs import ReportInputs
from citybridge.reports.sections import (
    data_notes_section,
    facts_table,
    key_results_section,
    needs_section,
    partnerships_section,
    programme_section,
    statistics_annex,
    voices_section,
)
from citybridge.reports.texts import localised


def build_report(inputs: ReportInputs, t: Translator, *, with_charts: bool = True) -> Document:
    inputs = replace(inputs, training=localised(inputs.training, inputs.texts, t))
    findings = Section(
        "findings",
        t.gettext("Findings"),
        subsections=(
            key_results_section(inputs, t, with_charts),
            needs_section(inputs, t, with_charts),
            voices_section(inputs, t),
        ),
    )
    sections = [
        framing.executive_summary(inputs, t),
        framing.foreword(inputs, t),
        framing.background(inputs, t, programme_section(inputs.training, t)),
        framing.method(inputs, t, facts_table(inputs, t), with_charts),
        findings,
        framing.conclusions_section(inputs, t),
        partnerships_section(inputs, t),
        framing.next_steps(inputs, t),
    ]
    if inputs.previous is not None:
        sections.append(comparison_section(inputs, inputs.previous, t))
    if inputs.impact:
        sections.append(impact_section(inputs.impact, t))
    sections += [statistics_annex(inputs, t), data_notes_section(inputs, t)]
    return Document(
        title=inputs.training.title,
        subtitle=t.gettext("Evaluation and needs assessment report"),
        language=t.language,
        sections=tuple(_kept(sections)),
        as_of=inputs.as_of,
        generated_at=dt.datetime.now(dt.UTC),  # document metadata only, never printed in the body
        footer=_footer(inputs, t),
    )


def _kept(sections: list[Section]) -> list[Section]:
    """Sections with something in them, their empty subsections left out."""
    kept = []
    for section in sections:
        subsections = tuple(_kept(list(section.subsections)))
        if section.blocks or subsections:
            kept.append(Section(section.key, section.title, section.blocks, subsections))
    return kept


def _footer(inputs: ReportInputs, t: Translator) -> str:
    """The running footer: the day the figures stand at and their base."""
    base = t.count_of(inputs.analysis.respondents)
    if inputs.as_of is None:
        return t.gettext("Base: {base}").format(base=base)
    return t.gettext("Base: {base}; figures as of {date}").format(base=base, date=t.format_date(inputs.as_of))
