"""Assigning partner cities under capacities: greedy, and optimal by min-cost flow.

Each requesting city gets up to ``k`` partners and each partner city takes at most ``capacity``
requests; a pair is used at most once and only if its score is positive (a pair scoring 0 has
nothing to recommend it). The greedy assignment takes pairs best first while both sides have room,
the way one would by hand; when popular partners are scarce it can give a city's only good
partner to a city that had other good choices. The optimal assignment maximises the total score
as a min-cost flow (OR-Tools):

    source --(capacity k, cost 0)--> requesting city --(1, -score)--> partner --(c, 0)--> sink

plus an arc from the source straight to the sink at cost 0, so the flow may leave a slot empty
whenever filling it would lower the total ("up to" k, not exactly k).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

_COST_SCALE = 10**8  # scores (0..1) become whole costs; the total is off by at most pairs / 10^8


class AssignmentError(RuntimeError):
    """The solver did not find an optimum (it should not happen; the message says what it said)."""


@dataclass(frozen=True)
class Assignment:
    method: str  # "greedy" or "optimal"
    pairs: tuple[tuple[int, int], ...]  # (requesting row, partner column), sorted
    total: float  # sum of the scores of the pairs

    def partners_of(self, row: int) -> tuple[int, ...]:
        return tuple(column for r, column in self.pairs if r == row)


def greedy(scores: np.ndarray, k: int, capacity: int) -> Assignment:
    """Pairs taken best first while the requesting city has fewer than k and the partner fewer than c."""
    _check(scores, k, capacity)
    rows, columns = np.nonzero(_usable(scores))
    order = np.argsort(-scores[rows, columns], kind="stable")
    taken = np.zeros(scores.shape[0], dtype=np.int64)
    load = np.zeros(scores.shape[1], dtype=np.int64)
    limit = min(scores.shape[0] * k, scores.shape[1] * capacity)
    pairs: list[tuple[int, int]] = []
    for row, column in zip(rows[order].tolist(), columns[order].tolist(), strict=True):
        if taken[row] < k and load[column] < capacity:
            pairs.append((row, column))
            taken[row] += 1
            load[column] += 1
            if len(pairs) == limit:  # every slot on one side is full: nothing more can be taken
                break
    return _assignment("greedy", scores, pairs)


def optimal(scores: np.ndarray, k: int, capacity: int) -> Assignment:
    """The pairs of greatest total score under the same limits (min-cost flow)."""
    from ortools.graph.python import min_cost_flow

    _check(scores, k, capacity)
    n_rows, n_columns = scores.shape
    rows, columns = np.nonzero(_usable(scores))
    source, sink = n_rows + n_columns, n_rows + n_columns + 1
    supply = min(n_rows * k, n_columns * capacity)
    tails = np.concatenate([np.full(n_rows, source), rows, n_rows + np.arange(n_columns), [source]])
    heads = np.concatenate([np.arange(n_rows), n_rows + columns, np.full(n_columns, sink), [sink]])
    capacities = np.concatenate(
        [np.full(n_rows, k), np.ones(rows.size), np.full(n_columns, capacity), [supply]]
    )
    costs = np.concatenate(
        [np.zeros(n_rows), -np.rint(scores[rows, columns] * _COST_SCALE), np.zeros(n_columns), [0]]
    )
    flow = min_cost_flow.SimpleMinCostFlow()
    arcs = flow.add_arcs_with_capacity_and_unit_cost(
        tails.astype(np.int32), heads.astype(np.int32), capacities.astype(np.int64), costs.astype(np.int64)
    )
    supplies = np.zeros(n_rows + n_columns + 2, dtype=np.int64)
    supplies[source], supplies[sink] = supply, -supply
    flow.set_nodes_supplies(np.arange(supplies.size, dtype=np.int32), supplies)
    status = flow.solve()
    if status != flow.OPTIMAL:
        raise AssignmentError(f"the min-cost flow solver stopped with status {status}")
    used = flow.flows(arcs[n_rows : n_rows + rows.size]) > 0
    return _assignment("optimal", scores, list(zip(rows[used].tolist(), columns[used].tolist(), strict=True)))


def _usable(scores: np.ndarray) -> np.ndarray:
    return np.isfinite(scores) & (scores > 0)


def _check(scores: np.ndarray, k: int, capacity: int) -> None:
    if scores.ndim != 2:
        raise ValueError("scores must be a (requesting cities x partner cities) array")
    if k < 1 or capacity < 1:
        raise ValueError(f"k ({k}) and capacity ({capacity}) must be at least 1")


def _assignment(method: str, scores: np.ndarray, pairs: list[tuple[int, int]]) -> Assignment:
    pairs = sorted(pairs)
    total = float(sum(scores[r, c] for r, c in pairs)) if pairs else 0.0
    return Assignment(method, tuple(pairs), total)
