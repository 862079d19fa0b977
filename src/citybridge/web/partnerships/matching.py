"""A training's partner matching, from the store: its cities' profiles scored against the partner
catalogue. The ``match`` command, the report's partnerships section and the demo all call this."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict
from pathlib import Path
from typing import NamedTuple

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
from citybridge.matching.score import Scores
from citybridge.matching.suggest import Match
from citybridge.reports.i18n import Translator
from citybridge.reports.inputs import PairLead, Partnerships, SuggestedPair
from citybridge.web.partnerships.placing import training_resolver
from citybridge.web.surveys.analysis import analyze_survey, evaluation_survey, survey_spec
from citybridge.web.surveys.cities import CityList
from citybridge.web.trainings.models import Training
from citybridge.web.waves.outcomes import pair_leads

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
    resolve = training_resolver(training)  # places chosen in the browser, then the gazetteer
    catalogue = catalogue_in_use(partners_path)
    answered = requesting_profiles(analysis, catalogue, resolve, country=country)
    listed = CityList(survey, language)
    profiles = answered + _registered_only(training, answered, resolve, country, listed)
    if manual_path is None:
        return profiles
    return with_manual(profiles, read_manual(manual_path), catalogue, source=Path(manual_path).name)


def _registered_only(
    training: Training, answered, resolve, country: str, listed: CityList
) -> tuple[CityProfile, ...]:
    known_places = {p.place_id for p in answered if p.place_id}
    known_names = {p.name.casefold() for p in answered} | {p.key.casefold() for p in answered}
    extra = []
    names = training.participants.exclude(city=None).values_list("city__name", flat=True).distinct()
    for name in sorted(names):
        place = resolve(name, country)
        choice = listed.choice(name)
        if (place and place.id in known_places) or name.casefold() in known_names or choice in known_names:
            continue
        known_names.add(name.casefold())
        if place:
            known_places.add(place.id)
        shown = listed.label(choice) if choice else (place.name if place else name)
        extra.append(
            CityProfile(
                key=slugify(place.name if place else name) or name,
                place_id=place.id if place else None,
                name=shown,
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
    minimum_score: float | None = None,
    partner_countries: tuple[str, ...] = (),
    pairs_path: Path | None = None,
) -> dict:
    """Suggestions per requesting city (and the assignments, the quality check) as plain data.

    No pair under ``minimum_score`` (default: the one the evaluation on real pairs set) is proposed;
    ``partner_countries`` keeps only partners in those countries; ``pairs_path`` adds real pairs
    (twin towns) to the known partnerships.
    """
    from citybridge.matching import learned
    from citybridge.matching.suggest import existing_ties, left_out

    weights = load_weights(weights_path)
    scored = _scored(
        training,
        mode,
        language,
        country,
        weights,
        partners_path,
        manual_path,
        minimum_score,
        partner_countries,
        pairs_path,
    )
    cities, every, scores, names, t, minimum, partners = scored
    quality = learned.quality()
    by_key = {c.key: c.name for c in cities}
    result = {
        "training": training.slug,
        "mode": mode,
        "k": k,
        "capacity": capacity,
        "weights": dict(weights.weights),
        "unresolved": [c.name for c in cities if c.place_id is None],
        "suggestions": {
            key: [asdict(m) for m in found] for key, found in suggest(scores, k, t, names).items()
        },
        "minimum_score": minimum,
        "partner_countries": list(partner_countries),
        "left_out": [asdict(found) for found in left_out(scores, minimum, t)],
        "existing_ties": [
            {
                "requesting_key": city,
                "requesting": by_key[city],
                "partner_key": partner,
                "partner": names[partner],
            }
            for city, partner in existing_ties(every)
        ],
        "quality": asdict(quality) if quality else None,
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


def _known_pairs(path: Path | None):
    if path is None:
        return None
    from citybridge.matching.realpairs import read_pairs

    return read_pairs(path).edges


class _Scored(NamedTuple):
    """A training's cities scored against the catalogue, filtered as asked, with the names to show."""

    cities: tuple[CityProfile, ...]
    every: Scores  # all scores, before the filters
    scores: Scores  # the scores a suggestion may come from
    names: dict[str, str]
    t: Translator
    minimum: float
    partners: tuple


