"""Vega-Lite charts of indicators, built with Altair and rendered offline by vl-convert.

One spec per kind of indicator: stacked 100% bars for scales, ranked bars for multi-selects and
choices, a histogram (or band bars) for numbers, a cumulative line for responses over time. The
spec is kept with the rendering so the web dashboard can draw the same chart.

Every word in a chart arrives translated from the caller; numbers, percentages and dates are
written for the report's Babel locale, with the same rounding as the report's tables, so a bar
never says 33% where the table beside it says 34%. Data are inline values and rendering refuses
any URL, so a chart is drawn the same way on a machine without network.
"""

from __future__ import annotations

import json
import math
import re
import struct
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from functools import lru_cache
from pathlib import Path

import altair as alt
import vl_convert as vlc
from babel import Locale
from babel.numbers import format_decimal
from babel.numbers import format_percent as babel_percent

from citybridge.analysis.indicators import MULTIPLE, DailyCount, Indicator
from citybridge.analysis.rounding import percent, whole_percents
from citybridge.reports.document import Chart

WIDTH = 560  # whole chart, axes and legend included: 14.8 cm at 96 dpi, inside A4 and 16 cm Word
FONT = "Noto Sans, Noto Sans CJK SC, DejaVu Sans, sans-serif"
ACCENT = "#1f5f8b"
INK = "#333333"
MUTED = "#8c8c8c"
GRID = "#e8e8e8"
# A scale runs from its best point (dark blue) through grey to its worst (dark orange): a diverging
# ramp that prints as distinct grey levels and stays apart for colour-blind readers.
RAMP = ((31, 95, 139), (140, 184, 214), (217, 217, 217), (240, 170, 112), (166, 74, 18))
LABEL_CHARS = 32  # wrap question and option labels at this many columns per line (a Chinese character: 2)
_FONT_DIRS = ("/usr/share/fonts", "/usr/local/share/fonts")
_DEFAULT_LOCALE = Locale.parse("en")
_WITH_PNG: ContextVar[bool] = ContextVar("citybridge_chart_png", default=True)


@contextmanager
def svg_only() -> Iterator[None]:
    """Charts drawn inside this block get no PNG (png=b""): a web page shows the SVG only, and
    the PNG would double the time of every chart."""
    token = _WITH_PNG.set(False)
    try:
        yield
    finally:
        _WITH_PNG.reset(token)


def likert_chart(indicators: list[Indicator], legend_title: str, locale: Locale | None = None) -> Chart:
    """One stacked 100% bar per scale question, points in choice-list order, best first.

    The base is added to each question's label ("Materials (n=52)"); segments of 5% or more
    carry their share, rounded like the report's tables (the parts add up to 100%).
    """
    rows, colours = _likert_rows(indicators, locale or _DEFAULT_LOCALE)
    questions = list(dict.fromkeys(row["question"] for row in rows))
    band = alt.Scale(paddingInner=0.25)
    base = alt.Chart(alt.Data(values=rows)).encode(
        y=alt.Y("question:N", sort=questions, title=None, axis=_label_axis(), scale=band)
    )
    axis = alt.Axis(format="%", values=[0, 0.25, 0.5, 0.75, 1], grid=False)
    legend = alt.Legend(orient="bottom", direction="horizontal", columns=_legend_columns(list(colours)))
    bars = base.mark_bar(stroke="white", strokeWidth=1).encode(
        x=alt.X("start:Q", title=None, scale=alt.Scale(domain=[0, 1], nice=False), axis=axis),
        x2="end:Q",
        color=alt.Color(
            "answer:N",
            sort=list(colours),
            title=legend_title,
            scale=alt.Scale(domain=list(colours), range=list(colours.values())),
            legend=legend,
        ),
        tooltip=["answer:N", "count:Q", "text:N"],
    )
    labels = (
        base.transform_filter(alt.datum.points >= 5)
        .mark_text(fontSize=10)
        .encode(x="middle:Q", text="text:N", color=alt.Color("ink:N", scale=None))
    )
    chart = (bars + labels).properties(width=WIDTH, height=alt.Step(_step(questions, 30)))
    return render(chart, locale)


