"""An organiser changes a lead's stage, owner, due day and note in one save, on a wide screen and
on a phone; everything typed is kept, each change in the history."""

from __future__ import annotations

import pytest

from tests.web.browser.conftest import PHONE

pytestmark = pytest.mark.django_db(transaction=True)
WIDE = {"width": 1366, "height": 900}


@pytest.mark.parametrize("viewport", [WIDE, PHONE], ids=["1366", "390"])
def test_an_organiser_edits_a_lead_in_one_save(signed_in, live_server, example, screenshot, viewport):
    from citybridge.web.pipeline.models import Lead
    from citybridge.web.pipeline.store import create_lead

    lead, _ = create_lead("Namangan", "Suzhou", who="organiser", training=example.training)
    page = signed_in("organiser", viewport)
    page.goto(f"{live_server.url}/partnerships/leads/{lead.pk}/")
    form = page.locator("#lead-form")
    form.locator("select[name=stage]").select_option("exchange")
    form.locator("input[name=owner]").fill("Dilnoza")
    form.locator("input[name=due_on]").fill("2021-03-15")
    form.locator("textarea[name=note]").fill("Delegation to visit in March")
    screenshot(page, f"lead-page-before-save-{viewport['width']}")
    form.locator("#save-lead").click()
    page.wait_for_load_state()
    page.locator(".messages .success").wait_for()
    assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]
    screenshot(page, f"lead-page-saved-{viewport['width']}")

    lead = Lead.objects.get(pk=lead.pk)
    assert (lead.stage, lead.owner, str(lead.due_on)) == ("exchange", "Dilnoza", "2021-03-15")
    assert [e.what for e in lead.history.all()] == ["created", "stage", "owner", "due", "note"]
    assert "Delegation to visit in March" in page.inner_text("main")
