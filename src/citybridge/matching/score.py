"""The matching score of every (requesting city, partner city) pair, computed as whole arrays.

A pair's score is the sum of named components, each a value from 0 to 1 times its weight
(``weights.toml``):

- ``fit``: the requesting city's priorities (respondents per sector) against the partner's
  strengths, as the cosine of the two sector vectors;
- ``preference``: the share of the city's respondents who named the partner;
- ``tie``: 1 when the two already work together, ``country_tie`` when the city works with the
  partner's country but no named city (mode "deepen"; mode "new" leaves tied pairs out);
- ``size``: ``exp(-|ln a - ln b| / ln size_factor)`` of the two populations;
- ``distance``: ``exp(-km / distance_km)`` of the great-circle distance;
- ``abroad``, ``status``, ``network``, ``country_links``, ``popularity``: learned from real
  partnerships, defined in ``signals`` (the network is the known partnerships: the catalogue's
  ties, plus a real-pairs file when one is given).

A component whose data is missing (no population, no coordinates) is 0, so missing data never
helps a pair. ``Scorer`` prepares the partner side once; ``score`` gives every component of every
pair (a catalogue of tens of partners), ``top`` the best k partners per city in blocks, so 1,000
cities against 34,000 candidates never hold more than one block of pairs in memory.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

from citybridge import sectors
from citybridge.matching import signals
from citybridge.matching.profiles import CityProfile
from citybridge.matching.weights import COMPONENTS, Weights, load_weights

MODES = ("new", "deepen")
EARTH_RADIUS_KM = 6371.0088  # the mean Earth radius (IUGG)
_BLOCK_PAIRS = 2_000_000  # pairs per block in ``top``: about 16 MB per component array


@dataclass(frozen=True)
class Scores:
    """Every component (already weighted) and the total of every pair; rows are requesting cities."""

    requesting: tuple[CityProfile, ...]
    partners: tuple[CityProfile, ...]
    components: dict[str, np.ndarray]  # component -> (requesting x partners) weighted values
    total: np.ndarray  # sum of the components; -inf where the pair is left out (mode "new": tied)
    facts: dict[str, np.ndarray] = field(default_factory=dict)  # network counts behind the components

    def facts_of(self, row: int, column: int) -> dict[str, float]:
        """The counts an explanation states for one pair (common partners, partners in the country, ...)."""
        return {name: float(values[row, column]) for name, values in self.facts.items()}

    def ranked(self, row: int, k: int | None = None) -> np.ndarray:
        """Partner indices of one requesting city, best first (equal scores: catalogue order)."""
        order = np.argsort(-self.total[row], kind="stable")
        order = order[np.isfinite(self.total[row, order])]
        return order if k is None else order[:k]

    def pair(self, row: int, column: int) -> dict[str, float]:
        return {name: float(values[row, column]) for name, values in self.components.items()}


class Scorer:
    """The partner side of the score, prepared once for any number of requesting cities."""

    def __init__(
        self,
        partners: Sequence[CityProfile],
        weights: Weights | None = None,
        mode: str = "new",
        known_pairs: np.ndarray | None = None,
    ):
        if mode not in MODES:
            raise ValueError(
                f"mode '{mode}': choose 'new' (leave existing ties out) or 'deepen' (favour them)"
            )
        self.partners = tuple(partners)
        if not self.partners:
            raise ValueError("no partner cities to score: the partner catalogue is empty")
        self.weights = weights or load_weights()
        self.mode = mode
        self._sectors = {slug: i for i, slug in enumerate(sectors.vocabulary())}
        self._column = {p.key: j for j, p in enumerate(self.partners)}
        self._offers = _unit_rows(np.stack([self._vector(p.strengths, p) for p in self.partners]))
        self._log_population = _log_population(self.partners)
        self._position = _positions(self.partners)
        self._country = np.array([p.country for p in self.partners])
        # Known partnerships between gazetteer cities (indices, n x 2), beside the profiles' ties.
        self._known = np.zeros((0, 2), dtype=np.int64) if known_pairs is None else np.asarray(known_pairs)
        self._partner_status: np.ndarray | None = None
        self._country_code: np.ndarray | None = None
        self._partner_ties = any(p.ties for p in self.partners)

    def score(self, requesting: Sequence[CityProfile]) -> Scores:
        """Every component of every (requesting, partner) pair."""
        requesting = tuple(requesting)
        components, left_out, facts = self._block(requesting)
        total = sum(components.values())
        total = np.where(left_out, -np.inf, total)
        return Scores(requesting, self.partners, components, total, facts)

    def top(self, requesting: Sequence[CityProfile], k: int) -> tuple[np.ndarray, np.ndarray]:
        """The k best partner indices per requesting city and their scores (-inf pads a short list)."""
        requesting = tuple(requesting)
        k = min(k, len(self.partners))
        indices = np.zeros((len(requesting), k), dtype=np.int64)
        best = np.full((len(requesting), k), -np.inf)
        rows = max(1, _BLOCK_PAIRS // max(1, len(self.partners)))
        for start in range(0, len(requesting), rows):
            block = requesting[start : start + rows]
            components, left_out, _ = self._block(block)
            total = np.where(left_out, -np.inf, sum(components.values()))
            chosen = (
                np.argpartition(-total, k - 1, axis=1)[:, :k] if k < total.shape[1] else np.argsort(-total)
            )
            values = np.take_along_axis(total, chosen, axis=1)
            order = np.argsort(-values, axis=1, kind="stable")
            indices[start : start + len(block)] = np.take_along_axis(chosen, order, axis=1)
            best[start : start + len(block)] = np.take_along_axis(values, order, axis=1)
        return indices, best

    def _block(self, requesting: tuple[CityProfile, ...]) -> tuple[dict, np.ndarray, dict]:
        w, shape = self.weights, (len(requesting), len(self.partners))
        counts = self._counts(requesting, shape)
        tie, city_tie = self._ties(requesting, shape, counts["linked"])
        found = {
            "fit": lambda: _unit_rows(self._needs_of(requesting)) @ self._offers.T,
            "preference": lambda: self._preferences(requesting, shape),
            "tie": lambda: tie if self.mode == "deepen" else np.zeros(shape),
            "size": lambda: self._size(requesting),
            "distance": lambda: self._distance(requesting),
            "abroad": lambda: self._abroad(requesting),
            "status": lambda: signals.status_value(statuses(requesting)[:, None], self._statuses()[None, :]),
            "network": lambda: signals.network_value(counts["common"]),
            "country_links": lambda: signals.country_links_value(counts["in_country"]),
            "popularity": lambda: signals.popularity_value(counts["degree"]),
        }
        # A weight of 0 holds the component out: it is not computed (its values are 0).
        components = {c: found[c]() * w[c] if w[c] else np.zeros(shape) for c in COMPONENTS}
        left_out = city_tie if self.mode == "new" else np.zeros(shape, dtype=bool)
        return components, left_out, counts

    def _vector(self, slugs, profile: CityProfile, counts: dict[str, int] | None = None) -> np.ndarray:
        vector = np.zeros(len(self._sectors))
        for slug in slugs:
            try:
                index = self._sectors[sectors.sector(slug).slug]
            except KeyError:
                raise ValueError(
                    f"city profile '{profile.key}': '{slug}' is not a sector of citybridge.sectors"
                ) from None
            vector[index] += counts[slug] if counts else 1.0
        return vector

    def _needs_of(self, requesting) -> np.ndarray:
        needs = [self._vector(city.priorities, city, city.priorities) for city in requesting]
        return np.stack(needs) if needs else np.zeros((0, len(self._sectors)))

    def _preferences(self, requesting, shape) -> np.ndarray:
        values = np.zeros(shape)
        for row, city in enumerate(requesting):
            for key, count in city.preferences.items():
                column = self._column.get(key)
                if column is not None and city.respondents:
                    values[row, column] = min(1.0, count / city.respondents)
        return values

    def _ties(self, requesting, shape, linked: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        values = np.zeros(shape)
        for row, city in enumerate(requesting):
            for country in city.country_ties:
                values[row, self._country == country] = self.weights.country_tie
            for key in city.ties:
                if key in self._column:
                    values[row, self._column[key]] = 1.0
        values[linked > 0] = 1.0  # partners already in the real pairs given
        return values, values == 1.0

    def _size(self, requesting) -> np.ndarray:
        return signals.size_value(
            _log_population(requesting)[:, None], self._log_population[None, :], self.weights.size_factor
        )

    def _distance(self, requesting) -> np.ndarray:
        return signals.distance_value(
            distances_km(_positions(requesting), self._position), self.weights.distance_km
        )

    def _abroad(self, requesting) -> np.ndarray:
        # Countries as whole numbers: comparing millions of strings costs more than the rest of a block.
        codes = {country: i for i, country in enumerate(dict.fromkeys([*self._country.tolist(), ""]))}
        if self._country_code is None:
            self._country_code = np.array([codes[c] for c in self._country.tolist()])
        mine = np.array([codes.get(c.country, -1) if c.country else codes[""] for c in requesting])
        return signals.abroad_value(mine[:, None], self._country_code[None, :], unknown=codes[""])

    def _statuses(self) -> np.ndarray:
        if self._partner_status is None:  # once per scorer: 34,000 partners are 34,000 lookups
            self._partner_status = statuses(self.partners)
        return self._partner_status

    def _counts(self, requesting, shape) -> dict[str, np.ndarray]:
        """Network counts, computed only when a network component is weighed (they cost a gazetteer)."""
        weighed = any(self.weights[c] for c in ("network", "country_links", "popularity"))
        # Without known pairs or ties there is no network: every count is 0.
        if not weighed or not (len(self._known) or self._partner_ties or any(c.ties for c in requesting)):
            none = np.zeros((1, 1))  # broadcast: one zero stands for every pair
            return {
                name: np.broadcast_to(none, shape) for name in ("common", "in_country", "degree", "linked")
            }
        return network_counts(requesting, self.partners, self._known)


def network_counts(
    requesting: Sequence[CityProfile], partners: Sequence[CityProfile], known: np.ndarray
) -> dict[str, np.ndarray]:
    """Common partners, partners in the partner's country and the partner's partners, per pair.

    The network is every known partnership between gazetteer cities: ``known`` (real pairs) and the
    profiles' ties (a requesting city's partner keys). A city with no gazetteer place counts none.
    """
    from citybridge.matching.network import Network
    from citybridge.matching.realpairs import gazetteer_places

    places = gazetteer_places()
    index = _place_index()
    rows = np.array([index.get(c.place_id, -1) for c in requesting], dtype=np.int64)
    columns = np.array([index.get(p.place_id, -1) for p in partners], dtype=np.int64)
    by_key = {p.key: column for p, column in zip(partners, columns, strict=True)}
    ties = [
        (row, by_key[key])
        for city, row in zip(requesting, rows, strict=True)
        for key in city.ties
        if key in by_key
    ]
    edges = np.array([e for e in ties if min(e) >= 0] or np.zeros((0, 2)), dtype=np.int64).reshape(-1, 2)
    network = Network(len(places.ids), np.concatenate([known.reshape(-1, 2), edges]), places.countries)
    shape = (len(rows), len(columns))
    found = {
        "common": network.common(np.maximum(rows, 0), np.maximum(columns, 0)),
        "in_country": network.in_country(np.maximum(rows, 0), np.maximum(columns, 0)),
        "degree": np.broadcast_to(network.degree[np.maximum(columns, 0)][None, :], shape),
        "linked": np.asarray(network.adjacency[np.maximum(rows, 0)][:, np.maximum(columns, 0)].todense()),
    }
    unknown = (rows[:, None] < 0) | (columns[None, :] < 0)
    return {name: np.where(unknown, 0.0, values) for name, values in found.items()}


@functools.cache
def _place_index() -> dict[str, int]:
    from citybridge.matching.realpairs import gazetteer_places

    return gazetteer_places().index()


def statuses(cities: Sequence[CityProfile]) -> np.ndarray:
    """Capital (2), regional centre (1) or neither (0), from the gazetteer; 0 for a place it lacks."""
    if not any(c.place_id for c in cities):
        return np.zeros(len(cities), dtype=np.int64)
    from citybridge.matching.realpairs import gazetteer_places

    index, status = _place_index(), gazetteer_places().status
    return np.array([status[index[c.place_id]] if c.place_id in index else 0 for c in cities], dtype=np.int64)


def distances_km(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Great-circle distances between two sets of unit vectors (n x 3, m x 3) as an n x m array."""
    # Between unit vectors the chord length c gives the angle 2·asin(c/2), which stays accurate
    # for near places, where the arccos of a dot product loses its digits.
    dot = np.clip(a @ b.T, -1.0, 1.0)
    chord = np.sqrt(np.maximum(0.0, 2.0 - 2.0 * dot))
    return 2.0 * EARTH_RADIUS_KM * np.arcsin(np.minimum(1.0, chord / 2.0))


def distance_km(a: CityProfile, b: CityProfile) -> float | None:
    """The great-circle distance between two profiled cities, None when either has no coordinates."""
    found = distances_km(_positions((a,)), _positions((b,)))[0, 0]
    return None if math.isnan(found) else float(found)


def _positions(cities: Sequence[CityProfile]) -> np.ndarray:
    latitude = np.radians(
        np.array([c.latitude if c.latitude is not None else np.nan for c in cities], dtype=float)
    )
    longitude = np.radians(
        np.array([c.longitude if c.longitude is not None else np.nan for c in cities], dtype=float)
    )
    return np.stack(
        [np.cos(latitude) * np.cos(longitude), np.cos(latitude) * np.sin(longitude), np.sin(latitude)], axis=1
    ).reshape(len(cities), 3)


def _log_population(cities: Sequence[CityProfile]) -> np.ndarray:
    return np.log(np.array([c.population if c.population else np.nan for c in cities], dtype=float))


def _unit_rows(matrix: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    return np.divide(matrix, norms, out=np.zeros_like(matrix), where=norms > 0)
