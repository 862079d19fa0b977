"""A survey's submissions: the table (50 a page, searchable) and its exports (CSV, XLSX, Parquet).

Personal answers are pseudonymised for everyone by default; ``?personal=1`` shows them to a role
with PERSONAL_DATA and is refused (403) to any other, on the page and in every export alike.
"""

from __future__ import annotations

from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import (
    get_language,
    gettext,  # by name: makemessages finds gettext(), not an alias
)

from citybridge.submissions.batch import INSTANCE_ID, SUBMITTED_AT
from citybridge.web.accounts.access import Ability, check, may, requires, survey_or_404
from citybridge.web.front.export_files import FORMATS, export_bytes, file_name
from citybridge.web.front.results_table import display_rows, pseudonymiser, submission_table
from citybridge.web.languages import core_language
from citybridge.web.repeats.export import has_repeats, linked_file
from citybridge.web.surveys.models import Survey

PER_PAGE = 50


@requires(Ability.VIEW)
def submissions(request: HttpRequest, survey_slug: str) -> HttpResponse:
    survey = survey_or_404(request.user, survey_slug)
    personal = _personal_asked(request, survey)
    search = request.GET.get("q", "")
    table = submission_table(survey, personal=personal, language=core_language(get_language()), search=search)
    page = Paginator(range(table.labels.height), PER_PAGE).get_page(request.GET.get("page"))
    shown = (
        table.labels.slice(page.start_index() - 1, len(page.object_list))
        if page.object_list
        else table.labels.clear()
    )
    headers = table.headers | _meta_headers()
    context = {
        "survey": survey,
        "training": survey.training,
        "page": page,
        "columns": [headers[name] for name in table.labels.columns],
        "personal_columns": {headers[name] for name in table.personal if name in headers},
        "rows": display_rows(table.form, shown),
        "total": survey.submissions.count(),
        "found": table.labels.height,
        "search": search,
        "personal": personal,
        "may_see_personal": may(request.user, Ability.PERSONAL_DATA, survey.training.organisation_id),
        "hidden": bool(table.personal) and not personal,
        "formats": list(FORMATS),
        "query": _query(search, personal),
    }
    return render(request, "front/submissions.html", context)


@requires(Ability.VIEW)
def submissions_export(request: HttpRequest, survey_slug: str) -> HttpResponse:
    survey = survey_or_404(request.user, survey_slug)
    personal = _personal_asked(request, survey)
    fmt = request.GET.get("format", "csv")
    if fmt not in FORMATS:
        return HttpResponseBadRequest(
            gettext("Unknown export format '%(format)s': choose csv, xlsx or parquet.") % {"format": fmt}
        )
    raw = request.GET.get("raw") == "1"
    if has_repeats(survey):
        # Linked tables, as ODK Central exports them; they hold every submission (no search).
        content, media_type, suffix = linked_file(
            survey, fmt, raw=raw, hide=None if personal else pseudonymiser(survey)
        )
    else:
        language = core_language(get_language())
        table = submission_table(
            survey, personal=personal, language=language, search=request.GET.get("q", "")
        )
        content, media_type, suffix = export_bytes(table, fmt, _meta_headers(), raw=raw), FORMATS[fmt], fmt
    response = HttpResponse(content, content_type=media_type)
    response["Content-Disposition"] = (
        f'attachment; filename="{file_name(survey.slug, suffix, timezone.localdate())}"'
    )
    return response


def _personal_asked(request: HttpRequest, survey: Survey) -> bool:
    """``personal=1`` asks for names and contacts: allowed only with PERSONAL_DATA (else 403)."""
    if request.GET.get("personal") != "1":
        return False
    check(request.user, Ability.PERSONAL_DATA, survey.training.organisation_id)
    return True


def _meta_headers() -> dict[str, str]:
    return {INSTANCE_ID: gettext("Instance ID"), SUBMITTED_AT: gettext("Submitted at")}


def _query(search: str, personal: bool) -> str:
    pairs = [("q", search)] if search else []
    return urlencode(pairs + ([("personal", "1")] if personal else []))
