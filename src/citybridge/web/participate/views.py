"""Participant pages (the survey form behind a link, no account) and the organiser's links page.

Views only read the request, call links / answering / page, and render. The form works with plain
POSTs (POST-redirect-GET); with JavaScript, htmx asks ``relevance`` which questions to hide.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST

from citybridge.forms.model import Form
from citybridge.forms.scripts import with_uzbek_latin
from citybridge.submissions.fill import answers_from_fields, applicable
from citybridge.submissions.repeat_fill import (
    ADD_FIELD,
    REMOVE_FIELD,
    Instance,
    added,
    field_name,
    instance_applies,
    instances_from_fields,
    removed,
    started,
    with_counts,
)
from citybridge.web.accounts.access import Ability, check, public, requires
from citybridge.web.participate import links as survey_links
from citybridge.web.participate import page
from citybridge.web.participate.answering import answer, instance_id, problems_so_far
from citybridge.web.participate.languages import choose, display_names, form_site_language
from citybridge.web.participate.models import SurveyLink, SurveyTitle
from citybridge.web.surveys.models import Survey

LANGUAGE_KEY = "participate_language"  # the form language a participant chose, kept in the session
# The form's language buttons: a POST that shows the same answers in another language.
SWITCH = "switch_language"


# ---- organiser: links -------------------------------------------------------------------------


def _managed_survey(request: HttpRequest, survey_slug: str) -> Survey:
    survey = get_object_or_404(Survey.objects.select_related("training__organisation"), slug=survey_slug)
    check(request.user, Ability.MANAGE, survey.training.organisation_id)
    return survey


def _absolute(request: HttpRequest, link: SurveyLink) -> str:
    return request.build_absolute_uri(reverse("participate:form", args=[link.token]))


@requires(Ability.MANAGE)
@require_http_methods(["GET", "POST"])
def links(request: HttpRequest, survey_slug: str) -> HttpResponse:
    """Every registered participant's personal link; POST makes the missing ones or the open link."""
    survey = _managed_survey(request, survey_slug)
    if request.method == "POST":
        if request.POST.get("make") == "titles":
            _save_titles(survey, request.POST)
            messages.success(request, _("The form's titles are saved."))
        elif request.POST.get("make") == "open":
            survey_links.open_link(survey)
            messages.success(request, _("The open link is ready."))
        else:
            made = survey_links.create_missing_links(survey)
            created = ngettext("%(count)d personal link created.", "%(count)d personal links created.", made)
            messages.success(request, created % {"count": made})
        return redirect("participate:links", survey.slug)
    rows = survey_links.link_rows(survey)
    open_link = survey_links.existing_open_link(survey)
    context = {
        "survey": survey,
        "training": survey.training,
        "rows": [(row, _absolute(request, row.link) if row.link else "") for row in rows],
        "missing": sum(1 for row in rows if row.link is None),
        "answered": sum(1 for row in rows if row.link and row.link.answered),
        "open_link": _absolute(request, open_link) if open_link else "",
        "titles": _title_rows(survey),
    }
    return render(request, "participate/links.html", context)


def _title_rows(survey: Survey) -> list[tuple[int, str, str]]:
    """(number, form language, its title so far) for the titles form; the site's names come first."""
    stored = dict(survey.titles.values_list("language", "title"))
    form = with_uzbek_latin(survey.current_version().form())
    return [(i, key, stored.get(key, "")) for i, key in enumerate(form.languages)]


def _save_titles(survey: Survey, posted) -> None:
    """One title per form language (an empty one removed: the page then shows the survey's own)."""
    for number, key, _title in _title_rows(survey):
        text = posted.get(f"title-{number}", "").strip()[:300]
        if text:
            SurveyTitle.objects.update_or_create(survey=survey, language=key, defaults={"title": text})
        else:
            SurveyTitle.objects.filter(survey=survey, language=key).delete()


