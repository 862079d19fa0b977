"""Searching the hub: words in any stored language, case-insensitive on Cyrillic, and the sector filter."""

from __future__ import annotations

import pytest
from django.urls import reverse

from citybridge.web.knowledge import hub
from citybridge.web.knowledge.fulltext import find_ids
from citybridge.web.trainings.models import Training


def _find(example, q: str = "", sector: str = ""):
    return hub.find(Training.objects.filter(pk=example.training.pk), q, sector)


def _titles(found) -> set[str]:
    return {p.title for p in found.practices}


def test_a_word_of_its_key_points_finds_a_practice(example):
    found = _find(example, "photovoltaic")  # only in a key point, not in any title
    assert _titles(found) == {
        "Where Uzbekistan could start with PPP: information technology, sewage treatment and solar power"
    }


def test_every_word_must_occur(example):
    assert _find(example, "photovoltaic Jiaxing").count == 0


def test_a_lecture_is_found_by_a_russian_word_whatever_its_case(example):
    lecture = example.training.lectures.get(number=6)
    lecture.summary = "Как города Китая планируют новые районы и сохраняют старые улицы."
    lecture.save()
    for query in ("города", "ГОРОДА", "Города"):
        assert [found.number for found in _find(example, query).lectures] == [6], query


def test_yo_and_ye_are_the_same_letter_to_the_search(example):
    lecture = example.training.lectures.get(number=7)
    lecture.summary = "Зелёные маршруты для туристов."
    lecture.save()
    assert [found.number for found in _find(example, "ЗЕЛЕНЫЕ").lectures] == [7]


def test_uzbek_found_in_either_script(example):
    lecture = example.training.lectures.get(number=5)
    lecture.summary = "Kichik biznes va oʻzini oʻzi band qilish: shahar tajribasi."
    lecture.save()
    # (other lectures' sector, urban planning, is "shaharsozlik" in Uzbek: found as well)
    assert 5 in [found.number for found in _find(example, "ШАҲАР").lectures]
    assert [found.number for found in _find(example, "o'zini").lectures] == [5]  # a plain apostrophe


def test_a_speaker_is_found_by_a_word_of_the_bio(example):
    found = _find(example, "doctorates")
    assert [speaker.name for speaker in found.speakers] == ["Yingchen Li"]


def test_the_sector_filter_keeps_what_speaks_to_the_sector(example):
    found = _find(example, sector="tourism")
    assert [lecture.number for lecture in found.lectures] == [7]
    assert found.practices and all("tourism" in p.sectors for p in found.practices)
    assert all(any(lecture.number == 7 for lecture in s.lectures.all()) for s in found.speakers)


def test_words_and_sector_combine(example):
    assert _titles(_find(example, "photovoltaic", "energy")) == _titles(_find(example, "photovoltaic"))
    assert _find(example, "photovoltaic", "tourism").count == 0


def test_an_empty_query_matches_everything_and_a_query_of_spaces_too(example):
    assert find_ids("") is None and find_ids("   ") is None
    assert _find(example, "   ").count == _find(example).count > 0


def test_a_chinese_query_finds_its_text_with_two_characters_too(example):
    lecture = example.training.lectures.get(number=3)
    lecture.summary = "苏州湖畔夜市的经验。"
    lecture.save()
    for query in ("夜市", "湖畔夜市", "苏州湖畔夜"):  # two characters: below a trigram; four; five
        assert [found.number for found in _find(example, query).lectures] == [3], query


def test_a_sector_named_in_russian_or_chinese_finds_the_practices_of_that_sector(example):
    tourism = {p.title for p in _find(example, sector="tourism").practices}
    assert tourism and {p.title for p in _find(example, "туризм").practices} >= tourism
    assert {p.title for p in _find(example, "旅游").practices} >= tourism


def test_the_index_follows_changes_and_deletions(example):
    lecture = example.training.lectures.get(number=4)
    lecture.summary = "Уникальное словоКлюч"
    lecture.save()
    assert [found.number for found in _find(example, "словоключ").lectures] == [4]
    lecture.delete()
    assert _find(example, "словоключ").count == 0


def test_a_query_with_quotes_and_percent_signs_is_just_text(example):
    assert _find(example, '"100%" _ \\ OR NEAR(').count == 0


def test_the_page_shows_the_count_and_the_sector_names_in_the_page_language(client_as, example):
    client = client_as("analyst")
    page = client.get(reverse("knowledge:home"), {"q": "photovoltaic", "sector": "energy"}).content.decode()
    assert "1 item found" in page
    assert "Where Uzbekistan could start with PPP" in page
    client.cookies["django_language"] = "ru"
    russian = client.get(reverse("knowledge:home")).content.decode()
    assert "Туризм" in russian  # the sector select in Russian


def test_an_unknown_sector_in_the_address_is_an_error_on_the_form_not_a_crash(client_as, example):
    page = client_as("analyst").get(reverse("knowledge:home"), {"sector": "rocketry"})
    assert page.status_code == 200
    assert "Select a valid choice" in page.content.decode()


@pytest.mark.parametrize(
    "language, label",
    [
        ("uz", "Davlat-xususiy sheriklik"),
        ("uz-cyrl", "Давлат-хусусий шериклик"),
        ("zh-hans", "政府和社会资本合作（PPP）"),
    ],
)
def test_the_sector_select_speaks_the_page_language(client_as, example, language, label):
    client = client_as("analyst")
    client.cookies["django_language"] = language
    page = client.get(reverse("knowledge:home"), {"sector": "ppp"}).content.decode()
    assert f'<option value="ppp" selected>{label}</option>' in page
