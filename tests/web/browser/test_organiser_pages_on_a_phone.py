"""Every organiser page on a 390 px phone, in Russian and Uzbek: nothing makes the page scroll
sideways (wide tables scroll inside their own box). Screenshots of each go to artefacts/."""

from __future__ import annotations

import pytest

from tests.web.browser.conftest import PHONE

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.mark.parametrize("language", ["ru", "uz"])
def test_organiser_pages_fit_a_phone(signed_in, live_server, example, screenshot, language):
    from citybridge.web.participate.links import create_missing_links
    from citybridge.web.pipeline.store import create_lead

    create_missing_links(example.survey)
    lead, _ = create_lead("Namangan", "Suzhou", who="organiser", training=example.training)
    page = signed_in("organiser", PHONE)
    page.set_default_timeout(120_000)  # the first cities and matches pages load the gazetteer
    page.context.add_cookies([{"name": "django_language", "value": language, "url": live_server.url}])
    slug, survey = example.training.slug, example.survey.slug
    pages = {
        "trainings": "/", "training": f"/t/{slug}/", "participants": f"/t/{slug}/participants/",
        "links": f"/s/manage/{survey}/links/", "submissions": f"/surveys/{survey}/submissions/",
        "dashboard": f"/t/{slug}/dashboard/", "reports": f"/t/{slug}/reports/",
        "cities": f"/partnerships/t/{slug}/cities/", "matches": f"/partnerships/t/{slug}/matches/",
        "leads": f"/partnerships/t/{slug}/leads/", "lead": f"/partnerships/leads/{lead.pk}/",
        "catalogue": "/partnerships/catalogue/", "knowledge": "/knowledge/",
    }  # fmt: skip
    wide = {}
    for name, address in pages.items():
        page.goto(live_server.url + address)
        assert page.evaluate("document.documentElement.lang") == language, name
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > PHONE["width"]:
            wide[name] = width
        screenshot(page, f"phone-{language}-{name}")
    assert not wide, f"pages wider than the phone: {wide}"
