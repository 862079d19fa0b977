"""Addresses holding a NUL character (``%00`` in the path or the query) are refused before any
view runs: no store keeps one, PostgreSQL fails on one in a query, and no page needs one."""

from __future__ import annotations

import json
from collections.abc import Callable

from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest

from citybridge.web.surveys.storable import NUL


class RefuseNulInAddress:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        where = _nul_in(request)
        if where is None:
            return self.get_response(request)
        if request.path.startswith("/api/"):
            problem = {"column": where, "value": None, "reason": NUL}
            body = {"message": "the address does not fit this endpoint; nothing was changed", "problems": [problem]}
            return HttpResponse(json.dumps(body), status=422, content_type="application/json")
        return HttpResponseBadRequest(f"{where} {NUL}", content_type="text/plain; charset=utf-8")


def _nul_in(request: HttpRequest) -> str | None:
    """Where the address holds a NUL character ("path", "query.owner"), or None."""
    if "\x00" in request.path:
        return "path"
    for name, values in request.GET.lists():
        if "\x00" in name or any("\x00" in value for value in values):
            return f"query.{name.replace(chr(0), '')}"
    return None
