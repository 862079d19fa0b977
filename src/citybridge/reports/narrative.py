"""Sentences written from indicators, as an M&E officer would write them, in the report's language.

Every sentence is a catalogue template (see citybridge.reports.i18n) filled with the figures of
one indicator: a share rounded half up as published, the base stated, choice labels already in
the report's language. Nothing here computes a figure; it only says what the analysis found.

A question's *topic* (from the indicators file) replaces its quoted label where the sentence
reads better with a phrase. Each kind puts the topic in its own slot, so the indicators file
writes it in the form that slot needs: a scale "were satisfied with {topic}" (Russian:
instrumental, "материалами …"), an agreement scale "agreed that {topic}" (a clause), a
multi-select "{items} lead {topic}" (Russian: prepositional, "В приоритетах …"; Uzbek: "{topic}
orasida"), a choice or yes/no "On {topic}, …", a number "{topic}: mean …" (nominative).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from itertools import groupby

from citybridge import sectors
from citybridge.analysis.indicators import (
    CHOICE,
    MULTIPLE,
    NUMBER,
    SCALE,
    TEXT,
    YESNO,
    Analysis,
    Indicator,
    OptionCount,
    Share,
)
from citybridge.analysis.rounding import percent
from citybridge.reports.i18n import Translator

KEY_KINDS = (SCALE, YESNO, MULTIPLE)  # the questions key_results speaks of unless told which
_MOST_NAMED = 4  # a multi-select names at most this many options, unless its top ones tie
# Languages that write a common noun in lower case inside a sentence ("rated them excellent").
_LOWER_CASE_INSIDE = frozenset({"en", "ru", "uz-Latn", "uz-Cyrl"})


def survey_sentence(analysis: Analysis, t: Translator) -> str:
    """Who answered, out of how many, from how many cities, as of when: one sentence."""
    if analysis.registered:
        sentence = t.gettext(
            "{respondents} of the {registered} registered participants answered the survey ({rate})"
        ).format(
            respondents=t.format_number(analysis.respondents),
            registered=t.format_number(analysis.registered),
            rate=t.format_percent_whole(analysis.respondents, analysis.registered),
        )
    else:
        n = analysis.respondents
        sentence = t.ngettext(
            "{n} respondent answered the survey", "{n} respondents answered the survey", n
        ).format(n=t.format_number(n))
    cities = sum(1 for city in analysis.respondents_per_city if city.count)
    if cities:
        sentence = t.ngettext("{answered}, from {n} city", "{answered}, from {n} cities", cities).format(
            answered=sentence, n=t.format_number(cities)
        )
    if analysis.as_of:
        sentence = t.gettext("{answered}; figures as of {date}").format(
            answered=sentence, date=t.format_date(analysis.as_of)
        )
    return _full_stop(sentence, t)


def key_results(
    analysis: Analysis, t: Translator, topics: Mapping[str, str | None], order: list[str] | None = None
) -> list[str]:
    """One sentence per key question: those in ``order``, else every scale, yes/no and multi-select
    in form order. Questions nobody answered (base 0) and names the analysis lacks are skipped."""
    names = order or [n for n, i in analysis.indicators.items() if i.kind in KEY_KINDS]
    sentences = []
    for name in names:
        indicator = analysis.indicators.get(name)
        sentence = indicator_sentence(indicator, t, topics.get(name)) if indicator else None
        if sentence:
            sentences.append(sentence)
    return sentences


def indicator_sentence(indicator: Indicator, t: Translator, topic: str | None = None) -> str | None:
    """The sentence an M&E officer would write about one question; None when there is nothing to say
    (base 0, free text)."""
    if not indicator.base:
        return None
    writers = {SCALE: _scale, YESNO: _yesno, MULTIPLE: _multiple, CHOICE: _choice, NUMBER: _number}
    writer = writers.get(indicator.kind)
    sentence = writer(indicator, t, topic) if writer else None
    return _capitalised(sentence) if sentence else None


def _scale(indicator: Indicator, t: Translator, topic: str | None) -> str | None:
    if indicator.positive is None:
        return None
    if _is_agreement(indicator):
        return _agreement(indicator, t, topic)
    figures = {"share": _percent(indicator.positive, t), "base": t.format_number(indicator.base)}
    top = [indicator.option(v) for v in indicator.positive_values[:2]]
    if len(top) < 2:
        if topic:
            template = t.gettext("{share} of respondents were satisfied with {topic} (base: {base}).")
        else:
            template = t.gettext(
                "{share} of respondents gave a positive answer to “{question}” (base: {base})."
            )
        return template.format(topic=topic, question=indicator.label, **figures)
    figures |= {
        "first_share": t.format_percent_whole(top[0].count, indicator.base),
        "first": _in_sentence(top[0], t, common=True),
        "second_share": t.format_percent_whole(top[1].count, indicator.base),
        "second": _in_sentence(top[1], t, common=True),
    }
    if topic:
        template = t.gettext(
            "{share} of respondents were satisfied with {topic}: {first_share} rated them {first} and "
            "{second_share} {second} (base: {base})."
        )
    else:
        template = t.gettext(
            "{share} of respondents gave a positive answer to “{question}”: {first_share} {first} and "
            "{second_share} {second} (base: {base})."
        )
    return template.format(topic=topic, question=indicator.label, **figures)


def _is_agreement(indicator: Indicator) -> bool:
    """Whether the positive points are the two agreeing points of an agreement scale."""
    values = [v.lower() for v in indicator.positive_values]
    return len(values) == 2 and all("agree" in v and "disagree" not in v for v in values)


def _agreement(indicator: Indicator, t: Translator, topic: str | None) -> str:
    strong_value, agree_value = sorted(indicator.positive_values, key=lambda v: "strong" not in v.lower())
    figures = {
        "share": _percent(indicator.positive, t),
        "strong": t.format_number(indicator.option(strong_value).count),
        "agree": t.format_number(indicator.option(agree_value).count),
        "base": t.format_number(indicator.base),
    }
    if topic:
        template = t.gettext(
            "{share} agreed that {statement}: {strong} strongly agreed and {agree} agreed (base: {base})."
        )
        return template.format(statement=topic, **figures)
    template = t.gettext(
        "{share} agreed that “{statement}”: {strong} strongly agreed and {agree} agreed (base: {base})."
    )
    return template.format(statement=_statement(indicator), **figures)


def _statement(indicator: Indicator) -> str:
    return indicator.label.strip().rstrip(".")


def _yesno(indicator: Indicator, t: Translator, topic: str | None) -> str | None:
    if indicator.yes is None:
        return None
    figures = {"share": _percent(indicator.yes, t), "base": t.format_number(indicator.base)}
    if topic:
        return t.gettext("On {topic}, {share} of respondents answered yes (base: {base}).").format(
            topic=topic, **figures
        )
    return t.gettext("{share} of respondents answered yes to “{question}” (base: {base}).").format(
        question=indicator.label, **figures
    )


def _multiple(indicator: Indicator, t: Translator, topic: str | None) -> str | None:
    named, unnamed = _leaders(indicator.options)
    if not named:
        return None
    items = t.format_list(
        [
            f"{_in_sentence(o, t)} ({t.count_of(o.count) if k == 0 else t.format_number(o.count)})"
            for k, o in enumerate(named)
        ]
    )
    base = t.format_number(indicator.base)
    if topic:
        sentence = t.ngettext(
            "{items} leads {topic} (base: {base}).", "{items} lead {topic} (base: {base}).", len(named)
        ).format(items=items, topic=topic, base=base)
    else:
        sentence = t.gettext("Most named in answer to “{question}”: {items} (base: {base}).").format(
            question=indicator.label, items=items, base=base
        )
    if unnamed:
        sentence += " " + t.ngettext(
            "{n} more option follows, named by {count}.",
            "{n} more options follow, tied at {count} each.",
            len(unnamed),
        ).format(n=t.format_number(len(unnamed)), count=t.format_number(unnamed[0].count))
    return sentence


def _leaders(options: tuple[OptionCount, ...]) -> tuple[list[OptionCount], list[OptionCount]]:
    """The options to name, and a tie left unnamed.

    The top two are named, and never a tie cut in half: every option tied with the last one
    named is named too. When that would name more than _MOST_NAMED options, the tie is counted
    instead of listed; the top group itself is always named whole.
    """
    ranked = sorted((o for o in options if o.count), key=lambda o: -o.count)  # stable: form order in ties
    named: list[OptionCount] = []
    for _, group in groupby(ranked, key=lambda o: o.count):
        if len(named) >= 2:
            break
        tied = list(group)
        if named and len(named) + len(tied) > _MOST_NAMED:
            return named, tied
        named += tied
    return named, []


def _choice(indicator: Indicator, t: Translator, topic: str | None) -> str | None:
    most = max((o.count for o in indicator.options), default=0)
    if not most:
        return None
    leaders = [o for o in indicator.options if o.count == most]
    if len(leaders) > _MOST_NAMED:
        return _many_tied(indicator, t, topic, len(leaders), most)
    figures = {
        "answers": t.format_list([t.quote(o.label) for o in leaders]),
        "share": t.format_percent_whole(most, indicator.base),
        "base": t.format_number(indicator.base),
    }
    if topic:
        template = t.ngettext(
            "On {topic}, the most frequent answer was {answers} ({share}; base: {base}).",
            "On {topic}, the most frequent answers were {answers} ({share} each; base: {base}).",
            len(leaders),
        )
    else:
        template = t.ngettext(
            "The most frequent answer to “{question}” was {answers} ({share}; base: {base}).",
            "The most frequent answers to “{question}” were {answers} ({share} each; base: {base}).",
            len(leaders),
        )
    return template.format(topic=topic, question=indicator.label, **figures)


def _many_tied(indicator: Indicator, t: Translator, topic: str | None, n: int, count: int) -> str:
    """Too many answers share the top to list them: say how many, and what each has."""
    figures = {
        "n": t.format_number(n),
        "share": t.format_percent_whole(count, indicator.base),
        "base": t.format_number(indicator.base),
    }
    if topic:
        template = t.ngettext(
            "On {topic}, {n} answer is the most frequent, with {share} (base: {base}).",
            "On {topic}, {n} answers tie as the most frequent, with {share} each (base: {base}).",
            n,
        )
    else:
        template = t.ngettext(
            "{n} answer to “{question}” is the most frequent, with {share} (base: {base}).",
            "{n} answers to “{question}” tie as the most frequent, with {share} each (base: {base}).",
            n,
        )
    return template.format(topic=topic, question=indicator.label, **figures)


def _number(indicator: Indicator, t: Translator, topic: str | None) -> str | None:
    summary = indicator.summary
    if summary is None or not summary.n:
        return None
    figures = {
        "mean": _figure(summary.mean, t),
        "median": _figure(summary.median, t),
        "low": _figure(summary.min, t),
        "high": _figure(summary.max, t),
        "base": t.format_number(summary.n),
    }
    if topic:
        template = t.gettext("{topic}: mean {mean}, median {median}, from {low} to {high} (base: {base}).")
    else:
        template = t.gettext(
            "“{question}”: mean {mean}, median {median}, from {low} to {high} (base: {base})."
        )
    return template.format(topic=topic, question=indicator.label, **figures)


def _figure(x: float, t: Translator) -> str:
    """A summary figure as a reader wants it: 790,000 and 38 whole, a mean of ages to one decimal."""
    return t.format_decimal(x, 0 if abs(x) >= 100 or float(x).is_integer() else 1)


def _percent(share: Share, t: Translator) -> str:
    return t.format_percent_whole(share.count, share.base)


def _in_sentence(option: OptionCount, t: Translator, common: bool = False) -> str:
    """A choice label inside a sentence, lower-cased where the language writes a common noun so.

    Common: the points of a scale (``common``), sector names, and phrases whose later words are in
    lower case ("Trade and investment"). Anything else may be a name (a city, "Cities Project")
    and keeps its capital, as do acronyms ("PPP", "SME").
    """
    label = option.label
    words = label.split()
    if t.language not in _LOWER_CASE_INSIDE or not words or _is_acronym(words[0]):
        return label
    phrase = len(words) > 1 and not any(w[:1].isupper() for w in words[1:])
    if common or phrase or sectors.is_sector(option.value):
        return label[0].lower() + label[1:]
    return label


def _is_acronym(word: str) -> bool:
    """ "PPP", "ЮНОССС": two or more cased letters, all capitals (a modifier letter such as the
    Uzbek tutuq in "Aʼlo" has no case and does not count)."""
    cased = [c for c in word if c.isupper() or c.islower()]
    return len(cased) >= 2 and all(c.isupper() for c in cased)


def change_sentences(
    before: Analysis, after: Analysis, t: Translator, topics: Mapping[str, str | None] | None = None
) -> list[str]:
    """What moved between two as-of days: the respondents, and the headline share of each scale and
    yes/no question whose whole percent or base changed."""
    dates = {"before_date": _day(before, t), "after_date": _day(after, t)}
    sentences = []
    if before.respondents != after.respondents:
        template = t.gettext(
            "The number of respondents went from {before} on {before_date} to {after} on {after_date}."
        )
        numbers = {"before": t.format_number(before.respondents), "after": t.format_number(after.respondents)}
        sentences.append(_capitalised(template.format(**numbers, **dates)))
    for name, now in after.indicators.items():
        then, current = _headline(before.indicators.get(name)), _headline(now)
        if then is None or current is None or then == current:
            continue
        figures = {
            "before": t.format_whole_percent(then[0]),
            "before_base": t.format_number(then[1]),
            "after": t.format_whole_percent(current[0]),
            "after_base": t.format_number(current[1]),
            **dates,
        }
        topic = (topics or {}).get(name)
        words = {"topic": topic, "question": now.label, "statement": topic or _statement(now)}
        sentences.append(_capitalised(_change_template(now, t, topic).format(**words, **figures)))
    return sentences


def _headline(indicator: Indicator | None) -> tuple[int, int] | None:
    """The whole percent and base a change sentence compares: a scale's positive share, a yes/no's yes."""
    if indicator is None:
        return None
    share = {SCALE: indicator.positive, YESNO: indicator.yes}.get(indicator.kind)
    if share is None or not share.base:
        return None
    return percent(share.count, share.base), share.base


def _change_template(indicator: Indicator, t: Translator, topic: str | None) -> str:
    """The change sentence's template for a question of this kind, with or without a topic."""
    if indicator.kind == YESNO and topic:
        template = t.gettext(
            "On {topic}, the share answering yes went from {before} (base: {before_base}) on "
            "{before_date} to {after} (base: {after_base}) on {after_date}."
        )
    elif indicator.kind == YESNO:
        template = t.gettext(
            "The share answering yes to “{question}” went from {before} (base: {before_base}) on "
            "{before_date} to {after} (base: {after_base}) on {after_date}."
        )
    elif _is_agreement(indicator) and topic:
        template = t.gettext(
            "The share who agreed that {statement} went from {before} (base: {before_base}) on "
            "{before_date} to {after} (base: {after_base}) on {after_date}."
        )
    elif _is_agreement(indicator):
        template = t.gettext(
            "The share who agreed that “{statement}” went from {before} (base: {before_base}) on "
            "{before_date} to {after} (base: {after_base}) on {after_date}."
        )
    elif topic:
        template = t.gettext(
            "The share satisfied with {topic} went from {before} (base: {before_base}) on "
            "{before_date} to {after} (base: {after_base}) on {after_date}."
        )
    else:
        template = t.gettext(
            "The positive share for “{question}” went from {before} (base: {before_base}) on "
            "{before_date} to {after} (base: {after_base}) on {after_date}."
        )
    return template


