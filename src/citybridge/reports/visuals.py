"""Report figures: the right chart for an indicator, with its caption and alt text translated."""

from __future__ import annotations

from functools import cache

from citybridge.analysis.indicators import CHOICE, MULTIPLE, NUMBER, YESNO, Analysis, AnswerCount, Indicator
from citybridge.places.model import Place
from citybridge.places.shipped import shipped_places
from citybridge.reports import charts
from citybridge.reports.document import Figure
from citybridge.reports.i18n import Translator


def likert_figure(scales: list[Indicator], t: Translator) -> Figure:
    chart = charts.likert_chart(scales, t.gettext("Answer"), locale=t.locale)
    summary = "; ".join(
        f"{i.label}: {t.format_percent_whole(i.positive.count, i.positive.base)}"
        for i in scales
        if i.positive
    )
    return Figure(chart, t.gettext("Evaluation of the training: share of each answer"), summary)


def responses_figure(analysis: Analysis, t: Translator, width: int = charts.WIDTH) -> Figure:
    chart = charts.responses_over_time(
        analysis.responses_over_time,
        t.gettext("Cumulative responses"),
        analysis.registered,
        locale=t.locale,
        width=width,
    )
    last = analysis.responses_over_time[-1]
    alt = t.gettext("{count} by {date}").format(
        count=t.count_of(last.cumulative), date=t.format_date(last.day)
    )
    return Figure(chart, t.gettext("Responses over time"), alt)


def indicator_figure(indicator: Indicator, t: Translator) -> Figure | None:
    """A ranked bar chart for selects, bands or a histogram for numbers; None when nothing to draw."""
    if indicator.kind in (MULTIPLE, CHOICE, YESNO) and any(o.count for o in indicator.options):
        chart = charts.ranked_bars(indicator, t.gettext("Respondents"), locale=t.locale)
        alt = "; ".join(f"{o.label}: {o.count}" for o in indicator.options if o.count)
    elif indicator.kind == NUMBER and indicator.bands:
        chart = charts.bands_chart(indicator, t.gettext("Respondents"), locale=t.locale)
        alt = "; ".join(f"{b.label}: {b.count}" for b in indicator.bands)
    elif indicator.kind == NUMBER and indicator.bins:
        chart = charts.histogram(indicator, indicator.label, t.gettext("Respondents"), locale=t.locale)
        alt = "; ".join(f"{b.low:g}–{b.high:g}: {b.count}" for b in indicator.bins)
    else:
        return None
    return Figure(chart, indicator.label, alt)


def points_figure(answers: AnswerCount, t: Translator) -> Figure | None:
    """A geopoint's answers on a map of points: each at its nearest gazetteer city, sized by how
    many answers are nearest to it, so the figure says where without showing anyone's position."""
    places = _places_by_id()
    points = [
        {"lon": place.longitude, "lat": place.latitude, "label": city.label, "count": city.count,
         "text": f"{city.label}: {t.format_number(city.count)}"}
        for city in answers.nearest_cities
        if (place := places.get(city.value)) is not None
    ]  # fmt: skip
    if not points:
        return None
    chart = charts.points_map(points, (t.gettext("Longitude"), t.gettext("Latitude")), locale=t.locale)
    alt = "; ".join(point["text"] for point in points)
    return Figure(chart, answers.label, alt)


@cache
def _places_by_id() -> dict[str, Place]:
    return {place.id: place for place in shipped_places()}
