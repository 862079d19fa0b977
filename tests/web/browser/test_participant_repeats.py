"""A participant fills a form with a repeat and a cascading select, with JavaScript: adds two
household members, removes one, picks a country then a city from the list the country leaves,
says how many rooms (a repeat_count) and sends; the submission is stored with one child record per
member, per trip and per room."""

from __future__ import annotations

import pytest

from tests.web.browser.conftest import PHONE
from tests.web.participate.test_repeats import HOUSEHOLDS_FORM

pytestmark = pytest.mark.django_db(transaction=True)
WIDE = {"width": 1366, "height": 900}


@pytest.fixture
def households_link(example):
    from citybridge.web.participate.links import open_link
    from citybridge.web.surveys.store import add_survey

    survey, _, _ = add_survey(example.training, HOUSEHOLDS_FORM)
    return open_link(survey)


def _members(page):
    return page.locator('[id="r-|member"] > .instances > .instance')


def _member(page, n: int):
    return _members(page).nth(n)


@pytest.mark.parametrize("viewport", [WIDE, PHONE], ids=["1366px", "390px"])
def test_a_participant_adds_and_removes_members_and_picks_a_city_of_the_country_chosen(
    browser, live_server, households_link, screenshot, viewport
):
    from citybridge.web.repeats.models import RepeatInstance
    from citybridge.web.surveys.models import Submission

    context = browser.new_context(viewport=viewport, locale="en-GB")
    page = context.new_page()
    page.goto(f"{live_server.url}/s/{households_link.token}/")
    add = page.get_by_role("button", name="Add another “Household member”")
    add.click()
    add.click()
    assert _members(page).count() == 3
    assert [_member(page, n).locator("legend .instance-number").first.inner_text() for n in range(3)] == [
        "1",
        "2",
        "3",
    ]
    _member(page, 1).locator("textarea[name$='/name']").first.fill("Removed at once")
    _member(page, 1).get_by_role("button", name="Remove this “Household member”").click()
    assert _members(page).count() == 2 and "Removed at once" not in page.inner_text("form")
    assert _member(page, 1).locator("legend .instance-number").first.inner_text() == "2"

    _member(page, 0).locator("input[name$='/age']").fill("-2")  # checked as typed, in its instance
    _member(page, 0).locator(".live .error", has_text="This answer is not accepted").wait_for()
    for n, (name, age, place) in enumerate([("Malika", "34", "Khiva"), ("Timur", "9", "Termez")]):
        member = _member(page, n)
        member.locator("textarea[name$='/name']").first.fill(name)
        member.locator("input[name$='/age']").fill(age)
        member.locator(".instance textarea[name$='/place']").fill(place)
    works = _member(page, 1).locator(".question[id$='/works']")
    works.wait_for(state="hidden")  # a child of nine is not asked whether they work

    page.check('#q-country input[value="kz"]')
    page.locator('#q-city input[value="tashkent"]').wait_for(state="hidden")
    assert page.is_visible('#q-city input[value="almaty"]')
    page.check('#q-country input[value="uz"]')
    page.locator('#q-city input[value="almaty"]').wait_for(state="hidden")
    page.check('#q-city input[value="samarkand"]')
    _member(page, 0).locator(".question[id$='/abroad']").wait_for(state="hidden")  # asked outside Uzbekistan
    _member(page, 0).locator("input[name$='/works'][value='yes']").check()
    page.fill("#id-rooms", "2")  # the rooms repeat follows its repeat_count, ${rooms}
    rooms = page.locator('[id="r-|room"] > .instances > .instance')
    rooms.nth(1).wait_for()
    assert rooms.count() == 2 and not page.locator('[id="r-|room"] button').count()
    for n, area in enumerate(("18", "12")):
        rooms.nth(n).locator("input[name$='/area']").fill(area)
    tag = f"{viewport['width']}px"
    assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]
    screenshot(page, f"participant-repeats-{tag}-1-filled")

    page.click("#submit")
    page.locator("#thanks").wait_for()
    screenshot(page, f"participant-repeats-{tag}-2-thanks")
    stored = Submission.objects.get(survey=households_link.survey)
    assert (stored.answers["country"], stored.answers["city"]) == ("uz", "samarkand")
    records = {r.key.removeprefix(stored.instance_id + "/"): (r.parent.key if r.parent else None, r.answers)
               for r in RepeatInstance.objects.filter(submission=stored)}  # fmt: skip
    root = stored.instance_id
    assert records == {
        "member[1]": (None, {"name": "Malika", "age": 34, "works": "yes"}),
        "member[2]": (None, {"name": "Timur", "age": 9}),
        "member[1]/trip[1]": (f"{root}/member[1]", {"place": "Khiva"}),
        "member[2]/trip[1]": (f"{root}/member[2]", {"place": "Termez"}),
        "room[1]": (None, {"area": 18}),
        "room[2]": (None, {"area": 12}),
    }
    context.close()
