"""The gazetteer object: places by id and country, user places added in memory, a shared index."""

from __future__ import annotations

import pytest

from citybridge.places import RESOLVED, UNRESOLVED, Gazetteer, Place, gazetteer

KHOVOS = Place(
    id="user:khovos", name="Khovos", country="UZ", region="Sirdaryo", population=0,
    latitude=40.22, longitude=68.84, names=("Ховос", "Xovos", "Xavos"),
)  # fmt: skip


def test_get_finds_a_shipped_city_with_its_region_name():
    bukhara = gazetteer().get("geonames:1217662")
    assert (bukhara.name, bukhara.country, bukhara.region) == ("Bukhara", "UZ", "Bukhara")
    assert bukhara.population > 200_000 and "Бухоро" in bukhara.names


def test_get_of_an_unknown_id_says_what_ids_look_like():
    with pytest.raises(KeyError, match="ids look like 'geonames:1217662'"):
        gazetteer().get("geonames:0")


def test_regions_without_a_name_keep_geonames_code():
    assert gazetteer().get("geonames:1907299").region == "34"  # Asaka, Saitama: GeoNames code


def test_places_by_country_accepts_codes_and_names():
    uzbek = gazetteer().places("UZ")
    assert len(uzbek) > 100 and {p.country for p in uzbek} == {"UZ"}
    assert len(gazetteer().places("Узбекистан")) == len(uzbek)
    assert len(gazetteer().places()) > 30_000


@pytest.mark.parametrize("spelling", ["Khovos", "Ховос", "Xovos", "Khovos shahri"])
def test_a_place_the_user_adds_resolves_from_then_on(spelling):
    assert gazetteer().resolve(spelling, country="UZ").status == UNRESOLVED
    places = gazetteer([KHOVOS])
    resolution = places.resolve(spelling, country="UZ")
    assert resolution.status == RESOLVED and resolution.place == KHOVOS
    assert places.get("user:khovos") == KHOVOS and KHOVOS in places.places("UZ")


def test_adding_to_one_gazetteer_leaves_the_others_alone():
    mine = gazetteer()
    mine.add(KHOVOS)
    assert mine.resolve("Khovos").status == RESOLVED
    assert gazetteer().resolve("Khovos").status == UNRESOLVED


def test_an_id_can_be_added_only_once():
    places = gazetteer([KHOVOS])
    with pytest.raises(ValueError, match="already in the gazetteer"):
        places.add(KHOVOS)
    with pytest.raises(ValueError, match="already in the gazetteer"):
        places.add(Place("geonames:1217662", "Bukhara", "UZ", "", 0, 0.0, 0.0))


def test_a_gazetteer_of_only_user_places_works_without_geonames():
    places = Gazetteer([KHOVOS])
    assert places.resolve("Ховос").place == KHOVOS
    assert places.resolve("Bukhara").status == UNRESOLVED
