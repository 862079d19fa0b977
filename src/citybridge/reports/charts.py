"""Vega-Lite charts of indicators, built with Altair and rendered offline by vl-convert.

One spec per kind of indicator: stacked 100% bars for scales, ranked bars for multi-selects and
choices, a histogram (or band bars) for numbers, a cumulative line for responses over time. The
spec is kept with the rendering so the web dashboard can draw the same chart. Every text in a
chart arrives translated from the caller; data are inline values, so rendering needs no network.
"""

from __future__ import annotations

import struct
from functools import lru_cache
from pathlib import Path

import altair as alt
import vl_convert as vlc
from babel import Locale
from babel.numbers import format_percent as babel_percent

from citybridge.analysis.indicators import DailyCount, Indicator
from citybridge.reports.document import Chart

WIDTH = 520  # fits an A4 page and a 16 cm Word picture
FONT = "Noto Sans, Noto Sans CJK SC, DejaVu Sans, sans-serif"
ACCENT = "#1f5f8b"
# Best to worst: dark blue through grey to dark orange, readable in print and by colour-blind readers.
SCALE_COLOURS = ["#1f5f8b", "#5b9bc8", "#b9d3e6", "#d9d9d9", "#f2b279", "#d9712b", "#a64a12"]
_FONT_DIRS = ("/usr/share/fonts", "/usr/local/share/fonts")


def likert_chart(indicators: list[Indicator], legend_title: str, locale: Locale | None = None) -> Chart:
    """One stacked 100% bar per scale question, points in choice-list order, best first."""
    rows = []
    for indicator in indicators:
        question = f"{_short(indicator.label)} (n={indicator.base})"
        for order, option in enumerate(indicator.options):
            rows.append({"question": question, "answer": option.label, "order": order, "share": option.share})
    answers = list(dict.fromkeys(r["answer"] for r in rows))
    colours = SCALE_COLOURS[: len(answers)] if len(answers) <= len(SCALE_COLOURS) else None
    base = alt.Chart(alt.Data(values=rows))
    bars = base.mark_bar().encode(
        x=alt.X("sum(share):Q", stack="normalize", axis=alt.Axis(format="%", title=None)),
        y=alt.Y("question:N", sort=None, title=None, axis=alt.Axis(labelLimit=260)),
        color=alt.Color(
            "answer:N",
            sort=answers,
            scale=alt.Scale(domain=answers, range=colours) if colours else alt.Undefined,
            legend=alt.Legend(title=legend_title, orient="bottom", columns=3),
        ),
        order=alt.Order("order:Q"),
        tooltip=["question:N", "answer:N", alt.Tooltip("share:Q", format=".0%")],
    )
    labels = (
        base.transform_filter(alt.datum.share >= 0.05)
        .mark_text(color="white", fontSize=10)
        .encode(
            x=alt.X("sum(share):Q", stack="normalize", bandPosition=0.5),
            y=alt.Y("question:N", sort=None),
            detail="answer:N",
            order=alt.Order("order:Q"),
            text=alt.Text("sum(share):Q", format=".0%"),
        )
    )
    height = max(60, 34 * len(indicators))
    return render((bars + labels).properties(width=WIDTH - 260, height=height), locale)


def ranked_bars(
    indicator: Indicator, axis_title: str, top: int | None = None, locale: Locale | None = None
) -> Chart:
    """Horizontal bars, most named first, with count and share at the end of each bar."""
    options = sorted((o for o in indicator.options if o.count), key=lambda o: -o.count)[:top]
    rows = [{"answer": o.label, "count": o.count, "text": f"{o.count} ({o.share:.0%})"} for o in options]
    base = alt.Chart(alt.Data(values=rows)).encode(
        y=alt.Y("answer:N", sort=[r["answer"] for r in rows], title=None, axis=alt.Axis(labelLimit=240))
    )
    bars = base.mark_bar(color=ACCENT).encode(x=alt.X("count:Q", title=axis_title, axis=alt.Axis(tickMinStep=1)))
    text = base.mark_text(align="left", dx=3, fontSize=10).encode(x="count:Q", text="text:N")
    return render((bars + text).properties(width=WIDTH - 240, height=max(40, 20 * len(rows))), locale)


