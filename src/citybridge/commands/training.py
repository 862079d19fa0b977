"""``citybridge training``: create and list trainings, load a training's programme."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from citybridge.commands.common import UserError, _existing, _store, _table, console

app = typer.Typer(help="Create and list trainings.", no_args_is_help=True)


@app.command("create")
def training_create(
    title: Annotated[str, typer.Argument(help="The training's title.")],
    slug: Annotated[
        str | None, typer.Option(help="Short name used in commands (default: from the title).")
    ] = None,
    starts_on: Annotated[str | None, typer.Option(help="First day, YYYY-MM-DD.")] = None,
    ends_on: Annotated[str | None, typer.Option(help="Last day, YYYY-MM-DD.")] = None,
) -> None:
    """Create a training and print its id."""
    import datetime as dt

    _store()
    from citybridge.web.trainings.store import create_training

    try:
        dates = {
            k: dt.date.fromisoformat(v) for k, v in (("starts_on", starts_on), ("ends_on", ends_on)) if v
        }
    except ValueError as exc:
        raise UserError(f"dates are written YYYY-MM-DD ({exc}).") from exc
    training = create_training(title, slug=slug, **dates)
    console.print(f"Created training {training.pk} ({training.slug}).")


@app.command("list")
def training_list() -> None:
    """List the trainings in the store."""
    _store()
    from citybridge.web.trainings.models import Training

    table = _table("id", "slug", "title", "dates")
    for training in Training.objects.order_by("pk"):
        dates = f"{training.starts_on or ''} – {training.ends_on or ''}".strip(" –")
        table.add_row(str(training.pk), training.slug, training.title, dates)
    console.print(table)


@app.command("load-programme")
def training_load_programme(
    file: Annotated[
        Path, typer.Argument(help="A programme JSON file (see examples/uzbekistan-2020/programme.json).")
    ],
) -> None:
    """Create or refresh a training with its lectures and speakers from a programme file."""
    _store()
    from citybridge.web.trainings.store import load_programme

    training = load_programme(_existing(file))
    console.print(f"Training {training.pk} ({training.slug}): {training.lectures.count()} lectures.")
