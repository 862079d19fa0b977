"""Room on the participant page for every field a repeat form posts, and a clear line past it.

Django refuses a POST of more than DATA_UPLOAD_MAX_NUMBER_FIELDS (1,000) fields with a bare 400,
and a participant who adds many members (each with its questions) meets it. This middleware,
placed before the CSRF check (the first to read ``request.POST``), reads the participant page's
POST itself with the bound the form sets (``page_field_bound``: its questions times
MAX_PAGE_INSTANCES); a POST beyond that bound is still refused, with one translated line saying
what happened and what to do.
"""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import parse_qsl

from django.conf import settings
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import render
from django.utils import translation
from django.utils.datastructures import MultiValueDict

from citybridge.forms.scripts import with_uzbek_latin
from citybridge.submissions.repeat_fill import page_field_bound
from citybridge.web.participate.languages import form_site_language
from citybridge.web.participate.models import SurveyLink
from citybridge.web.participate.views import LANGUAGE_KEY

PAGES = {"participate:form", "participate:relevance"}  # the views that post a form's answers
FORM_POST = "application/x-www-form-urlencoded"


class RoomForRepeats:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(self, request: HttpRequest, view, args, kwargs) -> HttpResponse | None:
        match = request.resolver_match
        if request.method != "POST" or request.content_type != FORM_POST or match.view_name not in PAGES:
            return None
        link = SurveyLink.objects.select_related("survey").filter(token=kwargs.get("token", "")).first()
        if link is None:
            return None  # the view answers 404
        limit = field_limit(link)
        posted = _parse(request, limit)
        if posted is None:
            _speak_the_forms_language(request, link)
            context = {"limit": limit, "link": link, "survey": link.survey}
            return render(request, "participate/too_many.html", context, status=413)
        request._post, request._files = posted, MultiValueDict()
        return None


def _speak_the_forms_language(request: HttpRequest, link: SurveyLink) -> None:
    """The page in the form language the participant chose (the session keeps it), if any."""
    key = request.session.get(LANGUAGE_KEY)
    if key:
        code = form_site_language(with_uzbek_latin(link.survey.current_version().form()), key)
        translation.activate(code)
        request.LANGUAGE_CODE = code


def field_limit(link: SurveyLink) -> int:
    """The most fields the link's page takes: the form's bound, never less than Django's own."""
    return max(
        settings.DATA_UPLOAD_MAX_NUMBER_FIELDS or 0, page_field_bound(link.survey.current_version().form())
    )


def _parse(request: HttpRequest, limit: int) -> QueryDict | None:
    """The POST as Django reads it, with ``limit`` for the number of fields; None past it."""
    encoding = request.encoding or settings.DEFAULT_CHARSET
    try:
        text = request.body.decode(encoding)
    except UnicodeDecodeError:
        text = request.body.decode("iso-8859-1")  # as Django does for a misbehaving browser
    try:
        pairs = parse_qsl(text, keep_blank_values=True, encoding=encoding, max_num_fields=limit)
    except ValueError:
        return None
    posted = QueryDict(mutable=True, encoding=encoding)
    for name, value in pairs:
        posted.appendlist(name, value)
    posted._mutable = False
    return posted
