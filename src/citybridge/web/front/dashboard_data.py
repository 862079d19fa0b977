"""What the dashboard shows: the evaluation survey's indicators over the filtered respondents.

Filters come from the query string (``city``, ``band-<question>``, ``as_of``) and are checked
against the form and its indicators file, so the choices on the page are the survey's own; a
survey without banded questions in its indicators file is banded by age when the form says it
(``analysis.ages``). The
figures are the core's (``analyze``) over ``respondents_in``'s subset; the charts are the
report's figures (``reports.visuals``), drawn as SVG only. The views keep the results per state
of the data (``dashboard_cache``).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from urllib.parse import urlencode

import polars as pl
from django.utils.translation import gettext  # by name: makemessages finds gettext(), not an alias

from citybridge.analysis.compute import analyze, city_question
from citybridge.analysis.indicators import (
    CHOICE,
    MULTIPLE,
    NUMBER,
    SCALE,
    TEXT,
    YESNO,
    Analysis,
    AnswerCount,
    Indicator,
)
from citybridge.analysis.labels import choice_label, question_label
from citybridge.analysis.spec import Band, IndicatorSpec
from citybridge.analysis.subsets import band_filters, respondents_in
from citybridge.forms.model import GEOPOINT, Form
from citybridge.reports import charts, narrative, visuals
from citybridge.reports.document import Figure
from citybridge.reports.i18n import Translator
from citybridge.web.surveys.analysis import survey_frame, survey_spec
from citybridge.web.surveys.models import Survey

BAND_PREFIX = "band-"
# A 390 px phone leaves about 340 px for a chart: drawn at that size its words keep their size
# instead of shrinking to half (a 560 px chart scaled down).
PHONE_WIDTH = 340
TOP_OPTIONS = 5  # ranked lists show their leaders; the chart and the report show them all


@dataclass(frozen=True)
class Filters:
    city: str = ""  # a choice name of the city question
    bands: dict[str, str] = field(default_factory=dict)  # number question -> band name
    as_of: dt.date | None = None

    @property
    def subset(self) -> bool:
        return bool(self.city or self.bands)

    def query(self) -> str:
        """The filters as a query string, for the chart images and paging links."""
        pairs = [("city", self.city)] if self.city else []
        pairs += [(BAND_PREFIX + name, band) for name, band in sorted(self.bands.items())]
        if self.as_of:
            pairs.append(("as_of", self.as_of.isoformat()))
        return urlencode(pairs)


@dataclass(frozen=True)
class FilterChoices:
    """The selects of the filter form, built from the form and its indicators file."""

    city_label: str | None
    cities: list[tuple[str, str]]
    banded: list[tuple[str, str, list[tuple[str, str]]]]  # (question, label, [(band, label)])


def filter_choices(form: Form, spec: IndicatorSpec, language: str) -> FilterChoices:
    city = city_question(form, spec)
    cities = (
        [(c.name, choice_label(form, city, c.name, language)) for c in city.choices]
        if city and city.choices
        else []
    )
    banded = [
        (
            f.question.name,
            question_label(form, f.question, language),
            [(b.name, _band_label(b, language)) for b in f.bands],
        )
        for f in band_filters(form, spec)
    ]
    cities.sort(key=lambda pair: pair[1].casefold())
    return FilterChoices(question_label(form, city, language) if city else None, cities, banded)


def _band_label(band: Band, language: str) -> str:
    """The indicators file's label, or for the house age bands one worded from their bounds."""
    if band.labels:
        return band.label(language)
    if band.min is None and band.max is not None:
        return gettext("%(age)s or under") % {"age": int(band.max)}
    if band.max is None and band.min is not None:
        return gettext("%(age)s or over") % {"age": int(band.min)}
    return gettext("%(low)s to %(high)s") % {"low": int(band.min or 0), "high": int(band.max or 0)}


def read_filters(query, choices: FilterChoices) -> tuple[Filters, list[str]]:
    """The filters asked for in ``query`` (a QueryDict); unknown values are dropped and named."""
    problems: list[str] = []
    city = query.get("city", "")
    if city and city not in {value for value, _ in choices.cities}:
        problems.append(
            gettext("City '%(city)s' is not a choice of the survey: showing every city.") % {"city": city}
        )
        city = ""
    bands = {}
    for name, _, options in choices.banded:
        wanted = query.get(BAND_PREFIX + name, "")
        if wanted and wanted in {value for value, _ in options}:
            bands[name] = wanted
        elif wanted:
            problems.append(
                gettext("'%(band)s' is not a band of '%(question)s': showing every band.")
                % {"band": wanted, "question": name}
            )
    as_of = None
    if query.get("as_of"):
        try:
            as_of = dt.date.fromisoformat(query["as_of"])
        except ValueError:
            problems.append(
                gettext("The as-of date '%(day)s' is not a date (YYYY-MM-DD): showing every submission.")
                % {"day": query["as_of"]}
            )
    return Filters(city=city, bands=bands, as_of=as_of), problems


def filtered_analysis(survey: Survey, filters: Filters, language: str) -> Analysis:
    """The survey's indicators over the respondents the filters keep. The response rate needs the
    registered people of the same subset, which the registration list cannot say by age band;
    so a subset gets no registered total (and no rate), the whole survey the training's."""
    form = survey.current_version().form()
    spec = survey_spec(survey)
    frame: pl.DataFrame = respondents_in(
        form, survey_frame(survey), spec, city=filters.city, bands=filters.bands
    )
    registered = None if filters.subset else (survey.training.participants.count() or None)
    return analyze(form, frame, spec=spec, as_of=filters.as_of, language=language, registered=registered)


