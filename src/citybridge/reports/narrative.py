"""Key-results sentences written from indicators, as an M&E officer would write them.

Every sentence is a catalogue template filled with figures of one indicator: the share rounded
half up as published, the base stated, choice labels in the report's language. Nothing here
computes a figure; it only says what the analysis found.
"""

from __future__ import annotations

from citybridge import sectors
from citybridge.analysis.indicators import CHOICE, MULTIPLE, NUMBER, SCALE, TEXT, YESNO, Analysis, Indicator
from citybridge.reports.i18n import Translator

_AGREE_WORDS = ("agree",)


def survey_sentence(analysis: Analysis, t: Translator) -> str:
    """Who answered, out of how many, from how many cities, as of when."""
    parts = []
    if analysis.registered:
        parts.append(
            t.gettext(
                "{respondents} of the {registered} registered participants answered the survey ({rate})."
            ).format(
                respondents=t.format_number(analysis.respondents),
                registered=t.format_number(analysis.registered),
                rate=t.format_percent_whole(analysis.respondents, analysis.registered),
            )
        )
    else:
        parts.append(t.gettext("{count} answered the survey.").format(count=t.count_of(analysis.respondents)))
    if analysis.respondents_per_city:
        cities = len(analysis.respondents_per_city)
        parts.append(
            t.ngettext("They speak for {n} city.", "They speak for {n} cities.", cities).format(n=cities)
        )
    if analysis.as_of:
        parts.append(_full_stop(t.gettext("Figures as of {date}").format(date=t.format_date(analysis.as_of))))
    return " ".join(parts)


def _full_stop(text: str) -> str:
    return text if text.endswith(".") else text + "."


def _capitalised(sentence: str) -> str:
    """Sentences start with a capital, whatever the template put first (a topic, a label)."""
    return sentence[:1].upper() + sentence[1:]


def key_results(
    analysis: Analysis, t: Translator, topics: dict[str, str | None], order: list[str] | None = None
) -> list[str]:
    """One sentence per key question (``order``; default every scale, yes/no and multi-select)."""
    names = order or [n for n, i in analysis.indicators.items() if i.kind in (SCALE, YESNO, MULTIPLE)]
    sentences = []
    for name in names:
        indicator = analysis.indicators.get(name)
        if indicator is None or not indicator.base:
            continue
        sentence = indicator_sentence(indicator, t, topics.get(name))
        if sentence:
            sentences.append(sentence)
    return sentences


def indicator_sentence(indicator: Indicator, t: Translator, topic: str | None = None) -> str | None:
    if not indicator.base:
        return None
    writers = {SCALE: _scale, YESNO: _yesno, MULTIPLE: _multiple, CHOICE: _choice, NUMBER: _number}
    writer = writers.get(indicator.kind)
    sentence = writer(indicator, t, topic) if writer else None
    return _capitalised(sentence) if sentence else None


def _scale(indicator: Indicator, t: Translator, topic: str | None) -> str:
    share = t.format_percent_whole(indicator.positive.count, indicator.positive.base)
    base = t.format_number(indicator.base)
    top = [indicator.option(v) for v in indicator.positive_values[:2]]
    if any(word in indicator.positive_values[0] for word in _AGREE_WORDS) and len(top) == 2:
        return t.gettext(
            "{share} of respondents agreed that “{statement}”: {first_count} chose “{first}” and "
            "{second_count} “{second}” (base: {base})."
        ).format(
            share=share,
            statement=indicator.label.rstrip("."),
            first_count=t.format_number(top[0].count),
            first=top[0].label,
            second_count=t.format_number(top[1].count),
            second=top[1].label,
            base=base,
        )
    if topic and len(top) == 2:
        return t.gettext(
            "{share} of respondents were satisfied with {topic}: {first_share} rated them “{first}” and "
            "{second_share} “{second}” (base: {base})."
        ).format(
            share=share,
            topic=topic,
            first_share=t.format_percent_whole(top[0].count, indicator.base),
            first=top[0].label,
            second_share=t.format_percent_whole(top[1].count, indicator.base),
            second=top[1].label,
            base=base,
        )
    return t.gettext("{share} of respondents gave a positive answer to “{question}” (base: {base}).").format(
        share=share, question=indicator.label, base=base
    )


def _yesno(indicator: Indicator, t: Translator, topic: str | None) -> str:
    return t.gettext("{share} of respondents answered yes to “{question}” (base: {base}).").format(
        share=t.format_percent_whole(indicator.yes.count, indicator.yes.base),
        question=indicator.label,
        base=t.format_number(indicator.base),
    )


def _multiple(indicator: Indicator, t: Translator, topic: str | None) -> str | None:
    leaders = _leaders(indicator)
    if not leaders:
        return None
    items = [
        f"{_inline(o, first=(k == 0))} ({t.count_of(o.count) if k == 0 else t.format_number(o.count)})"
        for k, o in enumerate(leaders)
    ]
    listed = t.format_list(items)
    if topic:
        message = t.ngettext(
            "{items} leads {topic} (base: {base}).", "{items} lead {topic} (base: {base}).", len(items)
        )
        return message.format(items=listed, topic=topic, base=t.format_number(indicator.base))
    return t.gettext("Most named in answer to “{question}”: {items} (base: {base}).").format(
        question=indicator.label, items=listed, base=t.format_number(indicator.base)
    )


