"""``citybridge report`` and ``citybridge booklet`` on the stored example training."""

from __future__ import annotations

import pytest
from pypdf import PdfReader

from tests.reports.test_fidelity import EXAMPLE
from tests.test_cli import invoke

pytestmark = pytest.mark.django_db


@pytest.fixture
def example(db):
    from citybridge.web.example import load_training_folder

    return load_training_folder(EXAMPLE)


def test_report_writes_html_pdf_and_docx_with_the_published_figures(capsys, tmp_path, example):
    code, _, err = invoke(
        capsys, "report", "--training", example.training.slug, "--as-of", "2020-12-14", "--out", str(tmp_path)
    )
    assert code == 0, err
    stem = f"report-{example.training.slug}-en-2020-12-14"
    html = (tmp_path / f"{stem}.html").read_text(encoding="utf-8")
    assert "94% of respondents were satisfied with the webinar materials and contents" in html
    assert "(base: 52)" in html
    assert "Key results" in html and "Data notes" in html
    assert 'id="partnerships"' in html and "Suggested partnerships" in html  # the optimal assignment
    text = "".join(page.extract_text() for page in PdfReader(tmp_path / f"{stem}.pdf").pages)
    assert "94%" in text and "\ufffd" not in text
    assert (tmp_path / f"{stem}.docx").stat().st_size > 10_000
    assert not list(tmp_path.glob(".*.partial"))


def test_report_in_uzbek_cyrillic_uses_the_forms_uzbek_labels(capsys, tmp_path, example):
    code, _, err = invoke(
        capsys, "report", "--training", example.training.slug, "--lang", "uz-Cyrl", "--format", "html",
        "--out", str(tmp_path),
    )  # fmt: skip
    assert code == 0, err
    html = next(tmp_path.glob("*.html")).read_text(encoding="utf-8")
    assert 'lang="uz-Cyrl"' in html and "Аъло" in html


def test_report_compare_adds_what_changed_since_the_earlier_day(capsys, tmp_path, example):
    code, _, err = invoke(
        capsys, "report", "--training", example.training.slug, "--as-of", "2020-12-14", "--compare", "2020-11-10",
        "--format", "html", "--out", str(tmp_path),
    )  # fmt: skip
    assert code == 0, err
    html = next(tmp_path.glob("*.html")).read_text(encoding="utf-8")
    assert 'id="changes"' in html and "94%" in html and "96%" in html


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--lang", "fr"], "--lang 'fr': choose from"),
        (["--format", "odt"], "choose from html, pdf, docx or all"),
        (["--as-of", "2020-11-10", "--compare", "2020-12-14"], "must be before"),
    ],
)
def test_report_bad_options_are_one_clear_line(capsys, tmp_path, example, args, message):
    code, _, err = invoke(capsys, "report", "--training", example.training.slug, "--out", str(tmp_path), *args)
    assert code == 1 and message in err and "Traceback" not in err


def test_booklet_lists_practices_and_the_sectors_cities_prioritised(capsys, tmp_path, example):
    code, _, err = invoke(
        capsys, "booklet", "--training", example.training.slug, "--practices", str(EXAMPLE / "practices.json"),
        "--format", "html", "--out", str(tmp_path),
    )  # fmt: skip
    assert code == 0, err
    html = next(tmp_path.glob("booklet-*.html")).read_text(encoding="utf-8")
    assert "Good practices" in html and "Practices by sector" in html
