"""Charts of indicators: Vega-Lite specs with inline data, drawn offline in every script."""

from __future__ import annotations

import datetime as dt
import os
import re
import subprocess
import sys
from itertools import pairwise

import altair as alt
import jsonschema
import pytest
from babel import Locale

from citybridge.analysis.indicators import Bin, DailyCount, Indicator, OptionCount
from citybridge.reports import charts

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
RUSSIAN = Locale.parse("ru")


def option(value: str, label: str, count: int, base: int) -> OptionCount:
    return OptionCount(value, label, count, count / base, (0.0, 1.0))


def select(name: str, kind: str, label: str, base: int, options: list[tuple[str, str, int]]) -> Indicator:
    choices = tuple(option(value, text, count, base) for value, text, count in options)
    type_ = "select_multiple" if kind == "multiple" else "select_one"
    return Indicator(name, name, type_, kind, label, base, 0, options=choices)


# The example training's rating of its materials, 52 respondents, choice-list order best first.
MATERIALS = select(
    "materials", "scale", "Materials", 52,
    [("excellent", "Excellent", 10), ("very_good", "Very good", 21), ("good", "Good", 18),
     ("fair", "Fair", 2), ("poor", "Poor", 1)],
)  # fmt: skip
PRIORITIES = select(
    "priorities", "multiple", "Шаҳрингизнинг устувор йўналишлари", 52,
    [("sme", "Кичик ва ўрта бизнес", 30), ("trade", "Савдо ва инвестициялар", 41),
     ("digital", "Рақамлаштириш ва инновациялар", 30), ("tourism", "Туризм", 12),
     ("zones", "Саноат парклари ва эркин иқтисодий зоналар", 0)],
)  # fmt: skip
CITIES = select(
    "china_cities", "multiple", "Chinese cities", 25,
    [("shanghai", "上海", 8), ("beijing", "北京", 8), ("urumqi", "乌鲁木齐", 4)],
)  # fmt: skip
AGE = Indicator(
    "age", "age", "integer", "number", "Age", 40, 0,
    bins=(Bin(25, 35, 10), Bin(35, 45, 22), Bin(45, 55, 8)),
    bands=(option("young", "under 35", 10, 40), option("old", "50 and over", 3, 40), option("mid", "35-49", 27, 40)),
)  # fmt: skip
DAYS = (
    DailyCount(dt.date(2020, 11, 4), 12, 12),
    DailyCount(dt.date(2020, 11, 5), 9, 21),
    DailyCount(dt.date(2020, 11, 9), 4, 25),
)


@pytest.fixture(scope="module")
def likert() -> charts.Chart:
    return charts.likert_chart([MATERIALS], "Answer")


@pytest.fixture(scope="module")
def priorities() -> charts.Chart:
    return charts.ranked_bars(PRIORITIES, "Respondents")


@pytest.fixture(scope="module")
def cities() -> charts.Chart:
    return charts.ranked_bars(CITIES, "Respondents")


@pytest.fixture(scope="module")
def timeline() -> charts.Chart:
    return charts.responses_over_time(DAYS, "Responses", 76, registered_label="76 registered")


def test_every_chart_kind_is_valid_vega_lite(likert, priorities, timeline):
    schema = alt.vegalite.v6.schema.core.load_schema()
    specs = [likert.spec, priorities.spec, timeline.spec]
    specs += [charts.histogram(AGE, "Age", "Respondents").spec, charts.bands_chart(AGE, "Respondents").spec]
    for spec in specs:
        jsonschema.validate(spec, schema)


def test_likert_stacks_the_points_in_choice_list_order_from_0_to_1(likert):
    rows = _rows(likert.spec)
    assert [r["answer"] for r in rows] == ["Excellent", "Very good", "Good", "Fair", "Poor"]
    assert rows[0]["start"] == 0 and rows[-1]["end"] == pytest.approx(1)
    assert all(a["end"] == pytest.approx(b["start"]) for a, b in pairwise(rows))


def test_likert_colours_run_from_the_best_point_to_the_worst(likert):
    scale = _layer_encoding(likert.spec, "color")["scale"]
    assert scale["domain"] == ["Excellent", "Very good", "Good", "Fair", "Poor"]
    assert scale["range"] == charts.diverging(5)


def test_likert_labels_segments_of_5_percent_or_more_with_parts_adding_to_100(likert):
    # 10, 21, 18, 2, 1 of 52: 19.2, 40.4, 34.6, 3.8, 1.9 -> 19, 40, 35, 4, 2 (largest remainder)
    assert [r["points"] for r in _rows(likert.spec)] == [19, 40, 35, 4, 2]
    assert _texts(likert.svg) >= {"19%", "40%", "35%"}
    assert not _texts(likert.svg) & {"4%", "2%"}


