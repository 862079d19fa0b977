"""The PDF report: A4 pages, page numbers, and Cyrillic and Chinese text in embedded Noto fonts."""

from __future__ import annotations

import dataclasses
import os
import re
import subprocess
from pathlib import Path

import pypdf
import pytest

from citybridge.reports import pdf
from citybridge.reports.document import Paragraph
from citybridge.reports.pdf import MissingFontsError, check_fonts, write_pdf
from tests.reports.sample_document import CHINESE, COUNTRY, UZBEK, sample_document


@pytest.fixture(scope="module")
def fonts_installed() -> None:
    try:
        check_fonts()
    except MissingFontsError as error:
        if os.environ.get("CI") == "true":
            pytest.fail(f"CI must install the report fonts: {error}")
        pytest.skip(str(error))


@pytest.fixture(scope="module")
def reader(fonts_installed: None, tmp_path_factory: pytest.TempPathFactory) -> pypdf.PdfReader:
    path = write_pdf(sample_document(), tmp_path_factory.mktemp("pdf") / "report.pdf")
    return pypdf.PdfReader(path)


def fonts_of(resources: pypdf.generic.DictionaryObject | None, seen: set[int] | None = None) -> list:
    """Every font dictionary reachable from ``resources``, including those of forms (charts)."""
    seen = set() if seen is None else seen
    if resources is None or id(resources) in seen:
        return []
    seen.add(id(resources))
    found = [font.get_object() for font in resources.get("/Font", {}).values()]
    for xobject in resources.get("/XObject", {}).values():
        found += fonts_of(xobject.get_object().get("/Resources"), seen)
    return found


def all_fonts(reader: pypdf.PdfReader) -> list:
    return [font for page in reader.pages for font in fonts_of(page.get("/Resources"))]


def missing_glyphs(reader: pypdf.PdfReader) -> set[str]:
    """Characters drawn as .notdef (the empty box) because no installed font has them.

    WeasyPrint gives such a character a made-up glyph id and, for that font only, replaces the
    Identity-H encoding by a CMap that sends the made-up id to glyph 0 (.notdef), while the
    ToUnicode map still names the character. So: codes encoded to 0, looked up in ToUnicode.
    """
    missing = set()
    for font in all_fonts(reader):
        encoding = font.get("/Encoding")
        if not isinstance(encoding, pypdf.generic.IndirectObject | pypdf.generic.StreamObject):
            continue  # a named encoding (Identity-H): every glyph is the font's own
        cmap = encoding.get_object().get_data().decode("latin-1")
        notdef = set(re.findall(r"<([0-9a-f]{4})>\s+0\b", cmap))
        to_unicode = font["/ToUnicode"].get_object().get_data().decode("latin-1")
        for code, text in re.findall(r"<([0-9a-f]{4})>\s*<([0-9a-f]+)>", to_unicode):
            if code in notdef:
                missing.add(bytes.fromhex(text).decode("utf-16-be"))
    return missing


def test_cyrillic_and_chinese_text_comes_out_intact(reader: pypdf.PdfReader) -> None:
    text = "\n".join(page.extract_text() for page in reader.pages)
    for expected in (UZBEK, CHINESE, COUNTRY, "Нейтрал", "无用"):  # the last two are chart labels
        assert expected in text
    assert "\ufffd" not in text


def test_fonts_are_embedded_noto_fonts(reader: pypdf.PdfReader) -> None:
    fonts = all_fonts(reader)
    names = {str(font["/BaseFont"]).split("+", 1)[-1] for font in fonts}
    assert "Noto-Sans" in names
    assert "Noto-Sans-CJK-SC" in names
    assert all(name.startswith("Noto-Sans") for name in names), names
    for font in fonts:
        descriptor = font["/DescendantFonts"][0].get_object()["/FontDescriptor"].get_object()
        assert "/FontFile2" in descriptor or "/FontFile3" in descriptor


def test_no_character_falls_back_to_notdef(reader: pypdf.PdfReader) -> None:
    assert missing_glyphs(reader) == set()


def test_notdef_check_finds_a_character_no_font_has(fonts_installed: None, tmp_path: Path) -> None:
    private_use = "\ue000"  # no font draws it, so it must be reported
    doc = sample_document()
    summary = dataclasses.replace(doc.sections[0], blocks=(Paragraph(f"Mark {private_use} here"),))
    path = write_pdf(dataclasses.replace(doc, sections=(summary,)), tmp_path / "notdef.pdf")
    assert missing_glyphs(pypdf.PdfReader(path)) == {private_use}


def test_pages_are_a4_numbered_n_of_total_with_a_running_title(reader: pypdf.PdfReader) -> None:
    total = len(reader.pages)
    assert total >= 2
    for number, page in enumerate(reader.pages, start=1):
        assert round(float(page.mediabox.width)) == 595  # A4: 210 × 297 mm in points
        assert round(float(page.mediabox.height)) == 842
        assert f"{number} / {total}" in page.extract_text()
    later = reader.pages[1].extract_text()
    assert later.count(sample_document().title) == 1  # the running title; page 1 has the cover


def test_document_properties_come_from_the_report(reader: pypdf.PdfReader) -> None:
    assert reader.metadata.title == sample_document().title
    assert reader.metadata.author == "UNDP Uzbekistan"


def test_missing_fonts_name_the_packages_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    def fc_list_without_cjk(args: list[str], **kwargs) -> subprocess.CompletedProcess:
        found = "" if "CJK" in args[1] else "Noto Sans\n"
        return subprocess.CompletedProcess(args, 0, stdout=found, stderr="")

    monkeypatch.setattr(pdf.subprocess, "run", fc_list_without_cjk)
    with pytest.raises(MissingFontsError) as raised:
        check_fonts()
    assert "Noto Sans CJK SC (Chinese)" in str(raised.value)
    assert str(raised.value).endswith("apt-get install fonts-noto-cjk")


def test_without_fontconfig_no_pdf_is_written(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))  # no fc-list to be found
    with pytest.raises(MissingFontsError, match="apt-get install fontconfig fonts-noto-core fonts-noto-cjk"):
        write_pdf(sample_document(), tmp_path / "report.pdf")
    assert not (tmp_path / "report.pdf").exists()
