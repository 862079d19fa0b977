"""Real pairs read from a CSV and resolved to the gazetteer: by name, country and nearest coordinates."""

from __future__ import annotations

import pytest

from citybridge.matching import realpairs
from citybridge.matching.realpairs import PairsError, gazetteer_places, read_pairs

HEADER = "city_a,country_a,iso2_a,lat_a,lon_a,city_b,country_b,iso2_b,lat_b,lon_b,source\n"


def write(tmp_path, *rows: str):
    path = tmp_path / "pairs.csv"
    path.write_text(HEADER + "".join(f"{row},test\n" for row in rows), encoding="utf-8")
    return path


def test_both_spellings_of_a_city_give_one_pair(tmp_path):
    found = read_pairs(
        write(
            tmp_path,
            "Kyiv,Ukraine,UA,50.45,30.52,Kraków,Poland,PL,50.06,19.94",
            "Kiev,Ukraine,UA,50.45,30.52,Krakow,Poland,PL,50.06,19.94",
        )
    )
    places = gazetteer_places()
    assert found.rows == 2 and found.rows_kept == 2 and len(found.edges) == 1
    assert {places.names[i] for i in found.edges[0]} == {"Kyiv", "Kraków"}


def test_every_side_that_does_not_resolve_is_counted_with_its_reason(tmp_path):
    found = read_pairs(
        write(
            tmp_path,
            "Berlin,Germany,DE,52.52,13.40,Smallvillage,France,FR,45.0,3.0",
            "Berlin,Germany,DE,52.52,13.40,Paris,France,FR,10.0,10.0",
            "Berlin,Germany,DE,52.52,13.40,Nowhere,,,,",
        )
    )
    assert found.resolved_sides == 1 and len(found.edges) == 0
    assert found.unresolved == {realpairs.NOT_IN_GAZETTEER: 1, realpairs.TOO_FAR: 1, realpairs.NO_COUNTRY: 1}


def test_the_nearest_of_two_cities_of_one_name_is_taken(tmp_path):
    # Two Frankfurts in Germany: the coordinates say which.
    found = read_pairs(write(tmp_path, "Frankfurt,Germany,DE,52.34,14.55,Słubice,Poland,PL,52.35,14.56"))
    place = gazetteer_places()
    assert len(found.edges) == 1
    assert any(place.names[i] == "Frankfurt (Oder)" for i in found.edges[0])


def test_a_file_without_the_columns_is_refused_with_its_name(tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text("a,b\n1,2\n", encoding="utf-8")
    with pytest.raises(PairsError, match=r"bad.csv: cannot read the pairs.*city_a"):
        read_pairs(path)
