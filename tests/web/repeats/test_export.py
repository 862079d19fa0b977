"""A repeat form's exports (the submissions page's and the API's, CSV ZIP, XLSX, Parquet ZIP) are
ODK Central's linked tables, and each imports into a fresh survey as the same submissions and
instances; importing it again stores nothing new."""

from __future__ import annotations

import io
import zipfile

import openpyxl
import polars as pl
import pytest
from django.urls import reverse

from citybridge.web.imports import import_file
from citybridge.web.repeats.models import RepeatInstance
from citybridge.web.surveys.store import add_survey
from tests.submissions.test_linked import KOBO, household_form, kobo_xlsx

SUFFIX = {"csv": "zip", "xlsx": "xlsx", "parquet": "zip"}


@pytest.fixture
def household(example, tmp_path):
    """The household form (members with visits, a repeat in a repeat) in the example's training,
    with two submissions imported from KoboToolbox and a third sent through the API without
    instances."""
    from citybridge.web.api.models import ApiToken

    household_form(tmp_path)
    survey, _, _ = add_survey(example.training, tmp_path / "form.xlsx")
    import_file(survey, kobo_xlsx(tmp_path, KOBO))
    token = ApiToken.issue(example.training.organisation, "field team")[1]
    body = {
        "instance_id": "ccc",
        "submitted_at": "2020-11-11T09:30:00+05:00",
        "answers": {"village": "Chilonzor"},
    }
    from django.test import Client

    sent = Client().post(f"/api/v1/surveys/{survey.pk}/submissions", body, content_type="application/json",
                         headers={"Authorization": f"Bearer {token}"})  # fmt: skip
    assert sent.status_code == 201, sent.content
    return survey


@pytest.fixture
def fresh(db, tmp_path):
    """The same form in a training of its own, with nothing stored."""
    from citybridge.web.trainings.store import create_training

    folder = tmp_path / "fresh"
    folder.mkdir()
    household_form(folder)
    survey, _, _ = add_survey(create_training("Fresh", slug="fresh-2020"), folder / "form.xlsx")
    return survey


def stored(survey) -> tuple[list, list]:
    """What a survey holds, without its database ids: submissions and instances with their links."""
    submissions = sorted(survey.submissions.values_list("instance_id", "submitted_at", "answers"))
    instances = sorted(
        RepeatInstance.objects.filter(submission__survey=survey).values_list(
            "repeat", "key", "parent__key", "submission__instance_id", "answers"
        )
    )
    return submissions, instances


def page_export(client_as, survey, fmt: str, **query):
    url = reverse("front:submissions_export", args=[survey.slug])
    return client_as("organiser").get(url, {"format": fmt, **query})


def api_export(example, survey, fmt: str):
    from django.test import Client

    from citybridge.web.api.models import ApiToken

    token = ApiToken.issue(example.training.organisation, "dashboard", scope="read")[1]
    url = f"/api/v1/surveys/{survey.pk}/submissions/export"
    return Client().get(url, {"format": fmt}, headers={"Authorization": f"Bearer {token}"})


def assert_round_trip(response, fmt, household, fresh, tmp_path):
    assert response.status_code == 200, response.content[:300]
    assert response["Content-Disposition"].endswith(f'.{SUFFIX[fmt]}"')
    path = tmp_path / f"export.{SUFFIX[fmt]}"
    path.write_bytes(response.content)
    first = import_file(fresh, path)
    assert (first.new, first.already_present) == (3, 0)
    assert stored(fresh) == stored(household)
    again = import_file(fresh, path)
    assert (again.new, again.already_present) == (0, 3)
    assert stored(fresh) == stored(household)


@pytest.mark.parametrize("fmt", ["csv", "xlsx", "parquet"])
def test_the_page_export_of_a_repeat_form_imports_into_a_fresh_survey_identically(
    client_as, household, fresh, tmp_path, fmt
):
    response = page_export(client_as, household, fmt, personal="1")
    assert_round_trip(response, fmt, household, fresh, tmp_path)


@pytest.mark.parametrize("fmt", ["csv", "xlsx", "parquet"])
def test_the_api_export_of_a_repeat_form_imports_into_a_fresh_survey_identically(
    example, household, fresh, tmp_path, fmt
):
    assert_round_trip(api_export(example, household, fmt), fmt, household, fresh, tmp_path)


