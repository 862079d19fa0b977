"""Cities: each city of a training as the partner matching sees it."""

from __future__ import annotations

from dataclasses import asdict
from typing import Literal

from django.http import HttpRequest
from ninja import Query, Router, Schema

from citybridge.reports.i18n import LANGUAGES
from citybridge.web.api import scoping
from citybridge.web.api.errors import documented
from citybridge.web.partnerships.matching import city_profiles

router = Router(tags=["cities"])
COUNTRY = r"^[A-Z]{2}$"


class CityOut(Schema):
    key: str
    place_id: str | None
    name: str
    country: str
    population: int | None
    latitude: float | None
    longitude: float | None
    industries: dict[str, int]
    priorities: dict[str, int]
    preferences: dict[str, int]
    strengths: list[str]
    ties: list[str]
    respondents: int
    country_ties: list[str]


@router.get(
    "/trainings/{slug}/cities",
    response=documented({200: list[CityOut]}),
    summary="A training's city profiles",
)
def list_cities(
    request: HttpRequest,
    slug: str,
    lang: Literal[LANGUAGES] = Query("en", description="Language of the place names."),
    country: str = Query("UZ", pattern=COUNTRY, description="Country of the cities (ISO code)."),
):
    """Per city: its place in the gazetteer (``place_id`` null when not found), population,
    coordinates, and what its respondents named: industries, priority sectors and preferred
    partner cities (respondents per item). Cities that registered without answering have a
    profile with no needs."""
    training = scoping.training(request, slug)
    return [asdict(profile) for profile in city_profiles(training, language=lang, country=country)]
