"""A training's city profiles are the same cities whatever the language they are written in."""

from __future__ import annotations

import pytest

from citybridge.web.partnerships.matching import city_profiles


@pytest.mark.parametrize("language", ["ru", "uz-Cyrl", "zh"])
def test_a_city_registered_by_its_choice_name_is_not_counted_again_in_another_language(example, language):
    english = city_profiles(example.training)
    other = city_profiles(example.training, language=language)
    assert [p.key for p in other] == [p.key for p in english]
    khovos = next(p for p in other if p.key == "khovos")
    assert khovos.respondents > 0  # its answers, not a second, silent Khovos


def test_a_city_that_did_not_answer_is_named_by_the_survey_list_in_the_reports_language(example):
    silent = {p.key: p for p in city_profiles(example.training, language="ru") if not p.respondents}
    assert silent["guliston"].name == "Гулистан"  # registered as "Gulistan"; the gazetteer says Guliston
    english = {p.key: p for p in city_profiles(example.training) if not p.respondents}
    assert english["guliston"].name == "Gulistan"
