"""The quality check: hit@k of the named partners with the stated preference held out."""

from __future__ import annotations

import pytest

from citybridge.matching import hit_rates
from tests.matching.conftest import city


def test_every_naming_of_the_example_is_counted(cities, partners):
    rates = hit_rates(cities, partners)
    assert rates.namings == sum(sum(c.preferences.values()) for c in cities) == 36
    assert rates.outside == 0
    assert 0 <= rates.hits[3] <= rates.hits[10] <= rates.namings
    assert rates.chance[3] == pytest.approx(3 / len(partners))


def test_the_example_hit_rates(cities, partners):
    # The example's generator drew the named partners at random, independently of the priorities,
    # so the score should do about as well as chance: the check reports that rather than flatter it.
    rates = hit_rates(cities, partners)
    assert (rates.hits[3], rates.hits[10]) == (10, 18)
    assert abs(rates.rate(10) - rates.chance[10]) < 0.2


def test_preferences_are_held_out():
    # Only the preference links the city to "named": without it, the fitting partner ranks first.
    requesting = city("a", priorities={"tourism": 1}, preferences={"named": 1}, respondents=1)
    partners = [city("fits", strengths=("tourism",)), city("named", strengths=("mining",))]
    rates = hit_rates([requesting], partners, ks=(1, 2))
    assert (rates.hits[1], rates.hits[2]) == (0, 1)


def test_a_score_that_knows_the_preferences_hits_every_time():
    requesting = [city(f"c{i}", priorities={s: 1}, preferences={f"p-{s}": 2}, respondents=2)
                  for i, s in enumerate(("tourism", "sme", "mining"))]  # fmt: skip
    partners = [city(f"p-{s}", strengths=(s,)) for s in ("tourism", "sme", "mining", "energy")]
    rates = hit_rates(requesting, partners, ks=(1,))
    assert rates.namings == 6 and rates.rate(1) == 1.0 and rates.chance[1] == pytest.approx(0.25)


def test_a_named_city_missing_from_the_catalogue_is_a_miss():
    rates = hit_rates([city("a", preferences={"atlantis": 2}, respondents=2)], [city("p")], ks=(3,))
    assert rates.namings == 2 and rates.outside == 2 and rates.hits[3] == 0
