"""Without the fonts: a PDF needs only the fonts of the scripts on its pages, and a run that asks
for it (the demo) leaves such PDFs out, lists them and writes everything else."""

from __future__ import annotations

import dataclasses
import subprocess
from pathlib import Path

import pytest

from citybridge.reports import pdf
from citybridge.reports.output import pdfs_left_out_without_fonts, write_document
from citybridge.reports.pdf import MissingFontsError, check_fonts
from tests.reports.sample_document import sample_document


@pytest.fixture
def without_cjk(monkeypatch: pytest.MonkeyPatch) -> None:
    """fc-list finds Noto Sans but no CJK font (an injected fontconfig answer)."""

    def fc_list(args: list[str], **kwargs) -> subprocess.CompletedProcess:
        return subprocess.CompletedProcess(args, 0, stdout="" if "CJK" in args[1] else "Noto Sans\n", stderr="")

    monkeypatch.setattr(pdf.subprocess, "run", fc_list)


def test_a_page_without_chinese_needs_no_cjk_font(without_cjk):
    check_fonts("<p>Самарқанд, Toshkent</p>")
    with pytest.raises(MissingFontsError) as raised:
        check_fonts("<p>苏州</p>")
    assert raised.value.packages == ("fonts-noto-cjk",)


def test_outside_the_demo_a_missing_font_still_stops_the_pdf(monkeypatch, tmp_path: Path):
    monkeypatch.setenv("PATH", str(tmp_path))  # no fc-list at all
    with pytest.raises(MissingFontsError):
        write_document(sample_document(), tmp_path, "report", ("html", "pdf"))
    assert not (tmp_path / "report.pdf").exists()


def test_the_demo_leaves_out_only_the_pdfs_whose_fonts_are_missing(without_cjk, tmp_path: Path):
    document = sample_document()
    chinese = dataclasses.replace(document, title=document.title + " 苏州")
    with pdfs_left_out_without_fonts() as left_out:
        written = write_document(chinese, tmp_path, "chinese", ("html", "pdf", "docx"))
    assert [p.name for p in written] == ["chinese.html", "chinese.docx"]
    assert [path.name for path, _ in left_out] == ["chinese.pdf"]
    assert left_out.message() == (
        "1 PDF file(s) left out, their fonts are not installed: chinese.pdf. "
        "Install them with: apt-get install fonts-noto-cjk"
    )
    assert not list(tmp_path.glob(".*partial"))