def _leaders(indicator: Indicator) -> list:
    """The top two options, plus any tied with the second: leaving out a tie would mislead."""
    named = [o for o in indicator.options if o.count]
    if len(named) <= 2:
        return named
    return [o for o in named if o.count >= named[1].count][:4]


def _choice(indicator: Indicator, t: Translator, topic: str | None) -> str | None:
    top = max(indicator.options, key=lambda o: o.count, default=None)
    if top is None or not top.count:
        return None
    return t.gettext(
        "The most frequent answer to “{question}” was “{answer}” ({share}; base: {base})."
    ).format(
        question=indicator.label,
        answer=top.label,
        share=t.format_percent_whole(top.count, indicator.base),
        base=t.format_number(indicator.base),
    )


def _number(indicator: Indicator, t: Translator, topic: str | None) -> str | None:
    summary = indicator.summary
    if summary is None:
        return None
    return t.gettext(
        "“{question}”: mean {mean}, median {median}, from {low} to {high} (base: {base})."
    ).format(
        question=indicator.label,
        mean=t.format_decimal(summary.mean, 0 if summary.mean >= 100 else 1),
        median=t.format_decimal(summary.median, 0 if summary.median >= 100 else 1),
        low=t.format_decimal(summary.min, 0),
        high=t.format_decimal(summary.max, 0),
        base=t.format_number(summary.n),
    )


def _inline(option, first: bool) -> str:
    """A choice label inside a sentence. Sector names are common nouns and lose their capital
    after the first item ("SME and trade and investment"); any other label (a city, a person)
    is kept as written. Acronyms keep their capitals."""
    label = option.label
    if first or len(label) < 2 or not label[1].islower() or not sectors.is_sector(option.value):
        return label
    return label[0].lower() + label[1:]




def change_sentences(before: Analysis, after: Analysis, t: Translator) -> list[str]:
    """What moved between two as-of days: respondents, and each scale's or yes/no's headline share."""
    sentences = []
    if before.respondents != after.respondents:
        sentences.append(
            t.gettext("Respondents: {before} on {before_date}, {after} on {after_date}.").format(
                before=t.format_number(before.respondents),
                after=t.format_number(after.respondents),
                before_date=t.format_date(before.as_of) if before.as_of else "",
                after_date=_day(after, t),
            )
        )
    for name, now in after.indicators.items():
        then = before.indicators.get(name)
        moved = _headline(then) if then else None
        current = _headline(now)
        if moved is None or current is None or (moved == current):
            continue
        sentences.append(
            t.gettext(
                "“{question}”: {before} (base: {before_base}) on {before_date}, {after} (base: {after_base}) on {after_date}."
            ).format(
                question=now.label,
                before=t.format_whole_percent(moved[0]),
                before_base=t.format_number(moved[1]),
                before_date=t.format_date(before.as_of) if before.as_of else "",
                after=t.format_whole_percent(current[0]),
                after_base=t.format_number(current[1]),
                after_date=_day(after, t),
            )
        )
    return sentences


def _headline(indicator: Indicator) -> tuple[int, int] | None:
    from citybridge.analysis.rounding import percent

    share = (
        indicator.positive if indicator.kind == SCALE else indicator.yes if indicator.kind == YESNO else None
    )
    if share is None or not share.base:
        return None
    return percent(share.count, share.base), share.base


def _day(analysis: Analysis, t: Translator) -> str:
    return t.format_date(analysis.as_of) if analysis.as_of else t.gettext("today")


def method_note(analysis: Analysis, t: Translator) -> str:
    when = (
        t.gettext("Figures as of {date}").format(date=t.format_date(analysis.as_of))
        if analysis.as_of
        else t.gettext("All submissions received")
    )
    return (
        when
        + ". "
        + t.gettext(
            "Each share is the number of respondents giving an answer divided by the respondents who answered "
            "the question (the base). The positive share of a scale counts its top two points unless the "
            "indicators file names others. Intervals are Wilson 95% intervals. “Not answered” counts "
            "respondents to whom the question applied but who left it empty. Percentages are rounded half up."
        )
    )


def computation(indicator: Indicator, t: Translator) -> str:
    """How the question's headline figure is computed, in one phrase."""
    if indicator.kind == SCALE:
        labels = t.format_list([indicator.option(v).label for v in indicator.positive_values])
        return t.gettext("positive share: {answers}").format(answers=labels)
    if indicator.kind == YESNO:
        return t.gettext("share answering yes")
    if indicator.kind == MULTIPLE:
        return t.gettext("respondents naming each option; several answers allowed")
    if indicator.kind == NUMBER:
        return t.gettext("mean, median and range of the answers")
    if indicator.kind == TEXT:
        return t.gettext("answers, tagged by sector")
    return t.gettext("share giving each answer")
