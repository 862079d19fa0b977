"""Add the user's places to the store and read them back as gazetteer places."""

from __future__ import annotations

import math
from collections.abc import Iterable

from django.utils.text import slugify

from citybridge.places import Gazetteer, Place, PlaceError, country_code, gazetteer
from citybridge.places.keys import strict_key
from citybridge.web.places.models import USER_PREFIX, UserPlace


def add_place(
    name: str,
    *,
    country: str,
    latitude: float,
    longitude: float,
    population: int = 0,
    region: str = "",
    other_names: Iterable[str] = (),
    slug: str | None = None,
) -> UserPlace:
    """Store a place the gazetteer lacks; its id is ``user:<slug>``. PlaceError for a wrong value."""
    name = name.strip()
    if not name:
        raise PlaceError("a place needs a name.")
    code = country_code(country)
    _check_coordinates(latitude, longitude)
    if population < 0:
        raise PlaceError(
            f"population {population} is negative: give the number of inhabitants (or leave it out)."
        )
    slug = slug or _slug(name)
    if UserPlace.objects.filter(slug=slug).exists():
        raise PlaceError(f"a place with id {USER_PREFIX}{slug} is already stored: choose another slug.")
    names = [n.strip() for n in other_names]
    return UserPlace.objects.create(
        slug=slug,
        name=name,
        other_names=list(dict.fromkeys(n for n in names if n and n != name)),
        country=code,
        region=region.strip(),
        population=population,
        latitude=latitude,
        longitude=longitude,
    )


def stored_places() -> list[Place]:
    """Every place the user added, as gazetteer places (ids ``user:<slug>``)."""
    return [user_place.place() for user_place in UserPlace.objects.all()]


def store_gazetteer() -> Gazetteer:
    """The shipped GeoNames cities plus the places stored by the user."""
    return gazetteer(stored_places())


def _slug(name: str) -> str:
    # The Latin key first, so Ховос and Khovos both become "khovos"; Chinese names keep their characters.
    slug = slugify(strict_key(name)) or slugify(name, allow_unicode=True)
    if not slug:
        raise PlaceError(f"cannot make an id from {name!r}: give a slug (letters, digits, hyphens).")
    return slug


def _check_coordinates(latitude: float, longitude: float) -> None:
    if not (math.isfinite(latitude) and -90 <= latitude <= 90):
        raise PlaceError(f"latitude {latitude} is outside -90..90: give decimal degrees, north positive.")
    if not (math.isfinite(longitude) and -180 <= longitude <= 180):
        raise PlaceError(f"longitude {longitude} is outside -180..180: give decimal degrees, east positive.")
