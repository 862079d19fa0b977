"""The report as a background job: progress, files in every format, download scoped by organisation."""

from __future__ import annotations

import pytest
from django.urls import reverse

from citybridge.web import report_job as report
from citybridge.web.jobs.models import Job
from citybridge.web.jobs.queue import submit


@pytest.fixture(autouse=True)
def _sync_jobs(settings, tmp_path):
    settings.JOBS = "sync"
    settings.JOBS_DIR = tmp_path / "jobs"


def test_a_report_job_writes_each_language_and_format_and_offers_them(
    client_as, example, django_capture_on_commit_callbacks
):
    training = example.training
    with django_capture_on_commit_callbacks(execute=True):
        job = submit(
            "report",
            organisation=training.organisation,
            training=training,
            params=report.params(languages=["en", "ru"], formats=["html", "docx"]),
        )
    job.refresh_from_db()
    assert job.status == Job.Status.DONE, job.message
    assert sorted(job.files) == sorted(
        f"report-{training.slug}-{lang}.{fmt}" for lang in ("en", "ru") for fmt in ("html", "docx")
    )
    page = client_as("analyst").get(reverse("jobs:detail", args=[job.pk])).content.decode()
    assert f"report-{training.slug}-ru.docx" in page
    download = client_as("analyst").get(
        reverse("jobs:download", args=[job.pk, f"report-{training.slug}-en.html"])
    )
    assert download.status_code == 200
    assert "attachment" in download["Content-Disposition"]


def test_another_organisation_cannot_see_or_download_the_job(
    client_as, example, django_capture_on_commit_callbacks
):
    training = example.training
    with django_capture_on_commit_callbacks(execute=True):
        job = submit(
            "report",
            organisation=training.organisation,
            training=training,
            params=report.params(languages=["en"], formats=["html"]),
        )
    outsider = client_as("outsider")
    assert outsider.get(reverse("jobs:detail", args=[job.pk])).status_code == 404
    name = f"report-{training.slug}-en.html"
    assert outsider.get(reverse("jobs:download", args=[job.pk, name])).status_code == 404


def test_a_job_that_cannot_run_ends_failed_with_a_message(example, django_capture_on_commit_callbacks):
    training = example.training
    with django_capture_on_commit_callbacks(execute=True):
        job = submit(
            "report",
            organisation=training.organisation,
            training=training,
            params={"languages": ["xx"], "formats": ["html"]},
        )
    job.refresh_from_db()
    assert job.status == Job.Status.FAILED
    assert "choose at least one language" in job.message


def test_an_unknown_kind_is_refused(example):
    with pytest.raises(ValueError, match="unknown job kind"):
        submit("haircut", organisation=example.training.organisation)