def test_likert_question_label_carries_its_base(likert):
    assert "Materials (n=52)" in _texts(likert.svg)


def test_long_question_labels_wrap_and_keep_every_word_and_their_base():
    long = select("relevance", "scale", "How relevant " * 20, 52, [("yes", "Yes", 50), ("no", "No", 2)])
    question = _rows(charts.likert_chart([long, MATERIALS], "Answer").spec)[0]["question"]
    lines = question.split("\n")
    assert " ".join(lines) == ("How relevant " * 20).strip() + " (n=52)"
    assert all(len(line) <= charts.LABEL_CHARS for line in lines)


def test_chinese_labels_wrap_by_width_two_columns_a_character():
    lines = charts._wrap("这次培训提供了我期望获得的关于公共服务发展和创新的信息 (n=52)").split("\n")
    assert "".join(lines).replace(" ", "") == "这次培训提供了我期望获得的关于公共服务发展和创新的信息(n=52)"
    assert all(charts._columns(line) <= charts.LABEL_CHARS for line in lines)


def test_no_label_or_legend_entry_is_cut_in_pixels(likert):
    spec = likert.spec
    assert spec["config"]["legend"]["labelLimit"] == 0
    assert spec["layer"][0]["encoding"]["y"]["axis"]["labelLimit"] == 0


def test_ranked_bars_put_the_most_named_first_ties_in_choice_order_and_drop_unnamed(priorities):
    rows = _rows(priorities.spec)
    assert [r["answer"] for r in rows] == [
        "Савдо ва инвестициялар", "Кичик ва ўрта бизнес", "Рақамлаштириш ва инновациялар", "Туризм",
    ]  # fmt: skip
    assert [r["count"] for r in rows] == [41, 30, 30, 12]


def test_ranked_bars_write_count_and_share_of_the_base_at_the_bar_end(priorities):
    assert _texts(priorities.svg) >= {"41 (79%)", "30 (58%)", "12 (23%)"}


def test_ranked_bars_top_keeps_only_the_most_named():
    assert [r["count"] for r in _rows(charts.ranked_bars(PRIORITIES, "Respondents", top=2).spec)] == [41, 30]


def test_single_choice_shares_add_up_to_100_like_the_report_table():
    thirds = select("city", "choice", "City", 3, [("a", "A", 1), ("b", "B", 1), ("c", "C", 1)])
    texts = [r["text"] for r in _rows(charts.ranked_bars(thirds, "Respondents").spec)]
    assert texts == ["1 (34%)", "1 (33%)", "1 (33%)"]


def test_percent_and_count_labels_follow_the_locale():
    chart = charts.ranked_bars(PRIORITIES, "Респондентлар", locale=RUSSIAN)
    assert "41 (79\xa0%)" in _texts(chart.svg)


def test_svg_holds_uzbek_cyrillic_and_chinese_labels_as_text(priorities, cities):
    assert {"Кичик ва ўрта бизнес", "Рақамлаштириш ва инновациялар"} <= _texts(priorities.svg)
    assert {"上海", "北京", "乌鲁木齐"} <= _texts(cities.svg)


@pytest.mark.parametrize("first, second", [("ўқ", "ғҳ"), ("上海", "北京")])
def test_png_draws_the_glyphs_of_each_script(first, second):
    # Glyphs a font lacks are all drawn alike (or not at all), so two labels of the same length
    # give the same picture unless the font really has both.
    def png(label: str) -> bytes:
        return charts.ranked_bars(select("q", "choice", "Q", 1, [("a", label, 1)]), "n").png

    assert png(first) != png(second)


def test_png_has_the_signature_and_twice_the_stated_size(cities):
    assert cities.png.startswith(PNG_SIGNATURE)
    assert charts._png_size(cities.png) == (2 * cities.width, 2 * cities.height)
    assert cities.width == charts.WIDTH
    assert f'width="{cities.width}" height="{cities.height}"' in cities.svg


def test_histogram_draws_the_indicator_bins_with_their_edges_on_the_axis():
    spec = charts.histogram(AGE, "Age", "Respondents").spec
    assert [(r["low"], r["high"], r["count"]) for r in _rows(spec)] == [
        (25, 35, 10),
        (35, 45, 22),
        (45, 55, 8),
    ]
    assert spec["encoding"]["x"]["axis"]["values"] == [25, 35, 45, 55]


def test_bands_keep_their_declared_order_not_the_count_order():
    chart = charts.bands_chart(AGE, "Respondents")
    assert [r["band"] for r in _rows(chart.spec)] == ["under 35", "50 and over", "35-49"]
    assert _texts(chart.svg) >= {"10 (25%)", "3 (7%)", "27 (68%)"}


