"""The dashboard in Chromium: the age-band filter narrows the respondents; the headline of an
agreement question is its declared (top-two-box) share; nothing overflows a phone."""

from __future__ import annotations

import re

import pytest

from tests.web.browser.conftest import PHONE

pytestmark = pytest.mark.django_db(transaction=True)
WIDE = {"width": 1366, "height": 900}


@pytest.mark.parametrize("viewport", [WIDE, PHONE], ids=["1366", "390"])
def test_the_age_band_filter_narrows_the_dashboard(signed_in, live_server, example, screenshot, viewport):
    from citybridge.analysis.subsets import banded_questions
    from citybridge.web.surveys.analysis import analyze_survey, survey_spec

    form, spec = example.survey.current_version().form(), survey_spec(example.survey)
    question = banded_questions(form, spec)[0]
    band = spec.question(question.name).bands[1]
    in_band = next(
        b.count
        for b in analyze_survey(example.survey).indicators[question.name].bands
        if b.value == band.name
    )

    page = signed_in("organiser", viewport)
    page.goto(f"{live_server.url}/t/{example.training.slug}/dashboard/")
    everyone = page.inner_text('[data-figure="respondents"]')
    page.select_option(f'select[name="band-{question.name}"]', band.name)
    page.click(".filters button[type=submit]")
    page.locator('[data-figure="respondents"]', has_text=re.compile(rf"^{in_band}$")).wait_for()
    assert int(everyone) > in_band
    assert f"band-{question.name}={band.name}" in page.url
    headline = page.inner_text("#q-new_knowledge [data-headline]")
    assert re.match(r"\d+%", headline)
    page.wait_for_load_state("networkidle")
    assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]
    screenshot(page, f"dashboard-age-band-{viewport['width']}")


@pytest.mark.parametrize("language", ["en", "ru"])
@pytest.mark.parametrize("viewport", [WIDE, PHONE], ids=["1366", "390"])
def test_the_age_filter_of_a_survey_without_indicators_file_fits_the_screen(
    signed_in, live_server, example, screenshot, viewport, language
):
    example.survey.indicators = {}  # uploaded through the web without an indicators file
    example.survey.save(update_fields=["indicators"])
    page = signed_in("organiser", viewport)
    page.context.add_cookies([{"name": "django_language", "value": language, "url": live_server.url}])
    page.goto(f"{live_server.url}/t/{example.training.slug}/dashboard/")
    everyone = int(page.inner_text('[data-figure="respondents"]'))
    page.select_option('select[name="band-age"]', "35_44")
    page.click(".filters button[type=submit]")
    page.wait_for_url(re.compile(r"band-age=35_44"))
    page.wait_for_load_state("networkidle")
    assert 0 < int(page.inner_text('[data-figure="respondents"]')) < everyone
    assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]
    chart = page.locator('img[src*="chart=responses"]')
    box = chart.bounding_box()  # the whole chart in view, its last days and year label included
    assert box and box["x"] >= 0 and box["x"] + box["width"] <= viewport["width"]
    assert chart.evaluate("img => img.complete && img.naturalWidth > 0")
    if viewport is PHONE:  # the phone's own chart, shown at its size: words not shrunk
        assert "chart=responses-phone" in chart.evaluate("img => img.currentSrc")
        assert chart.evaluate("img => img.naturalWidth") <= box["width"] + 1
    screenshot(page, f"dashboard-age-{language}-{viewport['width']}")
