"""The sections around the findings: executive summary, foreword, background and objectives,
method, conclusions and recommendations, and next steps. Each is written from the figures and
from the organisers' own text (citybridge.reports.texts); none computes a figure itself."""

from __future__ import annotations

from dataclasses import replace

from citybridge.pipeline.stages import OPEN_STAGES, STAGE_LABELS
from citybridge.reports import conclusions, narrative, visuals
from citybridge.reports.document import BulletList, Figure, Paragraph, Section, Table
from citybridge.reports.i18n import Translator
from citybridge.reports.inputs import ReportInputs
from citybridge.reports.texts import text_in

_SUMMARY_RESULTS = 3  # key results repeated in the executive summary


def executive_summary(inputs: ReportInputs, t: Translator) -> Section:
    """Who answered and when, the first key results, and the verdicts of the conclusions."""
    spec, analysis = inputs.spec, inputs.analysis
    topics = {name: spec.question(name).topic(t.language) for name in analysis.indicators}
    results = narrative.key_results(analysis, t, topics, list(spec.key_results) or None)[:_SUMMARY_RESULTS]
    blocks: list = [Paragraph(narrative.survey_sentence(analysis, t), style="lead")]
    if results:
        blocks.append(BulletList(tuple(results)))
    blocks += [Paragraph(sentence) for sentence in conclusions.conclusions(inputs, t)]
    return Section("summary", t.gettext("Executive summary"), tuple(blocks))


def foreword(inputs: ReportInputs, t: Translator) -> Section:
    """The organisers' foreword, when they wrote one."""
    text = text_in(inputs.texts, "foreword", t)
    return Section("foreword", t.gettext("Foreword"), _paragraphs(text))


def background(inputs: ReportInputs, t: Translator, programme: Section) -> Section:
    """What the training was and what it aimed at: the stored description, context and objectives."""
    blocks: list = []
    for key in ("description", "context"):
        blocks += _paragraphs(text_in(inputs.texts, key, t))
    if not blocks:
        blocks.append(Paragraph(_held_sentence(inputs, t)))
    objectives = _paragraphs(text_in(inputs.texts, "objectives", t))
    subsections = [Section("objectives", t.gettext("Objectives"), objectives)] if objectives else []
    subsections.append(programme)
    return Section("background", t.gettext("Background and objectives"), tuple(blocks), tuple(subsections))


def _held_sentence(inputs: ReportInputs, t: Translator) -> str:
    """When nothing is stored: what the registration says, in one sentence."""
    return t.gettext("Registered for the training “{title}”: {registered}; cities represented: {cities}.").format(
        registered=t.format_number(inputs.registered),
        cities=t.format_number(inputs.cities),
        title=inputs.training.title,
    )


def method(inputs: ReportInputs, t: Translator, facts: Table, with_charts: bool) -> Section:
    """Where the figures come from, how many answered, and the day they stand at."""
    analysis = inputs.analysis
    sentences = [
        t.gettext(
            "The figures come from the evaluation survey “{survey}”, answered online after the training, "
            "and from the registration list of the participants."
        ).format(survey=analysis.title)
    ]
    if inputs.as_of:
        sentences.append(
            t.gettext("They count the submissions received up to {date}; later ones are not included.").format(
                date=t.format_date(inputs.as_of)
            )
        )
    blocks: list = [Paragraph(" ".join(sentences)), facts]
    if with_charts and analysis.responses_over_time:
        blocks.append(sourced(visuals.responses_figure(analysis, t), analysis.respondents, inputs, t))
    return Section("method", t.gettext("Method"), tuple(blocks))


def sourced(figure: Figure, base: int | str, inputs: ReportInputs, t: Translator) -> Figure:
    """``figure`` with its base and as-of day written under it."""
    count = t.count_of(base) if isinstance(base, int) else base
    if inputs.as_of:
        source = t.gettext("Base: {base}; figures as of {date}").format(base=count, date=t.format_date(inputs.as_of))
    else:
        source = t.gettext("Base: {base}").format(base=count)
    return replace(figure, source=source)


def conclusions_section(inputs: ReportInputs, t: Translator) -> Section:
    """The verdicts and the recommendations the figures support, then the organisers' own."""
    found = conclusions.conclusions(inputs, t)
    advice = conclusions.recommendations(inputs, t)
    blocks: list = [Paragraph(sentence) for sentence in found]
    subsections = []
    if advice:
        subsections.append(
            Section("recommendations", t.gettext("Recommendations from the figures"), (BulletList(tuple(advice)),))
        )
    own = _paragraphs(text_in(inputs.texts, "recommendations", t))
    if own:
        subsections.append(Section("organisers-recommendations", t.gettext("The organisers' recommendations"), own))
    rule = t.gettext(
        "How the verdicts are reached: a question met its aim when {met} or more answered positively, "
        "came close from {close}, and fell short below {close}."
    ).format(met=t.format_whole_percent(conclusions.AIM_MET), close=t.format_whole_percent(conclusions.AIM_CLOSE))
    blocks.append(Paragraph(rule, style="note"))
    return Section("conclusions", t.gettext("Conclusions and recommendations"), tuple(blocks), tuple(subsections))


def next_steps(inputs: ReportInputs, t: Translator) -> Section:
    """The partnership leads still open: who follows up with whom, at which stage, by when."""
    open_leads = [lead for lead in inputs.leads if lead.stage in OPEN_STAGES]
    if not open_leads:
        text = t.gettext(
            "No partnership lead is being followed up yet: the suggested partnerships are the first to contact."
        )
        return Section("next-steps", t.gettext("Next steps"), (Paragraph(text),))
    lead = t.ngettext(
        "{n} partnership lead is being followed up:", "{n} partnership leads are being followed up:", len(open_leads)
    ).format(n=t.format_number(len(open_leads)))
    rows = tuple(
        (
            f"{item.requesting} – {item.partner}",
            t.gettext(STAGE_LABELS[item.stage]),
            item.owner or "—",
            t.format_date(item.due_on) if item.due_on else "—",
        )
        for item in sorted(open_leads, key=lambda x: (x.due_on is None, x.due_on, x.requesting))
    )
    columns = (t.gettext("Cities"), t.gettext("Stage"), t.gettext("Owner"), t.gettext("Due"))
    return Section("next-steps", t.gettext("Next steps"), (Paragraph(lead), Table(columns, rows)))


def _paragraphs(text: str | None) -> tuple[Paragraph, ...]:
    return tuple(Paragraph(part.strip()) for part in (text or "").split("\n\n") if part.strip())
