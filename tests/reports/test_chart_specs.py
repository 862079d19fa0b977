"""Charts of the example's indicators: valid Vega-Lite, inline data, labels in any script."""

from __future__ import annotations

import json

import pytest

from citybridge.analysis.indicators import Bin, DailyCount, Indicator, OptionCount
from citybridge.reports import charts

PNG = b"\x89PNG\r\n\x1a\n"


def option(value, label, count, base):
    return OptionCount(value, label, count, count / base, (0.0, 1.0))


def scale(name, labels_counts, base=52):
    options = tuple(option(v, label, n, base) for v, label, n in labels_counts)
    return Indicator(name, name, "select_one", "scale", name.title(), base, 0, options=options)


MATERIALS = scale(
    "materials",
    [
        ("excellent", "Аъло", 10),
        ("very_good", "Жуда яхши", 21),
        ("good", "Яхши", 18),
        ("fair", "Қониқарли", 2),
        ("poor", "Ёмон", 1),
    ],
)
CITIES = Indicator(
    "china_cities", "needs/china_cities", "select_multiple", "multiple", "Chinese cities", 25, 0,
    options=(option("shanghai", "上海", 8, 25), option("urumqi", "乌鲁木齐", 4, 25), option("beijing", "北京", 8, 25)),
)  # fmt: skip


def test_likert_chart_stacks_points_in_choice_list_order_and_shows_the_base():
    chart = charts.likert_chart([MATERIALS], "Жавоб")
    spec = json.dumps(chart.spec, ensure_ascii=False)
    assert "Materials (n=52)" in spec
    assert [r["answer"] for r in _rows(chart.spec)][:5] == ["Аъло", "Жуда яхши", "Яхши", "Қониқарли", "Ёмон"]


def test_ranked_bars_put_the_most_named_first_and_render_chinese_labels():
    chart = charts.ranked_bars(CITIES, "Respondents")
    assert [r["answer"] for r in _rows(chart.spec)] == ["上海", "北京", "乌鲁木齐"]
    assert "上海" in chart.svg and "乌鲁木齐" in chart.svg


def test_rendering_gives_svg_and_a_png_twice_the_stated_size():
    chart = charts.ranked_bars(CITIES, "Respondents")
    assert chart.svg.lstrip().startswith("<svg") and chart.png.startswith(PNG)
    width, height = charts._png_size(chart.png)
    assert (width, height) == (2 * chart.width, 2 * chart.height)


def test_histogram_uses_the_indicator_bins():
    age = Indicator("age", "age", "integer", "number", "Age", 5, 0, bins=(Bin(25, 30, 2), Bin(30, 35, 3)))
    chart = charts.histogram(age, "Age", "Respondents")
    assert [r["count"] for r in _rows(chart.spec)] == [2, 3]


def test_responses_line_is_cumulative_with_the_registered_total():
    import datetime as dt

    days = (DailyCount(dt.date(2020, 11, 6), 3, 3), DailyCount(dt.date(2020, 11, 7), 2, 5))
    chart = charts.responses_over_time(days, "Cumulative responses", registered=76)
    assert [r["cumulative"] for r in _rows(chart.spec)] == [3, 5]
    assert '"registered": 76' in json.dumps(chart.spec)


@pytest.mark.parametrize(
    "make", [lambda: charts.likert_chart([MATERIALS], "A"), lambda: charts.ranked_bars(CITIES, "R")]
)
def test_charts_carry_their_data_inline_and_fetch_nothing(make):
    spec = json.dumps(make().spec)
    assert '"url"' not in spec and "http" not in spec.replace("https://vega.github.io/schema", "")


def _rows(spec: dict) -> list[dict]:
    """The first inline dataset of a (layered) spec."""
    if "datasets" in spec:
        return next(iter(spec["datasets"].values()))
    for layer in spec.get("layer", [spec]):
        if "values" in layer.get("data", {}):
            return layer["data"]["values"]
    return spec["data"]["values"]


def test_axis_dates_and_numbers_follow_the_report_locale():
    import datetime as dt

    from babel import Locale

    days = (DailyCount(dt.date(2020, 11, 6), 3, 3), DailyCount(dt.date(2020, 12, 7), 2, 5))
    russian = charts.responses_over_time(days, "Ответы", None, locale=Locale.parse("ru"))
    uzbek = charts.responses_over_time(days, "Жавоблар", None, locale=Locale.parse("uz_Cyrl"))
    assert "нояб." in russian.svg and "Nov" not in russian.svg
    assert "ноя" in uzbek.svg and "Nov" not in uzbek.svg
