"""Conclusions and recommendations written from the figures by rules a reader can check.

Each rule is a function of the numbers, stated in the sentence it writes:

- an evaluation question (a scale or yes/no among the key results) *met its aim* when its
  positive share is at least ``AIM_MET`` percent, *came close* from ``AIM_CLOSE`` percent, and
  *fell short* below that;
- the question with the lowest positive share below ``AIM_MET`` is the one to review;
- the two development priorities named most are the subjects to build the next training on;
- when fewer than ``RESPONSE_TARGET`` percent of the registered participants answered, the
  others are to be asked again before the figures are used for decisions.
"""

from __future__ import annotations

from dataclasses import dataclass

from citybridge.analysis.indicators import MULTIPLE, SCALE, YESNO, Analysis, Indicator, Share
from citybridge.analysis.rounding import percent
from citybridge.reports.i18n import Translator
from citybridge.reports.inputs import ReportInputs

AIM_MET = 90  # whole percent positive: the question met its aim
AIM_CLOSE = 75  # whole percent positive: close to it; below: fell short
RESPONSE_TARGET = 70  # whole percent of the registered who answered


@dataclass(frozen=True)
class Rated:
    """One evaluation question with its headline share, in whole percent, and its verdict."""

    indicator: Indicator
    points: int
    verdict: str  # "met", "close" or "short"


def verdict(points: int) -> str:
    """The verdict of a positive share in whole percent: "met", "close" or "short"."""
    if points >= AIM_MET:
        return "met"
    return "close" if points >= AIM_CLOSE else "short"


def rated(analysis: Analysis, names: list[str]) -> list[Rated]:
    """The evaluation questions among ``names`` (scales and yes/no answered by someone), rated."""
    found = []
    for name in names:
        indicator = analysis.indicators.get(name)
        share = _headline(indicator) if indicator else None
        if share is not None and share.base:
            points = percent(share.count, share.base)
            found.append(Rated(indicator, points, verdict(points)))
    return found


def _headline(indicator: Indicator) -> Share | None:
    return {SCALE: indicator.positive, YESNO: indicator.yes}.get(indicator.kind)


def conclusions(inputs: ReportInputs, t: Translator) -> list[str]:
    """One sentence per verdict that some question has, naming the questions and their shares."""
    questions = rated(inputs.analysis, _key_names(inputs))
    templates = {
        "met": t.gettext("The training met its aim on {questions}: {threshold} or more answered positively."),
        "close": t.gettext("It came close on {questions}: between {low} and {threshold} answered positively."),
        "short": t.gettext("It fell short on {questions}: fewer than {low} answered positively."),
    }
    sentences = []
    for kind, template in templates.items():
        chosen = [r for r in questions if r.verdict == kind]
        if chosen:
            listed = t.format_list([f"{t.quote(_short(r.indicator))} ({t.format_whole_percent(r.points)})" for r in chosen])
            sentences.append(
                template.format(
                    questions=listed,
                    threshold=t.format_whole_percent(AIM_MET),
                    low=t.format_whole_percent(AIM_CLOSE),
                )
            )
    return sentences


def recommendations(inputs: ReportInputs, t: Translator) -> list[str]:
    """What the figures suggest doing next, each with the figure and the rule behind it."""
    found = [_review(inputs, t), _next_subjects(inputs, t), _ask_again(inputs, t)]
    return [sentence for sentence in found if sentence]


def _review(inputs: ReportInputs, t: Translator) -> str | None:
    """The lowest-rated question below the aim is the first to review."""
    below = [r for r in rated(inputs.analysis, _key_names(inputs)) if r.verdict != "met"]
    if not below:
        return None
    lowest = min(below, key=lambda r: r.points)
    return t.gettext(
        "Review {question} first: at {share}, it is the lowest-rated question below {threshold}."
    ).format(
        question=t.quote(_short(lowest.indicator)),
        share=t.format_whole_percent(lowest.points),
        threshold=t.format_whole_percent(AIM_MET),
    )


def _next_subjects(inputs: ReportInputs, t: Translator) -> str | None:
    """The two priorities named most are the subjects of the next training."""
    name = inputs.spec.priorities_question
    indicator = inputs.analysis.indicators.get(name) if name else None
    if indicator is None or indicator.kind != MULTIPLE or not indicator.base:
        return None
    top = sorted((o for o in indicator.options if o.count), key=lambda o: -o.count)[:2]
    if not top:
        return None
    items = t.format_list([f"{o.label} ({t.count_of(o.count)})" for o in top])
    return t.ngettext(
        "Build the next training around the priority named most: {items} (base: {base}).",
        "Build the next training around the two priorities named most: {items} (base: {base}).",
        len(top),
    ).format(items=items, base=t.format_number(indicator.base))


def _ask_again(inputs: ReportInputs, t: Translator) -> str | None:
    """Too few answers: ask the participants who have not answered before deciding on the figures."""
    analysis = inputs.analysis
    registered = analysis.registered or inputs.registered
    if not registered or analysis.respondents >= registered:
        return None
    rate = percent(analysis.respondents, registered)
    if rate >= RESPONSE_TARGET:
        return None
    missing = registered - analysis.respondents
    return t.ngettext(
        "Ask the {n} registered participant who has not answered yet: {rate} answered, fewer than {target}.",
        "Ask the {n} registered participants who have not answered yet: {rate} answered, fewer than {target}.",
        missing,
    ).format(
        n=t.format_number(missing),
        rate=t.format_whole_percent(rate),
        target=t.format_whole_percent(RESPONSE_TARGET),
    )


def _key_names(inputs: ReportInputs) -> list[str]:
    return list(inputs.spec.key_results) or list(inputs.analysis.indicators)


def _short(indicator: Indicator) -> str:
    return indicator.label.strip().rstrip(".?:")
