"""Suggested partner cities: the top k per requesting city, and the greedy and optimal assignments.

Every suggestion is a ``Match`` carrying its score, its weighted components (they add up to the
score) and the sentence that explains it, in the reader's language.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

import numpy as np

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


@dataclass(frozen=True)
class LeftOut:
    """A requesting city that gets no suggestion, or suggestions on part of the data, and why."""

    city: str
    key: str
    reason: str  # "no_answers", "not_in_gazetteer", "below_minimum"
    text: str  # the reason in words, in the reader's language


def score_all(
    requesting: Sequence[CityProfile],
    partners: Sequence[CityProfile],
    weights: Weights | None = None,
    mode: str = "new",
    known_pairs: np.ndarray | None = None,
) -> Scores:
    """Every component of every (requesting, partner) pair; ``known_pairs``: real pairs (gazetteer indices)."""
    return Scorer(partners, weights, mode, known_pairs).score(requesting)


def at_least(scores: Scores, minimum: float) -> Scores:
    """The same scores with every pair under ``minimum`` left out: it is never proposed."""
    if minimum <= 0:
        return scores
    return replace(scores, total=np.where(scores.total >= minimum, scores.total, -np.inf))


def only_countries(scores: Scores, countries: Sequence[str]) -> Scores:
    """The same scores with every partner outside ``countries`` left out (the survey asked about them)."""
    if not countries:
        return scores
    inside = np.array([p.country in countries for p in scores.partners])
    return replace(scores, total=np.where(inside[None, :], scores.total, -np.inf))


def left_out(scores: Scores, minimum: float, t: Translator | None = None) -> list[LeftOut]:
    """Cities matched without answers or without a gazetteer place, and cities with no pair at the minimum."""
    t = t or Translator("en")
    found = []
    for row, city in enumerate(scores.requesting):
        if not city.respondents:
            text = t.gettext("{city} did not answer the survey: matched on place data only").format(
                city=city.name
            )
            found.append(LeftOut(city.name, city.key, "no_answers", text))
        if city.place_id is None:
            if city.population:
                text = t.gettext(
                    "{city} is not in the gazetteer: no distance; size {population} as its respondents reported it"
                ).format(city=city.name, population=t.format_number(city.population))
            else:
                text = t.gettext("{city} is not in the gazetteer: no size and no distance").format(
                    city=city.name
                )
            found.append(LeftOut(city.name, city.key, "not_in_gazetteer", text))
        if not np.isfinite(scores.total[row]).any():
            text = t.gettext("No partner city scores at least {minimum} with {city}").format(
                minimum=t.format_decimal(minimum, 2), city=city.name
            )
            found.append(LeftOut(city.name, city.key, "below_minimum", text))
    return found


def existing_ties(scores: Scores) -> list[tuple[str, str]]:
    """(requesting key, partner key) of every pair that already works together (catalogue or real pairs)."""
    keys = {p.key for p in scores.partners}
    linked = scores.facts.get("linked")
    found = []
    for row, city in enumerate(scores.requesting):
        tied = {key for key in city.ties if key in keys}
        if linked is not None:
            tied |= {scores.partners[j].key for j in np.flatnonzero(linked[row] > 0)}
        found += [(city.key, p.key) for p in scores.partners if p.key in tied]
    return found


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
