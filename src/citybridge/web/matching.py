"""A training's partner matching, from the store: its cities' profiles scored against the partner
catalogue. The ``match`` command, the report's partnerships section and the demo all call this."""

from __future__ import annotations

from dataclasses import asdict
from pathlib import Path

from django.utils.text import slugify

from citybridge.analysis.indicators import AnalysisError
from citybridge.matching import (
    assignments,
    hit_rates,
    load_catalogue,
    load_weights,
    partner_profiles,
    requesting_profiles,
    score_all,
    suggest,
)
from citybridge.matching.catalogue import Catalogue
from citybridge.matching.manual import read_manual, with_manual
from citybridge.matching.profiles import CityProfile
from citybridge.reports.i18n import Translator
from citybridge.web.reporting import evaluation_survey
from citybridge.web.surveys.analysis import analyze_survey, survey_spec
from citybridge.web.trainings.models import Training

CATALOGUE_FILE = "partners.yaml"  # in the data folder, once imported


def catalogue_in_use(path: Path | None = None) -> Catalogue:
    """The catalogue given, else the one imported into the data folder, else the starter one."""
    imported = data_dir() / CATALOGUE_FILE
    return load_catalogue(path or (imported if imported.exists() else None))


def data_dir() -> Path:
    from citybridge.web.settings import DATA_DIR  # a plain module: no database needed to read it

    return DATA_DIR


def city_profiles(
    training: Training,
    *,
    language: str = "en",
    country: str = "UZ",
    partners_path: Path | None = None,
    manual_path: Path | None = None,
) -> tuple[CityProfile, ...]:
    """The profiles of a training's cities: place data from the gazetteer, needs from the survey.

    Cities whose officials registered but did not answer the survey get a profile too, with no
    needs: they are matched on size and distance only, and their explanations say no more.
    ``manual_path`` names a file of hand-entered needs and offers (citybridge.matching.manual).
    """
    survey = evaluation_survey(training)
    analysis = analyze_survey(survey, by=city_question(survey), language=language)
    resolve = _resolver(training)
    catalogue = catalogue_in_use(partners_path)
    answered = requesting_profiles(analysis, catalogue, resolve, country=country)
    profiles = answered + _registered_only(training, answered, resolve, country)
    if manual_path is None:
        return profiles
    return with_manual(profiles, read_manual(manual_path), catalogue, source=Path(manual_path).name)


def _resolver(training: Training):
    """Places chosen in the browser for this training, then the gazetteer with the stored places."""
    from citybridge.web.partnerships.placing import training_resolver  # the store is ready by now

    return training_resolver(training)


def _registered_only(training: Training, answered, resolve, country: str) -> tuple[CityProfile, ...]:
    known_places = {p.place_id for p in answered if p.place_id}
    known_names = {p.name.casefold() for p in answered}
    extra = []
    names = training.participants.exclude(city=None).values_list("city__name", flat=True).distinct()
    for name in sorted(names):
        place = resolve(name, country)
        if (place and place.id in known_places) or name.casefold() in known_names:
            continue
        known_names.add(name.casefold())
        if place:
            known_places.add(place.id)
        extra.append(
            CityProfile(
                key=slugify(place.name if place else name) or name,
                place_id=place.id if place else None,
                name=place.name if place else name,
                country=place.country if place else country,
                population=place.population if place else None,
                latitude=place.latitude if place else None,
                longitude=place.longitude if place else None,
            )
        )
    return tuple(extra)


def matching_result(
    training: Training,
    *,
    mode: str = "new",
    k: int = 3,
    capacity: int = 5,
    optimal: bool = False,
    evaluate: bool = False,
    language: str = "en",
    country: str = "UZ",
    weights_path: Path | None = None,
    partners_path: Path | None = None,
    manual_path: Path | None = None,
) -> dict:
    """Suggestions per requesting city (and the assignments, the quality check) as plain data."""
    catalogue = catalogue_in_use(partners_path)
    weights = load_weights(weights_path)
    cities = city_profiles(
        training, language=language, country=country, partners_path=partners_path, manual_path=manual_path
    )
    partners = partner_profiles(catalogue)
    t = Translator(language)
    names = {p.key: p.name_in(language) for p in catalogue.partners}
    scores = score_all(cities, partners, weights, mode)
    result = {
        "training": training.slug,
        "mode": mode,
        "k": k,
        "capacity": capacity,
        "weights": dict(weights.weights),
        "unresolved": [c.name for c in cities if c.place_id is None],
        "suggestions": {key: [asdict(m) for m in found] for key, found in suggest(scores, k, t, names).items()},
    }
    if optimal:
        both = assignments(scores, k, capacity, t, names)
        result["assignments"] = {
            "optimal": {"total": both.optimal_total, "matches": [asdict(m) for m in both.optimal]},
            "greedy": {"total": both.greedy_total, "matches": [asdict(m) for m in both.greedy]},
        }
    if evaluate:
        rates = hit_rates(cities, partners, weights)
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


def city_question(survey) -> str:
    name = survey_spec(survey).city_question or "city"
    if not survey.current_version().form().has_question(name):
        raise AnalysisError(
            f"survey '{survey.slug}' has no question '{name}' saying which city a respondent speaks for; "
            "name it as city_question in the survey's indicators file."
        )
    return name
