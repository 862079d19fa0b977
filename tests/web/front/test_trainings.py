"""The trainings list, creating a training, the training page and loading a programme file."""

from __future__ import annotations

import html
import json
import re

import pytest
from django.urls import reverse

from citybridge.web.trainings.models import Training


@pytest.mark.parametrize("role", ["organiser", "analyst"])
def test_home_lists_the_example_training_with_its_response_figures(role, client_as, example):
    page = client_as(role).get(reverse("front:home")).content.decode()
    assert example.training.title in page
    assert "Another training" not in page  # another organisation's
    registered = example.training.participants.count()
    assert f">{registered}<" in page


def test_only_organisers_see_the_new_training_button(client_as, example):
    new = reverse("front:training_new")
    assert new in client_as("organiser").get(reverse("front:home")).content.decode()
    assert new not in client_as("analyst").get(reverse("front:home")).content.decode()


def test_analysts_cannot_open_the_new_training_form(client_as):
    assert client_as("analyst").get(reverse("front:training_new")).status_code == 403


def test_an_organiser_creates_a_training_in_their_organisation(client_as, example):
    organisation = example.training.organisation
    response = client_as("organiser").post(
        reverse("front:training_new"),
        {
            "organisation": organisation.pk,
            "title": "Smart cities 2021",
            "starts_on": "2021-05-10",
            "ends_on": "2021-05-12",
            "languages": ["en", "ru"],
            "hosts": "GSBE\n\n UNDP Uzbekistan ",
        },
    )
    created = Training.objects.get(title="Smart cities 2021")
    assert response.status_code == 302 and response.url == reverse("front:training", args=[created.slug])
    assert created.organisation == organisation
    assert created.languages == ["en", "ru"] and created.hosts == ["GSBE", "UNDP Uzbekistan"]


def test_new_training_form_names_each_wrong_field(client_as, example):
    response = client_as("organiser").post(
        reverse("front:training_new"),
        {"organisation": example.training.organisation.pk, "title": "", "starts_on": "2021-05-10",
         "ends_on": "2021-05-01"},
    )  # fmt: skip
    form = response.context["form"]
    assert set(form.errors) == {"title", "ends_on"}
    assert "cannot end before it starts" in response.content.decode()
    assert not Training.objects.filter(starts_on="2021-05-10").exists()


def test_an_organiser_cannot_create_a_training_in_another_organisation(client_as, example, other_training):
    response = client_as("organiser").post(
        reverse("front:training_new"), {"organisation": other_training.organisation.pk, "title": "Sneaky"}
    )
    assert "organisation" in response.context["form"].errors
    assert not Training.objects.filter(title="Sneaky").exists()


@pytest.mark.parametrize("role", ["organiser", "analyst"])
def test_training_page_shows_programme_participants_and_surveys(role, client_as, example):
    page = client_as(role).get(reverse("front:training", args=[example.training.slug])).content.decode()
    first = example.training.lectures.select_related("speaker").order_by("number").first()
    assert first.title in page and first.speaker.name in page and first.speaker.affiliation in page
    assert example.survey.form_id in page
    assert example.survey.current_version().version in page
    assert str(example.survey.submissions.count()) in page
    assert reverse("front:participants", args=[example.training.slug]) in page


def test_training_page_offers_set_up_actions_to_organisers_only(client_as, example):
    url = reverse("front:training", args=[example.training.slug])
    upload = reverse("front:survey_upload", args=[example.training.slug])
    assert upload in client_as("organiser").get(url).content.decode()
    assert upload not in client_as("analyst").get(url).content.decode()


def test_another_organisations_training_is_not_found(client_as, example, other_training):
    client = client_as("outsider")
    assert client.get(reverse("front:training", args=[example.training.slug])).status_code == 404
    assert client.get(reverse("front:training", args=[other_training.slug])).status_code == 200


def _programme(tmp_path, **training):
    data = {
        "training": {"slug": "somewhere-else", "organisation": {"name": "Other Office", "slug": "other-office"},
                     **training},
        "speakers": [{"key": "aziz", "name": "Aziz Karimov", "affiliation": "Tashkent City Hall"}],
        "lectures": [{"number": 1, "title": "Budgeting for parks", "speaker": "aziz",
                      "materials": [{"title": "Slides", "url": "https://example.org/slides.pdf"}, "javascript:alert(1)"]}],
    }  # fmt: skip
    path = tmp_path / "programme.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def test_a_programme_file_loads_into_this_training_only(client_as, example, other_training, tmp_path):
    client = client_as("organiser")
    client.post(
        reverse("front:training_new"), {"organisation": example.training.organisation.pk, "title": "Parks"}
    )
    parks = Training.objects.get(title="Parks")
    with _programme(tmp_path, title="").open("rb") as file:
        response = client.post(reverse("front:programme_load", args=[parks.slug]), {"programme": file})
    assert response.status_code == 302
    parks.refresh_from_db()
    assert parks.title == "Parks" and parks.organisation == example.training.organisation
    assert not Training.objects.filter(slug="somewhere-else").exists()
    assert other_training.lectures.count() == 0
    page = client.get(reverse("front:training", args=[parks.slug])).content.decode()
    assert "Budgeting for parks" in page and "Aziz Karimov" in page
    assert 'href="https://example.org/slides.pdf"' in page and "javascript:" not in page


