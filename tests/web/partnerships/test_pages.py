"""Every partnership page opens for organisers and analysts, and for nobody of another organisation."""

from __future__ import annotations

import pytest
from django.urls import reverse


def _pages(training, lead) -> list[str]:
    slug = training.slug
    return [
        reverse("partnerships:home"),
        reverse("partnerships:cities", args=[slug]),
        reverse("partnerships:city", args=[slug, "namangan"]),
        reverse("partnerships:matches", args=[slug]) + "?mode=deepen&k=2&capacity=3",
        reverse("partnerships:leads", args=[slug]),
        reverse("partnerships:due", args=[slug]),
        reverse("partnerships:lead", args=[lead.pk]),
        reverse("partnerships:leads_export", args=[slug, "csv"]),
        reverse("partnerships:leads_export", args=[slug, "xlsx"]),
        reverse("partnerships:catalogue"),
        reverse("partnerships:catalogue_export", args=["yaml"]),
        reverse("partnerships:catalogue_export", args=["csv"]),
    ]


@pytest.mark.parametrize("role", ["organiser", "analyst"])
def test_every_page_opens_for_organisers_and_analysts(role, client_as, example, leads):
    client = client_as(role)
    for url in _pages(example.training, leads["suzhou"]):
        assert client.get(url).status_code == 200, url


def test_pages_of_a_training_are_not_found_for_another_organisation(client_as, example, leads):
    client = client_as("outsider")
    home = reverse("partnerships:home")
    for url in _pages(example.training, leads["suzhou"]):
        if url != home and "/catalogue/" not in url:  # the catalogue is the instance's, not a training's
            assert client.get(url).status_code == 404, url
    assert example.training.title not in client.get(home).content.decode()


def test_partner_contacts_and_visitors_cannot_open_the_organiser_pages(client_as, example, leads):
    url = reverse("partnerships:leads", args=[example.training.slug])
    assert client_as("partner").get(url).status_code == 403
    assert client_as("anonymous").get(url).status_code == 302


def test_cities_page_lists_profiles_and_the_names_not_found(client_as, example):
    page = (
        client_as("analyst")
        .get(reverse("partnerships:cities", args=[example.training.slug]))
        .content.decode()
    )
    assert "Namangan" in page and "geonames" not in page  # names, not ids, in the table
    unresolved = page[page.index('id="unresolved"') :]
    assert "Khovos" in unresolved[: unresolved.index("</section>")]
    assert "/resolve/" not in unresolved[: unresolved.index("</section>")]  # analysts only see the names


def test_city_page_shows_profile_and_explained_suggestions(client_as, example):
    page = client_as("organiser").get(reverse("partnerships:city", args=[example.training.slug, "namangan"]))
    text = page.content.decode()
    assert "Namangan" in text and "713" in text  # GeoNames population 713,220
    assert "which Namangan prioritises" in text


def test_unknown_city_or_export_format_is_not_found(client_as, example):
    client = client_as("organiser")
    assert (
        client.get(reverse("partnerships:city", args=[example.training.slug, "atlantis"])).status_code == 404
    )
    assert (
        client.get(reverse("partnerships:leads_export", args=[example.training.slug, "pdf"])).status_code
        == 404
    )


def test_matches_page_shows_component_scores_and_both_assignments_in_russian(client_as, example):
    client = client_as("analyst")
    client.cookies["django_language"] = "ru"
    page = client.get(reverse("partnerships:matches", args=[example.training.slug])).content.decode()
    assert 'id="assignment-optimal"' in page and 'id="assignment-greedy"' in page
    assert "Наманган" in page and "считает приоритетными" in page
    assert "Turn into lead" not in page and "Превратить в лид" not in page  # analysts do not manage
