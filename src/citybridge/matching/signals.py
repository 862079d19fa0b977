"""The values (0 to 1) of the components learned from real partnerships, as whole arrays.

One definition each, used both by the runtime score (``score.Scorer``) and by the evaluation on
real pairs (``realeval``), so the words of an explanation, the score and the measured quality
speak of the same numbers:

- ``size``: ``exp(-|ln a − ln b| / ln size_factor)``; the words "of similar size" are written
  only when the larger city is at most ``SIMILAR_SIZE_RATIO`` times the smaller;
- ``distance``: ``exp(-km / distance_km)`` of the great-circle distance;
- ``abroad``: 1 when the two cities are in different countries (most twinnings cross a border);
- ``status``: 1 when both are capitals, or both are regional centres (a capital counts as one);
- ``network``: ``1 − exp(−n)`` for n of the partner's partner cities that already partner the city;
- ``country_links``: ``1 − exp(−n / 2)`` for n partners the city already has in the partner's country;
- ``popularity``: ``1 − exp(−n / 10)`` for n partner cities the partner city already has.
"""

from __future__ import annotations

import math

import numpy as np

SIMILAR_SIZE_RATIO = 2.0  # "similar size": the larger city at most twice the smaller
LEARNED = ("size", "distance", "abroad", "status", "network", "country_links", "popularity")
CAPITAL, CENTRE = 2, 1  # status levels (0: neither)


def size_value(log_a: np.ndarray, log_b: np.ndarray, size_factor: float) -> np.ndarray:
    """Size component of every pair of two populations' logarithms (broadcast); 0 when one is unknown."""
    return np.nan_to_num(np.exp(-np.abs(log_a - log_b) / math.log(size_factor)), nan=0.0)


def similar_size(population_a: float | None, population_b: float | None) -> bool:
    """True when both populations are known and the larger is at most SIMILAR_SIZE_RATIO the smaller."""
    if not population_a or not population_b:
        return False
    return max(population_a, population_b) / min(population_a, population_b) <= SIMILAR_SIZE_RATIO


def distance_value(km: np.ndarray, distance_km: float) -> np.ndarray:
    """Distance component of great-circle distances; 0 when a distance is unknown (NaN)."""
    return np.nan_to_num(np.exp(-km / distance_km), nan=0.0)


def abroad_value(country_a: np.ndarray, country_b: np.ndarray, unknown: object = "") -> np.ndarray:
    """1 where the two countries differ (broadcast), 0 where they are the same or one is ``unknown``."""
    known = (country_a != unknown) & (country_b != unknown)
    return ((country_a != country_b) & known).astype(float)


def status_value(status_a: np.ndarray, status_b: np.ndarray) -> np.ndarray:
    """1 where both are capitals or both are regional centres (a capital is a centre too)."""
    both_capitals = (status_a == CAPITAL) & (status_b == CAPITAL)
    both_centres = (status_a >= CENTRE) & (status_b >= CENTRE)
    return (both_capitals | both_centres).astype(float)


def network_value(common: np.ndarray) -> np.ndarray:
    return 1.0 - np.exp(-common)


def country_links_value(count: np.ndarray) -> np.ndarray:
    return 1.0 - np.exp(-count / 2.0)


def popularity_value(degree: np.ndarray) -> np.ndarray:
    return 1.0 - np.exp(-degree / 10.0)
