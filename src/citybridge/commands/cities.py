"""``citybridge cities profile``: each city of a training as the matching sees it."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

app = typer.Typer(help="City profiles: place, size, needs and preferences.", no_args_is_help=True)


@app.command("profile")
def profile(
    training: Annotated[str, typer.Option(help="Training id or slug.")],
    lang: Annotated[
        str, typer.Option("--lang", help="Language of sector labels: en, ru, uz-Latn, uz-Cyrl.")
    ] = "en",
    country: Annotated[str, typer.Option(help="Country of the training's cities (ISO code).")] = "UZ",
    profiles: Annotated[
        Path | None, typer.Option(help="Needs and offers entered by hand (YAML), replacing the survey's.")
    ] = None,
) -> None:
    """Per city: its place in the gazetteer, population, and what its respondents prioritise and prefer."""
    from citybridge import sectors
    from citybridge.commands.common import _store, _table, console, errors

    _store()
    from citybridge.web.partnerships.matching import city_profiles
    from citybridge.web.surveys.store import find_training

    found = city_profiles(find_training(training), language=lang, country=country, manual_path=profiles)
    table = _table("city", "place", "population", "respondents", "top priorities", "partners named")
    for city in found:
        priorities = sorted(city.priorities.items(), key=lambda item: -item[1])[:3]
        named = sorted(city.preferences.items(), key=lambda item: -item[1])[:3]
        table.add_row(
            city.name,
            city.place_id or "not found",
            f"{city.population:,}" if city.population else "",
            str(city.respondents),
            ", ".join(f"{sectors.label(s, lang)} ({n})" for s, n in priorities),
            ", ".join(f"{p} ({n})" for p, n in named),
        )
    console.print(table)
    missing = [c.name for c in found if c.place_id is None]
    if missing:
        errors.print(
            f"Not found in the gazetteer: {', '.join(missing)}. Check the spelling with "
            "'citybridge places resolve NAME', or add the place with 'citybridge places add'."
        )