def _likert_rows(indicators: list[Indicator], locale: Locale) -> tuple[list[dict], dict[str, str]]:
    """One row per segment, placed in Python (start, end as shares of the bar) so that the
    stacking order is the choice-list order whatever Vega's stack would do; and the colour of
    each answer label, by its place on its own scale."""
    rows, colours = [], {}
    for indicator in indicators:
        question = _wrap(f"{indicator.label} (n={indicator.base})")
        counts = [o.count for o in indicator.options]
        points = whole_percents(counts, indicator.base)
        palette = diverging(len(counts))
        total, start = sum(counts) or 1, 0
        for order, (option, share, colour) in enumerate(zip(indicator.options, points, palette, strict=True)):
            colours.setdefault(option.label, colour)
            end = start + option.count
            segment = {"start": start / total, "end": end / total, "middle": (start + end) / 2 / total}
            text = {"points": share, "text": _percent(share, locale), "ink": _ink(colour)}
            rows.append({"question": question, "answer": option.label, "order": order, "count": option.count})
            rows[-1] |= segment | text
            start = end
    return rows, colours


def ranked_bars(
    indicator: Indicator, axis_title: str, top: int | None = None, locale: Locale | None = None
) -> Chart:
    """Horizontal bars, most named first (ties in choice-list order), count and share at the end.

    Options nobody chose are left out; ``top`` keeps only the first ones. Shares are of the
    question's base, so those of a multi-select add up to more than 100%.
    """
    locale = locale or _DEFAULT_LOCALE
    points = _option_percents(indicator)
    named = [(o, p) for o, p in zip(indicator.options, points, strict=True) if o.count]
    ranked = sorted(named, key=lambda pair: -pair[0].count)[:top]
    rows = [
        {"answer": _wrap(o.label), "count": o.count, "text": _count_share(o.count, p, locale)}
        for o, p in ranked
    ]
    answers = [row["answer"] for row in rows]
    most = max((row["count"] for row in rows), default=1)
    band = alt.Scale(paddingInner=0.3)
    base = alt.Chart(alt.Data(values=rows)).encode(
        y=alt.Y("answer:N", sort=answers, title=None, axis=_label_axis(), scale=band)
    )
    # The domain leaves a fifth of the width past the longest bar for its label.
    scale = alt.Scale(domain=[0, most * 1.2], nice=False)
    x = alt.X("count:Q", title=axis_title, scale=scale, axis=alt.Axis(tickMinStep=1, format=",d"))
    bars = base.mark_bar(color=ACCENT).encode(x=x)
    text = base.mark_text(align="left", dx=4, fontSize=10, color=INK).encode(x="count:Q", text="text:N")
    return render((bars + text).properties(width=WIDTH, height=alt.Step(_step(answers, 22))), locale)


def histogram(indicator: Indicator, axis_title: str, count_title: str, locale: Locale | None = None) -> Chart:
    """The answers of a number question in the analysis' bins, [low, high), edges on the axis."""
    rows = [{"low": b.low, "high": b.high, "count": b.count} for b in indicator.bins]
    edges = sorted({b.low for b in indicator.bins} | {b.high for b in indicator.bins})
    domain = [edges[0], edges[-1]] if edges else alt.Undefined
    axis = alt.Axis(format=",~f", values=edges if len(edges) <= 13 else alt.Undefined, grid=False)
    chart = (
        alt.Chart(alt.Data(values=rows))
        .mark_bar(color=ACCENT, stroke="white", strokeWidth=1)
        .encode(
            x=alt.X(
                "low:Q", bin="binned", title=axis_title, scale=alt.Scale(domain=domain, nice=False), axis=axis
            ),
            x2="high:Q",
            y=alt.Y("count:Q", title=count_title, axis=alt.Axis(tickMinStep=1, format=",d")),
            tooltip=["low:Q", "high:Q", "count:Q"],
        )
    )
    return render(chart.properties(width=WIDTH, height=180), locale or _DEFAULT_LOCALE)


def bands_chart(indicator: Indicator, count_title: str, locale: Locale | None = None) -> Chart:
    """Respondents per declared band (e.g. age bands), in band order, count and share on top."""
    locale = locale or _DEFAULT_LOCALE
    points = whole_percents([b.count for b in indicator.bands], indicator.base)
    rows = [
        {"band": b.label, "count": b.count, "text": _count_share(b.count, p, locale)}
        for b, p in zip(indicator.bands, points, strict=True)
    ]
    order = [row["band"] for row in rows]
    base = alt.Chart(alt.Data(values=rows)).encode(
        x=alt.X(
            "band:N",
            sort=order,
            title=None,
            axis=alt.Axis(labelAngle=0, labelLimit=0),
            scale=alt.Scale(paddingInner=0.4),
        )
    )
    most = max((row["count"] for row in rows), default=1)
    scale = alt.Scale(domain=[0, most * 1.15], nice=False)  # room above the tallest bar for its label
    y = alt.Y("count:Q", title=count_title, scale=scale, axis=alt.Axis(tickMinStep=1, format=",d"))
    bars = base.mark_bar(color=ACCENT).encode(y=y)
    text = base.mark_text(dy=-6, fontSize=10, color=INK).encode(y="count:Q", text="text:N")
    return render((bars + text).properties(width=WIDTH, height=180), locale)


