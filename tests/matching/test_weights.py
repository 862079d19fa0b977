"""Weights: the defaults, a user's file overriding some of them, and clear errors."""

from __future__ import annotations

import pytest

from citybridge.matching.weights import COMPONENTS, WeightsError, load_weights


def test_defaults_weigh_every_component():
    weights = load_weights()
    assert set(weights.weights) == set(COMPONENTS)
    # Only a component the real pairs gave a negative weight (clipped to 0) may weigh nothing.
    assert [c for c in COMPONENTS if weights[c] == 0] == ["country_links"]


def test_the_hand_set_baseline_weighs_only_the_original_components():
    hand = load_weights(learned=False)
    assert {c for c in COMPONENTS if hand[c] > 0} == {"fit", "preference", "tie", "size", "distance"}


def test_the_learned_weights_replace_the_hand_set_ones_of_their_components():
    learned, hand = load_weights(), load_weights(learned=False)
    assert learned["fit"] == hand["fit"] and learned["distance"] != hand["distance"]


def test_a_user_file_replaces_only_the_keys_it_names(tmp_path):
    path = tmp_path / "mine.toml"
    path.write_text("[weights]\ndistance = 0\n[scales]\ndistance_km = 500\n", encoding="utf-8")
    mine, default = load_weights(path), load_weights()
    assert mine["distance"] == 0 and mine.distance_km == 500
    assert mine["fit"] == default["fit"] and mine.size_factor == default.size_factor


def test_holding_a_component_out_sets_only_its_weight_to_zero():
    held = load_weights().without("preference")
    assert held["preference"] == 0 and held["fit"] == load_weights()["fit"]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[weights]\nfitness = 1\n", "[weights] fitness: unknown component; known: fit, preference"),
        ("[weights]\nfit = -1\n", "[weights] fit: -1 must be a number of at least 0"),
        ("[weights]\nfit = 'high'\n", "[weights] fit: 'high' must be a number"),
        (
            "[scales]\ncountry_tie = 2\n",
            "[scales] country_tie: 2 must be a number of at least 0 and at most 1",
        ),
        ("[weight]\nfit = 1\n", "unknown table [weight]"),
        (
            "[weights]\n" + "".join(f"{c} = 0\n" for c in COMPONENTS),
            "every weight is 0",
        ),
        ("[weights\n", "not valid TOML"),
    ],
)
def test_errors_name_the_file_and_the_key(tmp_path, text, message):
    path = tmp_path / "mine.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(WeightsError) as error:
        load_weights(path)
    assert str(error.value).startswith(str(path)) and message in str(error.value)
