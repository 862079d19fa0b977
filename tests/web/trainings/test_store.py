"""Trainings, programmes and registration lists in the store."""

from __future__ import annotations

import pytest

from citybridge.web.errors import RegistrationsRejected
from citybridge.web.trainings.models import Participant
from citybridge.web.trainings.store import create_training, import_registrations

HEADER = "name,position,organisation,city,email,phone,consent"
PEOPLE = (
    "Aziz Karimov,Deputy khokim,Khokimiyat,Namangan,aziz@example.uz,,yes",
    "Dilnoza Rakhimova,Khokim,Khokimiyat,Бухоро,,+998 90 123 45 67,no",
)


@pytest.fixture
def registrations(tmp_path):
    def write(*rows: str):
        path = tmp_path / "registrations.csv"
        path.write_text("\n".join([HEADER, *rows]) + "\n", encoding="utf-8")
        return path

    return write


def test_training_slugs_are_unique(db):
    first = create_training("Cities 2020")
    second = create_training("Cities 2020")
    assert (first.slug, second.slug) == ("cities-2020", "cities-2020-2")


def test_registrations_are_stored_with_the_city_as_written(training, registrations):
    report = import_registrations(training, registrations(*PEOPLE))
    assert (report.new, report.already_present) == (2, 0)
    people = {p.name: p for p in Participant.objects.select_related("city")}
    assert people["Dilnoza Rakhimova"].city.name == "Бухоро"
    assert people["Aziz Karimov"].consent and not people["Dilnoza Rakhimova"].consent


def test_reimporting_registrations_adds_nothing(training, registrations):
    import_registrations(training, registrations(*PEOPLE))
    report = import_registrations(training, registrations(*PEOPLE))
    assert (report.new, report.already_present) == (0, 2)
    assert Participant.objects.count() == 2


def test_a_bad_registration_list_stores_nothing_and_names_the_cells(training, registrations):
    path = registrations(
        PEOPLE[0], "Bobur,Khokim,Khokimiyat,Khiva,bobur-at-example,,yes", ",,,,x@example.uz,,maybe"
    )
    with pytest.raises(RegistrationsRejected) as rejected:
        import_registrations(training, path)
    assert Participant.objects.count() == 0
    assert [str(p) for p in rejected.value.problems] == [
        "registrations.csv, row 3, column 'email': value 'bobur-at-example': is not an e-mail address",
        "registrations.csv, row 4, column 'name': every participant needs a name",
        "registrations.csv, row 4, column 'consent': value 'maybe': write yes or no",
    ]


def test_skip_invalid_keeps_the_good_registrations(training, registrations):
    path = registrations(PEOPLE[0], "Bobur,Khokim,Khokimiyat,Khiva,bobur-at-example,,yes")
    report = import_registrations(training, path, skip_invalid=True)
    assert (report.new, report.rejected) == (1, 1)
