"""With REDIS_URL, jobs go through a Redis queue and a worker runs them (the scale-out set-up)."""

from __future__ import annotations

import uuid

import pytest

from citybridge.web import report_job as report
from citybridge.web.jobs.models import Job
from citybridge.web.jobs.queue import redis_queue, submit
from tests.web.redis_server import need_redis, redis_url

REDIS = redis_url(0)


@pytest.fixture
def redis_jobs(settings, tmp_path):
    need_redis(REDIS)
    settings.JOBS, settings.REDIS_URL = "redis", REDIS
    settings.JOBS_QUEUE = f"citybridge-test-{uuid.uuid4().hex[:8]}"
    settings.JOBS_DIR = tmp_path / "jobs"
    yield redis_queue()
    redis_queue().delete(delete_jobs=True)


def test_a_queued_job_waits_for_a_worker_then_the_worker_runs_it(
    redis_jobs, example, django_capture_on_commit_callbacks
):
    from rq import SimpleWorker

    training = example.training
    with django_capture_on_commit_callbacks(execute=True):
        job = submit(
            "report",
            organisation=training.organisation,
            training=training,
            params=report.params(languages=["en"], formats=["html"]),
        )
    job.refresh_from_db()
    assert job.status == Job.Status.QUEUED and redis_jobs.count == 1
    SimpleWorker([redis_jobs], connection=redis_jobs.connection).work(burst=True)
    job.refresh_from_db()
    assert job.status == Job.Status.DONE, job.message
    assert job.files == [f"report-{training.slug}-en.html"]
    assert (job.folder / job.files[0]).read_text(encoding="utf-8").startswith("<!")