def test_the_csv_zip_holds_centrals_tables_with_each_rows_key_and_its_parents(client_as, household):
    archive = zipfile.ZipFile(io.BytesIO(page_export(client_as, household, "csv", personal="1").content))
    assert archive.namelist() == ["household.csv", "household-member.csv", "household-visit.csv"]
    visits = pl.read_csv(archive.read("household-visit.csv"))
    assert visits.rows() == [
        ("2020-11-01", "aaa/member[2]", "aaa/member[2]/visit[1]"),
        ("2020-11-03", "aaa/member[2]", "aaa/member[2]/visit[2]"),
    ]
    assert visits.columns == ["member-visit-day", "PARENT_KEY", "KEY"]
    main = pl.read_csv(archive.read("household.csv"))
    assert main.get_column("KEY").to_list() == ["aaa", "bbb", "ccc"]


def test_the_parquet_zip_keeps_each_tables_types(example, household):
    archive = zipfile.ZipFile(io.BytesIO(api_export(example, household, "parquet").content))
    members = pl.read_parquet(io.BytesIO(archive.read("household-member.parquet")))
    assert members.schema["member-age"] == pl.Int64
    assert members.select("member-name", "PARENT_KEY", "KEY").rows() == [
        ("Aziz", "aaa", "aaa/member[1]"),
        ("Dilnoza", "aaa", "aaa/member[2]"),
        ("Olim", "bbb", "bbb/member[1]"),
    ]
    visits = pl.read_parquet(io.BytesIO(archive.read("household-visit.parquet")))
    assert visits.schema["member-visit-day"] == pl.Date


def test_names_inside_a_repeat_are_pseudonymised_unless_personal_data_are_asked_for(client_as, household):
    book = openpyxl.load_workbook(io.BytesIO(page_export(client_as, household, "xlsx").content))
    assert book.sheetnames == ["household", "member", "visit"]
    names = [row[0] for row in book["member"].iter_rows(min_row=2, values_only=True)]
    assert len(names) == 3 and all(name.startswith("anon-") for name in names)
    assert not {"Aziz", "Dilnoza", "Olim"} & set(names)
    response = client_as("analyst").get(
        reverse("front:submissions_export", args=[household.slug]), {"format": "xlsx", "personal": "1"}
    )
    assert response.status_code == 403


def test_a_formula_answered_inside_a_repeat_is_neutralised_in_csv_and_xlsx(client_as, household):
    member = RepeatInstance.objects.get(key="aaa/member[1]")
    member.answers = {**member.answers, "name": '=HYPERLINK("http://evil.example/","open me")'}
    member.save()
    archive = zipfile.ZipFile(io.BytesIO(page_export(client_as, household, "csv", personal="1").content))
    cells = pl.read_csv(archive.read("household-member.csv")).get_column("member-name").to_list()
    assert cells[0] == '\'=HYPERLINK("http://evil.example/","open me")'
    book = openpyxl.load_workbook(io.BytesIO(page_export(client_as, household, "xlsx", personal="1").content))
    cell = book["member"]["A2"]
    assert (cell.value, cell.data_type) == ('\'=HYPERLINK("http://evil.example/","open me")', "s")
    raw = zipfile.ZipFile(io.BytesIO(page_export(client_as, household, "csv", personal="1", raw="1").content))
    assert pl.read_csv(raw.read("household-member.csv")).item(0, "member-name").startswith("=HYPERLINK")


def test_the_older_linked_addresses_answer_with_the_page_export(client_as, household):
    response = client_as("analyst").get(f"/repeats/{household.slug}/linked.zip")
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('front:submissions_export', args=[household.slug])}?format=csv"
    assert client_as("outsider").get(response["Location"]).status_code == 404


def test_a_form_without_repeats_still_exports_one_table(client_as, example):
    response = client_as("analyst").get(
        reverse("front:submissions_export", args=[example.survey.slug]), {"format": "csv"}
    )
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert pl.read_csv(io.BytesIO(response.content[3:])).height == example.survey.submissions.count()
