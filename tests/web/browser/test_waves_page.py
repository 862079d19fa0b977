"""An organiser goes from the training page to its survey waves and sends the messages due, in
Chromium; a second press sends nobody anything more."""

from __future__ import annotations

import pytest

from tests.web.browser.conftest import DESKTOP
from tests.web.waves.conftest import DATA, smtp  # noqa: F401 (smtp is a fixture: a real SMTP server)

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def follow_up(example):
    import datetime as dt

    from citybridge.web.waves.store import add_wave

    opened = dt.date.today() - dt.timedelta(days=1)
    return add_wave(example.training, DATA / "follow_3m.md", name="3 months", kind="follow-up", opens_on=opened)


def test_an_organiser_sends_a_waves_invitations_from_the_training_page(
    signed_in, live_server, example, follow_up, smtp, screenshot  # noqa: F811
):
    addressed = example.training.participants.exclude(email="").count()
    page = signed_in("organiser", DESKTOP)
    page.goto(f"{live_server.url}/t/{example.training.slug}/")
    page.get_by_role("link", name="Survey waves").click()
    page.wait_for_load_state()
    assert "3 months" in page.inner_text("#waves")
    screenshot(page, "waves-before-sending")

    page.get_by_role("button", name="Send due messages now").click()
    page.locator("#job-status .success").wait_for(timeout=60_000)  # the progress page, polled until done
    screenshot(page, "waves-sending-done")
    assert f"{addressed} messages sent." in page.inner_text("#job-status")
    assert len(smtp.messages) == addressed > 0

    page.go_back()
    page.reload()
    page.get_by_role("button", name="Send due messages now").click()
    page.locator("#job-status .success").wait_for(timeout=60_000)
    assert "Nothing was due" in page.inner_text("#job-status")
    assert len(smtp.messages) == addressed
