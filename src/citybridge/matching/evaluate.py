"""How well the score finds the partners respondents asked for, without being told.

The stated-preference component is held out (its weight set to 0) and the rest of the score
ranks every partner for each requesting city. For each time a respondent named a partner city,
hit@k asks whether that partner is among the city's k best; the rate is over all such namings.
Beside it stands the rate a random ranking would reach (k / partners a city can be offered), so a
reader sees whether the score knows anything. Ranks follow the suggestions the user would see
(equal scores in catalogue order); a named city missing from the catalogue counts as a miss.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from citybridge.matching.profiles import CityProfile
from citybridge.matching.score import Scorer
from citybridge.matching.weights import Weights, load_weights

HELD_OUT = "preference"


@dataclass(frozen=True)
class HitRates:
    namings: int  # times a respondent named a partner city
    outside: int  # of which the named city is not in the catalogue
    hits: dict[int, int]  # k -> namings whose partner is in the city's top k
    chance: dict[int, float]  # k -> the rate a random ranking would reach

    def rate(self, k: int) -> float:
        return self.hits[k] / self.namings if self.namings else 0.0


def hit_rates(
    requesting: Sequence[CityProfile],
    partners: Sequence[CityProfile],
    weights: Weights | None = None,
    *,
    ks: tuple[int, ...] = (3, 10),
    mode: str = "deepen",
) -> HitRates:
    """hit@k for each k of ``ks`` with the stated preference held out (mode "deepen": ties may rank)."""
    scores = Scorer(partners, (weights or load_weights()).without(HELD_OUT), mode).score(requesting)
    columns = {p.key: j for j, p in enumerate(scores.partners)}
    namings = outside = 0
    hits = dict.fromkeys(ks, 0)
    chance = dict.fromkeys(ks, 0.0)
    for row, city in enumerate(scores.requesting):
        ranked = scores.ranked(row)
        rank = {int(column): position for position, column in enumerate(ranked)}
        for key, count in city.preferences.items():
            namings += count
            position = rank.get(columns[key]) if key in columns else None
            outside += count if key not in columns else 0
            for k in ks:
                hits[k] += count if position is not None and position < k else 0
                chance[k] += count * min(1.0, k / max(1, len(ranked)))
    return HitRates(
        namings=namings,
        outside=outside,
        hits=hits,
        chance={k: float(np.divide(v, namings)) if namings else 0.0 for k, v in chance.items()},
    )
