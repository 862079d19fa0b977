"""The waves' work as jobs of the job runner (thread in the web process, or RQ workers)."""

from __future__ import annotations

from citybridge.web.waves.mail import send_due
from citybridge.web.waves.models import Wave


def send(job, progress) -> list:
    """Job kind ``waves-send``: the invitations and reminders due today for ``params["wave"]``."""
    wave = Wave.objects.select_related("training", "survey").get(pk=job.params["wave"])
    report = send_due(wave, progress=progress)
    progress(
        1.0,
        f"{report.sent} sent, {report.failed} refused by the mail server, {report.taken} taken by another worker",
    )
    return []