def _day(analysis: Analysis, t: Translator) -> str:
    return t.format_date(analysis.as_of) if analysis.as_of else t.gettext("today")


def data_notes(t: Translator) -> list[str]:
    """How every figure of the report is computed, one sentence each, for the data notes."""
    return [
        t.gettext(
            "A share is the number of respondents who gave an answer divided by the respondents who "
            "answered the question: its base."
        ),
        t.gettext(
            "The positive share of a scale counts its top points, the top two unless the table below "
            "names others for a question."
        ),
        t.gettext(
            "Each share comes with its Wilson 95% interval, which stays sound for small bases and for "
            "shares close to 0 or 100%."
        ),
        t.gettext(
            "“Not answered” counts the respondents to whom a question applied but who left it empty "
            "(item non-response); they are not part of its base."
        ),
        t.gettext(
            "Percentages are rounded half up; in a table of every answer to a question they are "
            "adjusted so that they add up to 100%."
        ),
    ]


def method_note(analysis: Analysis, t: Translator, as_of: dt.date | None = None) -> str:
    """The data notes' opening paragraph: the date of the figures, then how they are computed."""
    day = as_of or analysis.as_of
    when = (
        t.gettext("Figures as of {date}").format(date=t.format_date(day))
        if day
        else t.gettext("All submissions received")
    )
    return " ".join([_full_stop(when, t), *data_notes(t)])


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


def _full_stop(text: str, t: Translator) -> str:
    """End with one full stop, even after a date that ends in one ("14 декабря 2020 г."); Chinese
    ends with its own 。"""
    stop = "。" if t.language == "zh" else "."
    return text if text.endswith((".", "。")) else text + stop


def _capitalised(sentence: str) -> str:
    """A sentence starts with a capital, whatever the template put first (a topic, a label), and
    ends with one full stop, even when a date ending in one comes last ("14 декабря 2020 г.")."""
    if sentence.endswith("..") and not sentence.endswith("..."):
        sentence = sentence[:-1]
    return sentence[:1].upper() + sentence[1:]
