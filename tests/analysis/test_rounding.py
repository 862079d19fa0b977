"""Whole percents: half up for one share, adding to 100 for a distribution."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from citybridge.analysis.rounding import percent, whole_percents


def test_published_shares_round_half_up():
    assert percent(49, 52) == 94  # materials satisfied
    assert percent(10, 52) == 19 and percent(21, 52) == 40
    assert percent(1, 8) == 13  # 12.5 rounds up, not to even
    assert percent(0, 0) == 0


def test_a_distribution_that_rounds_past_100_is_corrected_to_100():
    assert [percent(c, 3) for c in (1, 1, 1)] == [33, 33, 33]
    assert sum(percent(c, 8) for c in (1, 1, 1, 5)) == 102
    assert sum(whole_percents([1, 1, 1, 5], 8)) == 100


counts = st.lists(st.integers(min_value=0, max_value=500), min_size=1, max_size=12)


@given(counts)
def test_whole_percents_add_to_100_when_the_counts_cover_the_base(values):
    base = sum(values)
    if base:
        assert sum(whole_percents(values, base)) == 100


@given(counts)
def test_each_whole_percent_is_within_one_point_of_the_exact_share(values):
    base = sum(values)
    for count, shown in zip(values, whole_percents(values, base), strict=True):
        if base:
            assert abs(shown - 100 * count / base) < 1


@given(counts, st.randoms())
def test_whole_percents_do_not_depend_on_the_order_of_distinct_counts(values, rng):
    base = sum(values)
    distinct = sorted(set(values))
    shuffled = distinct[:]
    rng.shuffle(shuffled)
    base = sum(distinct)
    ordered = dict(zip(distinct, whole_percents(distinct, base), strict=True))
    again = dict(zip(shuffled, whole_percents(shuffled, base), strict=True))
    if len({100 * c % max(base, 1) for c in distinct}) == len(distinct):  # no tied remainders
        assert ordered == again
