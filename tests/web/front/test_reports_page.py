"""The reports page: a report or booklet asked for becomes a job; the training's jobs and files are listed."""

from __future__ import annotations

import pytest
from django.urls import reverse

from citybridge.web.jobs.models import Job


@pytest.fixture
def url(example):
    return reverse("front:reports", args=[example.training.slug])


@pytest.fixture
def sync_jobs(settings, tmp_path):
    settings.JOBS = "sync"
    settings.JOBS_DIR = tmp_path


def test_an_analyst_asks_for_a_report_that_is_written_and_listed(
    client_as, example, url, sync_jobs, django_capture_on_commit_callbacks
):
    client = client_as("analyst")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            url, {"languages": ["en"], "formats": ["html"], "as_of": "2020-11-10", "report": "1"}
        )
    job = Job.objects.get(training=example.training, kind="report")
    assert response.status_code == 302 and response.url == reverse("jobs:detail", args=[job.pk])
    job.refresh_from_db()
    assert job.status == Job.Status.DONE, job.message
    assert job.params["as_of"] == "2020-11-10" and job.params["languages"] == ["en"]
    assert job.files == [f"report-{example.training.slug}-en-2020-11-10.html"]
    page = client.get(url).content.decode()
    assert reverse("jobs:download", args=[job.pk, job.files[0]]) in page
    assert "as of 2020-11-10" in page


def test_the_booklet_button_asks_for_a_booklet(
    client_as, example, url, sync_jobs, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        client_as("organiser").post(url, {"languages": ["ru"], "formats": ["html"], "booklet": "1"})
    job = Job.objects.get(training=example.training)
    assert job.kind == "booklet" and job.params == {"languages": ["ru"], "formats": ["html"]}


def test_a_comparison_day_after_the_as_of_day_is_refused(client_as, example, url):
    response = client_as("analyst").post(
        url, {"languages": ["en"], "formats": ["html"], "as_of": "2020-11-10", "compare": "2020-12-14"}
    )
    assert response.status_code == 200 and "must be before the as-of day" in response.content.decode()
    assert not Job.objects.filter(training=example.training).exists()


def test_no_language_chosen_asks_for_one(client_as, example, url):
    response = client_as("analyst").post(url, {"formats": ["html"]})
    assert "Choose at least one language." in response.content.decode()
    assert not Job.objects.exists()


def test_the_page_offers_every_report_language_and_format(client_as, url):
    body = client_as("analyst").get(url).content.decode()
    for value in ("en", "ru", "uz-Latn", "uz-Cyrl", "html", "pdf", "docx"):
        assert f'value="{value}"' in body


def test_another_organisation_cannot_ask_for_a_report(client_as, example, url):
    assert client_as("outsider").post(url, {"languages": ["en"], "formats": ["html"]}).status_code == 404
    assert client_as("partner").get(url).status_code == 403
    assert not Job.objects.exists()
