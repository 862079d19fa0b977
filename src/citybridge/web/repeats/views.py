"""The older addresses of a repeat survey's linked tables, kept for links and scripts that use them:
/repeats/SURVEY/linked.zip and linked.xlsx answer with the submissions page's export, which
writes linked tables for every form with repeats (one implementation: web.repeats.export)."""

from __future__ import annotations

from urllib.parse import urlencode

from django.http import HttpRequest, HttpResponseRedirect
from django.urls import reverse

from citybridge.web.accounts.access import Ability, requires, survey_or_404

PAGE_FORMAT = {"zip": "csv", "xlsx": "xlsx"}


@requires(Ability.VIEW)
def export(request: HttpRequest, survey_slug: str, fmt: str) -> HttpResponseRedirect:
    # Not found for anyone outside the survey's organisation, as the page itself answers: a
    # redirect would tell an outsider that the survey exists. The page checks personal data.
    survey_or_404(request.user, survey_slug)
    query = {**request.GET.dict(), "format": PAGE_FORMAT[fmt]}
    return HttpResponseRedirect(
        f"{reverse('front:submissions_export', args=[survey_slug])}?{urlencode(query)}"
    )
