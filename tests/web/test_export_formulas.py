"""Every CSV and XLSX citybridge writes neutralises formulas (tests/exports/test_safety.py has the rule).

The attacks are stored where a participant or a partner could put them (a text answer, a name, a
lead's city, a partner's strength) and read back from each export path as a spreadsheet would.
"""

from __future__ import annotations

import csv
import io

import openpyxl
import pytest
from django.urls import reverse

from citybridge.analysis.labels import question_label
from tests.exports.test_safety import ATTACKS
from tests.test_cli import invoke
from tests.web.conftest import KOBO_HEADER, MINI_FORM

pytestmark = pytest.mark.django_db
SAFE = ["'" + attack for attack in ATTACKS]


@pytest.fixture
def attacked(example):
    """The example survey with one attack per submission in the comments, and a negative age."""
    submissions = list(example.survey.submissions.order_by("pk")[: len(ATTACKS)])
    for submission, attack in zip(submissions, ATTACKS, strict=True):
        submission.answers = {**submission.answers, "comments": attack, "age": -1}
        submission.save()
    return example


def _csv_column(content: bytes, header: str) -> list[str]:
    rows = list(csv.DictReader(io.StringIO(content.decode("utf-8-sig"), newline="")))
    return [row[header] for row in rows]


def _xlsx_cells(content: bytes, sheet: str, header: str) -> list:
    rows = list(openpyxl.load_workbook(io.BytesIO(content))[sheet].iter_rows())
    at = [c.value for c in rows[0]].index(header)
    return [row[at] for row in rows[1:]]


def _comments_header(example) -> str:
    form = example.survey.current_version().form()
    return question_label(form, form.question("comments"), "en")


def test_the_submissions_page_exports_neutralise_csv_and_xlsx(client_as, attacked):
    url = reverse("front:submissions_export", args=[attacked.survey.slug])
    client, header = client_as("organiser"), _comments_header(attacked)
    comments = _csv_column(client.get(url, {"format": "csv", "personal": "1"}).content, header)
    assert set(SAFE) <= set(comments) and not set(ATTACKS) & set(comments)
    book = client.get(url, {"format": "xlsx", "personal": "1"}).content
    for sheet, name in (("submissions", header), ("codes", "comments")):
        cells = _xlsx_cells(book, sheet, name)
        assert set(SAFE) <= {c.value for c in cells}
        assert all(c.data_type != "f" for c in cells)


def test_a_negative_number_stays_a_number_in_csv_and_xlsx(client_as, attacked):
    url = reverse("front:submissions_export", args=[attacked.survey.slug])
    client = client_as("organiser")
    ages = _xlsx_cells(client.get(url, {"format": "xlsx"}).content, "codes", "age")
    assert [(c.value, c.data_type) for c in ages[: len(ATTACKS)]] == [(-1, "n")] * len(ATTACKS)
    form = attacked.survey.current_version().form()
    header = question_label(form, form.question("age"), "en")
    csv_ages = _csv_column(client.get(url, {"format": "csv"}).content, header)
    assert csv_ages[: len(ATTACKS)] == ["-1"] * len(ATTACKS)


def test_the_raw_option_exports_values_as_stored_but_never_as_xlsx_formulas(client_as, attacked):
    url = reverse("front:submissions_export", args=[attacked.survey.slug])
    client, header = client_as("organiser"), _comments_header(attacked)
    comments = _csv_column(client.get(url, {"format": "csv", "personal": "1", "raw": "1"}).content, header)
    assert set(ATTACKS) <= set(comments)
    cells = _xlsx_cells(
        client.get(url, {"format": "xlsx", "personal": "1", "raw": "1"}).content, "codes", "comments"
    )
    assert set(ATTACKS) <= {c.value for c in cells} and all(c.data_type == "s" for c in cells if c.value)


def test_the_api_csv_export_neutralises_unless_raw(client, attacked):
    from citybridge.web.api.models import ApiToken

    token = ApiToken.issue(attacked.training.organisation, "dashboard", scope="read")[1]
    path, headers = (
        f"/api/v1/surveys/{attacked.survey.pk}/submissions/export",
        {"Authorization": f"Bearer {token}"},
    )
    comments = _csv_column(client.get(path, {"format": "csv"}, headers=headers).content, "comments")
    assert set(SAFE) <= set(comments) and not set(ATTACKS) & set(comments)
    raw = _csv_column(client.get(path, {"format": "csv", "raw": "true"}, headers=headers).content, "comments")
    assert set(ATTACKS) <= set(raw)