def test_responses_line_is_cumulative_with_the_registered_total(timeline):
    assert [r["cumulative"] for r in _rows(timeline.spec)] == [12, 21, 25]
    reference = timeline.spec["layer"][1]
    assert reference["mark"]["type"] == "rule" and reference["data"]["values"][0]["registered"] == 76
    assert "76 registered" in _texts(timeline.svg)


def test_responses_without_a_registered_total_draw_no_reference_line():
    chart = charts.responses_over_time(DAYS, "Responses", None)
    assert len(chart.spec["layer"]) == 1


def test_response_dates_do_not_move_with_the_machine_time_zone():
    # A date-only day is UTC midnight: on a local time scale a machine west of Greenwich would
    # draw each point on the evening before its day.
    script = (
        "import datetime as dt; from citybridge.analysis.indicators import DailyCount as D;"
        "from citybridge.reports import charts;"
        "days = (D(dt.date(2020, 11, 4), 3, 3), D(dt.date(2020, 11, 6), 2, 5));"
        "print(charts.responses_over_time(days, 'n', None).svg)"
    )
    svgs = [
        subprocess.run(
            [sys.executable, "-c", script],
            env={**os.environ, "TZ": zone},
            capture_output=True,
            text=True,
            check=True,
        )
        for zone in ("UTC", "Pacific/Honolulu")
    ]
    assert svgs[0].stdout == svgs[1].stdout
    assert {"Nov 4, 2020", "Nov 5", "Nov 6"} <= _texts(svgs[0].stdout)


@pytest.mark.parametrize(
    "language, first, new_year, plain",
    [
        ("en", "Dec 22, 2020", "Jan 1, 2021", "Dec 25"),
        ("ru", "22 дек. 2020\u202fг.", "1 янв. 2021\u202fг.", "25 дек."),
        ("uz_Latn", "22-dek, 2020", "1-yan, 2021", "25-dek"),
        ("zh_Hans", "2020年12月22日", "2021年1月1日", "12月25日"),
    ],
)
def test_the_time_axis_writes_the_year_on_its_first_tick_and_at_a_new_year(language, first, new_year, plain):
    days = (DailyCount(dt.date(2020, 12, 21), 3, 3), DailyCount(dt.date(2021, 1, 12), 2, 5))
    labels = _texts(charts.responses_over_time(days, "n", None, locale=Locale.parse(language)).svg)
    assert {first, new_year, plain} <= labels
    assert not any("2020" in label or "2021" in label for label in labels - {first, new_year})


@pytest.mark.parametrize("language, pattern", [("en", "%b %-d"), ("ru", "%-d %b"), ("zh", "%-m月%-d日")])
def test_axis_days_are_written_in_the_locale_order(language, pattern):
    assert charts.day_format(Locale.parse(language)) == pattern


@pytest.mark.parametrize(
    "language, pattern", [("en", "%b %-d, %Y"), ("ru", "%-d %b %Y\u202fг."), ("uz_Cyrl", "%-d %b, %Y")]
)
def test_dates_with_the_year_follow_the_locale_pattern(language, pattern):
    assert charts.day_format(Locale.parse(language), with_year=True) == pattern


@pytest.mark.parametrize("n", [2, 3, 5, 7])
def test_diverging_colours_run_from_blue_to_orange_through_grey_when_odd(n):
    colours = charts.diverging(n)
    assert len(colours) == n and colours[0] == "#1f5f8b" and colours[-1] == "#a64a12"
    assert n % 2 == 0 or colours[n // 2] == "#d9d9d9"


def test_charts_carry_their_data_inline(likert, priorities, timeline):
    for chart in (likert, priorities, timeline, charts.histogram(AGE, "Age", "Respondents")):
        assert "url" not in _keys(chart.spec)
        assert _rows(chart.spec)


def test_rendering_refuses_data_from_a_url():
    remote = alt.Chart(alt.UrlData("https://example.org/answers.csv")).mark_bar().encode(x="count:Q")
    with pytest.raises(ValueError, match="not allowed"):
        charts.render(remote)


def _rows(spec: dict) -> list[dict]:
    """The inline rows of a spec's main data: its own, or else its first layer's."""
    return (spec.get("data") or spec["layer"][0]["data"])["values"]


def _layer_encoding(spec: dict, channel: str) -> dict:
    return next(layer["encoding"][channel] for layer in spec["layer"] if channel in layer.get("encoding", {}))


def _texts(svg: str) -> set[str]:
    """The text drawn in an SVG, line by line (not the aria labels that repeat the data)."""
    return set(re.findall(r">([^<>]+)</t(?:ext|span)>", svg))


def _keys(value: object) -> set[str]:
    if isinstance(value, dict):
        return set(value) | {k for v in value.values() for k in _keys(v)}
    if isinstance(value, list):
        return {k for v in value for k in _keys(v)}
    return set()
