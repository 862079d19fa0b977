"""Importing good practices from the web: organisers only, every problem listed, nothing half-stored."""

from __future__ import annotations

import json

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from citybridge.web.knowledge.models import Practice

PRACTICE = {
    "key": "night-markets",
    "title": "Night markets that bring visitors downtown",
    "lecture": "lecture-7",
    "sectors": ["tourism"],
    "key_points": ["Open the old streets in the evening."],
    "source": "notes.txt",
}


def _upload(practices, name="practices.json") -> SimpleUploadedFile:
    content = json.dumps({"practices": practices}).encode()
    return SimpleUploadedFile(name, content, content_type="application/json")


def _url(example) -> str:
    return reverse("knowledge:practices_import", args=[example.training.slug])


def test_an_organiser_imports_a_file_and_is_told_how_many_were_new(client_as, example):
    response = client_as("organiser").post(_url(example), {"file": _upload([PRACTICE])}, follow=True)
    assert response.redirect_chain[-1][0].endswith(f"?training={example.training.slug}")
    assert "practices.json: new practices: 1, updated: 0." in response.content.decode()
    assert Practice.objects.get(training=example.training, key="night-markets").lecture.number == 7


def test_a_file_with_problems_lists_each_with_the_entry_and_field_and_stores_nothing(client_as, example):
    before = Practice.objects.filter(training=example.training).count()
    bad = [
        PRACTICE,
        {**PRACTICE, "key": "no-points", "key_points": []},
        {**PRACTICE, "key": "x", "colour": "red"},
    ]
    response = client_as("organiser").post(_url(example), {"file": _upload(bad, "mine.json")})
    text = response.content.decode()
    assert response.status_code == 200
    assert "mine.json: practice 2 of 3: field &#x27;key_points&#x27;" in text
    assert "mine.json: practice 3 of 3: field &#x27;colour&#x27; is unknown" in text
    assert "/tmp" not in text  # the upload's own name, not where the server kept it
    assert Practice.objects.filter(training=example.training).count() == before


def test_a_file_that_is_not_json_is_named_with_the_line(client_as, example):
    upload = SimpleUploadedFile("practices.json", b'{"practices": [', content_type="application/json")
    text = client_as("organiser").post(_url(example), {"file": upload}).content.decode()
    assert "practices.json: not valid JSON at line 1" in text


def test_an_analyst_may_not_import_and_another_organisation_does_not_see_the_training(client_as, example):
    assert client_as("analyst").get(_url(example)).status_code == 403
    assert client_as("analyst").post(_url(example), {"file": _upload([PRACTICE])}).status_code == 403
    assert client_as("outsider").get(_url(example)).status_code == 404
    assert client_as("outsider").post(_url(example), {"file": _upload([PRACTICE])}).status_code == 404
    assert not Practice.objects.filter(key="night-markets").exists()


def test_the_import_page_works_without_javascript(client_as, example):
    text = client_as("organiser").get(_url(example)).content.decode()
    assert 'enctype="multipart/form-data"' in text and 'type="file"' in text
