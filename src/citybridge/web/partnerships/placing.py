"""Resolving a training's city names: the gazetteer (shipped and stored places) after the places
an organiser chose by hand, and the candidates to choose from."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from django.db import transaction

from citybridge.places import RESOLVED, Place, Resolution
from citybridge.web.partnerships.models import ChosenPlace
from citybridge.web.places.store import store_gazetteer
from citybridge.web.trainings.models import Training

Resolve = Callable[[str, str | None], Place | None]


def _fold(name: str) -> str:
    return name.strip().casefold()


def training_resolver(training: Training) -> Resolve:
    """A ``resolve(name, country)`` for city_profiles: a chosen place first, else a resolved name."""
    places = store_gazetteer()
    chosen = {_fold(c.written_name): c.place_id for c in ChosenPlace.objects.filter(training=training)}

    def resolve(name: str, country: str | None) -> Place | None:
        place_id = chosen.get(_fold(name))
        if place_id:
            try:
                return places.get(place_id)
            except KeyError:
                pass  # the chosen place is gone from the store: fall back to the name itself
        resolution = places.resolve(name, country=country)
        return resolution.place if resolution.status == RESOLVED else None

    return resolve


def candidates(name: str, country: str | None) -> Resolution:
    """The gazetteer's ranked candidates for a name (near misses when nothing matches exactly)."""
    return store_gazetteer().resolve(name, country=country or None)


def places(place_ids: Iterable[str]) -> dict[str, Place]:
    """The places with these ids that the gazetteer knows, by id."""
    gazetteer = store_gazetteer()
    found = {}
    for place_id in place_ids:
        try:
            found[place_id] = gazetteer.get(place_id)
        except KeyError:
            continue
    return found


def place(place_id: str) -> Place | None:
    try:
        return store_gazetteer().get(place_id)
    except KeyError:
        return None


@transaction.atomic
def choose_place(training: Training, written_names: Iterable[str], place_id: str, *, who: str) -> None:
    """Make every written form of a city (its label, its survey choice name) mean ``place_id``."""
    for name in dict.fromkeys(n.strip() for n in written_names if n and n.strip()):
        ChosenPlace.objects.update_or_create(
            training=training, written_name=name, defaults={"place_id": place_id, "chosen_by": who}
        )
