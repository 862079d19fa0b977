"""City profiles of the example training's cities, and of the catalogue's partner cities."""

from __future__ import annotations

from dataclasses import dataclass, replace

import pytest

from citybridge.analysis.indicators import AnalysisError
from citybridge.matching import requesting_profiles


def by_key(profiles):
    return {p.key: p for p in profiles}


def test_one_profile_per_city_that_answered(cities, example_analysis):
    assert [c.key for c in cities] == [g.value for g in example_analysis.groups]
    assert sum(c.respondents for c in cities) == example_analysis.respondents == 52


def test_counts_are_the_citys_respondents_per_sector_and_partner(cities, example_analysis):
    group = next(g for g in example_analysis.groups if g.value == "namangan")
    namangan = by_key(cities)["namangan"]
    assert namangan.priorities == {
        o.value: o.count for o in group.indicators["priorities"].options if o.count
    }
    assert namangan.preferences == {"urumqi": 1}
    # Survey choice names are read through the vocabulary's aliases ("service" is "services").
    assert namangan.industries["services"] == group.indicators["industries"].option("service").count
    assert "other" not in namangan.industries


def test_totals_over_the_cities_give_the_published_counts(cities):
    def total(field, key):
        return sum(getattr(c, field).get(key, 0) for c in cities)

    assert [total("priorities", s) for s in ("sme", "trade_investment", "digitalisation", "tourism")] == [
        27,
        25,
        22,
        22,
    ]
    assert [total("preferences", p) for p in ("shanghai", "guangzhou", "beijing", "urumqi")] == [8, 8, 8, 4]
    assert [total("industries", s) for s in ("services", "manufacturing", "construction")] == [34, 33, 22]


def test_place_gives_population_and_coordinates(cities):
    bukhara = by_key(cities)["bukhara"]
    assert bukhara.place_id == "geonames:1217662" and bukhara.country == "UZ"
    assert bukhara.latitude == pytest.approx(39.77, abs=0.01)


def test_a_city_missing_from_the_gazetteer_keeps_its_reported_population_and_no_coordinates(cities):
    khovos = by_key(cities)["khovos"]  # GeoNames lacks Khovos
    assert khovos.place_id is None and khovos.latitude is None
    assert khovos.population == 120_000  # what its respondents reported


def test_ties_come_from_the_catalogue(cities):
    assert by_key(cities)["bukhara"].ties == ("luoyang", "kunming", "sanya")
    assert by_key(cities)["namangan"].country_ties == ("CN",)
    assert by_key(cities)["andijan"].ties == ()


def test_without_a_resolver_ties_match_by_name(example_analysis, catalogue):
    bukhara = by_key(requesting_profiles(example_analysis, catalogue))["bukhara"]
    assert bukhara.ties == ("luoyang", "kunming", "sanya") and bukhara.place_id is None


def test_profiles_need_the_analysis_by_city(example_analysis, catalogue):
    with pytest.raises(AnalysisError, match="analysed by city"):
        requesting_profiles(replace(example_analysis, groups=()), catalogue)


def test_partner_profiles_carry_the_catalogue_strengths_once_each(partners, catalogue):
    suzhou = by_key(partners)["suzhou"]
    assert (
        suzhou.place_id == "geonames:1886760" and suzhou.population == catalogue.partner("suzhou").population
    )
    assert suzhou.strengths == ("industrial_parks", "manufacturing", "tourism")
    assert by_key(partners)["luoyang"].ties == ("Bukhara",)


@dataclass(frozen=True)
class Place:
    id: str
    name: str = "Bukhara"
    country: str = "UZ"
    population: int = 280_187
    latitude: float = 39.77
    longitude: float = 64.43


def test_a_tie_is_found_by_geonames_id_whatever_script_the_label_is_in(example_analysis, catalogue):
    groups = tuple(replace(g, label="Бухоро") if g.value == "bukhara" else g for g in example_analysis.groups)
    analysis = replace(example_analysis, groups=groups)

    def resolve(name, country):
        return Place("geonames:1217662") if name == "Бухоро" else None

    found = by_key(requesting_profiles(analysis, catalogue, resolve))
    assert found["bukhara"].name == "Бухоро" and found["bukhara"].ties == ("luoyang", "kunming", "sanya")


def test_a_place_the_user_added_is_matched_to_ties_by_name(example_analysis, catalogue):
    found = by_key(
        requesting_profiles(example_analysis, catalogue, lambda name, country: Place("user:bukhara"))
    )
    assert (
        found["bukhara"].ties == ("luoyang", "kunming", "sanya")
        and found["bukhara"].place_id == "user:bukhara"
    )
