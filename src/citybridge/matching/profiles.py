"""City profiles: what the matching knows about a requesting city and about a partner city.

A requesting city's profile comes from a training's survey analysed by city (each count is the
number of that city's respondents who named the sector or the partner) plus its place in the
gazetteer (population, coordinates). A partner city's profile comes from the partner catalogue.
Profiles can also be written by hand: they are plain frozen dataclasses.

The gazetteer is reached through a ``resolve(name, country)`` callable so this module does not
depend on how places are found; ``places_resolver`` adapts ``citybridge.places``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Protocol

from citybridge import sectors
from citybridge.analysis.indicators import Analysis, AnalysisError, GroupAnalysis, Indicator
from citybridge.matching.catalogue import Catalogue


class Located(Protocol):
    """What the profiles need of a place (``citybridge.places.Place`` has it)."""

    id: str  # "geonames:<id>" for a GeoNames city, "user:<slug>" for a place the user added
    name: str
    country: str
    population: int | None
    latitude: float
    longitude: float


Resolve = Callable[[str, str | None], Located | None]
GEONAMES = "geonames:"  # how citybridge.places writes the id of a GeoNames city


@dataclass(frozen=True)
class CityProfile:
    key: str  # requesting city: its survey choice name; partner city: its catalogue key
    place_id: str | None  # the gazetteer's id ("geonames:1217662"); None when not resolved
    name: str
    country: str
    population: int | None
    latitude: float | None
    longitude: float | None
    industries: dict[str, int] = field(default_factory=dict)  # sector -> respondents naming it
    priorities: dict[str, int] = field(default_factory=dict)  # sector -> respondents naming it
    preferences: dict[str, int] = field(default_factory=dict)  # partner key -> respondents naming it
    strengths: tuple[str, ...] = ()  # sector slugs the city offers
    ties: tuple[str, ...] = ()  # partner keys it already works with
    respondents: int = 0
    country_ties: tuple[str, ...] = ()  # countries whose partners it works with, no city named


@dataclass(frozen=True)
class ProfileQuestions:
    """The survey questions profiles are read from (the example survey's names by default)."""

    priorities: str = "priorities"
    industries: str = "industries"
    preferences: str = "china_cities"
    population: str = "population"


def requesting_profiles(
    analysis: Analysis,
    catalogue: Catalogue,
    resolve: Resolve | None = None,
    *,
    country: str | None = "UZ",
    questions: ProfileQuestions | None = None,
) -> tuple[CityProfile, ...]:
    """One profile per city group of ``analysis`` (analysed with ``by`` = the city question)."""
    if not analysis.groups:
        raise AnalysisError("city profiles need the survey analysed by city: analyze(..., by='city')")
    questions = questions or ProfileQuestions()
    return tuple(_requesting(g, catalogue, resolve, country, questions) for g in analysis.groups)


def partner_profiles(catalogue: Catalogue) -> tuple[CityProfile, ...]:
    """One profile per partner city of the catalogue, in catalogue order."""
    return tuple(
        CityProfile(
            key=p.key,
            place_id=f"{GEONAMES}{p.geonameid}" if p.geonameid is not None else None,
            name=p.name,
            country=p.country,
            population=p.population,
            latitude=p.latitude,
            longitude=p.longitude,
            strengths=tuple(dict.fromkeys(s.sector for s in p.strengths)),
            ties=tuple(t.city for t in p.ties),
        )
        for p in catalogue.partners
    )


def places_resolver() -> Resolve:
    """Resolve through ``citybridge.places``; ambiguous or unknown names give None (never a guess)."""
    from citybridge.places import gazetteer

    places = gazetteer()

    def resolve(name: str, country: str | None) -> Located | None:
        resolution = places.resolve(name, country=country)
        return resolution.place if resolution.status == "resolved" else None

    return resolve


def _requesting(
    group: GroupAnalysis,
    catalogue: Catalogue,
    resolve: Resolve | None,
    country: str | None,
    q: ProfileQuestions,
) -> CityProfile:
    place = _place(group, resolve, country)
    name = group.label
    return CityProfile(
        key=group.value,
        place_id=place.id if place else None,
        name=name,
        country=place.country if place else (country or ""),
        population=(place.population if place and place.population else None)
        or _reported(group, q.population),
        latitude=place.latitude if place else None,
        longitude=place.longitude if place else None,
        industries=_sector_counts(group.indicators.get(q.industries)),
        priorities=_sector_counts(group.indicators.get(q.priorities)),
        preferences=_partner_counts(group.indicators.get(q.preferences), catalogue),
        ties=_ties(catalogue, group, place),
        respondents=group.respondents,
        country_ties=tuple(t.partner_country for t in catalogue.country_ties if _same_city(t, group, place)),
    )


def _place(group: GroupAnalysis, resolve: Resolve | None, country: str | None) -> Located | None:
    if resolve is None:
        return None
    # The label is in the analysis language; the choice name is usually a Latin spelling.
    return resolve(group.label, country) or resolve(group.value, country)


def _sector_counts(indicator: Indicator | None) -> dict[str, int]:
    if indicator is None:
        return {}
    counts: dict[str, int] = {}
    for option in indicator.options:
        if option.count and sectors.is_sector(option.value):  # "other" and the like are no sector
            slug = sectors.sector(option.value).slug
            counts[slug] = counts.get(slug, 0) + option.count
    return counts


def _partner_counts(indicator: Indicator | None, catalogue: Catalogue) -> dict[str, int]:
    if indicator is None:
        return {}
    counts: dict[str, int] = {}
    for option in indicator.options:
        if option.count:
            partner = catalogue.find(option.value) or catalogue.find(option.label)
            # A city missing from the catalogue is kept under its choice name: the data says so.
            key = partner.key if partner else option.value
            counts[key] = counts.get(key, 0) + option.count
    return counts


def _reported(group: GroupAnalysis, question: str) -> int | None:
    indicator = group.indicators.get(question)
    if indicator is None or indicator.summary is None or not indicator.summary.n:
        return None
    return int(indicator.summary.median)


def _ties(catalogue: Catalogue, group: GroupAnalysis, place: Located | None) -> tuple[str, ...]:
    return tuple(p.key for p in catalogue.partners if any(_same_city(t, group, place) for t in p.ties))


def _same_city(tie, group: GroupAnalysis, place: Located | None) -> bool:
    if place is not None and tie.geonameid is not None and place.id.startswith(GEONAMES):
        return place.id == f"{GEONAMES}{tie.geonameid}"
    # A place the user added has no GeoNames id to compare: the names must do.
    return tie.city.casefold() in (group.label.casefold(), group.value.casefold())
