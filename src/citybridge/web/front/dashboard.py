"""The dashboard of a training: its evaluation survey's respondents, response rate and key
indicators, filtered by city, band (age) and as-of date; the charts are images of their own URL,
so the page appears at once and the browser draws the charts side by side (JavaScript not needed).
Figures and charts are kept per state of the data (dashboard_cache): a new submission shows at once."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from citybridge.reports.i18n import Translator
from citybridge.web.accounts.access import Ability, check, requires
from citybridge.web.front.dashboard_cache import data_state, remembered, training_shown
from citybridge.web.front.dashboard_data import (
    chart_figure,
    filter_choices,
    filtered_analysis,
    key_figures,
    place_answers,
    read_filters,
    scale_groups,
)
from citybridge.web.languages import core_language
from citybridge.web.surveys.analysis import survey_spec
from citybridge.web.surveys.models import FormVersion, Survey
from citybridge.web.trainings.models import Training


@requires(Ability.VIEW)
def dashboard(request: HttpRequest, training_slug: str) -> HttpResponse:
    training, survey, version = _shown(request, training_slug)
    if survey is None or version is None:
        return render(request, "front/dashboard.html", {"training": training, "survey": None})
    language = core_language(get_language())
    form, spec = version.form(), survey_spec(survey)
    choices = filter_choices(form, spec, language)
    filters, problems = read_filters(request.GET, choices)
    state = data_state(survey, version)
    analysis = remembered(
        (state, filters.query(), language), lambda: filtered_analysis(survey, filters, language)
    )

    def figures() -> str:
        results = _results(training, spec, analysis, filters, problems, language)
        return render_to_string(
            "front/dashboard_filters.html", {"choices": choices, "filters": filters}
        ) + render_to_string("front/dashboard_results.html", results)

    # The filters and the figures are the same for everyone who may see them: written once per
    # state of the data, filters and language (the page around them carries the user's own menu
    # and token).
    written = remembered((state, "figures", request.GET.urlencode(), language), figures)
    context = {
        "training": training,
        "survey": survey,
        "choices": choices,
        "filters": filters,
        "analysis": analysis,
    }
    context["figures"] = mark_safe(written)  # our own templates' output, escaped as it was written
    return render(request, "front/dashboard.html", context)


@requires(Ability.VIEW)
def dashboard_chart(request: HttpRequest, training_slug: str) -> HttpResponse:
    """One chart of the dashboard as SVG (``?chart=responses|scales-<n>|q-<question>|places-<question>`` and the
    dashboard's filters); the default is the responses over time."""
    _, survey, version = _shown(request, training_slug)
    if survey is None or version is None:
        raise Http404("this training has no survey yet")
    language = core_language(get_language())
    choices = filter_choices(version.form(), survey_spec(survey), language)
    filters, _ = read_filters(request.GET, choices)
    key, chart = (
        (data_state(survey, version), filters.query(), language),
        request.GET.get("chart", "responses"),
    )
    analysis = remembered(key, lambda: filtered_analysis(survey, filters, language))
    svg = remembered((key, chart), lambda: _chart_svg(analysis, chart, language))
    if svg is None:
        raise Http404("no such chart for these respondents")
    response = HttpResponse(svg, content_type="image/svg+xml; charset=utf-8")
    response["Cache-Control"] = "private, no-cache"  # the figures change with every new submission
    return response


def _results(training, spec, analysis, filters, problems, language: str) -> dict:
    t = Translator(language)
    return {
        "training": training,
        "analysis": analysis,
        "filters": filters,
        "problems": problems,
        "query": filters.query(),
        "small_base": filters.subset and analysis.respondents < spec.min_base,
        "min_base": spec.min_base,
        "rate": t.format_percent(analysis.response_rate) if analysis.response_rate is not None else None,
        "cities": len(analysis.respondents_per_city),
        "figures": key_figures(analysis, spec, t),
        "places": place_answers(analysis),
        "scale_charts": [f"scales-{i}" for i in range(len(scale_groups(analysis)))],
    }


def _chart_svg(analysis, chart: str, language: str) -> str | None:
    figure = chart_figure(analysis, chart, Translator(language))
    return figure.chart.svg if figure is not None else None


def _shown(request: HttpRequest, slug: str) -> tuple[Training, Survey | None, FormVersion | None]:
    """What the dashboard shows of the training, if the user may see it (as training_or_404)."""
    found = training_shown(slug)
    if found is None:
        raise Http404("no such training")
    check(request.user, Ability.VIEW, found[0].organisation_id)
    return found
