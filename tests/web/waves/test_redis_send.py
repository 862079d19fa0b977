"""Scaled out: the wave's sending job goes through Redis, and a second worker after the first sends nothing."""

from __future__ import annotations

import datetime as dt
import uuid

import pytest

from citybridge.web.jobs.models import Job
from citybridge.web.jobs.queue import redis_queue, submit
from tests.web.redis_server import need_redis, redis_url
from tests.web.waves.conftest import PEOPLE

REDIS = redis_url(8)


@pytest.fixture
def redis_jobs(settings):
    need_redis(REDIS)
    settings.JOBS, settings.REDIS_URL = "redis", REDIS
    settings.JOBS_QUEUE = f"citybridge-waves-test-{uuid.uuid4().hex[:8]}"
    yield redis_queue()
    redis_queue().delete(delete_jobs=True)


def test_two_workers_one_after_the_other_send_each_invitation_once(
    redis_jobs, waves, smtp, django_capture_on_commit_callbacks
):
    from rq import SimpleWorker

    _, follow = waves
    follow.opens_on = dt.date.today()
    follow.save()
    jobs = []
    for _ in range(2):  # the organiser pressed "send" twice; each job is taken by its own worker
        with django_capture_on_commit_callbacks(execute=True):
            jobs.append(
                submit("waves-send", organisation=follow.training.organisation, params={"wave": follow.pk})
            )
        SimpleWorker([redis_jobs], connection=redis_jobs.connection).work(burst=True)
    for job in jobs:
        job.refresh_from_db()
        assert job.status == Job.Status.DONE, job.message
    assert sorted(m["To"] for m in smtp.messages) == sorted(address for _, address, _, _ in PEOPLE)
