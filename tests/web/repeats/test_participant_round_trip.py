"""A repeat form filled on the participant page (no JavaScript: "Add another" is a submit) is
stored with its instances, and the submissions page's export of it in each format imports into a
fresh survey of the same form as the same submission and the same instances, keys and parents."""

from __future__ import annotations

import re

import pytest

from citybridge.web.imports import import_file
from citybridge.web.repeats.models import RepeatInstance
from tests.web.participate.test_repeats import HOUSEHOLDS_FORM
from tests.web.repeats.test_export import SUFFIX, page_export, stored

FIELD = re.compile(r'<(?:input|textarea|select)[^>]*\bname="([^"]+)"')


@pytest.fixture
def households(example):
    from citybridge.web.participate.links import open_link
    from citybridge.web.surveys.store import add_survey

    survey, _, _ = add_survey(example.training, HOUSEHOLDS_FORM)
    return open_link(survey)


@pytest.fixture
def fresh(db):
    """The same form in a training of its own, with nothing stored."""
    from citybridge.web.surveys.store import add_survey
    from citybridge.web.trainings.store import create_training

    survey, _, _ = add_survey(create_training("Fresh", slug="fresh-2020"), HOUSEHOLDS_FORM)
    return survey


def shown(page: str) -> tuple[list[str], set[str]]:
    """The instance keys a page shows and the names of its fields (the script's templates left out)."""
    page = re.sub(r"<template>.*?</template>", "", page, flags=re.S)
    return re.findall(r'name="repeat_instance" value="([^"]+)"', page), set(FIELD.findall(page))


def post_as_named(client, url: str, page: str, answers: dict, **buttons) -> str | None:
    """Post ``answers`` as the page names its fields; each answer's field must be on the page."""
    keys, names = shown(page)
    missing = set(answers) - names
    assert not missing, f"the page has no field {sorted(missing)}"
    instance = page.split('name="instance_id" value="')[1].split('"')[0]
    response = client.post(url, {"instance_id": instance, "repeat_instance": keys, **answers, **buttons})
    if response.status_code == 302:
        return None
    assert response.status_code == 200
    return response.content.decode()


def fill_households(client, link) -> str:
    """Two members (the second with two trips) and two counted rooms, through "Add another"."""
    url = f"/s/{link.token}/"
    answers = {"country": "kz", "city": "almaty", "rooms": "2", "member[1]/name": "Aziz", "member[1]/age": "44",
               "member[1]/works": "yes", "member[1]/abroad": "no", "member[1]/trip[1]/place": "Khiva"}  # fmt: skip
    page = post_as_named(client, url, client.get(url).content.decode(), answers, add_instance="|member")
    assert shown(page)[0] == [
        "member[1]",
        "member[1]/trip[1]",
        "member[2]",
        "member[2]/trip[1]",
        "room[1]",
        "room[2]",
    ]
    answers |= {"member[2]/name": "Dilnoza", "member[2]/age": "12", "member[2]/abroad": "yes",
                "member[2]/trip[1]/place": "Bukhara"}  # fmt: skip
    page = post_as_named(client, url, page, answers, add_instance="member[2]|member/trip")
    answers |= {"member[2]/trip[2]/place": "Termez", "room[1]/area": "18", "room[2]/area": "9"}
    instance = page.split('name="instance_id" value="')[1].split('"')[0]
    assert post_as_named(client, url, page, answers) is None, "the filled form was not stored"
    return instance


@pytest.fixture
def filled(households):
    from django.test import Client

    return households.survey, fill_households(Client(), households)


def test_the_filled_form_is_stored_with_each_instance_under_its_parent(filled):
    survey, instance = filled
    rows = RepeatInstance.objects.filter(submission__instance_id=instance).values_list(
        "key", "parent__key", "answers"
    )
    assert sorted(rows) == [
        (f"{instance}/member[1]", None, {"name": "Aziz", "age": 44, "works": "yes", "abroad": "no"}),
        (f"{instance}/member[1]/trip[1]", f"{instance}/member[1]", {"place": "Khiva"}),
        (f"{instance}/member[2]", None, {"name": "Dilnoza", "age": 12, "abroad": "yes"}),
        (f"{instance}/member[2]/trip[1]", f"{instance}/member[2]", {"place": "Bukhara"}),
        (f"{instance}/member[2]/trip[2]", f"{instance}/member[2]", {"place": "Termez"}),
        (f"{instance}/room[1]", None, {"area": 18}),
        (f"{instance}/room[2]", None, {"area": 9}),
    ]
    assert survey.submissions.get().answers == {"country": "kz", "city": "almaty", "rooms": 2}


@pytest.mark.parametrize("fmt", ["csv", "xlsx", "parquet"])
def test_a_form_filled_on_the_page_round_trips_through_each_export_format(
    client_as, filled, fresh, tmp_path, fmt
):
    survey, _ = filled
    response = page_export(client_as, survey, fmt, personal="1")
    assert response.status_code == 200, response.content[:300]
    path = tmp_path / f"export.{SUFFIX[fmt]}"
    path.write_bytes(response.content)
    first = import_file(fresh, path)
    assert (first.new, first.already_present) == (1, 0)
    assert stored(fresh) == stored(survey)
    assert len(stored(fresh)[1]) == 7
    again = import_file(fresh, path)
    assert (again.new, again.already_present) == (0, 1)
    assert stored(fresh) == stored(survey)
