"""``citybridge match`` and ``citybridge partners``: explained partner suggestions for a training's cities.

``match`` reads the training's survey analysed by city, builds the cities' profiles (places from
the gazetteer), scores every partner of the catalogue and prints the top k per city with the
reason, and with ``--optimal`` the optimal and the greedy assignment under capacities side by
side. ``match evaluate --pairs FILE`` measures the matcher on real partnerships (twin towns)
beside baselines and can save the learned weights. ``partners import`` checks a catalogue file and makes it the one ``match`` uses (a copy in
the data folder); ``partners export`` writes the catalogue in use.
"""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path
from typing import Annotated

import typer

match_app = typer.Typer(
    help="Suggest partner cities for a training's cities; 'match evaluate' measures the matcher on real pairs.",
    invoke_without_command=True,
)
partners_app = typer.Typer(
    help="Import or export the catalogue of candidate partner cities.", no_args_is_help=True
)


@match_app.callback()
def match_group(
    ctx: typer.Context,
    training: Annotated[str | None, typer.Option(help="Training id or slug.")] = None,
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
    minimum_score: Annotated[
        float | None,
        typer.Option(min=0.0, help="No pair under this score is proposed (default: set by the evaluation)."),
    ] = None,
    partner_country: Annotated[
        list[str] | None,
        typer.Option(help="Only partner cities in this country (ISO code; repeat for more), e.g. CN."),
    ] = None,
    pairs: Annotated[
        Path | None, typer.Option(help="Real partnerships (twin towns CSV) to count as existing ties.")
    ] = None,
) -> None:
    """Suggest partner cities for each city of a training, each with its score and the reason."""
    if ctx.invoked_subcommand is not None:
        return
    from citybridge.commands.common import UserError

    if training is None:
        raise UserError("citybridge match needs --training ID (or the subcommand 'evaluate --pairs FILE').")
    match(
        training, mode, k, capacity, optimal, as_json, evaluate, weights, partners, lang, country, profiles,
        minimum_score=minimum_score, partner_countries=tuple(c.upper() for c in partner_country or ()), pairs=pairs,
    )  # fmt: skip


