"""The waves' work as jobs of the job runner (thread in the web process, or RQ workers)."""

from __future__ import annotations

from django.conf import settings
from django.utils import timezone, translation
from django.utils.translation import gettext, ngettext

from citybridge.web.jobs.models import Job
from citybridge.web.jobs.queue import submit
from citybridge.web.jobs.runner import Finished, Progress, give_up_if_orphaned
from citybridge.web.waves.mail import SendReport, send_due
from citybridge.web.waves.models import Wave

SEND = "waves-send"


def send(job: Job, progress: Progress) -> Finished:
    """Job kind ``waves-send``: the invitations and reminders due today for ``params["wave"]``, the
    same sending as ``citybridge waves send``; its summary in the language of whoever asked."""
    wave = Wave.objects.select_related("training", "survey").get(pk=job.params["wave"])
    with translation.override(job.params.get("language") or settings.LANGUAGE_CODE):
        report = send_due(wave, progress=progress)
        return Finished(files=[], summary=summary(wave, report))


def summary(wave: Wave, report: SendReport) -> str:
    """What one sending did, or why it had nothing to do."""
    if wave.closed_at is not None:
        return gettext("The wave is closed: nothing was sent.")
    if wave.opens_on is None or wave.opens_on > timezone.localdate():
        return gettext("The wave has not opened yet: nothing was due.")
    if not (report.sent or report.failed or report.taken):
        return gettext("Nothing was due: every invitation and reminder due today has gone out already.")
    parts = [ngettext("%(n)d message sent", "%(n)d messages sent", report.sent) % {"n": report.sent}]
    if report.failed:
        parts.append(
            ngettext(
                "%(n)d refused by the mail server (tried again next time)",
                "%(n)d refused by the mail server (tried again next time)",
                report.failed,
            )
            % {"n": report.failed}
        )
    if report.taken:
        parts.append(
            ngettext("%(n)d sent by another worker", "%(n)d sent by another worker", report.taken)
            % {"n": report.taken}
        )
    return "; ".join(parts) + "."


def send_now(wave: Wave, *, user, language: str) -> Job:
    """The wave's sending as a job: the one still running for this wave if there is one, else a new one."""
    running = latest_sending(wave)
    if running is not None and not running.finished:
        return running
    params = {"wave": wave.pk, "language": language}
    return submit(
        SEND, organisation=wave.training.organisation, training=wave.training, params=params, user=user
    )


def latest_sending(wave: Wave) -> Job | None:
    """The wave's latest sending job (an orphaned one marked failed), if any."""
    job = wave.training.jobs.filter(kind=SEND, params__wave=wave.pk).order_by("-created_at", "-pk").first()
    return give_up_if_orphaned(job) if job is not None else None
