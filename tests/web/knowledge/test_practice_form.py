"""Good practices added and edited in the web pages, by organisers only, with the file's rules."""

from __future__ import annotations

from django.urls import reverse

from citybridge.web.knowledge.models import Practice

NEW = {
    "title": "Evening bazaars in the old town",
    "lecture": "",
    "speaker": "Dilnoza Yusupova",
    "place": "Samarkand",
    "sectors": ["tourism", "trade"],
    "key_points": "Open the old streets after dark.\n\nLet local makers sell there.",
    "source": "Notes of the city visit, 2021",
    "note": "",
}


def test_an_organiser_adds_a_practice_that_the_hub_then_finds(client_as, example):
    client = client_as("organiser")
    answer = client.post(reverse("knowledge:practice_new", args=[example.training.slug]), NEW)
    assert answer.status_code == 302
    stored = Practice.objects.get(training=example.training, title=NEW["title"])
    assert stored.key_points == ["Open the old streets after dark.", "Let local makers sell there."]
    assert (stored.sectors, stored.lecture, stored.key) == (
        ["tourism", "trade"],
        None,
        "evening-bazaars-in-the-old-town",
    )
    assert (
        stored.position > Practice.objects.filter(training=example.training).exclude(pk=stored.pk).count() - 1
    )
    page = client.get(reverse("knowledge:home"), {"q": "bazaars"}).content.decode()
    assert NEW["title"] in page


def test_an_organiser_edits_a_practice_in_place(client_as, example):
    practice = Practice.objects.filter(training=example.training).first()
    client = client_as("organiser")
    url = reverse("knowledge:practice_edit", args=[practice.pk])
    form = client.get(url).content.decode()
    assert practice.title in form and practice.key_points[0] in form
    lecture = example.training.lectures.get(number=2)
    edited = {**NEW, "title": "A better title", "lecture": str(lecture.pk)}
    assert client.post(url, edited).status_code == 302
    practice.refresh_from_db()
    assert (practice.title, practice.lecture, practice.key) == ("A better title", lecture, practice.key)


def test_a_practice_without_key_points_or_sector_is_refused_and_nothing_is_saved(client_as, example):
    before = Practice.objects.count()
    answer = client_as("organiser").post(
        reverse("knowledge:practice_new", args=[example.training.slug]),
        {**NEW, "key_points": "  ", "sectors": []},
    )
    page = answer.content.decode()
    assert (
        answer.status_code == 400 and "Write at least one key point." in page and "Nothing was saved" in page
    )
    assert NEW["title"] in page  # what was typed stays
    assert Practice.objects.count() == before


def test_analysts_may_not_add_or_edit_practices_and_outsiders_do_not_find_them(client_as, example):
    practice = Practice.objects.filter(training=example.training).first()
    new = reverse("knowledge:practice_new", args=[example.training.slug])
    edit = reverse("knowledge:practice_edit", args=[practice.pk])
    assert client_as("analyst").post(new, NEW).status_code == 403
    assert client_as("analyst").post(edit, NEW).status_code == 403
    assert client_as("outsider").post(edit, NEW).status_code == 404
    assert (
        'id="edit-practice"'
        not in client_as("analyst").get(reverse("knowledge:practice", args=[practice.pk])).content.decode()
    )
    assert not Practice.objects.filter(title=NEW["title"]).exists()


def test_editing_a_practices_title_drops_only_that_translation_which_then_shows_marked(client_as, example):
    practice = Practice.objects.get(training=example.training, key="suzhou-industrial-park")
    client = client_as("organiser")
    url = reverse("knowledge:practice_edit", args=[practice.pk])
    edited = {
        "title": "Suzhou Industrial Park", "lecture": str(practice.lecture_id), "speaker": practice.speaker,
        "place": practice.place, "sectors": practice.sectors, "key_points": "\n".join(practice.key_points),
        "source": practice.source, "note": practice.note,
    }  # fmt: skip
    kept = practice.translations["ru"]["key_points"]
    assert client.post(url, edited).status_code == 302
    practice.refresh_from_db()
    assert "title" not in practice.translations["ru"] and practice.translations["ru"]["key_points"] == kept
    client.cookies["django_language"] = "ru"
    page = client.get(reverse("knowledge:practice", args=[practice.pk])).content.decode()
    assert "Suzhou Industrial Park (на языке: английский)" in page and kept[0] in page
