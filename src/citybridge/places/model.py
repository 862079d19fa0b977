"""The gazetteer's nouns: a place, a candidate for a name, and the resolution of a name."""

from __future__ import annotations

from dataclasses import dataclass

RESOLVED = "resolved"
AMBIGUOUS = "ambiguous"
UNRESOLVED = "unresolved"


class PlaceError(ValueError):
    """A place, a name or a country the user must fix; the message says what and how."""


@dataclass(frozen=True, slots=True)
class Place:
    """A city or town: from GeoNames (``geonames:<id>``) or added by the user (``user:<slug>``)."""

    id: str
    name: str  # GeoNames' name (Latin)
    country: str  # ISO 3166-1 alpha-2
    region: str  # admin1 name where known, else GeoNames' admin1 code
    population: int
    latitude: float
    longitude: float
    names: tuple[str, ...] = ()  # alternate names, all scripts


@dataclass(frozen=True, slots=True)
class Candidate:
    """A place a name may mean, with how well it matched (0..100) and the name that matched."""

    place: Place
    score: float
    matched: str


@dataclass(frozen=True, slots=True)
class Resolution:
    """What a name resolved to: one place, several equally likely ones, or none (near misses listed)."""

    query: str
    status: str  # RESOLVED | AMBIGUOUS | UNRESOLVED
    candidates: tuple[Candidate, ...]  # best first

    @property
    def place(self) -> Place | None:
        """The place when the name is resolved, else None."""
        return self.candidates[0].place if self.status == RESOLVED else None
