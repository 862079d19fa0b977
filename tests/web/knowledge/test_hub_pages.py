"""The hub's pages: lectures, speakers and practices for the organisation's people, nothing for others."""

from __future__ import annotations

import pytest
from django.urls import reverse

from citybridge.web.knowledge.models import Practice


@pytest.mark.parametrize("role", ["organiser", "analyst", "admin"])
def test_the_hub_lists_the_lectures_speakers_and_practices_of_the_training(client_as, example, role):
    page = client_as(role).get(reverse("knowledge:home"))
    assert page.status_code == 200
    text = page.content.decode()
    assert "Public-Private Partnership (PPP) model" in text
    assert "Yingchen Li" in text and "School of Architecture, Southeast University" in text
    assert "Vocational education run jointly by government, schools and employers" in text
    assert "Public-private partnership" in text  # a sector label, not its slug


def test_an_outsider_sees_none_of_the_training_and_gets_404_on_its_practice(client_as, example):
    outsider = client_as("outsider")
    text = outsider.get(reverse("knowledge:home")).content.decode()
    assert "Yingchen Li" not in text and "Vocational education run jointly" not in text
    practice = Practice.objects.filter(training=example.training).first()
    assert outsider.get(reverse("knowledge:practice", args=[practice.pk])).status_code == 404
    speaker = example.training.lectures.first().speaker
    assert outsider.get(reverse("knowledge:speaker", args=[speaker.pk])).status_code == 404
    assert outsider.get(reverse("knowledge:home") + f"?training={example.training.slug}").status_code == 200
    assert (
        "Yingchen Li"
        not in outsider.get(reverse("knowledge:home") + f"?training={example.training.slug}").content.decode()
    )


def test_a_partner_contact_may_not_open_the_hub_and_a_visitor_must_log_in(client_as, example):
    assert client_as("partner").get(reverse("knowledge:home")).status_code == 403
    assert client_as("anonymous").get(reverse("knowledge:home")).status_code == 302


def test_a_practice_page_shows_its_lecture_speaker_place_sectors_key_points_and_source(client_as, example):
    practice = Practice.objects.get(
        training=example.training, key="vocational-education-government-schools-employers"
    )
    text = client_as("analyst").get(reverse("knowledge:practice", args=[practice.pk])).content.decode()
    assert "2. Vocational education" in text or f"{practice.lecture.number}. " in text
    assert "Jing Xiang" in text
    assert "Hunan Province and Jiaxing, China" in text
    assert "Vocational education" in text
    assert "schools trained for jobs that no longer matched" in text
    assert "Training report, December 2020 — lecture 2" in text and ".txt" not in text


def test_a_speaker_page_shows_the_bio_and_the_lectures(client_as, example):
    lecture = example.training.lectures.get(number=1)
    text = client_as("analyst").get(reverse("knowledge:speaker", args=[lecture.speaker.pk])).content.decode()
    assert lecture.speaker.bio[:40] in text
    assert lecture.title in text


def test_the_training_filter_keeps_to_one_training(client_as, example, other_training):
    admin = client_as("admin")
    only_other = admin.get(reverse("knowledge:home") + f"?training={other_training.slug}").content.decode()
    assert "Yingchen Li" not in only_other
    only_example = admin.get(
        reverse("knowledge:home") + f"?training={example.training.slug}"
    ).content.decode()
    assert "Yingchen Li" in only_example


def test_the_page_speaks_russian_with_sector_labels_in_russian(client_as, example):
    client = client_as("analyst")
    client.cookies["django_language"] = "ru"
    text = client.get(reverse("knowledge:home")).content.decode()
    assert "Государственно-частное партнёрство" in text
    assert "Докладчики" in text and "7 лекций" in text  # the page's own words, with Russian plurals


def test_materials_become_links_only_when_they_are_web_addresses(client_as, example):
    lecture = example.training.lectures.get(number=1)
    lecture.materials = [
        {"title": "Slides", "url": "https://example.org/slides.pdf"},
        {"title": "Trap", "url": "javascript:alert(1)"},
    ]
    lecture.save()
    text = client_as("analyst").get(reverse("knowledge:home")).content.decode()
    assert 'href="https://example.org/slides.pdf"' in text
    assert "javascript:" not in text


@pytest.mark.parametrize(
    ("language", "title", "source", "note"),
    [
        (
            "ru",
            "Сучжоуский индустриальный парк",
            "Отчёт о тренинге, декабрь 2020 г. — лекция 3",
            "Примечание редакции",
        ),
        ("uz", "Suzhou sanoat parki", "Trening hisoboti, 2020-yil dekabr — 3-ma’ruza", "Tahririyat izohi"),
        (
            "uz-cyrl",
            "Сучжоу саноат парки",
            "Тренинг ҳисоботи, 2020 йил декабрь — 3-маъруза",
            "Таҳририят изоҳи",
        ),
    ],
)
def test_a_practice_page_speaks_the_pages_language_with_a_reader_facing_source_and_an_editors_note(
    client_as, example, language, title, source, note
):
    practice = Practice.objects.get(training=example.training, key="suzhou-industrial-park")
    client = client_as("analyst")
    client.cookies["django_language"] = language
    text = client.get(reverse("knowledge:practice", args=[practice.pk])).content.decode()
    assert title in text and source in text and f"{note}:" in text
    assert "Suzhou Industrial Park" not in text and "our reading" not in text and ".txt" not in text


def test_a_practice_typed_in_the_page_without_translations_is_marked_as_english_in_russian(
    client_as, example
):
    practice = Practice.objects.get(training=example.training, key="suzhou-industrial-park")
    practice.translations = {}
    practice.save()
    client = client_as("analyst")
    client.cookies["django_language"] = "ru"
    text = client.get(reverse("knowledge:practice", args=[practice.pk])).content.decode()
    assert "Suzhou Industrial Park and Jiangsu Province&#x27;s zones (на языке: английский)" in text


def test_the_russian_hub_names_the_lectures_as_the_training_stores_them_in_russian(client_as, example):
    client = client_as("organiser")
    client.cookies["django_language"] = "ru"
    page = client.get(reverse("knowledge:home")).content.decode()
    assert "Модель государственно-частного партнёрства (ГЧП)" in page
    assert "Public-Private Partnership (PPP) model" not in page
