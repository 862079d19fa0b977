"""The organiser's links page: personal links for every participant, the open link, the CSV."""

from __future__ import annotations

import csv
import io

import pytest

from citybridge.web.participate.links import spreadsheet_safe
from citybridge.web.participate.models import SurveyLink

LINKS = "/s/manage/{}/links/"
CSV = "/s/manage/{}/links.csv"


def test_the_organiser_creates_every_missing_personal_link_and_sees_them(example, client_as):
    survey = example.survey
    organiser = client_as("organiser")
    page = organiser.get(LINKS.format(survey.slug)).content.decode()
    participants = list(survey.training.participants.all())
    assert participants, "the example registers participants"
    assert 'id="create-links"' in page
    response = organiser.post(LINKS.format(survey.slug), {"make": "personal"})
    assert response.status_code == 302
    assert survey.links.filter(participant__isnull=False).count() == len(participants)
    page = organiser.get(LINKS.format(survey.slug)).content.decode()
    some = survey.links.filter(participant__isnull=False).first()
    assert f"http://testserver/s/{some.token}/" in page  # the full address, ready to send
    assert 'id="create-links"' not in page
    organiser.post(LINKS.format(survey.slug), {"make": "personal"})  # again: nothing new
    assert survey.links.filter(participant__isnull=False).count() == len(participants)


def test_the_open_link_is_created_once(example, client_as):
    organiser = client_as("organiser")
    organiser.post(LINKS.format(example.survey.slug), {"make": "open"})
    organiser.post(LINKS.format(example.survey.slug), {"make": "open"})
    open_links = example.survey.links.filter(participant__isnull=True)
    assert open_links.count() == 1
    page = organiser.get(LINKS.format(example.survey.slug)).content.decode()
    assert f"http://testserver/s/{open_links.get().token}/" in page


def test_tokens_are_long_and_unguessable(example, client_as):
    client_as("organiser").post(LINKS.format(example.survey.slug), {"make": "personal"})
    tokens = list(SurveyLink.objects.values_list("token", flat=True))
    assert len(set(tokens)) == len(tokens)
    assert all(len(token) >= 32 for token in tokens)


def test_the_csv_lists_name_email_phone_city_and_link_per_participant(example, client_as):
    organiser = client_as("organiser")
    organiser.post(LINKS.format(example.survey.slug), {"make": "personal"})
    response = organiser.get(CSV.format(example.survey.slug))
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert list(rows[0]) == ["name", "email", "phone", "city", "link"]
    link = example.survey.links.select_related("participant__city").filter(participant__isnull=False).first()
    person = link.participant
    row = next(r for r in rows if r["link"] == f"http://testserver/s/{link.token}/")
    assert row["name"] == spreadsheet_safe(person.name)
    assert row["email"] == person.email
    assert row["city"] == (person.city.name if person.city else "")
    assert len(rows) == example.survey.training.participants.count()


@pytest.mark.parametrize(
    ("role", "status"),
    [("organiser", 200), ("admin", 200), ("analyst", 403), ("partner", 403), ("outsider", 404)],
)
def test_the_links_page_and_csv_are_for_the_surveys_organisers_only(example, client_as, role, status):
    client = client_as(role)
    assert client.get(LINKS.format(example.survey.slug)).status_code == status
    assert client.get(CSV.format(example.survey.slug)).status_code == status
    made = client.post(LINKS.format(example.survey.slug), {"make": "personal"}).status_code
    assert made == (302 if status == 200 else status)


def test_refused_roles_create_no_links(example, client_as):
    for role in ("analyst", "partner", "outsider", "anonymous"):
        client_as(role).post(LINKS.format(example.survey.slug), {"make": "personal"})
    assert not SurveyLink.objects.exists()


def test_anonymous_visitors_are_sent_to_the_login(example, client_as):
    response = client_as("anonymous").get(LINKS.format(example.survey.slug))
    assert response.status_code == 302 and "login" in response["Location"]


def test_another_organisations_survey_is_not_found_for_the_organiser(other_training, client_as):
    survey = other_training.surveys.get()
    assert client_as("organiser").get(LINKS.format(survey.slug)).status_code == 404
    assert client_as("outsider").get(LINKS.format(survey.slug)).status_code == 200
