"""The name index: places by the loose keys of their names, and near misses found by rapidfuzz.

Each loose key maps to entries ``place number * 2 + 1`` when it is the key of the place's own
(GeoNames) name and ``* 2`` when it is only an alternate name's: plain ints keep ~34,000 cities
and their ~260,000 indexed names small. How a hit scores is worked out for the few places hit:
the place's own name outranks an alternate name (GeoNames lists former names and nearby features
among the alternates: "Chirchik" is Chirchiq's name and also one of Salor's), and a strict key
match outranks a loose one.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from operator import itemgetter

from rapidfuzz import fuzz, process

from citybridge.places.keys import QueryKeys, loose_key, loose_keys, strict_keys
from citybridge.places.model import Place

# How a hit scores: every exact hit shares a loose key with the query; a strict key, the place's
# own name and a name written just as the query (same script) each add to it. Writing counts most:
# "Пекин" is one of Beijing's names and, transliterated, the name of Pekin, Illinois.
EXACT = 90.0
STRICT_BONUS = 2.0
MAIN_BONUS = 3.0  # only for Latin queries (or Uzbek Cyrillic): transliterated Russian is weak evidence
WRITTEN_BONUS = 5.0
NEAR_MISS_WEIGHT = 0.85  # a near miss scores at most 85: always below an exact hit
NEAR_MISS_CUTOFF = 75.0  # rapidfuzz ratio of loose keys below which a name is no near miss
# Scripts that are neither Latin, Cyrillic nor CJK: Arabic, Indic, Hebrew, Greek, Georgian, Armenian, Ethiopic, Thai...
_OTHER_SCRIPTS = re.compile(r"[\u0370-\u03ff\u0530-\u0fff\u1000-\u139f\u1780-\u18af]")


class NameIndex:
    """Places and their names by loose key; ``add`` extends it (the shipped index is never extended)."""

    def __init__(self, places: Iterable[Place] = ()) -> None:
        self.places: list[Place] = []
        self.numbers: dict[str, int] = {}
        self._loose: dict[str, int | list[int]] = {}
        self._choices: dict[str | None, list[str]] = {}  # near-miss choices per country, built on demand
        self.extend(places)

    def add(self, place: Place) -> None:
        """Index a place under its name and all its alternate names."""
        self.extend([place])

    def extend(self, places: Iterable[Place]) -> None:
        """Index places under their names and alternate names, keying all the names in one pass."""
        entries: list[int] = []
        names: list[str] = []
        for place in places:
            if place.id in self.numbers:
                raise ValueError(f"place {place.id} is already in the gazetteer: give it another id.")
            number = len(self.places)
            self.places.append(place)
            self.numbers[place.id] = number
            indexed = [*filter(_indexed, place.names), place.name]
            names += indexed
            entries += [number * 2] * (len(indexed) - 1) + [number * 2 + 1]
        _merge(self._loose, _group(entries, loose_keys(strict_keys(names))))
        self._choices.clear()

    def exact(self, query: QueryKeys, country: str | None) -> list[Match]:
        """Places with a name sharing a loose key with the query, scored by how closely it matched."""
        numbers = {
            entry // 2
            for key in query.loose
            for entry in self._entries(key)
            if country is None or self.places[entry // 2].country == country
        }
        return [self._scored(number, query) for number in numbers]

    def near(self, query: QueryKeys, country: str | None, limit: int = 10) -> list[Match]:
        """Near misses of the query by rapidfuzz, scored below any exact match."""
        found: dict[int, Match] = {}
        choices = self._choices_for(country)
        for loose in (key for key in query.loose if key.isascii()):
            for choice, ratio, _ in process.extract(
                loose, choices, scorer=fuzz.ratio, limit=limit, score_cutoff=NEAR_MISS_CUTOFF
            ):
                score = round(ratio * NEAR_MISS_WEIGHT, 1)
                for entry in self._entries(choice):
                    number = entry // 2
                    if country not in (None, self.places[number].country):
                        continue
                    if number not in found or score > found[number].score:
                        found[number] = Match(self.places[number], score, self._name_with(number, choice))
        return list(found.values())

    def _entries(self, key: str) -> list[int]:
        return _as_list(self._loose.get(key, []))

    def _scored(self, number: int, query: QueryKeys) -> Match:
        place = self.places[number]
        names = [place.name, *place.names]
        strict = strict_keys(names)
        written = [key == query.written for key in strict_keys(names, transliterate=False)]
        same_strict = [key in query.strict for key in strict]
        same_loose = [key in query.loose for key in loose_keys(strict)]
        main = bool(strict[0]) and loose_key(strict[0]) in {loose_key(query.written), loose_key(query.latin)}
        score = EXACT + WRITTEN_BONUS * any(written) + STRICT_BONUS * any(same_strict) + MAIN_BONUS * main
        # The name that matched, the best evidence first.
        matched = next(
            (names[flags.index(True)] for flags in (written, same_strict, same_loose) if any(flags)),
            place.name,
        )
        return Match(place, score, matched)

    def _name_with(self, number: int, loose: str) -> str:
        place = self.places[number]
        names = [place.name, *place.names]
        keys = loose_keys(strict_keys(names))
        return next((n for n, key in zip(names, keys, strict=True) if key == loose), place.name)

    def _choices_for(self, country: str | None) -> list[str]:
        if country not in self._choices:
            self._choices[country] = [
                key
                for key in self._loose
                if key.isascii()
                and (
                    country is None or any(self.places[e // 2].country == country for e in self._entries(key))
                )
            ]
        return self._choices[country]


@dataclass(frozen=True)
class Match:
    """A place, how well a name matched it, and which of its names matched."""

    place: Place
    score: float
    name: str


def _indexed(name: str) -> bool:
    # Participants write Latin, Cyrillic or Chinese. All-lowercase ASCII alternates are machine
    # romanisations of other scripts' names ("an ge lian", "angrn  azbkstan" for Angren): a quarter
    # of all names, noise for near misses. Both kinds stay on the Place (Place.names) unindexed,
    # which keeps the build near a second.
    if name.isascii():
        return not name.islower()
    return not _OTHER_SCRIPTS.search(name)


def _group(entries: list[int], keys: list[str]) -> dict[str, int | list[int]]:
    """Entries by key: one int for the ~95% of keys that name one place, a list for the others.

    Written with C-level dict, zip and Counter steps rather than one Python loop over ~250,000
    names (half the time). A place's main name comes last among its names, so when a place has a
    key twice the main-name entry is the one kept.
    """
    per_place = dict(zip(zip([entry >> 1 for entry in entries], keys, strict=True), entries, strict=True))
    counts = Counter(map(itemgetter(1), per_place))
    grouped: dict[str, int | list[int]] = dict(
        zip(map(itemgetter(1), per_place), per_place.values(), strict=True)
    )
    for (_, key), entry in per_place.items():
        if counts[key] > 1:
            found = grouped[key]
            grouped[key] = [entry] if isinstance(found, int) else [*found, entry]
    grouped.pop("", None)  # names that are only punctuation or city words
    return grouped


def _merge(table: dict[str, int | list[int]], grouped: dict[str, int | list[int]]) -> None:
    if not table:  # the first (and for the shipped index, only) batch
        table.update(grouped)
        return
    for key, entries in grouped.items():
        if key not in table:
            table[key] = entries
            continue
        old = _as_list(table[key])
        owners = {entry >> 1 for entry in old}
        table[key] = old + [entry for entry in _as_list(entries) if entry >> 1 not in owners]


def _as_list(entries: int | list[int]) -> list[int]:
    return [entries] if isinstance(entries, int) else entries
