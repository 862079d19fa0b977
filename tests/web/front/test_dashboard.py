"""The dashboard: the evaluation survey's figures from the store, filtered by city, age band and day."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.urls import reverse

from citybridge.analysis.subsets import banded_questions
from citybridge.web.surveys.analysis import analyze_survey, survey_spec


def _figure(body: str, name: str) -> str:
    found = re.search(rf'data-figure="{name}">([^<]*)<', body)
    assert found, f"no {name} figure on the page"
    return found[1].strip()


@pytest.fixture
def url(example):
    return reverse("front:dashboard", args=[example.training.slug])


def test_the_dashboard_shows_the_respondents_and_response_rate_of_the_store(client_as, example, url):
    expected = analyze_survey(example.survey)
    body = client_as("analyst").get(url).content.decode()
    assert _figure(body, "respondents") == str(expected.respondents)
    assert _figure(body, "registered") == str(expected.registered)
    assert _figure(body, "rate") == f"{round(100 * expected.response_rate)}%"
    assert _figure(body, "cities") == str(len(expected.respondents_per_city))


def test_key_indicators_show_their_base_and_interval(client_as, example, url):
    materials = analyze_survey(example.survey, language="en").indicators["materials"]
    body = client_as("organiser").get(url).content.decode()
    assert materials.label in body
    assert f"{materials.positive.count} of {materials.positive.base}" in body
    assert "95% interval" in body


def test_an_agreement_questions_headline_is_its_top_two_box_the_figure_its_sentence_gives(
    client_as, example, url
):
    indicator = analyze_survey(example.survey, language="en").indicators["new_knowledge"]
    assert indicator.positive.count > indicator.top_box.count  # strongly agree alone would be less
    body = client_as("analyst").get(url).content.decode()
    card = body[body.index('id="q-new_knowledge"') :]
    card = card[: card.index("</article>")]
    headline = re.search(r"<strong data-headline>(\d+)%", card)[1]
    sentence = re.search(r"<p>(\d+)% agreed", card)
    assert sentence and headline == sentence[1] == str(round(100 * indicator.positive.count / indicator.base))
    assert "(counts: Strongly agree and Agree) ·" in card


def test_a_city_filter_computes_on_that_citys_respondents(client_as, example, url):
    everyone = analyze_survey(example.survey)
    city = everyone.respondents_per_city[0]
    response = client_as("analyst").get(url, {"city": city.value})
    body = response.content.decode()
    assert _figure(body, "respondents") == str(city.count) != str(everyone.respondents)
    assert _figure(body, "rate") == "–"  # no registered total is known for a subset
    assert ("Small base" in body) == (city.count < survey_spec(example.survey).min_base)


def test_an_age_band_filter_changes_the_base(client_as, example, url):
    form, spec = example.survey.current_version().form(), survey_spec(example.survey)
    question = banded_questions(form, spec)[0]  # the indicators file names the banded question
    band = spec.question(question.name).bands[0]
    indicator = analyze_survey(example.survey).indicators[question.name]
    in_band = next(b.count for b in indicator.bands if b.value == band.name)
    body = client_as("analyst").get(url, {f"band-{question.name}": band.name}).content.decode()
    assert _figure(body, "respondents") == str(in_band)


def test_as_of_leaves_out_later_submissions(client_as, example, url):
    day = dt.date(2020, 11, 10)
    before, everyone = analyze_survey(example.survey, as_of=day), analyze_survey(example.survey)
    assert before.respondents < everyone.respondents
    body = client_as("analyst").get(url, {"as_of": day.isoformat()}).content.decode()
    assert _figure(body, "respondents") == str(before.respondents)


def test_a_filter_the_survey_does_not_have_is_named_and_ignored(client_as, example, url):
    everyone = analyze_survey(example.survey)
    body = client_as("analyst").get(url, {"city": "atlantis", "as_of": "10/11/2020"}).content.decode()
    assert "atlantis" in body and "YYYY-MM-DD" in body
    assert _figure(body, "respondents") == str(everyone.respondents)


def test_the_filter_form_offers_the_surveys_cities(client_as, example, url):
    body = client_as("analyst").get(url).content.decode()
    city = analyze_survey(example.survey, language="en").respondents_per_city[0]
    assert f'<option value="{city.value}">{city.label}</option>' in body


def test_charts_are_the_reports_svg_with_the_filters_applied(client_as, example, url):
    body = client_as("analyst").get(url, {"as_of": "2020-11-10"}).content.decode()
    sources = re.findall(r'<img src="([^"]+)"', body)
    assert sources and all("as_of=2020-11-10" in s for s in sources)
    client = client_as("analyst")
    for source in sources[:3]:
        response = client.get(source.replace("&amp;", "&"))
        assert response.status_code == 200 and response["Content-Type"].startswith("image/svg+xml")
        assert response.content.lstrip().startswith(b"<svg")


def test_an_unknown_chart_is_not_found(client_as, example):
    url = reverse("front:dashboard_chart", args=[example.training.slug])
    assert client_as("analyst").get(url, {"chart": "q-nothing"}).status_code == 404


def test_another_organisations_training_is_not_found(client_as, example, url):
    assert client_as("outsider").get(url).status_code == 404
    chart = reverse("front:dashboard_chart", args=[example.training.slug])
    assert client_as("outsider").get(chart).status_code == 404


def test_a_partner_contact_may_not_open_the_dashboard(client_as, url):
    assert client_as("partner").get(url).status_code == 403


def test_the_dashboard_in_russian_has_no_english_figure_words_and_long_russian_dates(client_as, example, url):
    client = client_as("analyst")
    client.cookies["django_language"] = "ru"
    body = client.get(url).content.decode()
    assert "95% интервал" in body and " из " in body
    assert "95% interval" not in body and " of " not in body and "counts:" not in body
    assert re.search(r"Первый ответ \d+ ноября 2020\u202fг\.", body)  # CLDR's long date, the genitive month
    assert "г.." not in body  # the date's own "г." ends the sentence, as Russian writes it


@pytest.mark.parametrize(
    ("language", "words"),
    [
        ("uz", ("Asosiy ko‘rsatkichlar", "95% oraliq", "Filtrlar")),
        ("uz-cyrl", ("Асосий кўрсаткичлар", "95% оралиқ")),
    ],
)
def test_the_dashboard_speaks_uzbek_in_both_scripts(client_as, example, url, language, words):
    client = client_as("analyst")
    client.cookies["django_language"] = language
    body = client.get(url).content.decode()
    for word in words:
        assert word in body, word
    assert "Key indicators" not in body and "95% interval" not in body


def test_a_survey_uploaded_without_an_indicators_file_is_banded_by_the_age_question(client_as, example, url):
    example.survey.indicators = {}  # as a survey uploaded through the web with no indicators file
    example.survey.save(update_fields=["indicators"])
    ages = analyze_survey(example.survey).indicators["age"]
    assert ages.bands == ()  # nothing declared: the bands come from the house rule
    client = client_as("organiser")
    page = client.get(url).content.decode()
    assert '<select name="band-age">' in page and "34 or under" in page and "55 or over" in page
    body = client.get(url, {"band-age": "35_44"}).content.decode()
    from citybridge.analysis.spec import spec_from_dict
    from citybridge.analysis.subsets import respondents_in
    from citybridge.web.surveys.analysis import survey_frame

    form = example.survey.current_version().form()
    in_band = respondents_in(form, survey_frame(example.survey), spec_from_dict({}), bands={"age": "35_44"})
    assert 0 < in_band.height < analyze_survey(example.survey).respondents
    assert _figure(body, "respondents") == str(in_band.height)
    materials = in_band["materials"].drop_nulls().len()
    assert f"of {materials}" in body  # a figure under the filter gives the subset's own base


def test_the_age_bands_are_worded_in_russian(client_as, example, url):
    example.survey.indicators = {}
    example.survey.save(update_fields=["indicators"])
    client = client_as("analyst")
    client.cookies["django_language"] = "ru"
    body = client.get(url).content.decode()
    assert "34 и младше" in body and "55 и старше" in body and "or under" not in body


def test_a_phone_gets_the_responses_chart_drawn_at_its_own_width(client_as, example, url):
    client = client_as("analyst")
    body = client.get(url).content.decode()
    assert '<source media="(max-width: 36rem)"' in body and "chart=responses-phone" in body
    chart = reverse("front:dashboard_chart", args=[example.training.slug])
    wide, phone = (client.get(chart, {"chart": c}).content.decode() for c in ("responses", "responses-phone"))
    width = [int(float(re.search(r'<svg[^>]* width="([\d.]+)"', svg)[1])) for svg in (wide, phone)]
    assert width[1] < 400 < width[0]
    assert re.search(r">\d+ Nov 2020<", phone)  # the year on the first tick, at any width


def test_a_form_with_two_age_questions_lets_the_organiser_pick_which_to_band(db):
    from citybridge.analysis.spec import spec_from_dict
    from citybridge.forms.model import INTEGER, Form, Question
    from citybridge.web.front.dashboard_data import filter_choices

    form = Form(
        "f",
        "1",
        "F",
        None,
        (),
        (
            Question("age", INTEGER, "age", labels={"en": "Your age"}),
            Question("birth_year", INTEGER, "birth_year"),
        ),
    )
    choices = filter_choices(form, spec_from_dict({}), "en")
    assert [(name, label) for name, label, _ in choices.banded] == [
        ("age", "Your age"),
        ("birth_year", "birth_year"),
    ]
    assert [label for _, label in choices.banded[1][2]] == [
        "34 or under",
        "35 to 44",
        "45 to 54",
        "55 or over",
    ]
