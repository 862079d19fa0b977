"""The evaluation on real pairs: learned on some regions, judged on the others, beside baselines."""

from __future__ import annotations

import numpy as np
import pytest

from citybridge.matching.realeval import BASELINES, KS, evaluate
from citybridge.matching.realpairs import RealPairs, gazetteer_places


@pytest.fixture(scope="module")
def near_pairs() -> RealPairs:
    """Large cities of Europe and Asia, each paired with its 3 nearest: pairs that distance explains."""
    places = gazetteer_places()
    chosen = np.flatnonzero(np.isin(places.regions, ["EU", "AS"]) & (places.population > 400_000))
    lat, lon = np.radians(places.latitude[chosen]), np.radians(places.longitude[chosen])
    unit = np.stack([np.cos(lat) * np.cos(lon), np.cos(lat) * np.sin(lon), np.sin(lat)], axis=1)
    nearest = np.argsort(-(unit @ unit.T), axis=1)[:, 1:4]
    edges = np.sort(np.stack([np.repeat(chosen, 3), chosen[nearest.ravel()]], axis=1), axis=1)
    edges = np.unique(edges, axis=0)
    return RealPairs("synthetic", len(edges), edges, 2 * len(edges), 2 * len(edges))


@pytest.fixture(scope="module")
def evaluated(near_pairs):
    return evaluate(near_pairs, seed=1)


def test_no_region_is_both_learned_from_and_judged_on(evaluated):
    found = evaluated
    assert not set(found.learning_regions) & set(found.judged_regions)
    assert found.judged_regions == ("AS",) and found.learning_pairs > 0 and found.judged_pairs > 0


def test_every_method_is_measured_in_the_same_run_and_hits_grow_with_k(evaluated):
    found = evaluated
    assert set(found.methods) == {"learned", "hand-set", *BASELINES}
    for figures in found.methods.values():
        hits = [figures.hits[k] for k in KS]
        assert hits == sorted(hits) and hits[0] >= 0 and hits[-1] <= 1
        assert 0 < figures.mrr <= 1 and 0 < figures.coverage <= 1


def test_pairs_that_distance_explains_are_found_by_nearest_and_by_the_learned_weights(evaluated):
    found = evaluated
    assert found.weights["distance"] > 0
    assert found.methods["nearest"].hits[10] > 0.5
    assert found.methods["learned"].hits[10] > 5 * found.methods["random"].hits[10]


def test_the_same_seed_gives_the_same_figures(near_pairs, evaluated):
    again = evaluate(near_pairs, seed=1)
    assert again.methods == evaluated.methods and again.weights == evaluated.weights


def test_the_pairs_learned_from_get_the_same_components_as_the_pairs_ranked(near_pairs):
    from citybridge.matching import realeval
    from citybridge.matching.weights import load_weights

    graph = realeval._graph(near_pairs, 0.2, np.random.default_rng(0))
    rows, columns = np.arange(0, 60), np.arange(30, 90)
    one_by_one = realeval._pairwise(graph, rows, columns, load_weights())
    table = realeval.components(graph, rows, columns, load_weights())
    for name, values in table.items():
        assert np.allclose(np.diagonal(values), one_by_one[name]), name
