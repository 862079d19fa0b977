"""The Word report: real headings, tables with a repeated header, charts with alt text, CJK fonts."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

from citybridge.reports.docx import write_docx
from tests.reports.sample_document import CHART_ALT, CHINESE, ESCAPED_TEXT, UZBEK, sample_document


@pytest.fixture(scope="module")
def word(tmp_path_factory: pytest.TempPathFactory):
    path = write_docx(sample_document(), tmp_path_factory.mktemp("docx") / "report.docx")
    return docx.Document(str(path))


def paragraphs_in(word, style: str) -> list[str]:
    return [paragraph.text for paragraph in word.paragraphs if paragraph.style.name == style]


def paragraph_starting(word, text: str):
    return next(paragraph for paragraph in word.paragraphs if paragraph.text.startswith(text))


def test_sections_are_word_headings_under_a_title(word) -> None:
    assert paragraphs_in(word, "Title") == [sample_document().title]
    assert paragraphs_in(word, "Heading 1") == ["Summary", "Key results"]
    assert paragraphs_in(word, "Heading 2") == ["In the participants' words"]


def test_table_keeps_its_cells_header_row_and_number_alignment(word) -> None:
    table = word.tables[0]
    assert [cell.text for cell in table.rows[0].cells] == ["City", "Respondents", "Share useful, %"]
    assert [cell.text for cell in table.rows[1].cells] == [UZBEK, "12", "83"]
    assert table.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None  # repeated on each page
    assert table.rows[1]._tr.trPr.find(qn("w:tblHeader")) is None
    for row in table.rows:
        assert row.cells[0].paragraphs[0].alignment is None
        assert row.cells[1].paragraphs[0].alignment == WD_ALIGN_PARAGRAPH.RIGHT
    assert paragraphs_in(word, "Caption")[0] == "Table 1. Respondents by city"


def test_chart_is_an_inline_picture_16_cm_wide_with_alt_text(word) -> None:
    (picture,) = word.inline_shapes
    assert picture.width == Cm(16)
    assert picture._inline.docPr.get("descr") == CHART_ALT
    body = [paragraph for paragraph in word.paragraphs]
    holder = next(i for i, p in enumerate(body) if p._p.xpath(".//w:drawing"))
    assert body[holder + 1].style.name == "Caption"
    assert body[holder + 1].text.startswith("Figure 1.")


def test_chinese_runs_name_the_east_asian_font(word) -> None:
    runs = [run for paragraph in word.paragraphs for run in paragraph.runs if CHINESE in run.text]
    assert runs
    for run in runs:
        fonts = run._r.rPr.rFonts
        assert fonts.get(qn("w:eastAsia")) == "Noto Sans CJK SC"
        assert run._r.rPr.find(qn("w:lang")).get(qn("w:eastAsia")) == "zh-CN"
    english = next(run for run in paragraph_starting(word, "Officials").runs if "Officials" in run.text)
    assert english._r.rPr is None  # English stays in the document's language and fonts


def test_every_style_uses_noto_rather_than_theme_fonts(word) -> None:
    styles = word.styles.element
    defaults = styles.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    assert defaults.rFonts.get(qn("w:ascii")) == "Noto Sans"
    assert defaults.rFonts.get(qn("w:eastAsia")) == "Noto Sans CJK SC"
    for fonts in styles.iter(qn("w:rFonts")):
        assert fonts.get(qn("w:asciiTheme")) is None
        assert fonts.get(qn("w:ascii")) == "Noto Sans"


def test_paragraph_kinds_have_their_own_look(word) -> None:
    assert paragraphs_in(word, "Quote") == [f"The visit to {CHINESE} showed us how industrial parks are run."]
    assert paragraphs_in(word, "List Bullet") == ["Seven lectures over five days", f"Study visit: {CHINESE}"]
    assert all(run.bold for run in paragraph_starting(word, "Most participants").runs)
    assert all(run.font.size == Pt(8.5) for run in paragraph_starting(word, ESCAPED_TEXT).runs)
    caution = paragraph_starting(word, "Small base")
    assert caution._p.pPr.find(qn("w:shd")).get(qn("w:fill")) == "FDF6E3"
    assert all(run.bold for run in caution.runs)


def test_core_properties_and_footer_come_from_the_report(word) -> None:
    properties = word.core_properties
    assert properties.title == sample_document().title
    assert properties.language == "en"
    assert properties.author == "UNDP Uzbekistan"
    footer = word.sections[0].footer
    assert footer.paragraphs[0].text == sample_document().footer
    instructions = [field.get(qn("w:instr")) for field in footer._element.iter(qn("w:fldSimple"))]
    assert instructions == ["PAGE", "NUMPAGES"]


def test_page_is_a4(word) -> None:
    section = word.sections[0]
    assert (round(section.page_width.cm, 1), round(section.page_height.cm, 1)) == (21.0, 29.7)


def test_written_file_is_at_the_given_path(tmp_path: Path) -> None:
    target = tmp_path / "out.docx"
    assert write_docx(sample_document(), target) == target
    assert target.stat().st_size > 0


def test_a_table_of_contents_field_follows_the_cover_and_word_updates_it(word) -> None:
    body = word.element.body.xml
    assert 'w:instr="TOC \\o &quot;1-3&quot; \\h \\z \\u"' in body or 'TOC \\o "1-3"' in body
    assert word.settings.element.xml.count("w:updateFields") == 1
