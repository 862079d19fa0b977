"""The sections of the evaluation report, one function each, from the analysis to blocks."""

from __future__ import annotations

from citybridge import sectors
from citybridge.analysis.indicators import (
    CHOICE,
    MULTIPLE,
    NUMBER,
    SCALE,
    TEXT,
    YESNO,
    AnswerCount,
    Indicator,
)
from citybridge.analysis.rounding import whole_percents
from citybridge.forms.model import GEOPOINT
from citybridge.pipeline.outcomes import OUTCOME_LABELS
from citybridge.pipeline.stages import STAGE_LABELS
from citybridge.programme.training import TrainingSummary
from citybridge.reports import narrative, visuals, voices
from citybridge.reports.document import BulletList, Caution, Paragraph, Section, Table
from citybridge.reports.framing import sourced
from citybridge.reports.i18n import Translator
from citybridge.reports.inputs import PairLead, ReportInputs

_NEEDS_KINDS = (MULTIPLE, NUMBER, CHOICE, YESNO)


def facts_table(inputs: ReportInputs, t: Translator) -> Table:
    """The training at a glance: dates, participants, cities, respondents, who ran and funded it."""
    training, analysis = inputs.training, inputs.analysis
    facts = [
        (t.gettext("Dates"), _dates(training, t)),
        (t.gettext("Registered participants"), t.format_number(inputs.registered)),
        (t.gettext("Cities"), t.format_number(inputs.cities)),
        (t.gettext("Respondents"), t.format_number(analysis.respondents)),
    ]
    if analysis.response_rate is not None:
        facts.append((t.gettext("Response rate"), t.format_percent(analysis.response_rate)))
    if inputs.as_of:
        facts.append((t.gettext("Figures as of"), t.format_date(inputs.as_of)))
    for label, names in (
        (t.gettext("Hosts"), training.hosts),
        (t.gettext("Partners"), training.partners),
        (t.gettext("Funders"), training.funders),
    ):
        if names:
            facts.append((label, "; ".join(names)))
    return Table(columns=("", ""), rows=tuple(facts))


def _dates(training: TrainingSummary, t: Translator) -> str:
    if training.starts_on and training.ends_on:
        return f"{t.format_date(training.starts_on)} – {t.format_date(training.ends_on)}"
    return t.format_date(training.starts_on) if training.starts_on else ""


def programme_section(training: TrainingSummary, t: Translator) -> Section:
    rows = tuple(
        (
            lecture.title,
            lecture.speaker,
            lecture.affiliation,
            ", ".join(sectors.label(s, t.language) for s in lecture.topics),
        )
        for lecture in training.lectures
    )
    columns = (t.gettext("Lecture"), t.gettext("Speaker"), t.gettext("Affiliation"), t.gettext("Sectors"))
    return Section("programme", t.gettext("Programme"), (Table(columns, rows),) if rows else ())


def key_results_section(inputs: ReportInputs, t: Translator, with_charts: bool) -> Section:
    analysis, spec = inputs.analysis, inputs.spec
    topics = {name: spec.question(name).topic(t.language) for name in analysis.indicators}
    sentences = narrative.key_results(analysis, t, topics, list(spec.key_results) or None)
    blocks: list = [BulletList(tuple(sentences))] if sentences else []
    scales = _scales(analysis)
    if scales and with_charts:
        blocks += [
            sourced(visuals.likert_figure(group, t), _bases(group, t), inputs, t)
            for group in _same_answers(scales)
        ]
    return Section("key-results", t.gettext("Key results"), tuple(blocks))


def _scales(analysis) -> list[Indicator]:
    return [i for i in analysis.indicators.values() if i.kind == SCALE and i.base]


def _bases(group: list[Indicator], t: Translator) -> int | str:
    """One base when the questions share it, else the range: "50–52 respondents"."""
    low, high = min(i.base for i in group), max(i.base for i in group)
    if low == high:
        return low
    return t.ngettext("{n} respondent", "{n} respondents", high).format(
        n=f"{t.format_number(low)}–{t.format_number(high)}"
    )


def _same_answers(scales: list[Indicator]) -> list[list[Indicator]]:
    """Scales grouped by their answer list: one stacked chart per list keeps its colours meaningful."""
    groups: dict[tuple[str, ...], list[Indicator]] = {}
    for indicator in scales:
        groups.setdefault(tuple(o.value for o in indicator.options), []).append(indicator)
    return list(groups.values())


def _scale_table(scales: list[Indicator], t: Translator) -> Table:
    columns = (t.gettext("Question"), t.gettext("Share"), t.gettext("95% interval"), t.gettext("Base"))
    rows = tuple(
        (
            i.label,
            t.format_percent_whole(i.positive.count, i.positive.base),
            _interval(i.positive.ci95, t),
            t.format_number(i.base),
        )
        for i in scales
    )
    return Table(columns, rows, numeric=(1, 2, 3))


