"""Suggested partner cities: the top k per requesting city, and the greedy and optimal assignments.

Every suggestion is a ``Match`` carrying its score, its weighted components (they add up to the
score) and the sentence that explains it, in the reader's language.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from citybridge.matching import assign
from citybridge.matching.explain import explain
from citybridge.matching.profiles import CityProfile
from citybridge.matching.score import Scorer, Scores
from citybridge.matching.weights import Weights
from citybridge.reports.i18n import Translator


@dataclass(frozen=True)
class Match:
    requesting: str  # the requesting city's name
    partner: str  # the partner city's name
    score: float
    components: dict[str, float]  # component -> weighted value; they add up to ``score``
    explanation: str
    requesting_key: str = ""
    partner_key: str = ""


@dataclass(frozen=True)
class Assignments:
    """The greedy and the optimal assignment of the same scores, as matches."""

    greedy: tuple[Match, ...]
    optimal: tuple[Match, ...]
    greedy_total: float
    optimal_total: float


def score_all(
    requesting: Sequence[CityProfile],
    partners: Sequence[CityProfile],
    weights: Weights | None = None,
    mode: str = "new",
) -> Scores:
    """Every component of every (requesting, partner) pair."""
    return Scorer(partners, weights, mode).score(requesting)


def suggest(
    scores: Scores, k: int = 3, t: Translator | None = None, names: Mapping[str, str] | None = None
) -> dict[str, list[Match]]:
    """The k best partners of each requesting city (by key), best first; tied pairs left out in mode "new"."""
    if k < 1:
        raise ValueError(f"k ({k}) must be at least 1")
    t = t or Translator("en")
    return {
        city.key: [match(scores, row, column, t, names) for column in scores.ranked(row, k)]
        for row, city in enumerate(scores.requesting)
    }


def assignments(
    scores: Scores,
    k: int = 3,
    capacity: int = 5,
    t: Translator | None = None,
    names: Mapping[str, str] | None = None,
) -> Assignments:
    """Up to k partners per requesting city, at most ``capacity`` requests per partner: greedy and optimal."""
    t = t or Translator("en")
    greedy = assign.greedy(scores.total, k, capacity)
    best = assign.optimal(scores.total, k, capacity)
    return Assignments(
        greedy=tuple(match(scores, r, c, t, names) for r, c in greedy.pairs),
        optimal=tuple(match(scores, r, c, t, names) for r, c in best.pairs),
        greedy_total=greedy.total,
        optimal_total=best.total,
    )


def match(
    scores: Scores, row: int, column: int, t: Translator, names: Mapping[str, str] | None = None
) -> Match:
    """The match of one pair of the score table, explained in ``t``'s language."""
    city, partner = scores.requesting[row], scores.partners[column]
    components = scores.pair(row, column)
    partner_name = (names or {}).get(partner.key, partner.name)
    return Match(
        requesting=city.name,
        partner=partner_name,
        score=float(scores.total[row, column]),
        components=components,
        explanation=explain(
            city, partner, components, t, partner_name=partner_name, facts=scores.facts_of(row, column)
        ),
        requesting_key=city.key,
        partner_key=partner.key,
    )
