"""The gazetteer: the shipped GeoNames cities plus the user's places, and how a name is resolved.

How ``resolve`` decides:

1. The name is keyed every way it might be meant (Uzbek or Russian Cyrillic, old or new Uzbek
   Latin, English; see ``keys``) and looked up exactly, within the hinted country if there is one.
   A hit scores 90, plus 5 when one of the place's names is written just as the query (same
   script), plus 2 when a strict key (not only a loose one) matched, plus 3 when it is the place's
   own GeoNames name (for a Latin or Uzbek Cyrillic query): 100 at most.
2. Only when nothing matches exactly are near misses looked up (rapidfuzz, 85 at most); near
   misses never resolve a name: they come back as the candidates of an "unresolved" resolution,
   to pick from or to add the place with ``citybridge places add``.
3. One best exact candidate: "resolved". Several within a point of the best: "ambiguous", all
   ranked by population; never a silent guess. One exception: with a country hint, a place with
   at least ten times the population of every equally good rival in that country is resolved
   (with "CN", 洛阳 is Henan's Luoyang of 1.4 million, not Fujian's of 66,000; without a hint it
   stays ambiguous, since Singapore has a Kampong Loyang written 洛阳 too).
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache

from citybridge.places.countries import country_code
from citybridge.places.index import EXACT, NameIndex
from citybridge.places.keys import query_keys
from citybridge.places.model import AMBIGUOUS, RESOLVED, UNRESOLVED, Candidate, Place, Resolution
from citybridge.places.shipped import shipped_places

MAX_CANDIDATES = 5
TIE_MARGIN = 1.0  # candidates scoring within this of the best are "about equal"
DOMINANCE = 10  # population ratio that lets the largest of equal names win, within a hinted country


class Gazetteer:
    """Places by id, name and country: a shared, never-changed base index plus the user's places."""

    def __init__(self, extra: Iterable[Place] = (), *, base: NameIndex | None = None) -> None:
        self._base = base if base is not None else NameIndex()
        self._user = NameIndex()
        for place in extra:
            self.add(place)

    def get(self, place_id: str) -> Place:
        """The place with this id; KeyError when there is none."""
        for index in (self._base, self._user):
            number = index.numbers.get(place_id)
            if number is not None:
                return index.places[number]
        raise KeyError(
            f"no place {place_id!r} in the gazetteer: ids look like 'geonames:1217662' or 'user:khovos'; "
            "find a place's id with resolve() or 'citybridge places resolve NAME'."
        )

    def add(self, place: Place) -> None:
        """Add a place the user knows of (in memory; the store keeps them, see citybridge.web.places)."""
        if place.id in self._base.numbers:
            raise ValueError(f"place {place.id} is already in the gazetteer: give it another id.")
        self._user.add(place)

    def places(self, country: str | None = None) -> list[Place]:
        """All places, or a country's (ISO code or name)."""
        code = country_code(country) if country else None
        return [p for index in (self._base, self._user) for p in index.places if code in (None, p.country)]

    def resolve(self, name: str, country: str | None = None) -> Resolution:
        """Resolve a name as a participant wrote it, optionally within a country (ISO code or name).

        Raises UnknownCountry (a ValueError) when the country hint names no country.
        """
        code = country_code(country) if country else None
        keys = query_keys(name)
        indexes = (self._base, self._user)
        matches = [m for index in indexes for m in index.exact(keys, code)]
        if not matches:
            matches = [m for index in indexes for m in index.near(keys, code)]
        matches.sort(key=lambda m: (-m.score, -m.place.population, m.place.id))
        candidates = tuple(Candidate(m.place, m.score, m.name) for m in matches)
        return Resolution(name, _status(candidates, hinted=code is not None), candidates[:MAX_CANDIDATES])


def gazetteer(extra: Iterable[Place] = ()) -> Gazetteer:
    """The shipped GeoNames cities (indexed once per process) plus ``extra`` places."""
    return Gazetteer(extra, base=_shipped_index())


@cache
def _shipped_index() -> NameIndex:
    return NameIndex(shipped_places())


def _status(ranked: tuple[Candidate, ...], hinted: bool) -> str:
    if not ranked or ranked[0].score < EXACT:
        return UNRESOLVED
    best = ranked[0]
    rivals = [c.place.population for c in ranked[1:] if c.score > best.score - TIE_MARGIN]
    if not rivals:
        return RESOLVED
    if hinted and best.place.population > 0 and best.place.population >= DOMINANCE * max(rivals):
        return RESOLVED
    return AMBIGUOUS
