"""A submission sent without ``submitted_at`` (the schema makes it optional) never breaks a survey:
it is stored with its received-at time as its submitted-at, and the indicators and the report
built afterwards include it."""

from __future__ import annotations

import pytest

from citybridge.web import report_job as report
from citybridge.web.jobs.models import Job
from citybridge.web.jobs.queue import submit
from citybridge.web.surveys.models import Submission


@pytest.fixture(autouse=True)
def _sync_jobs(settings, tmp_path):
    settings.JOBS = "sync"
    settings.JOBS_DIR = tmp_path / "jobs"


def without_time(example, instance_id: str) -> dict:
    answers = example.survey.submissions.order_by("pk").first().answers
    return {"instance_id": instance_id, "answers": answers}


def test_a_submission_without_submitted_at_is_stored_at_its_received_time(call, example, write_token):
    response = call("post", f"/surveys/{example.survey.pk}/submissions", write_token,
                    data=without_time(example, "uuid:no-time"))  # fmt: skip
    assert response.status_code == 201
    stored = Submission.objects.get(survey=example.survey, instance_id="no-time")
    assert stored.submitted_at is not None
    assert stored.submitted_at == stored.received_at


def test_the_indicators_and_the_report_still_work_after_one(
    call, example, write_token, read_token, django_capture_on_commit_callbacks
):
    before = call("get", f"/surveys/{example.survey.pk}/indicators", read_token).json()["respondents"]
    call(
        "post",
        f"/surveys/{example.survey.pk}/submissions",
        write_token,
        data=without_time(example, "uuid:no-time"),
    )
    indicators = call("get", f"/surveys/{example.survey.pk}/indicators", read_token)
    assert indicators.status_code == 200
    assert indicators.json()["respondents"] == before + 1
    training = example.training
    with django_capture_on_commit_callbacks(execute=True):
        job = submit("report", organisation=training.organisation, training=training,
                     params=report.params(languages=["en"], formats=["html"]))  # fmt: skip
    job.refresh_from_db()
    assert job.status == Job.Status.DONE, job.message
