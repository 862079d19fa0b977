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
