"""In Chromium, no page breaks the Content-Security-Policy: the pages' script (htmx, citybridge.js)
and styles all come from files, so the browser refuses nothing, and what they do still works."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db(transaction=True)


def watch(page) -> list[str]:
    """Every message the browser writes about a refused resource or script."""
    refused: list[str] = []
    page.on(
        "console",
        lambda message: refused.append(message.text) if "Content Security Policy" in message.text else None,
    )
    page.on("pageerror", lambda error: refused.append(str(error)))
    return refused


def test_the_organiser_and_admin_pages_load_without_a_refusal(signed_in, live_server, example):
    slug, survey = example.training.slug, example.survey.slug
    pages = {
        "organiser": ["/", f"/t/{slug}/", f"/t/{slug}/participants/", f"/surveys/{survey}/submissions/",
                      f"/t/{slug}/dashboard/", f"/t/{slug}/reports/", "/partnerships/", "/knowledge/"],
        "admin": ["/admin/", "/admin/surveys/submission/", "/api/v1/docs"],
    }  # fmt: skip
    for role, urls in pages.items():
        page = signed_in(role)
        refused = watch(page)
        for url in urls:
            response = page.goto(f"{live_server.url}{url}")
            page.wait_for_load_state("networkidle")
            assert response.status == 200, url
            assert "content-security-policy" in response.headers, url
        assert refused == [], refused


def test_htmx_filters_and_the_language_list_still_work(signed_in, live_server, example):
    page = signed_in("organiser")
    refused = watch(page)
    page.goto(f"{live_server.url}/t/{example.training.slug}/dashboard/")
    page.wait_for_load_state("networkidle")
    page.locator("form.filters select").first.select_option(index=1)
    with page.expect_response(
        lambda r: "/dashboard/?" in r.url and r.request.headers.get("hx-request") == "true"
    ):
        page.click("form.filters button[type=submit]")  # htmx swaps the results in
    page.wait_for_function("location.search.includes('city=')")  # htmx pushed the filtered address
    page.select_option("header select[name=language]", "ru")
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "ru"
    assert refused == [], refused
