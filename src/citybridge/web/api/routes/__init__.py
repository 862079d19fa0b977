"""The REST API under /api/v1/: one router per resource, every object scoped to the token's
organisation. The schema is at /api/v1/openapi.json, the interactive docs at /api/v1/docs."""

from __future__ import annotations

from ninja import NinjaAPI

from citybridge.web.accounts.access import PUBLIC
from citybridge.web.api import errors
from citybridge.web.api.auth import TokenAuth
from citybridge.web.api.rendering import FiniteJSONRenderer
from citybridge.web.api.routes import (
    cities,
    indicators,
    leads,
    matches,
    media,
    submissions,
    surveys,
    trainings,
)

API_TOKEN = "api token"  # the access mark of endpoints that need a bearer token (see accounts.access)

DESCRIPTION = """\
The citybridge API: the trainings of your organisation, their surveys and submissions, the
indicators, the cities' profiles, partner matches and follow-up leads.

Every request needs `Authorization: Bearer <token>`. An organiser issues a token with
`citybridge token create NAME --training SLUG [--scope read|write]`; it acts for the organisation
of that training and sees nothing else. Read tokens may only GET. Errors are JSON
`{"message": ..., "problems": [...]}`. See docs/api.md for examples.
"""


class CitybridgeAPI(NinjaAPI):
    """NinjaAPI whose URLs carry the access marks the role-matrix test reads."""

    def _get_urls(self):
        urls = super()._get_urls()
        for pattern in urls:
            public = pattern.name in ("openapi-json", "openapi-view", "api-root")
            pattern.callback.access = PUBLIC if public else API_TOKEN
        return urls


api = CitybridgeAPI(
    title="citybridge API",
    version="1",
    description=DESCRIPTION,
    auth=TokenAuth(),
    urls_namespace="api-v1",
    renderer=FiniteJSONRenderer(),
)
errors.install(api)
for module in (trainings, surveys, submissions, media, indicators, cities, matches, leads):
    api.add_router("", module.router)

__all__ = ["api"]
