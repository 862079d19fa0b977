"""Hand a job to whoever runs jobs here: a Redis queue, a thread of this process, or nobody (sync)."""

from __future__ import annotations

import threading

from django.conf import settings
from django.db import transaction

from citybridge.web.jobs.models import Job
from citybridge.web.jobs.owner import this_process
from citybridge.web.jobs.runner import KINDS, run


def submit(kind: str, *, organisation, training=None, params: dict | None = None, user=None) -> Job:
    """Record the job, then start it once the record is committed (a worker must be able to read it)."""
    if kind not in KINDS:
        raise ValueError(f"unknown job kind '{kind}'")
    job = Job.objects.create(
        kind=kind,
        runner=this_process() if settings.JOBS == "thread" else "",
        organisation=organisation,
        training=training,
        params=params or {},
        created_by=user if user is not None and user.is_authenticated else None,
    )
    transaction.on_commit(lambda: dispatch(job.pk))
    return job


def dispatch(pk: int) -> None:
    mode = settings.JOBS
    if mode == "sync":
        run(pk)
    elif mode == "redis":
        redis_queue().enqueue("citybridge.web.jobs.runner.run", pk, job_timeout=3600)
    else:
        threading.Thread(target=_run_and_close, args=(pk,), name=f"citybridge-job-{pk}", daemon=True).start()


def _run_and_close(pk: int) -> None:
    from django.db import connections

    try:
        run(pk)
    finally:
        connections.close_all()


def redis_queue():
    from redis import Redis
    from rq import Queue

    return Queue(settings.JOBS_QUEUE, connection=Redis.from_url(settings.REDIS_URL))
