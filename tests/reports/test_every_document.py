"""Every report and booklet of the example, in every language, read back from its PDF.

Each is printed to PDF as ``citybridge demo`` prints it; then, from the PDF alone (pypdf): no
page but the last is less than a quarter full (a page left with a lone heading or a line), and
every label of every chart (questions, answers, bands, legend entries) is there in full, never
cut. This is the slow test of the reports (about a minute per language on a busy machine).
"""

from __future__ import annotations

from pathlib import Path

import pypdf
import pytest

from citybridge.knowledge.booklet import build_booklet
from citybridge.knowledge.practices import read_practices
from citybridge.reports.build import build_report
from citybridge.reports.document import Document, Figure, Section
from citybridge.reports.i18n import LANGUAGES, Translator
from citybridge.reports.pdf import write_pdf

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "uzbekistan-2020"
# The printed page: the running header sits above BODY_TOP, the page number below BODY_BOTTOM
# (points from the bottom of an A4 page, as WeasyPrint lays out the report's @page rule).
BODY_TOP, BODY_BOTTOM = 790.0, 45.0


@pytest.fixture
def example(db):
    """The example training, loaded as the demo loads it (each test has its own database)."""
    from citybridge.web.example import load_training_folder

    return load_training_folder(EXAMPLE).training


def _documents(training, language: str) -> dict[str, Document]:
    from citybridge.web.reporting import priority_counts, report_inputs, training_summary

    t = Translator(language)
    practices = read_practices(EXAMPLE / "practices.json")
    return {
        "report": build_report(report_inputs(training, language=language), t),
        "booklet": build_booklet(
            training_summary(training, language), practices, priority_counts(training), t, language=language
        ),
    }


@pytest.mark.parametrize("language", LANGUAGES)
def test_no_near_empty_page_and_every_chart_label_whole(example, language, tmp_path):
    for name, document in _documents(example, language).items():
        reader = pypdf.PdfReader(write_pdf(document, tmp_path / f"{name}.pdf"))
        fills = [_fill(page) for page in reader.pages]
        sparse = [n for n, fill in enumerate(fills[:-1], start=1) if fill < 0.25]
        assert not sparse, f"{name} ({language}): pages {sparse} are less than a quarter full: {fills}"
        printed = "".join("".join(page.extract_text().split()) for page in reader.pages)
        missing = [label for label in _chart_labels(document) if "".join(label.split()) not in printed]
        assert not missing, f"{name} ({language}): chart text not in the PDF: {missing}"


def _fill(page: pypdf.PageObject) -> float:
    """How far down the body of the page its text reaches, 0 (empty) to 1 (to the bottom margin)."""
    heights: list[float] = []

    def visit(text, cm, tm, font, size) -> None:
        y = _times(tm, cm)[5]
        if text.strip() and BODY_BOTTOM < y < BODY_TOP:
            heights.append(y)

    page.extract_text(visitor_text=visit)
    if not heights:
        return 0.0
    return (BODY_TOP - min(heights)) / (BODY_TOP - BODY_BOTTOM)


def _times(m: list[float], n: list[float]) -> list[float]:
    """The product of two PDF matrices [a b c d e f]: where text at ``m`` in ``n``'s space lands."""
    a, b, c, d, e, f = m
    return [
        a * n[0] + b * n[2], a * n[1] + b * n[3], c * n[0] + d * n[2], c * n[1] + d * n[3],
        e * n[0] + f * n[2] + n[4], e * n[1] + f * n[3] + n[5],
    ]  # fmt: skip


def _chart_labels(document: Document) -> list[str]:
    """Every line of every label a chart of ``document`` draws: questions, answers, bands."""
    labels: list[str] = []
    for figure in _figures(document.sections):
        for row in _rows(figure.chart.spec):
            for key in ("question", "answer", "band"):
                labels += [line for line in str(row.get(key, "")).split("\n") if line]
    return list(dict.fromkeys(labels))


def _figures(sections: tuple[Section, ...]):
    for section in sections:
        yield from (block for block in section.blocks if isinstance(block, Figure))
        yield from _figures(section.subsections)


def _rows(spec: dict) -> list[dict]:
    rows = list(spec.get("data", {}).get("values", []))
    for layer in spec.get("layer", []):
        rows += layer.get("data", {}).get("values", [])
    for values in spec.get("datasets", {}).values():
        rows += values
    return rows
