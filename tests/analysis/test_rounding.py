"""Whole percents: half up for one share, adding to 100 for a distribution."""

from __future__ import annotations

import math
from fractions import Fraction

from hypothesis import given
from hypothesis import strategies as st

from citybridge.analysis.rounding import percent, whole_percents


def test_published_shares_round_half_up():
    assert percent(49, 52) == 94  # materials: excellent, very good or good
    assert percent(10, 52) == 19 and percent(21, 52) == 40
    assert percent(50, 52) == 96  # expected information: strongly agree or agree


def test_an_exact_half_rounds_up_not_to_even():
    assert percent(1, 8) == 13  # 12.5
    assert percent(5, 8) == 63  # 62.5
    assert percent(1, 40) == 3  # 2.5, where round() would give 2


def test_an_empty_base_gives_zero_percent():
    assert percent(0, 0) == 0
    assert whole_percents([0, 0], 0) == [0, 0]


def test_a_distribution_that_rounds_past_100_is_brought_back_to_100():
    assert sum(percent(c, 8) for c in (1, 1, 1, 5)) == 102
    assert whole_percents([1, 1, 1, 5], 8) == [13, 12, 12, 63]


def test_the_materials_distribution_adds_to_100():
    assert whole_percents([10, 21, 18, 2, 1], 52) == [19, 40, 35, 4, 2]


def test_a_tie_in_what_was_lost_goes_to_the_larger_count():
    # 12.5% and 37.5% both lose half a point; only one point is missing.
    assert whole_percents([1, 3, 4], 8) == [12, 38, 50]
    assert whole_percents([3, 1, 4], 8) == [38, 12, 50]


def test_counts_that_do_not_cover_the_base_are_each_rounded_half_up():
    # a multi-select: 27 and 25 of 52 respondents
    assert whole_percents([27, 25, 22], 52) == [percent(27, 52), percent(25, 52), percent(22, 52)]


distributions = st.lists(st.integers(min_value=0, max_value=500), min_size=1, max_size=12).filter(
    lambda counts: sum(counts) > 0
)


@given(distributions)
def test_whole_percents_add_to_100_when_the_counts_cover_the_base(counts):
    assert sum(whole_percents(counts, sum(counts))) == 100


@given(distributions)
def test_each_whole_percent_is_within_one_point_of_the_exact_share(counts):
    base = sum(counts)
    for count, shown in zip(counts, whole_percents(counts, base), strict=True):
        assert abs(shown - 100 * count / base) < 1


@given(distributions, st.randoms(use_true_random=False))
def test_a_count_gets_the_same_percent_whatever_the_order_of_the_options(counts, rng):
    shuffled = counts[:]
    rng.shuffle(shuffled)
    base = sum(counts)
    # Equal counts may share their points differently, so compare what each count received as a whole.
    assert sorted(zip(counts, whole_percents(counts, base), strict=True)) == sorted(
        zip(shuffled, whole_percents(shuffled, base), strict=True)
    )


@given(st.integers(min_value=0, max_value=10_000), st.integers(min_value=1, max_value=10_000))
def test_percent_is_the_exact_share_rounded_half_up(count, base):
    assert percent(count, base) == math.floor(Fraction(100 * count, base) + Fraction(1, 2))