@dataclass(frozen=True)
class KeyFigure:
    """One key indicator as the dashboard lists it."""

    indicator: Indicator
    sentence: str | None
    headline: str  # e.g. "45% (23 of 52); 95% interval 32–58%"
    counted: str  # which answers the headline counts, for a scale: "strongly agree, agree"
    options: list[tuple[str, int, str]]  # (label, count, percent)
    chart: str | None  # chart id for the chart image, None when nothing is drawn


def key_figures(analysis: Analysis, spec: IndicatorSpec, t: Translator) -> list[KeyFigure]:
    names = [n for n in spec.key_results if n in analysis.indicators] or list(analysis.indicators)
    figures = []
    for name in names:
        indicator = analysis.indicators[name]
        if indicator.kind == TEXT:
            continue
        topic = spec.question(name).topic(t.language)
        figures.append(
            KeyFigure(
                indicator=indicator,
                sentence=narrative.indicator_sentence(indicator, t, topic) if indicator.base else None,
                headline=_headline(indicator, t),
                counted=_counted(indicator, t),
                options=_options(indicator, t),
                chart=_chart_id(indicator),
            )
        )
    return figures


def _headline(indicator: Indicator, t: Translator) -> str:
    """The indicator the indicators file declares, in bold: a scale's positive share (its top two
    points unless the file names others), the very figure the sentence under it gives; a yes/no's
    yes; a number's median."""
    share = (
        indicator.positive if indicator.kind == SCALE else indicator.yes if indicator.kind == YESNO else None
    )
    if share is not None and share.base:
        low, high = share.ci95
        return gettext("%(share)s (%(count)s of %(base)s); 95%% interval %(low)s–%(high)s") % {
            "share": t.format_percent_whole(share.count, share.base),
            "count": t.format_number(share.count),
            "base": t.format_number(share.base),
            "low": t.format_percent(low),
            "high": t.format_percent(high),
        }
    if indicator.kind == NUMBER and indicator.summary:
        s = indicator.summary
        return gettext("n = %(n)s; median %(median)s; mean %(mean)s") % {
            "n": t.format_number(s.n),
            "median": t.format_decimal(s.median, 0),
            "mean": t.format_decimal(s.mean),
        }
    return gettext("n = %(n)s") % {"n": t.format_number(indicator.base)}


def _counted(indicator: Indicator, t: Translator) -> str:
    if indicator.kind != SCALE or not indicator.positive_values:
        return ""
    labels = t.format_list([indicator.option(v).label for v in indicator.positive_values])
    return gettext("counts: %(answers)s") % {"answers": labels}


def _options(indicator: Indicator, t: Translator) -> list[tuple[str, int, str]]:
    options = indicator.bands if indicator.kind == NUMBER else indicator.options
    if indicator.kind == MULTIPLE:
        options = options[:TOP_OPTIONS]
    return [
        (o.label, o.count, t.format_percent_whole(o.count, indicator.base)) for o in options if indicator.base
    ]


def _chart_id(indicator: Indicator) -> str | None:
    if not indicator.base or indicator.kind == SCALE:
        return None  # scales are drawn together, one stacked chart per answer list
    if indicator.kind in (MULTIPLE, CHOICE, YESNO) or (
        indicator.kind == NUMBER and (indicator.bands or indicator.bins)
    ):
        return f"q-{indicator.name}"
    return None


def scale_groups(analysis: Analysis) -> list[list[Indicator]]:
    """Answered scales grouped by their answer list (the report's grouping: one chart per list)."""
    groups: dict[tuple[str, ...], list[Indicator]] = {}
    for indicator in analysis.indicators.values():
        if indicator.kind == SCALE and indicator.base:
            groups.setdefault(tuple(o.value for o in indicator.options), []).append(indicator)
    return list(groups.values())


def chart_figure(analysis: Analysis, chart: str, t: Translator) -> Figure | None:
    """The report's figure for a chart id: "responses" ("responses-phone": drawn PHONE_WIDTH wide),
    "scales-<n>", "q-<question>" or "places-<question>"."""
    with charts.svg_only():
        if chart in ("responses", "responses-phone"):
            width = PHONE_WIDTH if chart == "responses-phone" else charts.WIDTH
            return visuals.responses_figure(analysis, t, width) if analysis.responses_over_time else None
        if chart.startswith("scales-") and chart[7:].isdigit():
            groups = scale_groups(analysis)
            index = int(chart[7:])
            return visuals.likert_figure(groups[index], t) if index < len(groups) else None
        if chart.startswith("q-") and chart[2:] in analysis.indicators:
            return visuals.indicator_figure(analysis.indicators[chart[2:]], t)
        if chart.startswith("places-"):
            found = [a for a in place_answers(analysis) if a.name == chart[7:]]
            return visuals.points_figure(found[0], t) if found else None
    return None


def place_answers(analysis: Analysis) -> list[AnswerCount]:
    """The geopoint questions with answers located near a gazetteer city: each gets a map of points."""
    return [a for a in analysis.other_answers if a.type == GEOPOINT and a.nearest_cities]
