"""A job's progress page (polled by htmx, refreshed without JavaScript) and its files."""

from __future__ import annotations

from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, render

from citybridge.web.accounts.access import Ability, check, requires
from citybridge.web.jobs.models import Job
from citybridge.web.jobs.runner import give_up_if_orphaned


def _job(request, pk: int) -> Job:
    job = get_object_or_404(Job.objects.select_related("training"), pk=pk)
    check(request.user, Ability.VIEW, job.organisation_id)
    return give_up_if_orphaned(job)


@requires(Ability.VIEW)
def detail(request, pk: int):
    job = _job(request, pk)
    template = "jobs/_status.html" if request.headers.get("HX-Request") else "jobs/detail.html"
    return render(request, template, {"job": job})


@requires(Ability.VIEW)
def download(request, pk: int, name: str):
    job = _job(request, pk)
    if name not in job.files or not (job.folder / name).is_file():
        raise Http404("no such file in this job")
    return FileResponse((job.folder / name).open("rb"), as_attachment=True, filename=name)
