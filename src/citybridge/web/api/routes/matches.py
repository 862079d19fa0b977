"""Matches: explained partner suggestions for a training's cities (``citybridge match --json``)."""

from __future__ import annotations

from typing import Literal

from django.http import HttpRequest
from ninja import Query, Router, Schema

from citybridge.matching import MODES
from citybridge.reports.i18n import LANGUAGES
from citybridge.web.api import scoping
from citybridge.web.api.errors import documented
from citybridge.web.api.routes.cities import COUNTRY
from citybridge.web.partnerships.matching import matching_result

router = Router(tags=["matches"])


class MatchOut(Schema):
    requesting: str
    partner: str
    score: float
    components: dict[str, float]
    explanation: str
    requesting_key: str
    partner_key: str


class AssignmentOut(Schema):
    total: float
    matches: list[MatchOut]


class AssignmentsOut(Schema):
    optimal: AssignmentOut
    greedy: AssignmentOut


class LeftOutOut(Schema):
    city: str
    key: str
    reason: str
    text: str


class TieOut(Schema):
    requesting_key: str
    requesting: str
    partner_key: str
    partner: str


class QualityOut(Schema):
    hit10: float
    baseline: str
    baseline_hit10: float
    judged_pairs: int
    judged_regions: list[str]
    minimum_score: float


class MatchesOut(Schema):
    training: str
    mode: str
    k: int
    capacity: int
    weights: dict[str, float]
    unresolved: list[str]
    suggestions: dict[str, list[MatchOut]]
    minimum_score: float
    partner_countries: list[str]
    left_out: list[LeftOutOut]
    existing_ties: list[TieOut]
    quality: QualityOut | None = None
    assignments: AssignmentsOut | None = None


@router.get(
    "/trainings/{slug}/matches",
    response=documented({200: MatchesOut}),
    exclude_none=True,
    summary="Suggested partner cities",
)
def get_matches(
    request: HttpRequest,
    slug: str,
    mode: Literal[MODES] = Query("new", description="new: leave existing ties out; deepen: favour them."),
    k: int = Query(3, ge=1, le=20, description="Partners suggested per city."),
    capacity: int = Query(5, ge=1, le=100, description="Requests one partner city can take."),
    optimal: bool = Query(False, description="Also the optimal and the greedy assignment under capacities."),
    lang: Literal[LANGUAGES] = Query("en", description="Language of the explanations."),
    country: str = Query("UZ", pattern=COUNTRY, description="Country of the requesting cities (ISO code)."),
):
    """The top ``k`` partner cities per requesting city, each with its score, the weighted
    components that make it up and a one-sentence reason; with ``optimal`` also the optimal and
    the greedy assignment. The same document as ``citybridge match --json``."""
    training = scoping.training(request, slug)
    return matching_result(
        training, mode=mode, k=k, capacity=capacity, optimal=optimal, language=lang, country=country
    )
