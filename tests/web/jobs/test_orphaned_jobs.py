"""A job run in a thread of a web process that has since stopped ends failed, with a word why."""

from __future__ import annotations

import subprocess
import sys

from django.urls import reverse

from citybridge.web.jobs import owner
from citybridge.web.jobs.models import Job
from citybridge.web.jobs.queue import submit
from citybridge.web.jobs.runner import ORPHANED


def ended_process() -> str:
    """The runner name of a process that has already ended (as after a server restart)."""
    child = subprocess.Popen(
        [sys.executable, "-c", "import os, socket; print(os.getpid())"], stdout=subprocess.PIPE
    )
    pid = int(child.communicate()[0])
    return owner.this_process().rsplit(" ", 2)[0] + f" {pid} 1"


def running_job(training, runner: str) -> Job:
    return Job.objects.create(
        kind="report",
        organisation=training.organisation,
        training=training,
        status=Job.Status.RUNNING,
        runner=runner,
    )


def test_a_job_whose_process_has_ended_shows_as_failed_with_what_to_do(client_as, example):
    job = running_job(example.training, ended_process())
    page = client_as("organiser").get(reverse("jobs:detail", args=[job.pk])).content.decode()
    job.refresh_from_db()
    assert job.status == Job.Status.FAILED and job.message == ORPHANED
    assert "start it again" in page


def test_the_reports_page_lists_it_as_failed_too(client_as, example):
    job = running_job(example.training, ended_process())
    client_as("organiser").get(reverse("front:reports", args=[example.training.slug]))
    job.refresh_from_db()
    assert job.status == Job.Status.FAILED


def test_a_job_of_a_living_process_keeps_running(client_as, example):
    job = running_job(example.training, owner.this_process())
    client_as("organiser").get(reverse("jobs:detail", args=[job.pk]))
    job.refresh_from_db()
    assert job.status == Job.Status.RUNNING


def test_a_pid_used_again_by_another_process_does_not_pass_for_the_job_s_process():
    host, pid, _ = owner.this_process().split(" ")
    assert owner.is_gone(f"{host} {pid} 1")  # same pid, another start time


def test_a_process_on_another_host_is_not_judged_from_here():
    assert not owner.is_gone("another-host 1 1")


def test_a_job_started_in_a_thread_names_its_process(example, settings):
    settings.JOBS = "thread"
    job = submit("report", organisation=example.training.organisation, training=example.training, params={})
    assert job.runner == owner.this_process()
    Job.objects.filter(pk=job.pk).delete()  # never dispatched: the test's transaction is not committed
