"""A realistic report Document, built by hand, shared by the renderer tests.

It mixes the scripts a report meets (English, Uzbek Cyrillic with ў қ ғ ҳ, Chinese), every block
kind, a nested subsection and a real chart drawn by vl-convert, so each renderer is checked on
the hard cases rather than on plain ASCII.
"""

from __future__ import annotations

import datetime as dt
import functools

import vl_convert

from citybridge.reports.document import (
    BulletList,
    Caution,
    Chart,
    Document,
    Figure,
    Paragraph,
    Section,
    Table,
)

UZBEK = "Тошкент шаҳри ўқув курси"
CHINESE = "上海"
COUNTRY = "Ўзбекистон"
ESCAPED_TEXT = "Respondents <n=5> & partners"
CHART_ALT = "Bar chart: 24 of 29 respondents rated the materials useful, 3 neutral, 2 not useful."

_CHART_SPEC = {
    "$schema": "https://vega.github.io/schema/vega-lite/v5.json",
    "width": 360,
    "height": 120,
    "data": {
        "values": [
            {"answer": "Useful", "respondents": 24},
            {"answer": "Нейтрал", "respondents": 3},
            {"answer": "无用", "respondents": 2},
        ]
    },
    "mark": "bar",
    "encoding": {
        "y": {"field": "answer", "type": "nominal", "title": None, "sort": None},
        "x": {"field": "respondents", "type": "quantitative", "title": "Respondents"},
    },
}


@functools.cache
def sample_chart() -> Chart:
    png = vl_convert.vegalite_to_png(_CHART_SPEC)
    width = int.from_bytes(png[16:20], "big")  # the PNG header's IHDR width and height
    height = int.from_bytes(png[20:24], "big")
    return Chart(_CHART_SPEC, vl_convert.vegalite_to_svg(_CHART_SPEC), png, width, height)


def sample_document(language: str = "en") -> Document:
    results = Section(
        key="key-results",
        title="Key results",
        blocks=(
            Paragraph("Most participants found the training materials useful.", "lead"),
            Table(
                columns=("City", "Respondents", "Share useful, %"),
                rows=(
                    (UZBEK, "12", "83"),
                    (f"{CHINESE} (partner city)", "4", "75"),
                    (COUNTRY + ", other cities", "13", "85"),
                ),
                caption="Table 1. Respondents by city",
                numeric=(1, 2),
            ),
            Figure(sample_chart(), "Figure 1. How useful were the materials? (n = 29)", CHART_ALT),
            Caution("Small base: figures for fewer than 30 respondents are indicative only."),
        ),
        subsections=(
            Section(
                key="voices",
                title="In the participants' words",
                blocks=(
                    Paragraph(f"The visit to {CHINESE} showed us how industrial parks are run.", "quote"),
                    Paragraph(ESCAPED_TEXT, "note"),
                ),
            ),
        ),
    )
    return Document(
        title="Transforming the Cities: evaluation report",
        subtitle=f"{UZBEK}, {COUNTRY}",
        language=language,
        sections=(
            Section(
                key="summary",
                title="Summary",
                blocks=(
                    Paragraph(
                        f"Officials of 35 cities of {COUNTRY} took part; partners came from {CHINESE}."
                    ),
                    BulletList(("Seven lectures over five days", f"Study visit: {CHINESE}")),
                ),
            ),
            results,
        ),
        as_of=dt.date(2020, 12, 14),
        generated_at=dt.datetime(2020, 12, 14, 9, 30, tzinfo=dt.UTC),
        footer="Figures as of 14 December 2020; base n in every table.",
        metadata={"author": "UNDP Uzbekistan", "keywords": "evaluation, training"},
    )