def match(
    training: str,
    mode: str = "new",
    k: int = 3,
    capacity: int = 5,
    optimal: bool = False,
    as_json: bool = False,
    evaluate: bool = False,
    weights: Path | None = None,
    partners: Path | None = None,
    lang: str = "en",
    country: str = "UZ",
    profiles: Path | None = None,
    *,
    minimum_score: float | None = None,
    partner_countries: tuple[str, ...] = (),
    pairs: Path | None = None,
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
    from citybridge.web.partnerships.matching import matching_result
    from citybridge.web.surveys.store import find_training

    result = matching_result(
        find_training(training), mode=mode, k=k, capacity=capacity, optimal=optimal, evaluate=evaluate,
        language=lang, country=country, weights_path=weights, partners_path=partners, manual_path=profiles,
        minimum_score=minimum_score, partner_countries=partner_countries, pairs_path=pairs,
    )  # fmt: skip
    if as_json:
        sys.stdout.write(json.dumps(result, ensure_ascii=False, indent=2) + "\n")
    else:
        _print_result(result)


@match_app.command("evaluate")
def match_evaluate(
    pairs: Annotated[Path, typer.Option(help="Real partnerships (CSV as in data/twin-towns/README.md).")],
    hide: Annotated[
        float, typer.Option(min=0.05, max=0.9, help="Share of each city's partners hidden.")
    ] = 0.2,
    seed: Annotated[int, typer.Option(help="Seed of the hiding, the negatives and the random baseline.")] = 0,
    save_weights: Annotated[
        Path | None, typer.Option(help="Write the learned weights and these figures (TOML) here.")
    ] = None,
) -> None:
    """Learn weights on real partnerships of some regions; judge them and the baselines on the others."""
    from citybridge.commands.common import UserError, _progress, console
    from citybridge.matching import learned, realeval, realpairs

    try:
        found = realpairs.read_pairs(pairs)
    except realpairs.PairsError as exc:
        raise UserError(str(exc)) from None
    _print_resolution(found)
    with _progress("Ranking every candidate for each judged city") as advance:
        evaluation = realeval.evaluate(found, hide=hide, seed=seed, progress=advance)
    _print_real_evaluation(evaluation)
    if save_weights is not None:
        command = f"uv run citybridge match evaluate --pairs {pairs} --hide {hide} --seed {seed} --save-weights {save_weights}"
        learned.save(evaluation, save_weights, source=pairs.name, command=command)
        console.print(f"Wrote the learned weights and these figures to {save_weights}.")


def _print_resolution(found) -> None:
    from citybridge.commands.common import console

    console.print(
        f"{found.rows:,} rows, {found.sides:,} distinct cities; {found.resolved_sides:,} found in the gazetteer. "
        f"{found.rows_kept:,} rows have both cities found: {len(found.edges):,} distinct pairs."
    )
    for reason, count in sorted(found.unresolved.items(), key=lambda item: -item[1]):
        console.print(f"  not found, {count:,}: {reason}")


def _print_real_evaluation(evaluation) -> None:
    from citybridge.commands.common import _table, console
    from citybridge.matching.realeval import KS

    console.print(
        f"Hidden {evaluation.hidden:,} of {evaluation.pairs:,} pairs (share {evaluation.hide:g}, seed {evaluation.seed}). "
        f"Learned on {evaluation.learning_pairs:,} hidden pairs within {', '.join(evaluation.learning_regions)}; "
        f"judged on {evaluation.judged_pairs:,} hidden partners of {evaluation.judged_cities:,} cities in "
        f"{', '.join(evaluation.judged_regions)}, each ranking {evaluation.candidates:,} candidate cities."
    )
    console.print(
        "Learned weights (logistic regression over components 0..1): "
        + ", ".join(f"{c} {w:.2f}" for c, w in evaluation.weights.items())
        + (f" (negative, set to 0: {', '.join(evaluation.clipped)})" if evaluation.clipped else "")
    )
    table = _table("method", *(f"hit@{k}" for k in KS), "MRR", "coverage")
    for method, figures in evaluation.methods.items():
        table.add_row(
            method, *(f"{figures.hits[k]:.1%}" for k in KS), f"{figures.mrr:.3f}", f"{figures.coverage:.1%}"
        )
    console.print(table)
    best, figure = evaluation.best_baseline(10)
    learned = evaluation.methods["learned"].hits[10]
    ratio = f"{learned / figure:.1f} times" if figure else "above"
    console.print(f"hit@10: learned {learned:.1%}, best baseline {best} {figure:.1%} ({ratio}).")


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
    from citybridge.web.partnerships.matching import CATALOGUE_FILE, data_dir

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
    from citybridge.web.partnerships.matching import catalogue_in_use

    catalogue = catalogue_in_use()
    write_catalogue(catalogue, file)
    console.print(f"Wrote {len(catalogue.partners)} partner cities to {file}.")


def _print_result(result: dict) -> None:
    from citybridge.commands.common import _table, console, errors

    for found in result["left_out"]:
        errors.print(f"{found['text']}.")
    if result["unresolved"]:
        errors.print("Add a city missing from the gazetteer with 'citybridge places add'.")
    table = _table("requesting city", "partner city", "score", "why")
    for found in result["suggestions"].values():
        for m in found:
            table.add_row(m["requesting"], m["partner"], f"{m['score']:.2f}", m["explanation"])
    only = (
        f", partners in {', '.join(result['partner_countries'])} only" if result["partner_countries"] else ""
    )
    console.print(
        f"Suggested partners (mode {result['mode']}, top {result['k']} per city, "
        f"score at least {result['minimum_score']:.3f}{only}):"
    )
    console.print(table)
    if result["existing_ties"]:
        console.print(
            "Existing ties (counted in mode deepen, never proposed again in mode new): "
            + ", ".join(f"{t['requesting']}–{t['partner']}" for t in result["existing_ties"])
        )
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
