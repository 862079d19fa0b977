"""Needs and offers entered by hand replace the survey's, field by field, with every problem named."""

from __future__ import annotations

import pytest

from citybridge.matching import load_catalogue
from citybridge.matching.manual import ManualProfileError, read_manual, with_manual
from citybridge.matching.profiles import CityProfile

CATALOGUE = load_catalogue()


def city(key, name, **fields):
    return CityProfile(key=key, place_id=None, name=name, country="UZ", population=None, latitude=None,
                       longitude=None, **fields)  # fmt: skip


PROFILES = (
    city("namangan", "Namangan", priorities={"sme": 3, "tourism": 1}, preferences={"shanghai": 2}),
    city("bukhara", "Bukhara", priorities={"tourism": 4}),
)


def test_a_field_given_by_hand_replaces_the_surveys_and_others_stay():
    changed = with_manual(
        PROFILES, [{"city": "namangan", "priorities": ["industrial_parks", "trade_investment"]}], CATALOGUE
    )
    namangan = changed[0]
    assert namangan.priorities == {"industrial_parks": 1, "trade_investment": 1}
    assert namangan.preferences == {"shanghai": 2}  # not given: the survey's
    assert changed[1] == PROFILES[1]


def test_a_city_is_found_by_name_whatever_the_case_and_can_gain_strengths_and_preferences():
    changed = with_manual(
        PROFILES, [{"city": "BUKHARA", "strengths": ["tourism"], "preferences": ["luoyang"]}], CATALOGUE
    )
    assert changed[1].strengths == ("tourism",) and changed[1].preferences == {"luoyang": 1}


def test_every_problem_is_named_with_its_entry_and_field():
    entries = [
        {"city": "Tashkant", "priorities": ["sme"]},
        {"city": "Namangan", "priorities": ["rockets"], "preferences": ["atlantis"], "mood": "good"},
    ]
    with pytest.raises(ManualProfileError) as caught:
        with_manual(PROFILES, entries, CATALOGUE, source="cities.yaml")
    text = str(caught.value)
    assert "cities.yaml, city 1 of 2: 'Tashkant' is not one of the training's cities" in text
    assert "city 2 of 2: 'priorities' has rockets, which are not sector slugs" in text
    assert "'preferences' has atlantis, which are not partner keys" in text
    assert "unknown field(s) mood" in text


def test_the_file_must_list_cities(tmp_path):
    path = tmp_path / "cities.yaml"
    path.write_text("namangan: [sme]\n", encoding="utf-8")
    with pytest.raises(ManualProfileError, match="expected a list under 'cities:'"):
        read_manual(path)
