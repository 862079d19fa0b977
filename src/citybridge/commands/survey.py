"""``citybridge survey``: add an XLSForm to a training, or check a form without the store."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from citybridge.commands.common import _existing, _store, _table, console
from citybridge.forms import load_xlsform

app = typer.Typer(help="Add XLSForm surveys to a training, or check a form.", no_args_is_help=True)


@app.command("add")
def survey_add(
    form: Annotated[Path, typer.Argument(help="The XLSForm (.xlsx, .xls, .csv or .md).")],
    training: Annotated[str, typer.Option(help="Training id or slug.")],
    slug: Annotated[
        str | None, typer.Option(help="Short name for the survey (default: the form_id).")
    ] = None,
    indicators: Annotated[
        Path | None,
        typer.Option(
            help="Indicators file for the report (default: FORM.indicators.toml or indicators.toml beside it)."
        ),
    ] = None,
) -> None:
    """Add an XLSForm to a training (a new version if its form_id is known) and print the survey id."""
    _store()
    from citybridge.web.surveys.analysis import attach_spec
    from citybridge.web.surveys.store import add_survey, find_training

    survey, version, is_new = add_survey(find_training(training), _existing(form), slug=slug)
    spec = attach_spec(survey, form, _existing(indicators) if indicators else None)
    state = "added" if is_new else "already present"
    console.print(
        f"Survey {survey.pk} ({survey.slug}), form '{survey.form_id}' version '{version.version}' {state}: "
        f"{len(version.form().answer_questions)} questions."
    )
    if spec:
        console.print(f"Indicators: {spec}")


@app.command("check")
def survey_check(form: Annotated[Path, typer.Argument(help="The XLSForm to check.")]) -> None:
    """Read an XLSForm through pyxform and list its questions, without touching the store."""
    loaded = load_xlsform(_existing(form))
    table = _table("path", "type", "label", "required", "rules")
    for question in loaded.questions:
        rules = ", ".join(k for k in ("relevant", "constraint", "calculation") if getattr(question, k))
        table.add_row(
            question.path,
            question.type,
            question.label(loaded.default_language),
            "yes" if question.required else "",
            rules,
        )
    console.print(table)
    console.print(
        f"Form '{loaded.form_id}' version '{loaded.version}', languages: {', '.join(loaded.languages)}."
    )
