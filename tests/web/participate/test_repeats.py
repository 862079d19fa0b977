"""Repeat groups and cascading selects in the participant form, without JavaScript."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.web.participate.conftest import form_url

HOUSEHOLDS_FORM = Path(__file__).parent / "data" / "households.md"


@pytest.fixture
def households_link(example):
    """The open link of a form with a repeat (a nested one inside), a counted repeat and a cascade."""
    from citybridge.web.participate.links import open_link
    from citybridge.web.surveys.store import add_survey

    survey, _, _ = add_survey(example.training, HOUSEHOLDS_FORM)
    return open_link(survey)


def _instance_id(page: str) -> str:
    return page.split('name="instance_id" value="')[1].split('"')[0]


def _keys(page: str) -> list[str]:
    """The instance keys the page shows (templates left out)."""
    shown = re.sub(r"<template>.*?</template>", "", page, flags=re.S)
    return re.findall(r'name="repeat_instance" value="([^"]+)"', shown)


def _answers(instance: str, **fields) -> dict:
    return {"instance_id": instance, **fields}


def test_a_new_form_shows_one_instance_of_a_repeat_and_of_the_repeat_inside_it(households_link, participant):
    page = participant.get(form_url(households_link)).content.decode()
    assert _keys(page) == ["member[1]", "member[1]/trip[1]"]
    assert 'name="member[1]/name"' in page and 'name="member[1]/trip[1]/place"' in page
    assert 'name="add_instance" value="|member"' in page
    assert 'name="add_instance" value="member[1]|member/trip"' in page
    assert "this page cannot take" not in page


def test_add_another_without_javascript_shows_the_same_answers_and_one_more_instance(
    households_link, participant
):
    page = participant.get(form_url(households_link)).content.decode()
    fields = _answers(_instance_id(page), country="uz", repeat_instance=["member[1]", "member[1]/trip[1]"],
                      **{"member[1]/name": "Dilnoza", "member[1]/trip[1]/place": "Bukhara", "add_instance": "|member"})  # fmt: skip
    page = participant.post(form_url(households_link), fields).content.decode()
    assert _keys(page) == ["member[1]", "member[1]/trip[1]", "member[2]", "member[2]/trip[1]"]
    assert ">Dilnoza</textarea>" in page and ">Bukhara</textarea>" in page
    assert 'name="country" value="uz" checked' in page
    assert households_link.survey.submissions.count() == 0


def test_remove_without_javascript_drops_the_instance_and_numbers_the_others_again(
    households_link, participant
):
    page = participant.get(form_url(households_link)).content.decode()
    fields = _answers(_instance_id(page), repeat_instance=["member[1]", "member[2]", "member[2]/trip[1]"],
                      **{"member[1]/name": "Aziz", "member[2]/name": "Dilnoza", "member[2]/trip[1]/place": "Khiva",
                         "remove_instance": "member[1]"})  # fmt: skip
    page = participant.post(form_url(households_link), fields).content.decode()
    assert _keys(page) == ["member[1]", "member[1]/trip[1]"]
    assert ">Dilnoza</textarea>" in page and ">Khiva</textarea>" in page and "Aziz" not in page


def test_each_instance_is_checked_and_its_message_stands_next_to_its_answer(households_link, participant):
    page = participant.get(form_url(households_link)).content.decode()
    fields = _answers(_instance_id(page), country="uz", city="tashkent", repeat_instance=["member[1]", "member[2]"],
                      **{"member[1]/name": "Aziz", "member[1]/age": "-4", "member[2]/age": "30"})  # fmt: skip
    page = participant.post(form_url(households_link), fields).content.decode()
    age = page.split('id="q-member[1]/age"')[1].split('id="q-member[1]/works"')[0]
    assert "This answer is not accepted" in age
    name = page.split('id="q-member[2]/name"')[1].split('id="q-member[2]/age"')[0]
    assert "This question needs an answer." in name
    assert households_link.survey.submissions.count() == 0


def test_a_question_inside_an_instance_that_does_not_apply_is_not_kept(households_link, participant):
    from citybridge.web.repeats.models import RepeatInstance

    page = participant.get(form_url(households_link)).content.decode()
    instance = _instance_id(page)
    fields = _answers(instance, country="kz", city="almaty", repeat_instance=["member[1]", "member[2]"],
                      **{"member[1]/name": "Aziz", "member[1]/age": "10", "member[1]/works": "yes",
                         "member[1]/abroad": "no", "member[2]/name": "Dilnoza", "member[2]/age": "40",
                         "member[2]/works": "yes", "member[2]/abroad": "yes"})  # fmt: skip
    response = participant.post(form_url(households_link), fields)
    assert response.status_code == 302
    stored = {r.key: r.answers for r in RepeatInstance.objects.filter(submission__instance_id=instance)}
    assert stored == {
        f"{instance}/member[1]": {"name": "Aziz", "age": 10, "abroad": "no"},
        f"{instance}/member[2]": {"name": "Dilnoza", "age": 40, "works": "yes", "abroad": "yes"},
    }


def test_nested_instances_are_stored_under_their_member(households_link, participant):
    from citybridge.web.repeats.models import RepeatInstance

    page = participant.get(form_url(households_link)).content.decode()
    instance = _instance_id(page)
    fields = _answers(instance, country="uz", city="samarkand",
                      repeat_instance=["member[1]", "member[1]/trip[1]", "member[1]/trip[2]"],
                      **{"member[1]/name": "Aziz", "member[1]/age": "40", "member[1]/trip[1]/place": "Khiva",
                         "member[1]/trip[2]/place": "Termez"})  # fmt: skip
    assert participant.post(form_url(households_link), fields).status_code == 302
    trips = RepeatInstance.objects.filter(submission__instance_id=instance, repeat="member/trip").order_by(
        "key"
    )
    assert [(t.key, t.parent.key, t.answers["place"]) for t in trips] == [
        (f"{instance}/member[1]/trip[1]", f"{instance}/member[1]", "Khiva"),
        (f"{instance}/member[1]/trip[2]", f"{instance}/member[1]", "Termez"),
    ]


def test_a_counted_repeat_shows_as_many_instances_as_its_count_answer(households_link, participant):
    page = participant.get(form_url(households_link)).content.decode()
    assert not [k for k in _keys(page) if k.startswith("room")]
    fields = _answers(_instance_id(page), country="uz", city="tashkent", rooms="3",
                      repeat_instance=["member[1]"], **{"member[1]/name": "Aziz", "member[1]/age": "40"})  # fmt: skip
    page = participant.post(form_url(households_link), fields).content.decode()
    assert [k for k in _keys(page) if k.startswith("room")] == ["room[1]", "room[2]", "room[3]"]
    assert 'value="|room"' not in page and 'name="remove_instance" value="room[1]"' not in page
    assert households_link.survey.submissions.count() == 0


def test_switching_language_keeps_the_answers_of_every_instance(households_link, participant):
    page = participant.get(form_url(households_link)).content.decode()
    fields = _answers(_instance_id(page), switch_language="Russian (ru)", repeat_instance=["member[1]", "member[2]"],
                      **{"member[1]/name": "Aziz", "member[2]/name": "Dilnoza"})  # fmt: skip
    page = participant.post(form_url(households_link), fields).content.decode()
    assert _keys(page)[:2] == ["member[1]", "member[2]"]
    assert (
        ">Aziz</textarea>" in page and ">Dilnoza</textarea>" in page and "Добавить ещё: «Член семьи»" in page
    )


def test_a_city_outside_the_chosen_country_is_refused_and_not_offered(households_link, participant):
    page = participant.get(form_url(households_link)).content.decode()
    fields = _answers(_instance_id(page), country="uz", city="almaty", repeat_instance=["member[1]"],
                      **{"member[1]/name": "Aziz", "member[1]/age": "40"})  # fmt: skip
    page = participant.post(form_url(households_link), fields).content.decode()
    city = page.split('id="q-city"')[1].split('class="repeat"')[0]
    assert 'value="tashkent"' in city and 'value="samarkand"' in city and 'value="almaty"' not in city
    assert 'class="error"' in city
    assert households_link.survey.submissions.count() == 0


def test_the_live_check_names_the_cities_offered_and_the_questions_hidden_in_each_instance(
    households_link, participant
):
    fields = {"country": "kz", "rooms": "2", "repeat_instance": ["member[1]", "member[1007]"],
              "member[1]/age": "12", "member[1007]/age": "-1", "member[1007]/name": "Aziz"}  # fmt: skip
    answer = participant.post(f"/s/{households_link.token}/relevance/", fields).content.decode()
    hidden = answer.split('data-hidden="')[1].split('"')[0].split()
    offered = answer.split('data-offered="')[1].split('"')[0].split()
    assert "q-member[1]/works" in hidden and "q-member[1007]/works" in hidden
    assert "q-city=almaty" in offered
    assert answer.split('data-counts="')[1].split('"')[0] == "r-|room=2"
    assert 'id="live-member[1007]/age"' in answer and "This answer is not accepted" in answer


def test_a_question_inside_an_instance_may_depend_on_an_answer_outside_it(households_link, participant):
    page = participant.get(form_url(households_link)).content.decode()
    base = {"repeat_instance": ["member[1]"], "member[1]/name": "Aziz", "member[1]/age": "40"}
    page = participant.post(
        form_url(households_link), _answers(_instance_id(page), country="kz", city="almaty", **base)
    )
    abroad = page.content.decode().split('id="q-member[1]/abroad"')[1].split('class="repeat"')[0]
    assert "This question needs an answer." in abroad  # Kazakhstan: asked, and required
    uz = _answers(_instance_id(page.content.decode()), country="uz", city="tashkent", **base)
    assert participant.post(form_url(households_link), uz).status_code == 302  # Uzbekistan: not asked