def responses_over_time(
    days: tuple[DailyCount, ...],
    axis_title: str,
    registered: int | None,
    locale: Locale | None = None,
    *,
    registered_label: str | None = None,
    width: int = WIDTH,
) -> Chart:
    """Cumulative responses by day, with the registered total as a dashed reference line.

    ``registered_label`` (e.g. "76 registered", worded by the caller) is written above the line.
    ``width`` narrower than WIDTH draws it for a phone at its own size, its words full size.
    """
    locale = locale or _DEFAULT_LOCALE
    rows = [{"day": d.day.isoformat(), "new": d.new, "cumulative": d.cumulative} for d in days]
    # A date-only ISO string is UTC midnight; a UTC scale keeps every point on its own day
    # whatever the time zone of the machine that renders.
    axis = alt.Axis(labelExpr=_day_labels(locale), tickCount=_day_ticks(days, width), grid=False)
    x = alt.X("day:T", title=None, scale=alt.Scale(type="utc", padding=6), axis=axis)
    y = alt.Y("cumulative:Q", title=axis_title, axis=alt.Axis(tickMinStep=1, format=",d"))
    line = (
        alt.Chart(alt.Data(values=rows))
        .mark_line(point=alt.OverlayMarkDef(color=ACCENT, size=30), color=ACCENT, interpolate="step-after")
        .encode(
            x=x,
            y=y,
            tooltip=[
                alt.Tooltip("day:T", format=day_format(locale, with_year=True), formatType="utc"),
                "new:Q",
                "cumulative:Q",
            ],
        )
    )
    layers: list[alt.Chart] = [line]
    if registered:
        reference = alt.Chart(alt.Data(values=[{"registered": registered, "text": registered_label or ""}]))
        layers.append(reference.mark_rule(strokeDash=[4, 3], color=MUTED).encode(y="registered:Q"))
        if registered_label:
            note = reference.mark_text(align="right", baseline="bottom", dy=-3, fontSize=10, color=INK)
            layers.append(note.encode(y="registered:Q", x=alt.value("width"), text="text:N"))
    return render(alt.layer(*layers).properties(width=width, height=180), locale)


def points_map(points: list[dict], axis_titles: tuple[str, str], locale: Locale | None = None) -> Chart:
    """Places on longitude/latitude axes, no map tiles: one circle per ``{"lon", "lat", "label",
    "count"}``, its area by count, labelled with its name. The axes keep a degree of latitude and
    one of longitude at the points' middle the same length on paper, so distances look right."""
    lons = [p["lon"] for p in points]
    lats = [p["lat"] for p in points]
    pad = 0.5 + 0.1 * max(max(lons) - min(lons), max(lats) - min(lats))
    lon_domain, lat_domain = [min(lons) - pad, max(lons) + pad], [min(lats) - pad, max(lats) + pad]
    stretch = max(0.2, math.cos(math.radians(sum(lat_domain) / 2)))  # a degree of longitude is shorter
    width = lon_domain[1] - lon_domain[0]
    height = min(420, max(160, round(WIDTH * (lat_domain[1] - lat_domain[0]) / (width * stretch))))
    x = alt.X("lon:Q", title=axis_titles[0], scale=alt.Scale(domain=lon_domain, nice=False, zero=False))
    y = alt.Y("lat:Q", title=axis_titles[1], scale=alt.Scale(domain=lat_domain, nice=False, zero=False))
    base = alt.Chart(alt.Data(values=points)).encode(x=x, y=y)
    most = max(p["count"] for p in points)
    circles = base.mark_circle(color=ACCENT, opacity=0.7).encode(
        size=alt.Size("count:Q", scale=alt.Scale(domain=[0, most], range=[0, 600]), legend=None),
        tooltip=["label:N", "count:Q"],
    )
    names = base.mark_text(align="left", dx=8, dy=-6, fontSize=10, color=INK).encode(text="text:N")
    return render((circles + names).properties(width=WIDTH, height=height), locale or _DEFAULT_LOCALE)


