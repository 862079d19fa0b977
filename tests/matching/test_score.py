"""The score: components that add up, modes, each component's formula, and top k agreeing with the table."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from citybridge.matching import Scorer, load_weights
from citybridge.matching.score import distance_km
from tests.matching.conftest import city

SECTORS = ("sme", "tourism", "industrial_parks", "trade_investment", "digitalisation")


def test_components_add_up_to_the_score(cities, partners):
    scores = Scorer(partners, mode="deepen").score(cities)
    assert np.allclose(sum(scores.components.values()), scores.total)
    assert (scores.total >= 0).all() and (scores.total <= 1 + 1e-9).all()


def test_mode_new_leaves_tied_pairs_out_and_deepen_adds_the_tie(cities, partners):
    new, deepen = Scorer(partners, mode="new").score(cities), Scorer(partners, mode="deepen").score(cities)
    row = [c.key for c in cities].index("bukhara")
    column = [p.key for p in partners].index("luoyang")
    assert new.total[row, column] == -np.inf and column not in new.ranked(row)
    assert deepen.components["tie"][row, column] == load_weights()["tie"]
    assert (new.components["tie"] == 0).all()


def test_a_tie_with_the_partners_country_counts_part_of_a_tie(cities, partners):
    scores = Scorer(partners, mode="deepen").score(cities)
    row = [c.key for c in cities].index("namangan")
    weights = load_weights()
    for column, partner in enumerate(partners):
        expected = weights["tie"] * weights.country_tie if partner.country == "CN" else 0.0
        assert scores.components["tie"][row, column] == pytest.approx(expected)


def test_preference_is_the_share_of_the_citys_respondents_naming_the_partner():
    scores = Scorer([city("suzhou"), city("lanzhou")]).score(
        [city("a", respondents=4, preferences={"suzhou": 3})]
    )
    assert scores.components["preference"][0].tolist() == pytest.approx(
        [0.75 * load_weights()["preference"], 0]
    )


def test_fit_is_the_cosine_of_priorities_and_strengths():
    requesting = city("a", priorities={"tourism": 3, "sme": 4})
    partners = [
        city("p", strengths=("tourism", "sme")),
        city("q", strengths=("mining",)),
        city("r", strengths=("sme",)),
    ]
    fit = Scorer(partners).score([requesting]).components["fit"][0] / load_weights()["fit"]
    assert fit.tolist() == pytest.approx([7 / (5 * math.sqrt(2)), 0, 4 / 5])


def test_sector_aliases_count_as_their_sector():
    fit = Scorer([city("p", strengths=("services",))]).score([city("a", priorities={"service": 2})])
    assert fit.components["fit"][0, 0] == pytest.approx(load_weights()["fit"])


def test_an_unknown_sector_is_a_clear_error():
    with pytest.raises(ValueError, match="city profile 'p': 'banking' is not a sector"):
        Scorer([city("p", strengths=("banking",))])


def test_distance_is_great_circle_and_decreasing():
    tashkent = city("t", latitude=41.26465, longitude=69.21627)
    beijing = city("b", latitude=39.9075, longitude=116.39723)
    assert distance_km(tashkent, beijing) == pytest.approx(3_960, rel=0.01)
    near, far = city("n", latitude=41.3, longitude=69.3), city("f", latitude=31.2, longitude=121.5)
    component = Scorer([near, beijing, far]).score([tashkent]).components["distance"][0]
    assert component[0] > component[1] > component[2] > 0


def test_size_is_highest_for_equal_populations_and_symmetric():
    sizes = [city(str(n), population=n) for n in (100_000, 1_000_000, 10_000_000)]
    size = Scorer(sizes).score(sizes).components["size"] / load_weights()["size"]
    assert np.allclose(size, size.T) and np.allclose(np.diag(size), 1)
    assert size[0, 1] == pytest.approx(math.exp(-1))  # one size_factor (10x) apart


def test_missing_population_or_coordinates_never_help():
    scores = Scorer([city("p", population=5, latitude=1.0, longitude=1.0)]).score([city("a")])
    assert scores.components["size"][0, 0] == 0 and scores.components["distance"][0, 0] == 0


def test_a_weight_of_zero_holds_its_component_out(cities, partners):
    scores = Scorer(partners, load_weights().without("preference")).score(cities)
    assert (scores.components["preference"] == 0).all()


def test_unknown_mode_is_refused(partners):
    with pytest.raises(ValueError, match="mode 'old'"):
        Scorer(partners, mode="old")


profiles = st.builds(
    lambda key, priorities, strengths, population, lat, lon: city(
        key, priorities=priorities, strengths=strengths, population=population, latitude=lat, longitude=lon
    ),
    key=st.uuids().map(str),
    priorities=st.dictionaries(st.sampled_from(SECTORS), st.integers(1, 9), max_size=4),
    strengths=st.lists(st.sampled_from(SECTORS), max_size=3, unique=True).map(tuple),
    population=st.one_of(st.none(), st.integers(1_000, 30_000_000)),
    lat=st.floats(-80, 80),
    lon=st.floats(-179, 179),
)


@settings(max_examples=40, deadline=None)
@given(
    st.lists(profiles, min_size=1, max_size=6), st.lists(profiles, min_size=1, max_size=12), st.integers(1, 5)
)
def test_top_k_in_blocks_agrees_with_the_whole_table(requesting, partners, k):
    scorer = Scorer(partners)
    indices, best = scorer.top(requesting, k)
    table = scorer.score(requesting)
    for row in range(len(requesting)):
        expected = np.sort(table.total[row])[::-1][: min(k, len(partners))]
        assert best[row].tolist() == pytest.approx(expected.tolist())
        assert table.total[row, indices[row]].tolist() == pytest.approx(best[row].tolist())


def test_no_requesting_cities_give_an_empty_table_and_no_partners_an_error(partners):
    assert Scorer(partners).score([]).total.shape == (0, len(partners))
    with pytest.raises(ValueError, match="the partner catalogue is empty"):
        Scorer([])
