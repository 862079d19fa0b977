"""Who is calling: a bearer token of one organisation, with the read or the write scope.

A token found is kept in this process for a few seconds (citybridge.web.recent): a revoked token
stops working at once in the process that deleted it, and within those seconds in the others."""

from __future__ import annotations

from django.http import HttpRequest
from ninja.security import HttpBearer

from citybridge.messages import READ_TOKEN, TOKEN_COMMAND
from citybridge.web.api.errors import ApiError, said
from citybridge.web.api.models import ApiToken, hash_token
from citybridge.web.recent import Recent
from citybridge.web.trainings.models import Organisation

READING = frozenset({"GET", "HEAD", "OPTIONS"})
known_tokens: Recent[str, ApiToken] = Recent(made_of=(ApiToken, Organisation))


class TokenAuth(HttpBearer):
    """The token's organisation scopes every object; a read token may only read."""

    def authenticate(self, request: HttpRequest, token: str) -> ApiToken | None:
        digest = hash_token(token)
        found = known_tokens.get(
            digest, lambda: ApiToken.objects.select_related("organisation").filter(digest=digest).first()
        )
        if found is not None and request.method not in READING and not found.may_write:
            raise ApiError(403, said(READ_TOKEN, name=found.name, method=request.method, command=TOKEN_COMMAND))
        return found


def who(request: HttpRequest) -> str:
    """How a change made through the API is signed in a lead's history."""
    return f"api:{request.auth.name}"
