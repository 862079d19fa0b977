"""Assignments under capacities: the optimal is never worse than greedy and equals a brute-force optimum."""

from __future__ import annotations

import itertools

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from citybridge.matching.assign import greedy, optimal

TOLERANCE = 1e-6  # scores become whole costs of 10^-8 each in the solver


def scores(max_rows: int = 4, max_columns: int = 4):
    shape = st.tuples(st.integers(1, max_rows), st.integers(1, max_columns))
    values = st.one_of(st.just(0.0), st.just(-np.inf), st.floats(0.0, 1.0)) | st.floats(0.0, 1.0)
    return shape.flatmap(lambda s: arrays(np.float64, s, elements=values))


def respects(assignment, table, k, capacity):
    rows = [r for r, _ in assignment.pairs]
    columns = [c for _, c in assignment.pairs]
    assert len(set(assignment.pairs)) == len(assignment.pairs)
    assert all(rows.count(r) <= k for r in rows)
    assert all(columns.count(c) <= capacity for c in columns)
    assert all(np.isfinite(table[r, c]) and table[r, c] > 0 for r, c in assignment.pairs)
    assert assignment.total == pytest.approx(sum(table[r, c] for r, c in assignment.pairs))


def brute_force(table, k, capacity) -> float:
    usable = [(r, c) for r, c in zip(*np.nonzero(np.isfinite(table) & (table > 0)), strict=True)]
    best = 0.0
    for size in range(len(usable) + 1):
        for chosen in itertools.combinations(usable, size):
            rows = [r for r, _ in chosen]
            columns = [c for _, c in chosen]
            if all(rows.count(r) <= k for r in rows) and all(columns.count(c) <= capacity for c in columns):
                best = max(best, sum(table[r, c] for r, c in chosen))
    return best


@settings(max_examples=150, deadline=None)
@given(scores(), st.integers(1, 3), st.integers(1, 3))
def test_both_respect_the_capacities_and_optimal_is_never_worse_than_greedy(table, k, capacity):
    fast, best = greedy(table, k, capacity), optimal(table, k, capacity)
    respects(fast, table, k, capacity)
    respects(best, table, k, capacity)
    assert best.total >= fast.total - TOLERANCE


@settings(max_examples=80, deadline=None)
@given(scores(max_rows=3, max_columns=3), st.integers(1, 2), st.integers(1, 2))
def test_optimal_equals_the_brute_force_optimum(table, k, capacity):
    assert optimal(table, k, capacity).total == pytest.approx(brute_force(table, k, capacity), abs=TOLERANCE)


def test_greedy_gives_away_the_only_good_partner_where_optimal_does_not():
    # Samarkand has two good partners, Khiva only one: greedy gives Suzhou to Samarkand first.
    table = np.array([[0.9, 0.8], [0.85, 0.0]])  # rows Samarkand, Khiva; columns Suzhou, Luoyang
    assert greedy(table, 1, 1).pairs == ((0, 0),)
    assert optimal(table, 1, 1).pairs == ((0, 1), (1, 0))
    assert optimal(table, 1, 1).total == pytest.approx(1.65)


def test_optimal_leaves_a_slot_empty_rather_than_lower_the_total():
    # Filling both slots would force Bukhara onto a poor partner and Kagan off its best one.
    table = np.array([[10.0, 1.0], [1.0, 0.0]]) / 10
    assert optimal(table, 1, 1).pairs == ((0, 0),)


def test_capacities_below_one_are_refused():
    with pytest.raises(ValueError, match="at least 1"):
        optimal(np.ones((2, 2)), 0, 1)
