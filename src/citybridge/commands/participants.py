"""``citybridge participants import``: a training's registration list into the store."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from citybridge.commands.common import UserError, _existing, _print_problems, _progress, _store, console
from citybridge.messages import LIST_REJECTED, say

app = typer.Typer(help="Import a training's registration list.", no_args_is_help=True)


@app.command("import")
def participants_import(
    file: Annotated[
        Path, typer.Argument(help="CSV or XLSX: name, position, organisation, city, email, phone, consent.")
    ],
    training: Annotated[str, typer.Option(help="Training id or slug.")],
    skip_invalid: Annotated[
        bool, typer.Option("--skip-invalid", help="Store the valid rows, list the others.")
    ] = False,
) -> None:
    """Import a registration list; re-importing the same people adds nothing."""
    _store()
    from citybridge.web.errors import RegistrationsRejected
    from citybridge.web.surveys.store import find_training
    from citybridge.web.trainings.store import import_registrations

    target = find_training(training)
    with _progress(f"Importing {file.name}"):
        try:
            report = import_registrations(target, _existing(file), skip_invalid=skip_invalid)
        except RegistrationsRejected as rejected:
            _print_problems(rejected.problems)
            raise UserError(say(LIST_REJECTED, file=file.name, problems=len(rejected.problems))) from None
    if report.problems:
        _print_problems(report.problems)
    console.print(
        f"{file.name}: {report.new} new, {report.already_present} already present, {report.rejected} rejected."
    )