def _scored(
    training,
    mode,
    language,
    country,
    weights,
    partners_path,
    manual_path,
    minimum_score,
    partner_countries,
    pairs_path,
) -> _Scored:
    from citybridge.matching import learned
    from citybridge.matching.suggest import at_least, only_countries

    catalogue = catalogue_in_use(partners_path)
    cities = city_profiles(
        training, language=language, country=country, partners_path=partners_path, manual_path=manual_path
    )
    partners = partner_profiles(catalogue)
    minimum = learned.minimum_score() if minimum_score is None else minimum_score
    every = score_all(cities, partners, weights, mode, _known_pairs(pairs_path))
    scores = at_least(only_countries(every, partner_countries), minimum)
    names = _partner_names(catalogue, language)
    return _Scored(cities, every, scores, names, Translator(language), minimum, partners)


def partner_assignment(
    training: Training, *, k: int = 3, capacity: int = 5, language: str = "en", country: str = "UZ"
) -> Partnerships:
    """The optimal assignment of partner cities to the training's cities, typed for the report: the
    same scores, minimum score and quality check as ``matching_result``."""
    from citybridge.matching import learned
    from citybridge.matching.suggest import left_out

    scored = _scored(training, "new", language, country, load_weights(), None, None, None, (), None)
    both = assignments(scored.scores, k, capacity, scored.t, scored.names)
    quality = learned.quality()
    lead_of = _lead_finder(training)
    return Partnerships(
        k=k,
        capacity=capacity,
        matches=tuple(
            SuggestedPair(m.requesting, m.partner, m.score, m.explanation, lead_of(m)) for m in both.optimal
        ),
        total=both.optimal_total,
        unresolved=tuple(c.name for c in scored.cities if c.place_id is None),
        quality=learned.quality_sentence(asdict(quality), scored.minimum, scored.t) if quality else "",
        left_out=tuple(found.text for found in left_out(scored.scores, scored.minimum, scored.t)),
    )


def _lead_finder(training: Training) -> Callable[[Match], PairLead | None]:
    """Finds the lead made for a pair: leads keep the names of the language they were made in (the
    English ones, from the matches page), the report may be in another, so every name of the partner
    in the catalogue is tried."""
    leads = pair_leads(training)
    names = {p.key: {p.name, *p.names.values()} for p in catalogue_in_use().partners}

    def lead_of(match: Match) -> PairLead | None:
        for requesting in (match.requesting, match.requesting_key):
            for partner in sorted(names.get(match.partner_key, ())):
                found = leads.get((requesting.casefold(), partner.casefold()))
                if found is not None:
                    return found
        return None

    return lead_of


def _partner_names(catalogue: Catalogue, language: str) -> dict[str, str]:
    return {p.key: partner_name(p, language) for p in catalogue.partners}


def partner_name(partner, language: str) -> str:
    """The partner city's name in the script of ``language``: the catalogue's own name in that
    language, else for Uzbek Cyrillic the Russian one (both write Chinese cities alike: Шанхай,
    Пекин); else its main name, in Latin letters like Uzbek Latin."""
    own = partner.names.get(language)
    if own:
        return own
    if language == "uz-Cyrl" and partner.names.get("ru"):
        return partner.names["ru"]
    return partner.name


def city_question(survey) -> str:
    name = survey_spec(survey).city_question or "city"
    if not survey.current_version().form().has_question(name):
        raise AnalysisError(
            f"survey '{survey.slug}' has no question '{name}' saying which city a respondent speaks for; "
            "name it as city_question in the survey's indicators file."
        )
    return name
