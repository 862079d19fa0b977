"""Run one job: look up its kind, report progress into its row, keep its files or its error."""

from __future__ import annotations

import importlib
import logging
import shutil
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from django.db import OperationalError
from django.utils import timezone

from citybridge.web.jobs.models import Job
from citybridge.web.jobs.owner import is_gone

log = logging.getLogger("citybridge.jobs")

# kind -> "module:function"; the function takes (job, progress) and returns the files it wrote in
# job.folder, or a Finished (its files and a summary for the job's page). progress(fraction,
# message) may be called as often as it likes.
KINDS = {
    "report": "citybridge.web.report_job:run",
    "booklet": "citybridge.web.booklet_job:run",
    "waves-send": "citybridge.web.waves.jobs:send",
}
Progress = Callable[[float, str], None]


@dataclass(frozen=True)
class Finished:
    """What a job that does more than write files leaves: its files and a sentence on what it did."""

    files: list[Path] = field(default_factory=list)
    summary: str = ""


class JobError(Exception):
    """A failure the user can act on: its message is shown as it is."""


def run(pk: int) -> None:
    job = Job.objects.get(pk=pk)
    if job.status != Job.Status.QUEUED:
        return  # already taken by another worker, or re-delivered
    Job.objects.filter(pk=pk).update(status=Job.Status.RUNNING, started_at=timezone.now())
    folder = job.folder
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True, exist_ok=True)
    try:
        result = _function(job.kind)(job, _progress_of(pk))
    except Exception as error:
        message = _user_message(error)
        log.exception("job %s (%s) failed", pk, job.kind)
        Job.objects.filter(pk=pk).update(
            status=Job.Status.FAILED, message=message, finished_at=timezone.now()
        )
        return
    finished = result if isinstance(result, Finished) else Finished(files=result)
    names = [Path(f).name for f in finished.files]
    Job.objects.filter(pk=pk).update(
        status=Job.Status.DONE,
        progress=1.0,
        message=finished.summary,
        files=names,
        finished_at=timezone.now(),
    )


ORPHANED = (
    "the server process running this job stopped before it finished (was the server restarted?); "
    "nothing was kept: start it again"
)


def give_up_if_orphaned(job: Job) -> Job:
    """The job as it stands, failed with a word why if the process whose thread ran it is gone."""
    unfinished = job.status in (Job.Status.QUEUED, Job.Status.RUNNING)
    if unfinished and job.runner and is_gone(job.runner):
        # Only a row still unfinished is changed: the job may have ended as it was looked at.
        Job.objects.filter(pk=job.pk, status=job.status).update(
            status=Job.Status.FAILED, message=ORPHANED, finished_at=timezone.now()
        )
        job.refresh_from_db()
    return job


def _function(kind: str) -> Callable:
    module, name = KINDS[kind].split(":")
    return getattr(importlib.import_module(module), name)


def _progress_of(pk: int) -> Progress:
    last = [0.0]

    def progress(fraction: float, message: str = "") -> None:
        now = time.monotonic()
        if now - last[0] < 0.25 and fraction < 1:
            return  # a row update four times a second is plenty for a progress bar
        last[0] = now
        try:
            Job.objects.filter(pk=pk).update(progress=max(0.0, min(1.0, fraction)), message=message)
        except OperationalError as exc:
            # The bar is advisory: a store busy with another writer (SQLite's lock) must not fail
            # the job; the next step writes it again, and the job's end is written as ever.
            log.warning("job %s: progress not written (%s)", pk, exc)

    return progress


def _user_message(error: Exception) -> str:
    from citybridge.analysis.indicators import AnalysisError
    from citybridge.web.errors import NotFound

    if isinstance(error, JobError | AnalysisError | NotFound | ValueError):
        return str(error)
    return "the job failed on the server; the administrator's log has the details"