def needs_section(inputs: ReportInputs, t: Translator, with_charts: bool) -> Section:
    analysis, spec = inputs.analysis, inputs.spec
    skip = {spec.consent_question, _city_name(inputs)}
    subsections = [
        _question_section(indicator, inputs, t, with_charts)
        for name, indicator in analysis.indicators.items()
        if indicator.kind in _NEEDS_KINDS and name not in skip and indicator.base
    ]
    subsections += [
        _places_section(answers, inputs, t, with_charts)
        for answers in analysis.other_answers
        if answers.type == GEOPOINT and answers.nearest_cities
    ]
    return Section("needs", t.gettext("Needs assessment"), subsections=tuple(subsections))


def _places_section(answers: AnswerCount, inputs: ReportInputs, t: Translator, with_charts: bool) -> Section:
    """A geopoint question: its map of points and the table of nearest cities, with its base
    (respondents who gave a point, of all respondents)."""
    base = t.gettext("{answered} of {respondents}").format(
        answered=t.format_number(answers.base), respondents=t.count_of(inputs.analysis.respondents)
    )
    blocks: list = []
    figure = visuals.points_figure(answers, t) if with_charts else None
    if figure is not None:
        blocks.append(sourced(figure, base, inputs, t))
    rows = tuple(
        (city.label, t.format_number(city.count), t.format_percent_whole(city.count, answers.base))
        for city in answers.nearest_cities
    )
    columns = (t.gettext("Nearest city"), t.gettext("Respondents"), t.gettext("Share"))
    blocks.append(Table(columns, rows, numeric=(1, 2)))
    if figure is None:  # the figure carries the base under it
        blocks.append(Paragraph(t.gettext("Base: {base}").format(base=base), style="note"))
    return Section(f"q-{answers.name}", answers.label, tuple(blocks))


def _city_name(inputs: ReportInputs) -> str | None:
    return inputs.spec.city_question or ("city" if "city" in inputs.analysis.indicators else None)


def _question_section(
    indicator: Indicator, inputs: ReportInputs, t: Translator, with_charts: bool
) -> Section:
    topic = inputs.spec.question(indicator.name).topic(t.language)
    blocks: list = []
    sentence = narrative.indicator_sentence(indicator, t, topic)
    if sentence:
        blocks.append(Paragraph(sentence))
    if with_charts:
        figure = visuals.indicator_figure(indicator, t)
        if figure is not None:
            blocks.append(sourced(figure, indicator.base, inputs, t))
    blocks.append(option_table(indicator, t))
    blocks.append(Paragraph(_base_note(indicator, t), style="note"))
    return Section(f"q-{indicator.name}", indicator.label, tuple(blocks))


def option_table(indicator: Indicator, t: Translator) -> Table:
    """Counts, whole percents that add up, and intervals; numbers get their summary instead."""
    if indicator.kind == NUMBER:
        return _number_table(indicator, t)
    options = [o for o in indicator.options if o.count or indicator.kind != MULTIPLE]
    shares = (
        whole_percents([o.count for o in options], indicator.base) if indicator.kind != MULTIPLE else None
    )
    rows = tuple(
        (
            o.label,
            t.format_number(o.count),
            t.format_whole_percent(shares[k]) if shares else t.format_percent_whole(o.count, indicator.base),
            _interval(o.ci95, t),
        )
        for k, o in enumerate(options)
    )
    columns = (t.gettext("Option"), t.gettext("Respondents"), t.gettext("Share"), t.gettext("95% interval"))
    return Table(columns, rows, numeric=(1, 2, 3))


def _number_table(indicator: Indicator, t: Translator) -> Table:
    s = indicator.summary
    rows = [
        (t.gettext("Mean"), t.format_decimal(s.mean, 0 if abs(s.mean) >= 100 else 1)),
        (t.gettext("Median"), t.format_decimal(s.median, 0 if abs(s.median) >= 100 else 1)),
        (t.gettext("Minimum"), t.format_decimal(s.min, 0)),
        (t.gettext("Maximum"), t.format_decimal(s.max, 0)),
    ]
    shares = whole_percents([b.count for b in indicator.bands], indicator.base)
    rows += [
        (band.label, t.format_whole_percent(share))
        for band, share in zip(indicator.bands, shares, strict=True)
    ]
    return Table(("", ""), tuple(rows), numeric=(1,))


def statistics_annex(inputs: ReportInputs, t: Translator) -> Section:
    """Annex: every evaluation question's positive share with its interval, and respondents per city."""
    subsections = []
    scales = _scales(inputs.analysis)
    if scales:
        subsections.append(
            Section("evaluation-shares", t.gettext("Evaluation questions"), (_scale_table(scales, t),))
        )
    if inputs.analysis.respondents_per_city:
        rows = tuple((o.label, t.format_number(o.count)) for o in inputs.analysis.respondents_per_city)
        table = Table((t.gettext("Cities"), t.gettext("Respondents")), rows, numeric=(1,))
        subsections.append(Section("respondents-per-city", t.gettext("Respondents per city"), (table,)))
    return Section("statistics", t.gettext("Annex A. Statistics"), subsections=tuple(subsections))


