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
from dataclasses import asdict
from pathlib import Path
from typing import Annotated

import typer

app = typer.Typer()
partners_app = typer.Typer(
    help="Import or export the catalogue of candidate partner cities.", no_args_is_help=True
)
CATALOGUE_FILE = "partners.yaml"  # in the data folder, once imported


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
) -> None:
    """Suggest partner cities for each city of a training, each with its score and the reason."""
    from citybridge.cli import UserError
    from citybridge.matching import MODES
    from citybridge.reports.i18n import LANGUAGES, Translator

    if mode not in MODES:
        raise UserError(f"--mode '{mode}': choose new (leave existing ties out) or deepen (favour them).")
    if lang not in LANGUAGES:
        raise UserError(f"--lang '{lang}': choose from {', '.join(LANGUAGES)}.")
    run = _matching_run(training, mode, weights, partners, lang, country)
    t = Translator(lang)
    result = _result(run, mode, k, capacity, optimal, evaluate, t)
    if as_json:
        sys.stdout.write(json.dumps(result, ensure_ascii=False, indent=2) + "\n")
    else:
        _print_result(result)


@partners_app.command("import")
def partners_import(file: Annotated[Path, typer.Argument(help="A partner catalogue (YAML).")]) -> None:
    """Check a partner catalogue and make it the one 'citybridge match' uses."""
    from citybridge.cli import UserError, console
    from citybridge.matching.catalogue import CatalogueError, load_catalogue

    try:
        catalogue = load_catalogue(file)
    except CatalogueError as exc:
        raise UserError(f"{file} was not imported; fix these and import it again:\n{exc}") from None
    target = _data_dir() / CATALOGUE_FILE
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
    from citybridge.cli import console
    from citybridge.matching.catalogue import write_catalogue

    catalogue = _catalogue(None)
    write_catalogue(catalogue, file)
    console.print(f"Wrote {len(catalogue.partners)} partner cities to {file}.")


# ---------------------------------------------------------------------------- the run


class _Run:
    """Everything one matching run is computed from."""

    def __init__(self, training, cities, catalogue, weights, unresolved):
        self.training, self.cities, self.catalogue = training, cities, catalogue
        self.weights, self.unresolved = weights, unresolved


def _matching_run(training_ref: str, mode: str, weights_path, partners_path, lang: str, country: str) -> _Run:
    from citybridge.cli import UserError, _store
    from citybridge.matching import WeightsError, load_weights, requesting_profiles

    _store()
    from citybridge.web.reporting import evaluation_survey
    from citybridge.web.surveys.analysis import analyze_survey
    from citybridge.web.surveys.store import find_training

    training = find_training(training_ref)
    survey = evaluation_survey(training)
    analysis = analyze_survey(survey, by=_city_question(survey), language=lang)
    catalogue = _catalogue(partners_path)
    try:
        weights = load_weights(weights_path)
    except WeightsError as exc:
        raise UserError(str(exc)) from None
    resolve = _resolver()
    cities = requesting_profiles(analysis, catalogue, resolve, country=country)
    # Without a gazetteer every city is unresolved; _resolver has said so once already.
    unresolved = [c.name for c in cities if c.place_id is None] if resolve else []
    return _Run(training, cities, catalogue, weights, unresolved)


def _city_question(survey) -> str:
    from citybridge.cli import UserError
    from citybridge.web.surveys.analysis import survey_spec

    name = survey_spec(survey).city_question or "city"
    if not survey.current_version().form().has_question(name):
        raise UserError(
            f"survey '{survey.slug}' has no question '{name}' saying which city a respondent speaks for; "
            "name it as city_question in the survey's indicators file."
        )
    return name


def _result(run: _Run, mode: str, k: int, capacity: int, optimal: bool, evaluate: bool, t) -> dict:
    from citybridge.matching import assignments, hit_rates, partner_profiles, score_all, suggest

    partners = partner_profiles(run.catalogue)
    names = {p.key: p.name_in(t.language) for p in run.catalogue.partners}
    scores = score_all(run.cities, partners, run.weights, mode)
    result = {
        "training": run.training.slug,
        "mode": mode,
        "k": k,
        "capacity": capacity,
        "weights": dict(run.weights.weights),
        "unresolved": run.unresolved,
        "suggestions": {
            key: [asdict(m) for m in found] for key, found in suggest(scores, k, t, names).items()
        },
    }
    if optimal:
        both = assignments(scores, k, capacity, t, names)
        result["assignments"] = {
            "optimal": {"total": both.optimal_total, "matches": [asdict(m) for m in both.optimal]},
            "greedy": {"total": both.greedy_total, "matches": [asdict(m) for m in both.greedy]},
        }
    if evaluate:
        rates = hit_rates(run.cities, partners, run.weights)
        result["evaluation"] = {
            "held_out": "preference",
            "namings": rates.namings,
            "outside_catalogue": rates.outside,
            **{
                f"hit@{n}": {"hits": rates.hits[n], "rate": rates.rate(n), "chance": rates.chance[n]}
                for n in rates.hits
            },
        }
    return result


def _print_result(result: dict) -> None:
    from citybridge.cli import _table, console, errors

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
    from citybridge.cli import _table, console

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
    from citybridge.cli import console

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


def _resolver():
    from citybridge.cli import errors
    from citybridge.matching import places_resolver

    try:
        return places_resolver()
    except ImportError:
        errors.print("The gazetteer (citybridge.places) is not available: size and distance count 0.")
        return None


def _catalogue(path: Path | None):
    from citybridge.cli import UserError
    from citybridge.matching.catalogue import CatalogueError, load_catalogue

    imported = _data_dir() / CATALOGUE_FILE
    try:
        return load_catalogue(path or (imported if imported.exists() else None))
    except CatalogueError as exc:
        raise UserError(f"the partner catalogue has problems; fix them and try again:\n{exc}") from None


def _data_dir() -> Path:
    from citybridge.web.settings import DATA_DIR

    return DATA_DIR
