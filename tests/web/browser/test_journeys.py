"""What people do in the browser, end to end, in Chromium: a participant answers on a phone, an
organiser watches the answer arrive and takes the report away, an organiser moves a lead on.
Screenshots of every page visited go to artefacts/screenshots/."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Error as PlaywrightError

from tests.web.browser.conftest import DESKTOP, PHONE

pytestmark = pytest.mark.django_db(transaction=True)

UZBEK = "Uzbek (uz)"  # the example form's Uzbek labels are written in Cyrillic letters


@pytest.fixture
def personal_link(example):
    from citybridge.web.participate.links import create_missing_links
    from citybridge.web.participate.models import SurveyLink

    create_missing_links(example.survey)
    return SurveyLink.objects.filter(survey=example.survey, participant__isnull=False).order_by("pk").first()


def answer_every_required_question(page) -> None:
    """The first choice of every choice question, and plausible numbers."""
    for question in page.locator(".question[data-widget=radio], .question[data-widget=checkbox]").all():
        if question.is_visible():
            question.locator("input").first.check()
    page.fill("#id-population", "250000")


def test_a_participant_answers_on_a_phone_in_uzbek_cyrillic(browser, live_server, personal_link, screenshot):
    from citybridge.web.surveys.models import Submission

    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    page = context.new_page()
    page.goto(f"{live_server.url}/s/{personal_link.token}/")
    screenshot(page, "participant-form-en-phone")
    page.click(f'[data-lang="{UZBEK}"]')
    page.locator("#q-city", has_text="Шаҳрингиз").wait_for()  # swapped in place, no reload
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]  # no sideways scrolling

    answer_every_required_question(page)
    page.check('#q-china_interest input[value="no"]')
    page.wait_for_timeout(500)  # htmx re-evaluates the skip logic
    assert not page.is_visible("#q-china_cities")
    page.check('#q-china_interest input[value="yes"]')
    page.locator("#q-china_cities").wait_for(state="visible")

    page.fill("#id-age", "12")  # the form's constraint: 18 to 80
    before = Submission.objects.count()
    page.click("#submit")
    page.wait_for_load_state()
    alert = page.locator("#q-age .error[role=alert]")
    assert alert.count() == 1
    assert re.search("[\u0400-\u04ff]", alert.inner_text()), alert.inner_text()  # the message in Cyrillic
    screenshot(page, "participant-form-uz-cyrl-validation")
    assert Submission.objects.count() == before

    page.fill("#id-age", "45")
    page.click("#submit")
    page.locator("#thanks").wait_for()
    screenshot(page, "participant-thanks-uz-cyrl")
    stored = Submission.objects.filter(source=Submission.Source.WEB)
    assert stored.count() == 1 and stored.get().answers["age"] == 45
    try:  # the same form sent again from the browser's history stores nothing new
        page.go_back()
        page.reload()
    except PlaywrightError as refused:  # the page held answers (Cache-Control: no-store): not kept
        assert "ERR_CACHE_MISS" in str(refused)
    assert Submission.objects.count() == before + 1
    context.close()


def test_the_organiser_sees_the_response_and_downloads_the_pdf_report(
    signed_in, live_server, example, screenshot
):
    from citybridge.web.surveys.models import Submission

    page = signed_in("organiser", DESKTOP)
    screenshot(page, "organiser-trainings")
    page.goto(f"{live_server.url}/t/{example.training.slug}/")
    screenshot(page, "organiser-training")
    page.goto(f"{live_server.url}/t/{example.training.slug}/dashboard/")
    respondents = Submission.objects.filter(survey=example.survey).count()
    assert str(respondents) in page.inner_text("main")
    page.wait_for_load_state("networkidle")  # the charts are images of their own, drawn on request
    charts = page.locator("main img")
    assert charts.count() >= 3
    for index in range(charts.count()):
        charts.nth(index).scroll_into_view_if_needed()  # they load lazily, as a reader scrolls
    for source in page.evaluate("[...document.querySelectorAll('main img')].map(i => i.src)"):
        answer = page.request.get(source)
        assert answer.status == 200 and answer.headers["content-type"].startswith("image/svg"), source
    page.wait_for_function(
        "[...document.querySelectorAll('main img')].every(i => i.complete && i.naturalWidth > 0)",
        timeout=60_000,
    )
    screenshot(page, "organiser-dashboard")
    page.goto(f"{live_server.url}/surveys/{example.survey.slug}/submissions/")
    screenshot(page, "organiser-submissions")

    page.goto(f"{live_server.url}/t/{example.training.slug}/reports/")
    for box in page.locator("input[name=languages], input[name=formats]").all():
        box.uncheck()
    page.check("input[name=languages][value=en]")
    page.check("input[name=formats][value=pdf]")
    page.click("button[name=report]")
    link = page.locator("a[download]").first
    link.wait_for(timeout=120_000)
    screenshot(page, "organiser-report-ready")
    with page.expect_download() as download:
        link.click()
    pdf = download.value.path().read_bytes()
    assert pdf.startswith(b"%PDF") and len(pdf) > 10_000


def test_an_organiser_moves_a_lead_to_agreement(signed_in, live_server, example, screenshot):
    from citybridge.web.pipeline.models import Lead
    from citybridge.web.pipeline.store import create_lead

    lead, _ = create_lead("Namangan", "Suzhou", who="organiser", training=example.training)
    page = signed_in("organiser", DESKTOP)
    page.goto(f"{live_server.url}/partnerships/t/{example.training.slug}/leads/")
    card = page.locator(f"#lead-{lead.pk}")
    card.locator("select[name=stage]").select_option("agreement")
    card.locator("button.move").click()
    page.locator(f'[data-stage="agreement"] #lead-{lead.pk}').wait_for()
    screenshot(page, "partnerships-leads-board")
    lead = Lead.objects.get(pk=lead.pk)
    assert lead.stage == "agreement"
    assert lead.history.filter(what="stage").count() == 1
    page.goto(f"{live_server.url}/partnerships/t/{example.training.slug}/matches/")
    screenshot(page, "partnerships-matches")
    page.goto(f"{live_server.url}/knowledge/")
    screenshot(page, "knowledge-hub")
