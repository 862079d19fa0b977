"""Single figures named by a reference, as the report prints them.

A reference names a figure in words a data note can carry: ``materials.positive`` (the share of
positive answers, in whole percent), ``priorities.option.sme.count``, ``age.band.under_35``,
``population.mean@10000`` (a mean rounded to the nearest 10,000), ``respondents``. Published
figures are checked against the example training through these references, with the same
rounding the narrative uses, so a figure the report prints is a figure the test checked.
"""

from __future__ import annotations

from dataclasses import dataclass

from citybridge.analysis.indicators import Analysis
from citybridge.analysis.rounding import percent


class FigureError(KeyError):
    """The reference does not name a figure of this analysis."""


@dataclass(frozen=True)
class FigureValue:
    value: int | float
    base: int  # the respondents the figure is computed over
    unit: str  # "percent", "count", or the unit of a number question


@dataclass(frozen=True)
class TrainingCounts:
    """Figures of the training itself rather than its survey."""

    registered: int
    cities: int
    lectures: int


def figure(analysis: Analysis, reference: str, training: TrainingCounts | None = None) -> FigureValue:
    """The value of ``reference`` in ``analysis``, rounded as the report rounds it."""
    name, _, rounding = reference.partition("@")
    parts = name.split(".")
    if parts[0] in ("registered", "cities", "lectures"):
        if training is None:
            raise FigureError(f"'{reference}' is a figure of the training; pass its counts")
        value = getattr(training, parts[0])
        return FigureValue(value, value, "count")
    if parts == ["respondents"]:
        return FigureValue(analysis.respondents, analysis.respondents, "count")
    if parts[0] not in analysis.indicators:
        raise FigureError(f"'{reference}': no question '{parts[0]}' in the analysis")
    return _of_indicator(analysis.indicators[parts[0]], parts[1:], reference, rounding)


def _of_indicator(indicator, parts: list[str], reference: str, rounding: str) -> FigureValue:
    match parts:
        case ["positive"] if indicator.positive:
            share = indicator.positive
            return FigureValue(percent(share.count, share.base), share.base, "percent")
        case ["top_box"] if indicator.top_box:
            share = indicator.top_box
            return FigureValue(percent(share.count, share.base), share.base, "percent")
        case ["yes"] if indicator.yes:
            return FigureValue(percent(indicator.yes.count, indicator.yes.base), indicator.yes.base, "percent")
        case ["option", value, *measure]:
            return _counted(_find(indicator.options, value, reference), indicator.base, measure)
        case ["band", value, *measure]:
            return _counted(_find(indicator.bands, value, reference), indicator.base, measure or ["percent"])
        case [("mean" | "median" | "min" | "max") as statistic] if indicator.summary:
            raw = getattr(indicator.summary, statistic)
            return FigureValue(_rounded(raw, rounding), indicator.summary.n, "number")
        case ["base"]:
            return FigureValue(indicator.base, indicator.base, "count")
    raise FigureError(f"'{reference}' does not name a figure of a {indicator.kind} question")


def _counted(option, base: int, measure: list[str]) -> FigureValue:
    if measure in ([], ["percent"]):
        return FigureValue(percent(option.count, base), base, "percent")
    if measure == ["count"]:
        return FigureValue(option.count, base, "count")
    raise FigureError(f"measure {'.'.join(measure)!r}: use 'count' or 'percent'")


def _find(options, value: str, reference: str):
    for option in options:
        if option.value == value:
            return option
    raise FigureError(f"'{reference}': no option '{value}'")


def _rounded(value: float, rounding: str) -> int | float:
    if not rounding:
        return value
    unit = int(rounding)
    return int(value / unit + 0.5) * unit
