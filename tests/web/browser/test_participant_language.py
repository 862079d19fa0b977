"""A participant on a phone answers half the form, switches language twice and loses nothing; a
broken constraint is named while they type; what they send is what they answered. With
JavaScript (the page swaps in place) and without it (the language button sends the form)."""

from __future__ import annotations

import pytest

from tests.web.browser.conftest import PHONE

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def personal_link(example):
    from citybridge.web.participate.links import create_missing_links
    from citybridge.web.participate.models import SurveyLink

    create_missing_links(example.survey)
    return SurveyLink.objects.filter(survey=example.survey, participant__isnull=False).order_by("pk").first()


def _first_half(page) -> None:
    page.check('#q-city input[value="bukhara"]')
    page.check('#q-position input[value="khokim"]')
    page.fill("#id-age", "12")  # breaks the form's constraint: 18 to 80
    page.fill("#id-population", "280000")
    page.check('#q-industries input[value="tourism"]')
    page.check('#q-industries input[value="other"]')
    page.fill("#id-industries_other", "Silk weaving")
    page.fill("#id-comments", "Шёлк и туризм")


def _first_half_is_kept(page) -> None:
    assert page.is_checked('#q-city input[value="bukhara"]')
    assert page.is_checked('#q-position input[value="khokim"]')
    assert page.input_value("#id-age") == "12"
    assert page.input_value("#id-population") == "280000"
    assert page.is_checked('#q-industries input[value="tourism"]')
    assert page.is_checked('#q-industries input[value="other"]')
    assert page.input_value("#id-industries_other") == "Silk weaving"
    assert page.input_value("#id-comments") == "Шёлк и туризм"


def _second_half(page) -> None:
    for question in page.locator(".question[data-widget=radio]").all():
        if question.is_visible() and not question.locator("input:checked").count():
            question.locator("input").first.check()
    if not page.is_checked('#q-priorities input[value="tourism"]'):
        page.check('#q-priorities input[value="tourism"]')


@pytest.mark.parametrize("javascript", [True, False], ids=["javascript", "no-javascript"])
def test_a_participant_switches_language_mid_form_and_keeps_every_answer(
    browser, live_server, personal_link, screenshot, javascript
):
    from citybridge.web.surveys.models import Submission

    context = browser.new_context(
        viewport=PHONE, is_mobile=True, has_touch=True, java_script_enabled=javascript
    )
    page = context.new_page()
    page.goto(f"{live_server.url}/s/{personal_link.token}/?lang=English (en)")
    _first_half(page)
    if javascript:  # checked as typed, in the form's own words, before anything is sent
        page.locator("#live-age .error", has_text="Age must be between 18 and 80").wait_for()
    tag = "js" if javascript else "nojs"
    screenshot(page, f"participant-switch-{tag}-1-en")

    page.click('[data-lang="Russian (ru)"]')
    page.locator("#q-city", has_text="Ваш город").wait_for()
    assert page.evaluate("document.documentElement.lang") == "ru"
    _first_half_is_kept(page)
    assert "Другое" in page.inner_text("#q-industries") and "Уточните" in page.inner_text(
        "#q-industries_other"
    )
    if javascript:  # the message follows the language
        page.locator("#live-age .error", has_text="Возраст должен быть от 18 до 80 лет").wait_for()
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    screenshot(page, f"participant-switch-{tag}-2-ru")

    page.fill("#id-age", "45")
    page.click('[data-lang="Chinese (zh)"]')
    page.locator("#q-city", has_text="您所在的城市").wait_for()
    assert page.input_value("#id-age") == "45"
    assert "其他" in page.inner_text("#q-industries")
    _second_half(page)
    screenshot(page, f"participant-switch-{tag}-3-zh")
    page.click("#submit")
    page.locator("#thanks").wait_for()
    assert "谢谢" in page.inner_text("#thanks")
    screenshot(page, f"participant-switch-{tag}-4-thanks")

    stored = Submission.objects.get(survey=personal_link.survey, source=Submission.Source.WEB)
    answers = stored.answers
    assert (answers["city"], answers["position"], answers["age"], answers["population"]) == (
        "bukhara", "khokim", 45, 280000,
    )  # fmt: skip
    assert set(answers["industries"]) == {"tourism", "other"}
    assert answers["industries_other"] == "Silk weaving" and answers["comments"] == "Шёлк и туризм"
    context.close()
