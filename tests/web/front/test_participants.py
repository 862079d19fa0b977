"""The participants list (personal data for organisers only) and importing a registration list."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.web.conftest import EXAMPLE

REGISTRATIONS = EXAMPLE / "registrations.csv"


def _first_person(example):
    return example.training.participants.order_by("pk").first()


def test_organisers_see_names_and_contacts(client_as, example):
    person = _first_person(example)
    page = (
        client_as("organiser")
        .get(reverse("front:participants", args=[example.training.slug]))
        .content.decode()
    )
    assert person.name in page and person.email in page


def test_analysts_see_pseudonyms_and_cities_only(client_as, example):
    person = _first_person(example)
    page = (
        client_as("analyst").get(reverse("front:participants", args=[example.training.slug])).content.decode()
    )
    assert person.name not in page and person.email not in page
    assert "P-0001" in page and person.city.name in page


def test_participants_come_fifty_to_a_page(client_as, example):
    total = example.training.participants.count()
    assert total > 50  # the example's 35 cities register more than one official each
    url = reverse("front:participants", args=[example.training.slug])
    first = client_as("analyst").get(url).content.decode()
    second = client_as("analyst").get(url + "?page=2").content.decode()
    assert "P-0050" in first and "P-0051" not in first
    assert "P-0051" in second and f"P-{total:04d}" in second


def test_another_organisations_participants_are_not_found(client_as, example):
    url = reverse("front:participants", args=[example.training.slug])
    assert client_as("outsider").get(url).status_code == 404


def test_importing_is_forbidden_to_analysts_and_hidden_from_outsiders(client_as, example):
    url = reverse("front:participants_import", args=[example.training.slug])
    for role, status in (("analyst", 403), ("outsider", 404)):
        with REGISTRATIONS.open("rb") as file:
            assert client_as(role).post(url, {"registrations": file}).status_code == status
    assert client_as("analyst").get(url).status_code == 403


@pytest.fixture
def empty_training(client_as, example):
    """A new training of the example's organisation, created through the page."""
    from citybridge.web.trainings.models import Training

    client_as("organiser").post(
        reverse("front:training_new"),
        {"organisation": example.training.organisation.pk, "title": "Round two"},
    )
    return Training.objects.get(title="Round two")


def test_a_good_registration_list_creates_the_participants(client_as, empty_training):
    client = client_as("organiser")
    url = reverse("front:participants_import", args=[empty_training.slug])
    with REGISTRATIONS.open("rb") as file:
        response = client.post(url, {"registrations": file}, follow=True)
    rows = len(REGISTRATIONS.read_text(encoding="utf-8").strip().splitlines()) - 1
    assert empty_training.participants.count() == rows
    assert f"{rows} new participants, 0 already registered" in response.content.decode()
    with REGISTRATIONS.open("rb") as file:
        again = client.post(url, {"registrations": file}, follow=True).content.decode()
    assert f"0 new participants, {rows} already registered" in again
    assert empty_training.participants.count() == rows


def test_a_bad_registration_list_names_row_and_field_and_stores_nothing(client_as, empty_training, tmp_path):
    lines = REGISTRATIONS.read_text(encoding="utf-8").splitlines()
    lines[3] = lines[3].replace("@bukhara.example.uz", " at bukhara")  # row 4: a broken e-mail address
    bad = tmp_path / "registrations-bad.csv"
    bad.write_text("\n".join(lines) + "\n", encoding="utf-8")
    url = reverse("front:participants_import", args=[empty_training.slug])
    with bad.open("rb") as file:
        response = client_as("organiser").post(url, {"registrations": file})
    assert response.status_code == 200
    report = response.content.decode()
    report = report[report.index('id="problems"') :]
    assert "registrations-bad.csv" in report and "nothing was stored" in report
    assert '<td class="number">4</td><td>email</td>' in report
    assert "is not an e-mail address" in report
    assert empty_training.participants.count() == 0


def test_a_file_that_is_not_a_list_is_refused_with_a_message(client_as, empty_training, tmp_path):
    notes = tmp_path / "notes.txt"
    notes.write_text("hello", encoding="utf-8")
    url = reverse("front:participants_import", args=[empty_training.slug])
    with notes.open("rb") as file:
        page = client_as("organiser").post(url, {"registrations": file}).content.decode()
    assert "notes.txt is not a CSV or XLSX file" in page
    assert empty_training.participants.count() == 0
