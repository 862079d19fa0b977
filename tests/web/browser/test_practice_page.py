"""An organiser adds a good practice in the knowledge hub's form, on a wide screen and a phone."""

from __future__ import annotations

import pytest

from tests.web.browser.conftest import PHONE

pytestmark = pytest.mark.django_db(transaction=True)
WIDE = {"width": 1366, "height": 900}


@pytest.mark.parametrize("viewport", [WIDE, PHONE], ids=["1366", "390"])
def test_an_organiser_adds_a_good_practice_in_the_page(signed_in, live_server, example, screenshot, viewport):
    from citybridge.web.knowledge.models import Practice

    page = signed_in("organiser", viewport)
    page.goto(f"{live_server.url}/knowledge/trainings/{example.training.slug}/practices/new/")
    page.fill("input[name=title]", "Evening bazaars in the old town")
    page.check('input[name=sectors][value="tourism"]')
    page.fill("textarea[name=key_points]", "Open the old streets after dark.\nLet local makers sell there.")
    page.fill("input[name=source]", "Notes of the city visit")
    assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]
    screenshot(page, f"knowledge-practice-form-{viewport['width']}")
    page.click("#save-practice")
    page.locator("h1", has_text="Evening bazaars in the old town").wait_for()
    screenshot(page, f"knowledge-practice-saved-{viewport['width']}")
    stored = Practice.objects.get(title="Evening bazaars in the old town")
    assert stored.sectors == ["tourism"] and len(stored.key_points) == 2
