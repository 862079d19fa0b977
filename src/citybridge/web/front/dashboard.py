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
from citybridge.web.accounts.access import Ability, requires, training_or_404
from citybridge.web.errors import NotFound
from citybridge.web.front.dashboard_cache import data_state, remembered
from citybridge.web.front.dashboard_data import (
    chart_figure,
    filter_choices,
    filtered_analysis,
    key_figures,
    read_filters,
    scale_groups,
)
from citybridge.web.languages import core_language
from citybridge.web.reporting import evaluation_survey
from citybridge.web.surveys.analysis import survey_spec
from citybridge.web.trainings.models import Training


@requires(Ability.VIEW)
def dashboard(request: HttpRequest, training_slug: str) -> HttpResponse:
    training = training_or_404(request.user, training_slug)
    survey = _survey(training)
    if survey is None:
        return render(request, "front/dashboard.html", {"training": training, "survey": None})
    language = core_language(get_language())
    form, spec = survey.current_version().form(), survey_spec(survey)
    choices = filter_choices(form, spec, language)
    filters, problems = read_filters(request.GET, choices)
    state = data_state(survey)
    analysis = remembered((state, filters.query(), language), lambda: filtered_analysis(survey, filters, language))
    context = {"training": training, "survey": survey, "choices": choices, "filters": filters, "analysis": analysis}
    # The figures part of the page is the same for everyone who may see it: written once per state
    # of the data, filters and language (the page around it carries the user's own menu and token).
    results = remembered(
        (state, "results", request.GET.urlencode(), language),
        lambda: render_to_string(
            "front/dashboard_results.html", _results(training, spec, analysis, filters, problems, language)
        ),
    )
    context["results"] = mark_safe(results)  # our own template's output, escaped as it was written
    return render(request, "front/dashboard.html", context)


@requires(Ability.VIEW)
def dashboard_chart(request: HttpRequest, training_slug: str) -> HttpResponse:
    """One chart of the dashboard as SVG (``?chart=responses|scales-<n>|q-<question>`` and the
    dashboard's filters); the default is the responses over time."""
    training = training_or_404(request.user, training_slug)
    survey = _survey(training)
    if survey is None:
        raise Http404("this training has no survey yet")
    language = core_language(get_language())
    choices = filter_choices(survey.current_version().form(), survey_spec(survey), language)
    filters, _ = read_filters(request.GET, choices)
    key, chart = (data_state(survey), filters.query(), language), request.GET.get("chart", "responses")
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
        "scale_charts": [f"scales-{i}" for i in range(len(scale_groups(analysis)))],
    }


def _chart_svg(analysis, chart: str, language: str) -> str | None:
    figure = chart_figure(analysis, chart, Translator(language))
    return figure.chart.svg if figure is not None else None


def _survey(training: Training):
    try:
        return evaluation_survey(training)
    except NotFound:
        return None
