"""A repeat form with many instances posts more fields than Django's 1,000: the participant page
takes as many as its form may post (page_field_bound), and past that answers with one line."""

from __future__ import annotations

from urllib.parse import urlencode

import pytest

from citybridge.submissions.repeat_fill import page_field_bound
from tests.web.participate.conftest import form_url
from tests.web.participate.test_repeats import HOUSEHOLDS_FORM


@pytest.fixture
def households_link(example):
    from citybridge.web.participate.links import open_link
    from citybridge.web.surveys.store import add_survey

    survey, _, _ = add_survey(example.training, HOUSEHOLDS_FORM)
    return open_link(survey)


def _post(client, url: str, fields: dict):
    """As a browser sends a form without ``enctype`` (the participant page's): URL-encoded."""
    return client.post(url, urlencode(fields, doseq=True), content_type="application/x-www-form-urlencoded")


def _members(count: int) -> dict:
    fields = {"repeat_instance": [f"member[{n}]" for n in range(1, count + 1)]}
    for n in range(1, count + 1):
        fields |= {f"member[{n}]/name": f"Member {n}", f"member[{n}]/age": "30", f"member[{n}]/works": "no"}
    return fields


def test_a_household_of_three_hundred_members_is_stored_past_djangos_thousand_fields(households_link):
    from django.test import Client

    participant = Client(enforce_csrf_checks=True)  # the CSRF check reads the POST this page parsed
    from citybridge.web.repeats.models import RepeatInstance

    fields = {"country": "uz", "city": "tashkent", **_members(300)}
    assert sum(len(v) if isinstance(v, list) else 1 for v in fields.values()) > 1000
    page = participant.get(form_url(households_link)).content.decode()
    token = page.split('name="csrfmiddlewaretoken" value="')[1].split('"')[0]
    response = _post(participant, form_url(households_link), {"csrfmiddlewaretoken": token, **fields})
    assert response.status_code == 302, response.content[:300]
    submission = households_link.survey.submissions.get()
    members = RepeatInstance.objects.filter(submission=submission, repeat="member")
    assert members.count() == 300
    assert members.get(key=f"{submission.instance_id}/member[300]").answers == {
        "name": "Member 300",
        "age": 30,
        "works": "no",
    }


def test_a_post_past_the_forms_bound_gets_one_translated_line_and_stores_nothing(
    households_link, participant
):
    participant.get(form_url(households_link), {"lang": "Russian (ru)"})
    fields = {"country": "uz", "city": "tashkent", **_members(700)}
    response = _post(participant, form_url(households_link), fields)
    assert response.status_code == 413
    page = response.content.decode()
    line = page.split('id="too-many"')[1].split("</p>")[0]
    limit = page_field_bound(households_link.survey.current_version().form())
    assert str(limit) in line
    assert "Ваши ответы не сохранены" in line
    assert households_link.survey.submissions.count() == 0


def test_the_live_check_takes_as_many_fields_as_the_form_may_post(households_link, participant):
    fields = {"country": "uz", **_members(300)}
    answer = _post(participant, f"/s/{households_link.token}/relevance/", fields)
    assert answer.status_code == 200
    assert "q-member[300]/abroad" in answer.content.decode().split('data-hidden="')[1].split('"')[0]


def test_a_page_without_repeats_keeps_djangos_limit(open_link, participant):
    fields = {f"field{n}": "x" for n in range(1001)}
    assert _post(participant, form_url(open_link), fields).status_code == 413
