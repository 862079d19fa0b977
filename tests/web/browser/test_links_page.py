"""The organiser's links page in Chromium: the table takes the page's width on a 1366 px screen,
every column readable, and a copy button puts a participant's link on the clipboard."""

from __future__ import annotations

import pytest

from tests.web.browser.conftest import PHONE

pytestmark = pytest.mark.django_db(transaction=True)
WIDE = {"width": 1366, "height": 900}


@pytest.mark.parametrize("viewport", [WIDE, PHONE], ids=["1366", "390"])
def test_the_links_table_uses_the_page_width_and_copies_a_link(
    signed_in, live_server, example, screenshot, viewport
):
    from citybridge.web.participate.links import create_missing_links

    create_missing_links(example.survey)
    page = signed_in("organiser", viewport)
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=live_server.url)
    page.goto(f"{live_server.url}/s/manage/{example.survey.slug}/links/")
    table, main = page.locator("#personal-links table"), page.locator("main")
    if viewport is WIDE:  # the table as wide as the page's content, not a narrow column
        assert table.bounding_box()["width"] >= 0.95 * main.bounding_box()["width"] - 40
        for header in ("City", "Link", "Answered"):
            box = page.locator("#personal-links th", has_text=header).bounding_box()
            assert box["x"] + box["width"] <= viewport["width"], header
    else:  # on a phone the table scrolls inside its box; the page itself does not
        assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]
    first = page.locator("#personal-links tbody tr").first
    url = first.locator("td.link a").get_attribute("href")
    first.locator("button.copy").click()
    first.locator("button.copy", has_text="Copied").wait_for()
    assert page.evaluate("navigator.clipboard.readText()") == url
    screenshot(page, f"survey-links-{viewport['width']}")