def test_the_mail_merge_links_csv_neutralises_names(client_as, example):
    person = example.training.participants.order_by("pk").first()
    person.name = ATTACKS[0]
    person.save()
    organiser = client_as("organiser")
    organiser.post(f"/s/manage/{example.survey.slug}/links/", {"make": "personal"})
    url = reverse("participate:links_csv", args=[example.survey.slug])
    assert SAFE[0] in _csv_column(organiser.get(url).content, "name")
    assert ATTACKS[0] in _csv_column(organiser.get(url, {"raw": "1"}).content, "name")


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_lead_exports_on_the_web_and_the_cli_neutralise(client_as, example, capsys, tmp_path, fmt):
    from citybridge.web.pipeline.store import create_lead

    for attack in ATTACKS:
        create_lead(attack, "Suzhou", who="organiser", training=example.training)
    web = (
        client_as("organiser")
        .get(reverse("partnerships:leads_export", args=[example.training.slug, fmt]))
        .content
    )
    code, _, _ = invoke(capsys, "leads", "export", str(tmp_path / f"leads.{fmt}"))
    raw_code, _, _ = invoke(capsys, "leads", "export", str(tmp_path / f"raw.{fmt}"), "--raw")
    assert code == raw_code == 0
    files = (web, (tmp_path / f"leads.{fmt}").read_bytes())
    if fmt == "csv":
        for content in files:
            assert set(_csv_column(content, "requesting_city")) == set(SAFE)
        assert set(_csv_column((tmp_path / "raw.csv").read_bytes(), "requesting_city")) == set(ATTACKS)
    else:
        for content in files:
            cells = _xlsx_cells(content, "leads", "requesting_city")
            assert {c.value for c in cells} == set(SAFE) and {c.data_type for c in cells} == {"s"}
        raw = _xlsx_cells((tmp_path / "raw.xlsx").read_bytes(), "leads", "requesting_city")
        assert {c.value for c in raw} == set(ATTACKS) and {c.data_type for c in raw} == {"s"}


def test_the_partner_catalogue_csv_neutralises_strengths():
    from dataclasses import replace

    from citybridge.matching.catalogue import Strength
    from citybridge.web.partnerships.catalogue_edit import export_csv
    from citybridge.web.partnerships.matching import catalogue_in_use

    catalogue = catalogue_in_use()
    first = replace(catalogue.partners[0], strengths=tuple(Strength("tourism", a, "test") for a in ATTACKS))
    catalogue = replace(catalogue, partners=(first, *catalogue.partners[1:]))
    texts = _csv_column(export_csv(catalogue).encode(), "text")
    assert set(SAFE) <= set(texts) and not set(ATTACKS) & set(texts)
    assert set(ATTACKS) <= set(_csv_column(export_csv(catalogue, raw=True).encode(), "text"))


def test_the_rejected_rows_file_of_skip_invalid_neutralises(capsys, tmp_path):
    invoke(capsys, "training", "create", "Cities 2020")
    invoke(capsys, "survey", "add", str(MINI_FORM), "--training", "cities-2020")
    export = tmp_path / "mixed.csv"
    quoted = ['"' + a.replace('"', '""') + '"' for a in ATTACKS]
    rows = [f"u{i},2020-11-10T06:00:00,great,agree,40,no,,{q},{i}" for i, q in enumerate(quoted)]
    export.write_text("\n".join([KOBO_HEADER, *rows]) + "\n", encoding="utf-8")
    code, _, _ = invoke(
        capsys, "submissions", "import", str(export), "--survey", "mini-evaluation", "--skip-invalid"
    )
    assert code == 0
    comments = _csv_column((tmp_path / "mixed.rejected.csv").read_bytes(), "comment")
    assert set(comments) == set(SAFE)


def test_the_submissions_page_offers_the_raw_exports(client_as, example):
    page = (
        client_as("organiser").get(reverse("front:submissions", args=[example.survey.slug])).content.decode()
    )
    assert "Raw values, for programs" in page and "format=xlsx&amp;raw=1" in page
