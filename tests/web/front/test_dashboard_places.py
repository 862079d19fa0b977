"""The dashboard of a survey with a geopoint shows its map of points with the base n."""

from __future__ import annotations

import json

import pytest
from django.urls import reverse

from tests.reports.test_points_map import ANSWERS, GPS_FORM


@pytest.fixture
def gps_training(example, tmp_path):
    from citybridge.web.imports import import_file
    from citybridge.web.surveys.store import add_survey
    from citybridge.web.trainings.store import create_training

    training = create_training("Places", slug="places-2021", organisation=example.training.organisation)
    survey, _, _ = add_survey(training, GPS_FORM, slug="gps")
    rows = [{"instance_id": f"p{n}", "submitted_at": "2020-11-10T09:00:00Z", "answers": {"location": a} if a else {}}
            for n, a in enumerate(ANSWERS)]  # fmt: skip
    export = tmp_path / "gps.json"
    export.write_text(json.dumps(rows))
    import_file(survey, export)
    return training


def test_the_dashboard_maps_a_geopoint_with_points_answered_of_respondents(client_as, gps_training):
    client = client_as("analyst")
    body = client.get(reverse("front:dashboard", args=[gps_training.slug])).content.decode()
    assert 'id="places-location"' in body and "3 / 4" in body and "base n = 3; no answer: 1" in body
    chart = client.get(
        reverse("front:dashboard_chart", args=[gps_training.slug]), {"chart": "places-location"}
    )
    svg = chart.content.decode()
    assert chart["Content-Type"].startswith("image/svg+xml")
    assert "Tashkent (UZ): 2" in svg and "Samarkand (UZ): 1" in svg
    assert client_as("outsider").get(reverse("front:dashboard", args=[gps_training.slug])).status_code == 404


def test_the_example_dashboard_without_a_geopoint_has_no_map(client_as, example):
    body = client_as("analyst").get(reverse("front:dashboard", args=[example.training.slug])).content.decode()
    assert "places-" not in body