def _base_note(indicator: Indicator, t: Translator) -> str:
    return f"{t.gettext('Base')}: {t.format_number(indicator.base)}; {t.gettext('Not answered')}: {t.format_number(indicator.missing)}"


def _interval(ci95: tuple[float, float], t: Translator) -> str:
    return f"{t.format_percent(ci95[0])} – {t.format_percent(ci95[1])}"


def voices_section(inputs: ReportInputs, t: Translator) -> Section:
    """What respondents wrote and agreed to have quoted: opinions, then requests and questions."""
    answers = [a for i in inputs.analysis.indicators.values() if i.kind == TEXT for a in i.answers]
    found = voices.voices(answers)
    if not found:
        return Section(
            "voices",
            t.gettext("Voices"),
            (Paragraph(t.gettext("No respondent agreed to be quoted."), style="note"),),
        )
    groups = (
        ("opinions", t.gettext("Opinions"), [v for v in found if not v.request]),
        ("requests", t.gettext("Requests and questions"), [v for v in found if v.request]),
    )
    subsections = tuple(
        Section(
            key, title, tuple(Paragraph(voices.quoted(v, t, inputs.texts), style="quote") for v in chosen)
        )
        for key, title, chosen in groups
        if chosen
    )
    lead = t.gettext(
        "Quoted with the respondents' consent; a text written by several respondents is shown once."
    )
    return Section("voices", t.gettext("Voices"), (Paragraph(lead, style="note"),), subsections)


def partnerships_section(inputs: ReportInputs, t: Translator) -> Section:
    """The optimal assignment under capacities, each pair with its score and reason."""
    found = inputs.partnerships
    if not found or not found.matches:
        return Section("partnerships", t.gettext("Suggested partnerships"))
    lead = t.gettext(
        "Each city gets up to {k} partner cities and each partner city takes at most {capacity} requests; "
        "among all the pairings within these limits, the one below has the highest total score."
    ).format(k=t.format_number(found.k), capacity=t.format_number(found.capacity))
    matches = sorted(found.matches, key=lambda m: (m.requesting, -m.score))
    rows = tuple(
        (m.requesting, m.partner, t.format_decimal(m.score, 2), m.explanation, pair_lead_text(m.lead, t))
        for m in matches
    )
    columns = (t.gettext("City"), t.gettext("Partner city"), t.gettext("Score"), t.gettext("Why"), t.gettext("Lead"))
    blocks: list = [Paragraph(lead), Table(columns, rows, numeric=(2,))]
    if found.quality:  # how well the matcher did on real partnerships (citybridge.matching.learned)
        blocks.insert(1, Paragraph(found.quality))
    if found.left_out:  # each city without answers, a gazetteer place or a pair, with the reason
        blocks += [Caution(f"{text}.") for text in found.left_out]
    elif found.unresolved:
        blocks.append(
            Caution(
                t.gettext("Not found in the gazetteer (no size or distance): {cities}").format(
                    cities=", ".join(found.unresolved)
                )
            )
        )
    return Section("partnerships", t.gettext("Suggested partnerships"), tuple(blocks))


def pair_lead_text(lead: PairLead | None, t: Translator) -> str:
    """Whether a lead came from a suggested pair, how far it got and its latest dated outcome:
    "lead: agreement — MoU signed 2021-03-02"."""
    if lead is None:
        return t.gettext("no lead yet")
    stage = t.gettext(STAGE_LABELS[lead.stage])
    if not lead.outcome or lead.outcome_on is None:
        return t.gettext("lead: {stage}").format(stage=stage)
    return t.gettext("lead: {stage} — {outcome} {date}").format(
        stage=stage, outcome=t.gettext(OUTCOME_LABELS[lead.outcome]), date=lead.outcome_on.isoformat()
    )


def data_notes_section(inputs: ReportInputs, t: Translator) -> Section:
    analysis = inputs.analysis
    blocks: list = [Paragraph(narrative.method_note(analysis, t, inputs.as_of))]
    small = [g for g in analysis.groups if g.small_base]
    for group in small:
        blocks.append(
            Caution(t.gettext("Small base: read with care ({n} respondents)").format(n=group.respondents))
        )
    rows = tuple(
        (i.label, t.format_number(i.base), t.format_number(i.missing), narrative.computation(i, t))
        for i in analysis.indicators.values()
    )
    columns = (
        t.gettext("Question"),
        t.gettext("Base"),
        t.gettext("Not answered"),
        t.gettext("How it is computed"),
    )
    blocks.append(Table(columns, rows, numeric=(1, 2)))
    blocks += [Paragraph(note, style="note") for note in analysis.notes]
    return Section("data-notes", t.gettext("Annex B. Data notes"), tuple(blocks))