def test_a_broken_programme_file_is_refused_with_its_reason(client_as, example, tmp_path):
    path = tmp_path / "programme.json"
    path.write_text('{"lectures": [', encoding="utf-8")
    client = client_as("organiser")
    url = reverse("front:programme_load", args=[example.training.slug])
    with path.open("rb") as file:
        page = client.post(url, {"programme": file}, follow=True).content.decode()
    assert "Nothing was loaded" in page and "not valid JSON" in page


def test_loading_a_programme_is_forbidden_to_analysts_and_hidden_from_outsiders(client_as, example, tmp_path):
    url = reverse("front:programme_load", args=[example.training.slug])
    for role, status in (("analyst", 403), ("outsider", 404)):
        with _programme(tmp_path).open("rb") as file:
            assert client_as(role).post(url, {"programme": file}).status_code == status


def test_a_new_administrator_is_told_to_add_an_organisation_first(db):
    from django.test import Client
    from django.urls import reverse

    from citybridge.web.accounts.people import create_user

    client = Client()
    client.force_login(create_user("first-admin", "a-long-test-password-42", admin=True))
    page = client.get(reverse("front:training_new")).content.decode()
    assert "There is no organisation you may manage yet" in page


def test_a_programme_that_would_change_the_trainings_details_asks_first(client_as, example, tmp_path):
    training = example.training
    title, lectures = training.title, training.lectures.count()
    client = client_as("organiser")
    url = reverse("front:programme_load", args=[training.slug])
    with _programme(tmp_path, title="Another title", hosts=["Someone else"]).open("rb") as file:
        page = client.post(url, {"programme": file})
    body = page.content.decode()
    assert page.status_code == 200 and 'id="changes"' in body
    assert "Another title" in body and title in body and "Someone else" in body
    training.refresh_from_db()
    assert training.title == title and training.lectures.count() == lectures  # nothing loaded yet
    text = re.search(r'<textarea name="programme_text" hidden>(.*?)</textarea>', body, re.S)[1]
    kept = client.post(
        url, {"programme_text": html.unescape(text), "name": "programme.json", "details": "keep"}
    )
    assert kept.status_code == 302
    training.refresh_from_db()
    assert training.title == title and training.lectures.filter(title="Budgeting for parks").exists()
    client.post(url, {"programme_text": html.unescape(text), "name": "programme.json", "details": "replace"})
    training.refresh_from_db()
    assert training.title == "Another title" and training.hosts == ["Someone else"]


def test_a_lecture_typed_in_the_form_joins_the_programme(client_as, example):
    client = client_as("organiser")
    url = reverse("front:programme_lecture", args=[example.training.slug])
    before = example.training.title
    answer = client.post(url, {
        "number": 42, "title": "Night markets", "speaker": "Dilnoza Yusupova", "affiliation": "Samarkand city hall",
        "language": "uz", "topics": "tourism, evening economy",
        "materials": "Slides | https://example.org/night.pdf\njavascript:alert(1)",
    }, follow=True)  # fmt: skip
    page = answer.content.decode()
    assert "Lecture 42 saved." in page
    lecture = example.training.lectures.get(number=42)
    assert (lecture.title, lecture.speaker.name, lecture.topics) == (
        "Night markets", "Dilnoza Yusupova", ["tourism", "evening economy"],
    )  # fmt: skip
    assert 'href="https://example.org/night.pdf"' in page and "javascript:" not in page
    example.training.refresh_from_db()
    assert example.training.title == before


def test_a_lecture_without_a_title_is_refused_with_the_field_named(client_as, example):
    url = reverse("front:programme_lecture", args=[example.training.slug])
    page = client_as("organiser").post(url, {"number": 43}, follow=True).content.decode()
    assert "The lecture was not saved" in page and "Title" in page
    assert not example.training.lectures.filter(number=43).exists()


def test_the_training_page_shows_the_stored_russian_title_organisations_and_lectures(client_as, example):
    client = client_as("organiser")
    client.cookies["django_language"] = "ru"
    page = client.get(reverse("front:training", args=[example.training.slug])).content.decode()
    assert "<h1>Преобразование городов через развитие бизнеса и сферы услуг</h1>" in page
    assert "Transforming the Cities by Developing" not in page
    assert "Министерство экономического развития" in page


def test_every_organiser_page_names_the_training_in_the_pages_language(client_as, example):
    client = client_as("organiser")
    client.cookies["django_language"] = "ru"
    for url in (reverse("front:home"), reverse("front:dashboard", args=[example.training.slug])):
        page = client.get(url).content.decode()
        assert "Преобразование городов через развитие бизнеса и сферы услуг" in page, url
        assert "Transforming the Cities by Developing" not in page, url
