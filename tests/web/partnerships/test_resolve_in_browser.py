"""Resolving a city name in the browser: pick a gazetteer candidate, or add the place."""

from __future__ import annotations

from django.urls import reverse

from citybridge.web.partnerships.matching import city_profiles
from citybridge.web.places.models import UserPlace


def _place_of(training, key: str) -> str | None:
    return next(p.place_id for p in city_profiles(training) if p.key == key)


def test_the_resolve_page_lists_the_gazetteers_candidates(client_as, example):
    url = reverse("partnerships:resolve", args=[example.training.slug, "khovos"])
    page = client_as("organiser").get(url + "?q=Asaka&country=").content.decode()
    assert "geonames:1513271" in page  # Asaka in Uzbekistan
    assert "JP" in page  # and its namesake in Japan, with country, region and population


def test_picking_a_candidate_makes_the_city_resolved(client_as, example):
    assert _place_of(example.training, "khovos") is None
    url = reverse("partnerships:resolve", args=[example.training.slug, "khovos"])
    answer = client_as("organiser").post(url, {"place_id": "geonames:1512770"})  # Yangiyer, nearby
    assert answer.status_code == 302
    assert _place_of(example.training, "khovos") == "geonames:1512770"


def test_adding_a_place_makes_the_city_resolved(client_as, example):
    url = reverse("partnerships:add_place", args=[example.training.slug, "khovos"])
    data = {"name": "Khovos", "other_names": "Ховос, Xovos", "country": "UZ", "region": "Sirdaryo",
            "population": "20000", "latitude": "40.222", "longitude": "68.843"}  # fmt: skip
    client = client_as("organiser")
    answer = client.post(url, data)
    assert answer.status_code == 302
    message = client.get(answer["Location"]).content.decode()
    assert (
        "Added Khovos (UZ); Khovos now resolves to it." in message and "user:khovos" not in message
    )  # no ids
    assert UserPlace.objects.get().other_names == ["Ховос", "Xovos"]
    assert _place_of(example.training, "khovos") == "user:khovos"
    page = (
        client_as("analyst")
        .get(reverse("partnerships:cities", args=[example.training.slug]))
        .content.decode()
    )
    unresolved = page[page.index('id="unresolved"') :] if 'id="unresolved"' in page else ""
    assert "Khovos" not in unresolved[: unresolved.find("</section>")]


def test_a_wrong_place_is_refused_field_by_field(client_as, example):
    url = reverse("partnerships:add_place", args=[example.training.slug, "khovos"])
    data = {"name": "Khovos", "country": "Narnia", "latitude": "140", "longitude": "68.8"}
    answer = client_as("organiser").post(url, data)
    assert answer.status_code == 400
    form = answer.context["form"]
    assert set(form.errors) == {"country", "latitude"}
    assert not UserPlace.objects.exists()


def test_an_unknown_candidate_is_refused(client_as, example):
    url = reverse("partnerships:resolve", args=[example.training.slug, "khovos"])
    answer = client_as("organiser").post(url, {"place_id": "geonames:0"}, follow=True)
    assert "Choose one of the candidates" in answer.content.decode()
    assert _place_of(example.training, "khovos") is None


def test_analysts_may_not_resolve_and_outsiders_do_not_find_the_training(client_as, example):
    for name in ("resolve", "add_place"):
        url = reverse(f"partnerships:{name}", args=[example.training.slug, "khovos"])
        assert client_as("analyst").post(url, {"place_id": "geonames:1512770"}).status_code == 403
        assert client_as("outsider").post(url, {"place_id": "geonames:1512770"}).status_code == 404
    assert _place_of(example.training, "khovos") is None