def render(chart: alt.TopLevelMixin, locale: Locale | None = None) -> Chart:
    """The spec, its SVG (for HTML and PDF) and a PNG at twice the size (for Word).

    Axis numbers and dates are written in the locale's own form (Vega has no Uzbek locale, so
    both come from Babel). URLs are refused: a chart must carry its data.
    """
    _register_fonts()
    spec = _styled(chart).to_dict()  # Altair validates the spec against the Vega-Lite schema here
    formats: dict = {"allowed_base_urls": []}
    if locale is not None:
        formats |= {"format_locale": number_locale(locale), "time_format_locale": time_locale(locale)}
    svg = vlc.vegalite_to_svg(spec, **formats)
    if not _WITH_PNG.get():
        width, height = _svg_size(svg)
        return Chart(spec=spec, svg=svg, png=b"", width=width, height=height)
    png = vlc.vegalite_to_png(spec, scale=2, **formats)
    width, height = _png_size(png)
    return Chart(spec=spec, svg=svg, png=png, width=(width + 1) // 2, height=(height + 1) // 2)


def diverging(n: int) -> list[str]:
    """``n`` colours along RAMP, best (blue) to worst (orange), grey in the middle when n is odd."""
    colours = []
    for i in range(n):
        position = i / (n - 1) * (len(RAMP) - 1) if n > 1 else 0
        k = min(int(position), len(RAMP) - 2)
        near, far, f = RAMP[k], RAMP[k + 1], position - k
        colours.append(_hex(tuple(round(a + (b - a) * f) for a, b in zip(near, far, strict=True))))
    return colours


def number_locale(locale: Locale) -> dict:
    """A d3-format locale: decimal and group separators and the percent sign, from Babel."""
    symbols = locale.number_symbols.get("latn", {})
    percent_sign = babel_percent(0.5, locale=locale).replace("50", "")
    return {
        "decimal": symbols.get("decimal", "."),
        "thousands": symbols.get("group", ","),
        "grouping": [3],
        "currency": ["", ""],
        "percent": percent_sign,
    }


def time_locale(locale: Locale) -> dict:
    """A d3-time-format locale from Babel's calendar names (d3 weeks start on Sunday).

    Short month names are taken in their "format" form, the one used next to a day number
    ("7 нояб."), as the axes write day and month together.
    """
    days = locale.days["stand-alone"]
    sunday_first = [6, 0, 1, 2, 3, 4, 5]
    return {
        "dateTime": "%x, %X",
        "date": "%d.%m.%Y",
        "time": "%H:%M:%S",
        "periods": ["AM", "PM"],
        "days": [days["wide"][i] for i in sunday_first],
        "shortDays": [days["abbreviated"][i] for i in sunday_first],
        "months": [locale.months["stand-alone"]["wide"][i] for i in range(1, 13)],
        "shortMonths": [locale.months["format"]["abbreviated"][i] for i in range(1, 13)],
    }


def day_format(locale: Locale, *, with_year: bool = False) -> str:
    """The locale's day-and-short-month pattern (CLDR skeleton MMMd, or yMMMd with the year:
    "Nov 10, 2020", "10 нояб. 2020 г.") as a d3 time format."""
    fields = {"d": "%-d", "dd": "%d", "M": "%-m", "MM": "%m", "MMM": "%b", "MMMM": "%B", "y": "%Y"}
    pattern = str(locale.datetime_skeletons["yMMMd" if with_year else "MMMd"].pattern)
    parts = []
    for token in re.finditer(r"'([^']*)'|(([a-zA-Z])\3*)|(.)", pattern):
        quoted, field, _, other = token.groups()
        if field:
            parts.append(fields.get(field, ""))
        else:
            parts.append((quoted if quoted is not None else other).replace("%", "%%"))
    return "".join(parts)


def _styled(chart: alt.TopLevelMixin) -> alt.TopLevelMixin:
    """The house style: one font that covers every script, quiet axes, the whole chart WIDTH wide."""
    quiet = {"labelColor": INK, "titleColor": INK, "labelFontSize": 11, "titleFontSize": 11}
    quiet["titleFontWeight"] = "normal"
    fit = alt.AutoSizeParams(type="fit-x", contains="padding")
    return (
        chart.configure(font=FONT, background="white", padding=4, autosize=fit)
        .configure_view(stroke=None)
        .configure_axis(domainColor=MUTED, tickColor=MUTED, gridColor=GRID, **quiet)
        .configure_legend(symbolType="square", labelLimit=0, **quiet)
    )


def _label_axis() -> alt.Axis:
    """A band axis whose labels may hold several lines (split at the newlines of ``_wrap``), never
    cut (labelLimit 0: no limit; ``_wrap`` keeps the lines short)."""
    return alt.Axis(
        labelExpr="split(datum.label, '\\n')", labelLimit=0, ticks=False, domain=False, labelPadding=6
    )


def _wrap(label: str) -> str:
    """``label`` on lines of at most LABEL_CHARS columns, never cut: every word stays, so a
    question's "(n=52)" does too. A Chinese character is two columns and a line may break
    between any two of them; other scripts break between words (a longer word gets its own line)."""
    lines: list[str] = []
    line, width = "", 0
    for token in _tokens(" ".join(label.split())):
        size = _columns(token)
        if line and width + size > LABEL_CHARS:
            lines.append(line.rstrip())
            line, width = token.lstrip(), _columns(token.lstrip())
        else:
            line, width = line + token, width + size
    lines.append(line.rstrip())
    return "\n".join(lines)


def _tokens(text: str) -> list[str]:
    """Words with the space before them, and each wide (CJK) character on its own."""
    return re.findall(
        r"[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef]|\s*[^\s\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef]+", text
    )


def _columns(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _legend_columns(labels: list[str]) -> int:
    """As many legend columns as the longest label lets fit across the chart, five at most."""
    widest = max((_columns(label) for label in labels), default=1)
    return max(1, min(len(labels), 5, WIDTH // (7 * widest + 30)))


def _step(labels: list[str], per_line: int) -> int:
    """Pixels per bar: enough for the longest wrapped label."""
    lines = max((label.count("\n") + 1 for label in labels), default=1)
    return per_line + 13 * (lines - 1)


def _option_percents(indicator: Indicator) -> list[int]:
    """Whole percents as the report's tables print them: a single choice adds up to 100%."""
    counts = [o.count for o in indicator.options]
    if indicator.kind == MULTIPLE:
        return [percent(c, indicator.base) for c in counts]
    return whole_percents(counts, indicator.base)


def _day_labels(locale: Locale) -> str:
    """A Vega expression for the day ticks: the first tick and the first tick of each new year
    carry the year, the others day and month only, so a reader always knows the year without
    ten labels repeating it. Day ticks restart on the 1st of each month (d3's day.every), so a
    new year's first tick is 1 January."""
    short, full = json.dumps(day_format(locale)), json.dumps(day_format(locale, with_year=True))
    new_year = "(utcmonth(datum.value) == 0 && utcdate(datum.value) == 1)"
    return (
        f"datum.index == 0 || {new_year} ? utcFormat(datum.value, {full}) : utcFormat(datum.value, {short})"
    )


def _day_ticks(days: tuple[DailyCount, ...], width: int = WIDTH) -> dict:
    """A tick every day, or every few days so that there are at most about ten (fewer on a
    narrower chart: one per 56 px)."""
    span = (days[-1].day - days[0].day).days if days else 0
    most = max(3, min(10, width // 56))
    return {"interval": "day", "step": max(1, -(-span // most))}


def _count_share(count: int, points: int, locale: Locale) -> str:
    """ "8 (32%)", in the locale's digits and percent sign."""
    return f"{format_decimal(count, locale=locale)} ({_percent(points, locale)})"


def _percent(points: int, locale: Locale) -> str:
    return babel_percent(points / 100, locale=locale)


def _ink(colour: str) -> str:
    """White on dark segments, dark on light ones (relative luminance, WCAG weights)."""
    r, g, b = (int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5))
    return "white" if 0.2126 * r + 0.7152 * g + 0.0722 * b < 0.5 else INK


def _hex(rgb: tuple[int, ...]) -> str:
    return "#" + "".join(f"{c:02x}" for c in rgb)


@lru_cache(maxsize=1)
def _register_fonts() -> None:
    # vl-convert ships no CJK or Cyrillic-complete font; Noto comes from the system (Debian
    # fonts-noto-core, fonts-noto-cjk). Registering is process-wide, so once is enough.
    for folder in _FONT_DIRS:
        if Path(folder).is_dir():
            vlc.register_font_directory(folder)


def _svg_size(svg: str) -> tuple[int, int]:
    """Width and height from the root element of vl-convert's SVG (whole pixels)."""
    found = re.search(r'<svg[^>]*?\bwidth="([\d.]+)"[^>]*?\bheight="([\d.]+)"', svg)
    return (round(float(found[1])), round(float(found[2]))) if found else (0, 0)


def _png_size(png: bytes) -> tuple[int, int]:
    """Width and height from the PNG's IHDR chunk (bytes 16-24, big-endian)."""
    return struct.unpack(">II", png[16:24])