@requires(Ability.MANAGE)
def links_csv(request: HttpRequest, survey_slug: str) -> HttpResponse:
    """The personal links as CSV for a mail merge: name, email, phone, city, link."""
    survey = _managed_survey(request, survey_slug)
    text = survey_links.links_csv(
        survey_links.link_rows(survey),
        lambda link: _absolute(request, link),
        raw=request.GET.get("raw") == "1",
    )
    response = HttpResponse(text, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{survey.slug}-links.csv"'
    return response


# ---- participants: the form ------------------------------------------------------------------


def _link_or_404(token: str) -> SurveyLink:
    link = (
        SurveyLink.objects.select_related("survey__training", "participant").filter(token=token).first()
        if token
        else None
    )
    if link is None:
        raise Http404("no such survey link")
    return link


def _shown_form(link: SurveyLink) -> Form:
    """The survey's form as the participant reads it: Uzbek in Latin letters too when the form
    writes it in Cyrillic only (citybridge.forms.scripts)."""
    return with_uzbek_latin(link.survey.current_version().form())


def _language(request: HttpRequest, form: Form) -> str | None:
    """The form language for this request (remembered in the session); the page's language follows."""
    asked = request.POST.get(SWITCH) or request.POST.get("language") or request.GET.get("lang")
    key = choose(
        form,
        asked=asked,
        remembered=request.session.get(LANGUAGE_KEY),
        browser=translation.get_language_from_request(request),
    )
    if key:
        request.session[LANGUAGE_KEY] = key
    code = form_site_language(form, key) if key else translation.get_language()
    translation.activate(code)
    request.LANGUAGE_CODE = code
    return key


def _context(link: SurveyLink, form: Form, language: str | None) -> dict:
    title = link.survey.titles.filter(language=language).values_list("title", flat=True).first()
    return {
        "title": title or link.survey.title,
        "link": link,
        "survey": link.survey,
        "form": form,
        "language": language,
        "languages": display_names(form, dict(settings.LANGUAGES)),
    }


@public
@require_http_methods(["GET", "POST"])
def form(request: HttpRequest, token: str) -> HttpResponse:
    """The survey form: shown on GET, checked and stored on POST, then the thank-you page."""
    link = _link_or_404(token)
    survey_form = _shown_form(link)
    language = _language(request, survey_form)
    context = _context(link, survey_form, language)
    if not link.survey.is_open:
        return render(request, "participate/closed.html", context)
    posted = request.POST.get("instance_id") if request.method == "POST" else None
    if link.is_personal and link.answered and posted != link.instance_id:
        return render(request, "participate/already.html", context)
    if request.method == "GET":
        return _render_form(request, context, {}, instance_id(None), {}, started(survey_form, {}))
    answers = answers_from_fields(survey_form, _fields(request))
    instances = instances_from_fields(survey_form, _fields(request))
    instance = instance_id(posted)
    if SWITCH in request.POST:  # another language asked for: the same answers, nothing checked or stored
        return _render_form(request, context, answers, instance, {}, instances)
    if ADD_FIELD in request.POST or REMOVE_FIELD in request.POST:  # without JavaScript: the same page
        changed = added(survey_form, instances, request.POST.get(ADD_FIELD, ""))
        changed = removed(survey_form, changed, request.POST.get(REMOVE_FIELD, ""))
        return _render_form(request, context, answers, instance, {}, changed)
    counted = with_counts(survey_form, answers, instances)
    if counted != instances:  # a repeat_count's answer changed: show its new instances to fill in
        note = _("The number of items to fill in has changed with your answers: please check them.")
        return _render_form(request, context, answers, instance, {"": [note]}, counted)
    outcome = answer(link, answers, instance, instances)
    if outcome.already_answered:
        return render(request, "participate/already.html", context)
    if outcome.stored:
        return redirect("participate:thanks", link.token)
    errors = page.messages(survey_form, language, outcome.problems)
    return _render_form(request, context, answers, instance, errors, instances)


def _render_form(
    request, context: dict, answers: dict, instance: str, errors: dict, instances: list[Instance]
) -> HttpResponse:
    survey_form, language = context["form"], context["language"]
    instances = with_counts(survey_form, answers, instances)
    shown = page.sections(survey_form, language, answers, applicable(survey_form, answers), errors, instances)
    summary = [
        (view, message) for section in shown for view in section.all_questions() for message in view.errors
    ]
    context |= {
        "sections": shown,
        "instance_id": instance,
        "summary": summary,
        "general_errors": errors.get("", []),
        "has_errors": bool(errors),
        "switch_in_form": True,
    }
    return render(request, "participate/form.html", context)


def _fields(request: HttpRequest) -> dict[str, list[str]]:
    """The posted answer fields (the page's own fields left out, so that no question can clash)."""
    own = {SWITCH, "language", "csrfmiddlewaretoken", "instance_id", ADD_FIELD, REMOVE_FIELD}
    return {k: request.POST.getlist(k) for k in request.POST if k not in own}


@public
@require_POST
def relevance(request: HttpRequest, token: str) -> HttpResponse:
    """For htmx, as the participant answers: the questions that do not apply (citybridge.js hides
    them), the choices each cascading select offers now (its choice_filter, evaluated here,
    participate.js hides the others), how many instances each counted repeat has now (its
    repeat_count; participate.js adds or removes them), and the message of every answer given so far that the
    server would refuse (its constraint, its type), in the participant's language, repeat
    instances included. The server checks again when the form is sent."""
    link = _link_or_404(token)
    survey_form = _shown_form(link)
    language = _language(request, survey_form)
    answers = answers_from_fields(survey_form, _fields(request))
    applies = applicable(survey_form, answers)
    hidden = [q.name for q in survey_form.questions if q.name not in applies and q.repeat is None]
    instances = instances_from_fields(survey_form, _fields(request), number_again=False)
    hidden += _hidden_in_instances(survey_form, instances, answers)
    offered = page.offered_now(survey_form, answers, instances)
    given = [name for name, value in answers.items() if value and name in applies]
    given += [field_name(i.key, name) for i in instances for name, value in i.answers.items() if value]
    given = [name for name in given if name not in hidden]
    errors = page.messages(survey_form, language, problems_so_far(survey_form, answers, instances))
    checked = [(name, errors.get(name, [])) for name in given]
    counts = page.counts_now(survey_form, answers, instances)
    context = {"hidden": hidden, "checked": checked, "offered": offered, "counts": counts}
    return render(request, "participate/_relevance.html", context)


def _hidden_in_instances(form: Form, instances: list[Instance], answers: dict) -> list[str]:
    """The page fields of the instances' questions that do not apply given that instance's answers
    and the submission's."""
    hidden = []
    for item in instances:
        applies = instance_applies(form, item, answers)
        own = [q for q in form.questions if q.repeat == item.repeat]
        hidden += [field_name(item.key, q.name) for q in own if q.name not in applies]
    return hidden


@public
def thanks(request: HttpRequest, token: str) -> HttpResponse:
    """The confirmation after a stored answer (also after a re-sent one)."""
    link = _link_or_404(token)
    survey_form = _shown_form(link)
    language = _language(request, survey_form)
    return render(request, "participate/thanks.html", _context(link, survey_form, language))
