"""``citybridge init`` and ``citybridge status``: set up the store, and say what a training holds."""

from __future__ import annotations

from typing import Annotated

import typer

from citybridge.commands.common import _store, console


def init() -> None:
    """Create the store (or bring its tables up to date)."""
    _store(migrate=True)
    from django.conf import settings

    database = settings.DATABASES["default"]
    console.print(f"Store ready: {database['NAME']} ({database['ENGINE'].rsplit('.', 1)[-1]}).")


def status(
    training: Annotated[str | None, typer.Option(help="Only this training (id or slug).")] = None,
) -> None:
    """Per training: registered participants, respondents and response rate."""
    _store()
    print_status(training)


def print_status(training_ref: str | None = None) -> None:
    from citybridge.web.status import training_status
    from citybridge.web.surveys.store import find_training
    from citybridge.web.trainings.models import Training

    trainings = [find_training(training_ref)] if training_ref else list(Training.objects.order_by("pk"))
    if not trainings:
        console.print("No trainings yet: create one with 'citybridge training create TITLE'.")
    for row in (training_status(t) for t in trainings):
        rate = "no registrations" if row.response_rate is None else f"response rate {row.response_rate:.0%}"
        console.print(
            f"{row.training_id} {row.slug}: {row.registered} registered from {row.cities} cities; "
            f"{row.surveys} survey(s), {row.submissions} submission(s), {row.respondents} respondent(s); {rate}"
        )
