"""``citybridge match`` and ``citybridge partners``: explained partner suggestions for a training's cities.

``match`` reads the training's survey analysed by city, builds the cities' profiles (places from
the gazetteer), scores every partner of the catalogue and prints the top k per city with the
reason, and with ``--optimal`` the optimal and the greedy assignment under capacities side by
side. ``partners import`` checks a catalogue file and makes it the one ``match`` uses (a copy in
the data folder); ``partners export`` writes the catalogue in use.
"""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path
from typing import Annotated

import typer

app = typer.Typer()
partners_app = typer.Typer(
    help="Import or export the catalogue of candidate partner cities.", no_args_is_help=True
)


@app.command("match")
def match(
    training: Annotated[str, typer.Option(help="Training id or slug.")],
    mode: Annotated[str, typer.Option(help="new: leave existing ties out; deepen: favour them.")] = "new",
    k: Annotated[int, typer.Option("--k", min=1, help="Partners suggested per city.")] = 3,
    capacity: Annotated[int, typer.Option(min=1, help="Requests one partner city can take.")] = 5,
    optimal: Annotated[
        bool, typer.Option("--optimal", help="Also the optimal and greedy assignments.")
    ] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print one JSON document.")] = False,
    evaluate: Annotated[
        bool, typer.Option("--evaluate", help="Also hit@3 and hit@10 with the stated preferences held out.")
    ] = False,
    weights: Annotated[Path | None, typer.Option(help="A weights file overriding weights.toml.")] = None,
    partners: Annotated[
        Path | None, typer.Option(help="A partner catalogue (default: the imported one).")
    ] = None,
    lang: Annotated[
        str, typer.Option("--lang", help="Language of the explanations: en, ru, uz-Latn, uz-Cyrl, zh.")
    ] = "en",
    country: Annotated[str, typer.Option(help="Country of the requesting cities (ISO code).")] = "UZ",
    profiles: Annotated[
        Path | None, typer.Option(help="Needs and offers entered by hand (YAML), replacing the survey's.")
    ] = None,
) -> None:
    """Suggest partner cities for each city of a training, each with its score and the reason."""
    from citybridge.commands.common import UserError, _store
    from citybridge.matching import MODES
    from citybridge.reports.i18n import LANGUAGES

    if mode not in MODES:
        raise UserError(f"--mode '{mode}': choose new (leave existing ties out) or deepen (favour them).")
    if lang not in LANGUAGES:
        raise UserError(f"--lang '{lang}': choose from {', '.join(LANGUAGES)}.")
    _store()
    from citybridge.web.matching import matching_result
    from citybridge.web.surveys.store import find_training

    result = matching_result(
        find_training(training), mode=mode, k=k, capacity=capacity, optimal=optimal, evaluate=evaluate,
        language=lang, country=country, weights_path=weights, partners_path=partners, manual_path=profiles,
    )  # fmt: skip
    if as_json:
        sys.stdout.write(json.dumps(result, ensure_ascii=False, indent=2) + "\n")
    else:
        _print_result(result)


@partners_app.command("import")
def partners_import(file: Annotated[Path, typer.Argument(help="A partner catalogue (YAML).")]) -> None:
    """Check a partner catalogue and make it the one 'citybridge match' uses."""
    from citybridge.commands.common import UserError, console
    from citybridge.matching.catalogue import CatalogueError, load_catalogue

    try:
        catalogue = load_catalogue(file)
    except CatalogueError as exc:
        raise UserError(f"{file} was not imported; fix these and import it again:\n{exc}") from None
    from citybridge.web import bootstrap

    bootstrap.setup()  # Django settings, without needing a migrated store
    from citybridge.web.matching import CATALOGUE_FILE, data_dir

    target = data_dir() / CATALOGUE_FILE
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(file, target)  # the user's own file, comments and all
    strengths = sum(len(p.strengths) for p in catalogue.partners)
    ties = sum(len(p.ties) for p in catalogue.partners) + len(catalogue.country_ties)
    console.print(
        f"Imported {len(catalogue.partners)} partner cities ({strengths} strengths, {ties} ties) to {target}."
    )


@partners_app.command("export")
def partners_export(
    file: Annotated[Path, typer.Argument(help="Where to write the catalogue (YAML).")],
) -> None:
    """Write the partner catalogue in use (the imported one, else the starter one)."""
    from citybridge.commands.common import console
    from citybridge.matching.catalogue import write_catalogue
    from citybridge.web import bootstrap

    bootstrap.setup()
    from citybridge.web.matching import catalogue_in_use

    catalogue = catalogue_in_use()
    write_catalogue(catalogue, file)
    console.print(f"Wrote {len(catalogue.partners)} partner cities to {file}.")


def _print_result(result: dict) -> None:
    from citybridge.commands.common import _table, console, errors

    if result["unresolved"]:
        errors.print(
            f"Not found in the gazetteer (size and distance count 0 for them): {', '.join(result['unresolved'])}. "
            "Add them with 'citybridge places add'."
        )
    table = _table("requesting city", "partner city", "score", "why")
    for found in result["suggestions"].values():
        for m in found:
            table.add_row(m["requesting"], m["partner"], f"{m['score']:.2f}", m["explanation"])
    console.print(f"Suggested partners (mode {result['mode']}, top {result['k']} per city):")
    console.print(table)
    if "assignments" in result:
        _print_assignments(result)
    if "evaluation" in result:
        _print_evaluation(result["evaluation"])


def _print_assignments(result: dict) -> None:
    from citybridge.commands.common import _table, console

    chosen = {method: {} for method in ("optimal", "greedy")}
    for method, found in result["assignments"].items():
        for m in found["matches"]:
            chosen[method].setdefault(m["requesting"], []).append(m["partner"])
    table = _table("requesting city", "optimal", "greedy")
    for city in sorted(set(chosen["optimal"]) | set(chosen["greedy"])):
        table.add_row(
            city, ", ".join(chosen["optimal"].get(city, [])), ", ".join(chosen["greedy"].get(city, []))
        )
    optimal, greedy = result["assignments"]["optimal"]["total"], result["assignments"]["greedy"]["total"]
    console.print(
        f"Assignment: up to {result['k']} partners per city, at most {result['capacity']} requests per partner city."
    )
    console.print(table)
    console.print(
        f"Total score: optimal {optimal:.3f}, greedy {greedy:.3f} (optimal − greedy = {optimal - greedy:.3f})."
    )


def _print_evaluation(found: dict) -> None:
    from citybridge.commands.common import console

    console.print(
        f"Quality check, stated preferences held out ({found['namings']} namings of a partner city):"
    )
    for key in (k for k in found if k.startswith("hit@")):
        figures = found[key]
        console.print(
            f"  {key}: {figures['rate']:.0%} ({figures['hits']} of {found['namings']}); chance {figures['chance']:.0%}"
        )
    if found["outside_catalogue"]:
        console.print(
            f"  {found['outside_catalogue']} namings are of cities missing from the catalogue (counted as misses)."
        )
