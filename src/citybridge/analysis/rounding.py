"""Whole percentages as a report prints them.

A single share is rounded half up, as the seed documents' published figures were (49 of 52 is
94%, never 94.23%). A full distribution is rounded so that its parts add to 100%: readers add up
a table, and a column that sums to 101% reads as an error.
"""

from __future__ import annotations


def percent(count: int, base: int) -> int:
    """``count / base`` in whole percent, rounded half up; 0 for an empty base."""
    if base <= 0:
        return 0
    return (200 * count + base) // (2 * base)  # integer arithmetic: no 0.5 lost to binary floats


def whole_percents(counts: list[int], base: int) -> list[int]:
    """Whole percents of ``counts`` (non-negative); when they cover the base exactly, they add to 100.

    Largest remainder: every share is first rounded down, then the points still missing go to
    the shares that lost most. A tie in what was lost goes to the larger count, so each count
    gets the same percent whatever order the options are listed in; only equal counts can still
    tie, and then the earlier one gets the point (1, 1, 1 of 3 give 34, 33, 33). Counts that do
    not add to the base (a multi-select, a partial table) are each rounded half up.
    """
    if base <= 0:
        return [0 for _ in counts]
    if sum(counts) != base:
        return [percent(c, base) for c in counts]
    floors = [100 * c // base for c in counts]
    remainders = [100 * c % base for c in counts]
    missing = 100 - sum(floors)
    order = sorted(range(len(counts)), key=lambda i: (-remainders[i], -counts[i], i))
    for i in order[:missing]:
        floors[i] += 1
    return floors
