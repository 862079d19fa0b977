"""``citybridge text``: the organisers' own text of a training, per language (foreword, context,
recommendations, translated titles and names), which the report and the booklet place."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from citybridge.reports.i18n import LANGUAGES

app = typer.Typer(help="The organisers' text of a training per language: list, set.", no_args_is_help=True)

KEYS_HELP = (
    "description, objectives, foreword, context, recommendations; or a translation: title, hosts, "
    "partners, funders (one name a line), lecture-N.title, speaker-KEY.name, speaker-KEY.affiliation."
)


@app.command("set")
def set_text(
    training: Annotated[str, typer.Option(help="Training id or slug.")],
    key: Annotated[str, typer.Option(help=KEYS_HELP)],
    lang: Annotated[str, typer.Option("--lang", help=f"One of {', '.join(LANGUAGES)}.")],
    file: Annotated[Path | None, typer.Option(help="Read the text from this UTF-8 file.")] = None,
    text: Annotated[str | None, typer.Option(help="The text itself (instead of --file); empty removes it.")] = None,
) -> None:
    """Store one piece of a training's text in one language (it replaces the piece stored before)."""
    from citybridge.commands.common import UserError, _store, console

    if lang not in LANGUAGES:
        raise UserError(f"--lang '{lang}': choose from {', '.join(LANGUAGES)}.")
    if (file is None) == (text is None):
        raise UserError("give the text with --file or with --text (one of them).")
    if file is not None:
        try:
            text = file.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as error:
            raise UserError(f"{file}: cannot be read as UTF-8 text ({error}).") from None
    _store()
    from citybridge.web.surveys.store import find_training
    from citybridge.web.trainings.store import set_text as store_text

    found = find_training(training)
    stored = store_text(found, lang, key, text or "")
    console.print(f"{'Stored' if stored else 'Removed'} {key} ({lang}) of {found.slug}")


@app.command("list")
def list_texts(training: Annotated[str, typer.Option(help="Training id or slug.")]) -> None:
    """Which pieces of a training's text are stored, in which languages."""
    from citybridge.commands.common import _store, _table, console

    _store()
    from citybridge.web.surveys.store import find_training
    from citybridge.web.trainings.store import training_texts

    texts = training_texts(find_training(training))
    keys = sorted({key for pieces in texts.values() for key in pieces})
    if not keys:
        console.print("No text stored for this training yet: add some with 'citybridge text set'.")
        return
    table = _table("Key", *LANGUAGES)
    for key in keys:
        table.add_row(key, *("✓" if key in texts.get(lang, {}) else "" for lang in LANGUAGES))
    console.print(table)
