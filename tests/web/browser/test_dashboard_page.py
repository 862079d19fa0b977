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
