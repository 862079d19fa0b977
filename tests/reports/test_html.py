"""The HTML report: one offline file with contents, anchors, tables, inline charts and escaped text."""

from __future__ import annotations

import dataclasses
import re
from html.parser import HTMLParser

import pytest

from citybridge.reports.document import Document, Figure, Section
from citybridge.reports.html import render_html
from tests.reports.sample_document import (
    CHART_ALT,
    CHINESE,
    ESCAPED_TEXT,
    UZBEK,
    sample_chart,
    sample_document,
)


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    handle_startendtag = handle_starttag


def tags(html: str) -> list[tuple[str, dict[str, str | None]]]:
    parser = _Tags()
    parser.feed(html)
    return parser.tags


def with_chart_svg(svg: str, count: int = 1) -> Document:
    chart = dataclasses.replace(sample_chart(), svg=svg)
    figures = tuple(Figure(chart, f"Figure {n}", f"Chart {n}") for n in range(1, count + 1))
    return Document("Charts", "", "en", (Section("charts", "Charts", figures),))


@pytest.fixture(scope="module")
def html() -> str:
    return render_html(sample_document())


def test_page_refers_to_nothing_outside_itself(html: str) -> None:
    assert not re.search(r"https?://", html, re.IGNORECASE)
    for _, attrs in tags(html):
        for name in ("src", "href", "xlink:href"):
            if attrs.get(name) is not None:
                assert attrs[name].startswith(("#", "data:")), (name, attrs[name])
    assert not re.search(r"url\(\s*['\"]?(?!#|data:)", html)
    assert not re.search(r"<link\b|@import", html)


def test_chart_is_inline_svg_with_alt_text(html: str) -> None:
    svg = next(attrs for tag, attrs in tags(html) if tag == "svg")
    assert svg["role"] == "img"
    assert svg["aria-label"] == CHART_ALT
    assert f"<title>{CHART_ALT}</title>" in html
    assert "Нейтрал" in html  # an axis label of the chart itself
    assert "<img" not in html


def test_charts_lose_scripts_handlers_and_outside_links() -> None:
    svg = (
        '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" '
        'width="10" height="10" onload="steal()"><script>steal()</script>'
        '<style>@import url("https://fonts.example/x.css");</style>'
        '<a xlink:href="https://example.org/"><text>label</text></a>'
        '<image href="http://example.org/p.png"/><rect style="fill: url(https://x/y)"/>'
        "<foreignObject><div>html</div></foreignObject></svg>"
    )
    page = render_html(with_chart_svg(svg))
    assert "steal" not in page
    assert "example" not in page
    assert "foreignObject" not in page and "<div>html" not in page
    assert "url(" not in page.split("</style>", 1)[1]
    assert "label" in page


def test_ids_stay_unique_when_charts_share_the_page() -> None:
    svg = (
        '<svg width="10" height="10"><defs><clipPath id="clip1"><rect width="5" height="5"/>'
        '</clipPath></defs><g clip-path="url(#clip1)"><rect width="9" height="9"/></g></svg>'
    )
    page = render_html(with_chart_svg(svg, count=2))
    ids = [attrs["id"] for tag, attrs in tags(page) if tag == "clippath"]
    assert len(ids) == 2 and len(set(ids)) == 2
    for chart_id in ids:
        assert f"url(#{chart_id})" in page
    assert "url(#clip1)" not in page


def test_sections_are_headings_with_anchors_in_the_contents(html: str) -> None:
    found = tags(html)
    headings = {attrs.get("id"): tag for tag, attrs in found if re.fullmatch(r"h[1-6]", tag)}
    assert headings["summary"] == "h2"
    assert headings["key-results"] == "h2"
    assert headings["voices"] == "h3"
    links = [attrs["href"] for tag, attrs in found if tag == "a"]
    assert links == ["#summary", "#key-results", "#voices"]


def test_page_language_is_the_documents(html: str) -> None:
    assert '<html lang="en">' in html
    uzbek = render_html(dataclasses.replace(sample_document(), language="uz-Cyrl"))
    assert '<html lang="uz-Cyrl">' in uzbek
    assert "Мундарижа" in uzbek  # the contents heading follows the language
    chinese = render_html(dataclasses.replace(sample_document(), language="zh", footer=""))
    assert "2020年12月14日" in chinese  # no zh catalogue yet: English words, Chinese dates


def test_user_text_is_escaped() -> None:
    doc = sample_document()
    hostile = dataclasses.replace(doc, title="<script>alert(1)</script>")
    page = render_html(hostile)
    assert "<script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert ESCAPED_TEXT == "Respondents <n=5> & partners"
    assert "Respondents &lt;n=5&gt; &amp; partners" in render_html(doc)


def test_table_has_a_header_row_caption_and_right_aligned_numbers(html: str) -> None:
    table = html[html.index("<table>") : html.index("</table>")]
    assert "<caption>Table 1. Respondents by city</caption>" in table
    assert '<th scope="col">City</th>' in table
    assert '<th scope="col" class="num">Respondents</th>' in table
    assert f"<td>{UZBEK}</td>" in table
    assert '<td class="num">12</td>' in table
    assert re.search(r"\.num \{[^}]*text-align: right", html)


def test_quote_caution_note_and_footer_are_marked_up(html: str) -> None:
    assert f"<blockquote><p>The visit to {CHINESE} showed us" in html
    assert '<aside class="caution" role="note"><p>Small base:' in html
    assert '<p class="note">Respondents &lt;n=5&gt;' in html
    assert '<p class="lead">Most participants' in html
    footer = html[html.index('<footer class="report-footer">') :]
    assert "Figures as of 14 December 2020; base n in every table." in footer
    assert "Generated" not in html  # the generation time is metadata only
    assert '<meta name="dcterms.created" content="2020-12-14T09:30:00+00:00">' in html


def test_print_styles_keep_figures_whole_let_tables_run_over_and_headings_stay_with_what_follows(html: str) -> None:
    printed = html[html.index("@media print") :]
    assert re.search(r"figure, \.caution, blockquote \{ break-inside: avoid; \}", printed)
    assert "table, tr { break-inside: auto; }" in printed
    assert re.search(r"h1, h2, h3, h4, h5, h6 \{ break-after: avoid;", printed)
    assert "thead { display: table-header-group; }" in printed


def test_charts_scale_and_tables_scroll_on_a_phone(html: str) -> None:
    assert re.search(r'<svg[^>]* viewBox="0 0 \d+(\.\d+)? \d+(\.\d+)?"', html)
    phone = html[html.index('<style media="screen and (max-width: 600px)">') :]
    assert "table { display: block; overflow-x: auto;" in phone[: phone.index("</style>")]
