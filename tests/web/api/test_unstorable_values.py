"""Values no store can keep (a lone surrogate, a NUL character, NaN) and bodies over the limit are
refused with a 4xx in words, before anything is stored; never a 500."""

from __future__ import annotations

import json

import pytest

from citybridge.web.api.models import ApiToken
from citybridge.web.surveys.models import Submission

GOOD = {"materials": "excellent", "expected": "agree", "china": "no", "age": 40}


@pytest.fixture
def send(client, survey):
    token = ApiToken.issue(survey.training.organisation, "field team")[1]

    def post(body: str):
        return client.post(f"/api/v1/surveys/{survey.pk}/submissions", body, content_type="application/json",
                           headers={"Authorization": f"Bearer {token}"})  # fmt: skip

    return post


@pytest.mark.parametrize(
    ("body", "column", "reason"),
    [
        ('{"instance_id": "u1", "answers": {"materials": "excellent", "comment": "\\ud800"}}',
         "answers.comment", "lone UTF-16 surrogate"),
        ('{"instance_id": "\\udfff", "answers": {}}', "instance_id", ""),  # refused by pydantic, in its words
        ('{"instance_id": "u1", "answers": {"comment": "a\\u0000b"}}', "answers.comment", "NUL character"),
        ('{"instance_id": "u1", "answers": {"age": NaN}}', "answers.age", "NaN or infinite"),
        ('{"instance_id": "u1", "answers": {"age": -Infinity}}', "answers.age", "NaN or infinite"),
        ('{"instance_id": "%s", "answers": {"materials": "good"}}' % ("x" * 201), "instance_id", "200 characters"),
    ],
)  # fmt: skip
def test_a_value_no_store_can_keep_is_refused_with_422_naming_it(send, body, column, reason):
    response = send(body)
    assert response.status_code == 422
    problems = response.json()["problems"]
    assert [reason in p["reason"] for p in problems if p["column"].removeprefix("body.") == column] == [True]
    assert Submission.objects.count() == 0


def test_a_body_over_the_limit_is_refused_with_413_naming_the_limit_and_the_setting(send, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 10_000
    response = send(json.dumps({"instance_id": "u1", "answers": {**GOOD, "comment": "x" * 20_000}}))
    assert response.status_code == 413
    message = response.json()["message"]
    assert "10,000 bytes" in message and "CITYBRIDGE_MAX_REQUEST_BYTES" in message
    assert Submission.objects.count() == 0


def test_a_good_submission_just_under_the_limit_is_stored(send, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 10_000
    assert (
        send(json.dumps({"instance_id": "u1", "answers": {**GOOD, "comment": "x" * 9_000}})).status_code
        == 201
    )


def test_a_nul_in_an_address_is_refused_with_422_naming_the_parameter(client, survey):
    token = ApiToken.issue(survey.training.organisation, "reader", scope="read")[1]
    response = client.get(f"/api/v1/trainings/{survey.training.slug}/leads?owner=a%00b",
                          headers={"Authorization": f"Bearer {token}"})  # fmt: skip
    assert response.status_code == 422
    assert response.json()["problems"][0]["column"] == "query.owner"


def test_a_nul_in_a_page_address_is_refused_with_400(client_as, example):
    response = client_as("organiser").get(f"/t/{example.training.slug}/dashboard/?city=%00")
    assert response.status_code == 400 and b"NUL character" in response.content
