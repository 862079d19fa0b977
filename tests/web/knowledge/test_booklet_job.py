"""The booklet as a background job, written from the stored practices."""

from __future__ import annotations

import pytest
from django.urls import reverse

from citybridge.web.jobs.documents import params
from citybridge.web.jobs.models import Job
from citybridge.web.jobs.queue import submit


@pytest.fixture(autouse=True)
def _sync_jobs(settings, tmp_path):
    settings.JOBS = "sync"
    settings.JOBS_DIR = tmp_path / "jobs"


def test_a_booklet_job_writes_html_in_english_and_russian(example, django_capture_on_commit_callbacks):
    training = example.training
    with django_capture_on_commit_callbacks(execute=True):
        job = submit(
            "booklet",
            organisation=training.organisation,
            training=training,
            params=params(languages=["en", "ru"], formats=["html"]),
        )
    job.refresh_from_db()
    assert job.status == Job.Status.DONE, job.message
    assert sorted(job.files) == [f"booklet-{training.slug}-en.html", f"booklet-{training.slug}-ru.html"]
    english = (job.folder / f"booklet-{training.slug}-en.html").read_text(encoding="utf-8")
    assert "Vocational education run jointly by government, schools and employers" in english
    russian = (job.folder / f"booklet-{training.slug}-ru.html").read_text(encoding="utf-8")
    assert "Государственно-частное партнёрство" in russian
    assert "Профессиональное образование, которое ведут вместе государство" in russian
    assert "(на языке: английский)" not in russian


def test_a_training_without_practices_fails_with_a_clear_message(
    other_training, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        job = submit(
            "booklet",
            organisation=other_training.organisation,
            training=other_training,
            params=params(languages=["en"], formats=["html"]),
        )
    job.refresh_from_db()
    assert job.status == Job.Status.FAILED
    assert "has no good practices yet" in job.message and other_training.slug in job.message


def test_the_booklet_page_starts_the_job_and_shows_its_progress(
    client_as, example, django_capture_on_commit_callbacks
):
    url = reverse("knowledge:booklet", args=[example.training.slug])
    with django_capture_on_commit_callbacks(execute=True):
        response = client_as("analyst").post(url, {"languages": ["en"], "formats": ["html"]})
    job = Job.objects.get(kind="booklet")
    assert response.status_code == 302 and response["Location"] == reverse("jobs:detail", args=[job.pk])
    assert job.training == example.training and job.status == Job.Status.DONE, job.message


def test_another_organisation_cannot_build_the_booklet(client_as, example):
    url = reverse("knowledge:booklet", args=[example.training.slug])
    assert client_as("outsider").get(url).status_code == 404
    assert client_as("outsider").post(url, {"languages": ["en"], "formats": ["html"]}).status_code == 404
    assert client_as("partner").get(url).status_code == 403
    assert not Job.objects.filter(kind="booklet").exists()