def histogram(indicator: Indicator, axis_title: str, count_title: str, locale: Locale | None = None) -> Chart:
    """The answers of a number question in round-width bins."""
    rows = [{"low": b.low, "high": b.high, "count": b.count} for b in indicator.bins]
    chart = (
        alt.Chart(alt.Data(values=rows))
        .mark_bar(color=ACCENT)
        .encode(
            x=alt.X("low:Q", bin="binned", title=axis_title, axis=alt.Axis(format="~s")),
            x2="high:Q",
            y=alt.Y("count:Q", title=count_title, axis=alt.Axis(tickMinStep=1)),
        )
    )
    return render(chart.properties(width=WIDTH - 80, height=180), locale)


def bands_chart(indicator: Indicator, count_title: str, locale: Locale | None = None) -> Chart:
    """Respondents per declared band (e.g. age bands), in band order."""
    rows = [{"band": b.label, "count": b.count, "text": f"{b.count} ({b.share:.0%})"} for b in indicator.bands]
    order = [r["band"] for r in rows]
    base = alt.Chart(alt.Data(values=rows)).encode(x=alt.X("band:N", sort=order, title=None, axis=alt.Axis(labelAngle=0)))
    bars = base.mark_bar(color=ACCENT).encode(y=alt.Y("count:Q", title=count_title, axis=alt.Axis(tickMinStep=1)))
    text = base.mark_text(dy=-6, fontSize=10).encode(y="count:Q", text="text:N")
    return render((bars + text).properties(width=WIDTH - 80, height=180), locale)


def responses_over_time(
    days: tuple[DailyCount, ...], axis_title: str, registered: int | None, locale: Locale | None = None
) -> Chart:
    """Cumulative responses by day, with the registered total as a reference line."""
    rows = [{"day": d.day.isoformat(), "cumulative": d.cumulative} for d in days]
    line = (
        alt.Chart(alt.Data(values=rows))
        .mark_line(point=True, color=ACCENT, interpolate="step-after")
        .encode(x=alt.X("day:T", title=None), y=alt.Y("cumulative:Q", title=axis_title))
    )
    layers = [line]
    if registered:
        rule = alt.Chart(alt.Data(values=[{"registered": registered}])).mark_rule(strokeDash=[4, 3], color="#888")
        layers.append(rule.encode(y="registered:Q"))
    return render(alt.layer(*layers).properties(width=WIDTH - 60, height=180), locale)


def render(chart: alt.TopLevelMixin, locale: Locale | None = None) -> Chart:
    """The spec, its SVG (for HTML and PDF) and a PNG at twice the size (for Word); axis numbers
    and dates in the locale's own form (Vega has no Uzbek locale, so both come from Babel)."""
    _register_fonts()
    spec = chart.configure(font=FONT).configure_view(stroke=None).to_dict()
    formats = {}
    if locale is not None:
        formats = {"format_locale": number_locale(locale), "time_format_locale": time_locale(locale)}
    svg = vlc.vegalite_to_svg(spec, **formats)
    png = vlc.vegalite_to_png(spec, scale=2, **formats)
    width, height = _png_size(png)
    return Chart(spec=spec, svg=svg, png=png, width=width // 2, height=height // 2)


def number_locale(locale: Locale) -> dict:
    """A d3-format locale: decimal and group separators and the percent sign, from Babel."""
    symbols = locale.number_symbols.get("latn", {})
    percent = babel_percent(0.5, locale=locale).replace("50", "")
    return {
        "decimal": symbols.get("decimal", "."),
        "thousands": symbols.get("group", ","),
        "grouping": [3],
        "currency": ["", ""],
        "percent": percent,
    }


def time_locale(locale: Locale) -> dict:
    """A d3-time-format locale from Babel's calendar names (d3 weeks start on Sunday)."""
    days = locale.days["stand-alone"]
    months = locale.months["stand-alone"]
    sunday_first = [6, 0, 1, 2, 3, 4, 5]
    return {
        "dateTime": "%x, %X",
        "date": "%d.%m.%Y",
        "time": "%H:%M:%S",
        "periods": ["AM", "PM"],
        "days": [days["wide"][i] for i in sunday_first],
        "shortDays": [days["abbreviated"][i] for i in sunday_first],
        "months": [months["wide"][i] for i in range(1, 13)],
        "shortMonths": [months["abbreviated"][i] for i in range(1, 13)],
    }


@lru_cache(maxsize=1)
def _register_fonts() -> None:
    for folder in _FONT_DIRS:
        if Path(folder).is_dir():
            vlc.register_font_directory(folder)


def _png_size(png: bytes) -> tuple[int, int]:
    return struct.unpack(">II", png[16:24])


def _short(label: str, limit: int = 60) -> str:
    return label if len(label) <= limit else label[: limit - 1].rstrip() + "…"
