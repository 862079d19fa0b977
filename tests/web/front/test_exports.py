"""Exports of the submissions table: CSV (labels, BOM), XLSX (labels and codes), Parquet (typed codes)."""

from __future__ import annotations

import io

import openpyxl
import polars as pl
import pytest
from django.urls import reverse
from django.utils import timezone

from citybridge.analysis.labels import choice_label, question_label


@pytest.fixture
def url(example):
    return reverse("front:submissions_export", args=[example.survey.slug])


def _labels(example):
    form = example.survey.current_version().form()
    city = form.question("city")
    first = example.survey.submissions.order_by("submitted_at", "pk").first()
    return question_label(form, city, "en"), choice_label(form, city, first.answers["city"], "en"), first


def test_csv_has_a_bom_question_labels_and_every_row(client_as, example, url):
    response = client_as("analyst").get(url, {"format": "csv"})
    assert response.status_code == 200
    today = timezone.localdate().isoformat()
    assert f'filename="{example.survey.slug}-submissions-{today}.csv"' in response["Content-Disposition"]
    assert response.content.startswith(b"\xef\xbb\xbf")
    frame = pl.read_csv(io.BytesIO(response.content[3:]))
    header, value, first = _labels(example)
    assert frame.height == example.survey.submissions.count()
    assert frame.get_column(header).to_list()[0] == value
    assert frame.get_column("Instance ID").to_list()[0] == first.instance_id


def test_csv_of_a_search_holds_only_the_rows_found(client_as, example, url):
    one = example.survey.submissions.order_by("pk").last()
    frame = pl.read_csv(
        io.BytesIO(client_as("analyst").get(url, {"format": "csv", "q": one.instance_id}).content[3:])
    )
    assert frame.get_column("Instance ID").to_list() == [one.instance_id]


def test_xlsx_has_labels_and_a_sheet_of_codes(client_as, example, url):
    response = client_as("analyst").get(url, {"format": "xlsx"})
    assert response["Content-Disposition"].endswith('.xlsx"')
    book = openpyxl.load_workbook(io.BytesIO(response.content), read_only=True)
    assert book.sheetnames == ["submissions", "codes"]
    header, value, first = _labels(example)
    labelled = list(book["submissions"].iter_rows(values_only=True))
    codes = list(book["codes"].iter_rows(values_only=True))
    assert len(labelled) == len(codes) == example.survey.submissions.count() + 1
    assert labelled[1][labelled[0].index(header)] == value
    assert codes[1][codes[0].index("city")] == first.answers["city"]
    assert "Submitted at (UTC)" in labelled[0]


def test_parquet_keeps_codes_and_types(client_as, example, url):
    response = client_as("analyst").get(url, {"format": "parquet"})
    frame = pl.read_parquet(io.BytesIO(response.content))
    _, _, first = _labels(example)
    assert frame.height == example.survey.submissions.count()
    assert frame.get_column("city").to_list()[0] == first.answers["city"]
    assert frame.schema["age"] == pl.Int64 and frame.schema["priorities"] == pl.List(pl.Utf8)


def test_exports_pseudonymise_personal_answers(client_as, example, url):
    survey = example.survey
    survey.indicators = {**survey.indicators, "personal_questions": ["comments"]}
    survey.save(update_fields=["indicators"])
    frame = pl.read_parquet(io.BytesIO(client_as("organiser").get(url, {"format": "parquet"}).content))
    assert all(v.startswith("anon-") for v in frame.get_column("comments").drop_nulls())
    shown = pl.read_parquet(
        io.BytesIO(client_as("organiser").get(url, {"format": "parquet", "personal": "1"}).content)
    )
    assert not any(v.startswith("anon-") for v in shown.get_column("comments").drop_nulls())


def test_personal_data_exports_are_refused_to_an_analyst(client_as, url):
    assert client_as("analyst").get(url, {"format": "csv", "personal": "1"}).status_code == 403


def test_an_unknown_format_says_which_to_choose(client_as, url):
    response = client_as("analyst").get(url, {"format": "sav"})
    assert response.status_code == 400 and b"csv, xlsx or parquet" in response.content


def test_another_organisations_export_is_not_found(client_as, url):
    assert client_as("outsider").get(url, {"format": "csv"}).status_code == 404
