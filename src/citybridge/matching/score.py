"""The matching score of every (requesting city, partner city) pair, computed as whole arrays.

A pair's score is the sum of named components, each a value from 0 to 1 times its weight
(``weights.toml``):

- ``fit``: the requesting city's priorities (respondents per sector) against the partner's
  strengths, as the cosine of the two sector vectors;
- ``preference``: the share of the city's respondents who named the partner;
- ``tie``: 1 when the two already work together, ``country_tie`` when the city works with the
  partner's country but no named city (mode "deepen"; mode "new" leaves tied pairs out);
- ``size``: ``exp(-|ln a - ln b| / ln size_factor)`` of the two populations;
- ``distance``: ``exp(-km / distance_km)`` of the great-circle distance.

A component whose data is missing (no population, no coordinates) is 0, so missing data never
helps a pair. ``Scorer`` prepares the partner side once; ``score`` gives every component of every
pair (a catalogue of tens of partners), ``top`` the best k partners per city in blocks, so 1,000
cities against 34,000 candidates never hold more than one block of pairs in memory.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from citybridge import sectors
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

    def ranked(self, row: int, k: int | None = None) -> np.ndarray:
        """Partner indices of one requesting city, best first (equal scores: catalogue order)."""
        order = np.argsort(-self.total[row], kind="stable")
        order = order[np.isfinite(self.total[row, order])]
        return order if k is None else order[:k]

    def pair(self, row: int, column: int) -> dict[str, float]:
        return {name: float(values[row, column]) for name, values in self.components.items()}


class Scorer:
    """The partner side of the score, prepared once for any number of requesting cities."""

    def __init__(self, partners: Sequence[CityProfile], weights: Weights | None = None, mode: str = "new"):
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

    def score(self, requesting: Sequence[CityProfile]) -> Scores:
        """Every component of every (requesting, partner) pair."""
        requesting = tuple(requesting)
        components, left_out = self._block(requesting)
        total = sum(components.values())
        total = np.where(left_out, -np.inf, total)
        return Scores(requesting, self.partners, components, total)

    def top(self, requesting: Sequence[CityProfile], k: int) -> tuple[np.ndarray, np.ndarray]:
        """The k best partner indices per requesting city and their scores (-inf pads a short list)."""
        requesting = tuple(requesting)
        k = min(k, len(self.partners))
        indices = np.zeros((len(requesting), k), dtype=np.int64)
        best = np.full((len(requesting), k), -np.inf)
        rows = max(1, _BLOCK_PAIRS // max(1, len(self.partners)))
        for start in range(0, len(requesting), rows):
            block = requesting[start : start + rows]
            components, left_out = self._block(block)
            total = np.where(left_out, -np.inf, sum(components.values()))
            chosen = (
                np.argpartition(-total, k - 1, axis=1)[:, :k] if k < total.shape[1] else np.argsort(-total)
            )
            values = np.take_along_axis(total, chosen, axis=1)
            order = np.argsort(-values, axis=1, kind="stable")
            indices[start : start + len(block)] = np.take_along_axis(chosen, order, axis=1)
            best[start : start + len(block)] = np.take_along_axis(values, order, axis=1)
        return indices, best

    def _block(self, requesting: tuple[CityProfile, ...]) -> tuple[dict[str, np.ndarray], np.ndarray]:
        w, shape = self.weights, (len(requesting), len(self.partners))
        tie, city_tie = self._ties(requesting, shape)
        found = {
            "fit": lambda: _unit_rows(self._needs_of(requesting)) @ self._offers.T,
            "preference": lambda: self._preferences(requesting, shape),
            "tie": lambda: tie if self.mode == "deepen" else np.zeros(shape),
            "size": lambda: self._size(requesting),
            "distance": lambda: self._distance(requesting),
        }
        # A weight of 0 holds the component out: it is not computed (its values are 0).
        components = {c: found[c]() * w[c] if w[c] else np.zeros(shape) for c in COMPONENTS}
        left_out = city_tie if self.mode == "new" else np.zeros(shape, dtype=bool)
        return components, left_out

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

    def _ties(self, requesting, shape) -> tuple[np.ndarray, np.ndarray]:
        values = np.zeros(shape)
        for row, city in enumerate(requesting):
            for country in city.country_ties:
                values[row, self._country == country] = self.weights.country_tie
            for key in city.ties:
                if key in self._column:
                    values[row, self._column[key]] = 1.0
        return values, values == 1.0

    def _size(self, requesting) -> np.ndarray:
        gap = np.abs(_log_population(requesting)[:, None] - self._log_population[None, :])
        return np.nan_to_num(np.exp(-gap / math.log(self.weights.size_factor)), nan=0.0)

    def _distance(self, requesting) -> np.ndarray:
        km = distances_km(_positions(requesting), self._position)
        return np.nan_to_num(np.exp(-km / self.weights.distance_km), nan=0.0)


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
