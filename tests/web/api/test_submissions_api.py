"""POST /api/v1/surveys/{id}/submissions: token-authenticated, validated, idempotent."""

from __future__ import annotations

import pytest

from citybridge.web.api.models import ApiToken
from citybridge.web.surveys.models import Submission
from citybridge.web.trainings.models import Organisation

VALID = {
    "instance_id": "uuid:6f1c2a9e",
    "submitted_at": "2020-11-10T11:00:00+05:00",
    "answers": {
        "materials": "excellent",
        "expected": "agree",
        "china": "yes",
        "cities": ["shanghai", "urumqi"],
    },
}


@pytest.fixture
def token(survey):
    return ApiToken.issue(survey.training.organisation, "field team")[1]


def post(client, survey, body, token):
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    return client.post(
        f"/api/v1/surveys/{survey.pk}/submissions", body, content_type="application/json", headers=headers
    )


def test_a_valid_submission_is_created(client, survey, token):
    response = post(client, survey, VALID, token)
    assert response.status_code == 201
    assert response.json() == {"status": "created", "instance_id": "uuid:6f1c2a9e"}
    stored = Submission.objects.get()
    assert stored.instance_id == "6f1c2a9e" and stored.source == "api"
    assert stored.answers["cities"] == ["shanghai", "urumqi"]


def test_resending_a_submission_adds_nothing(client, survey, token):
    post(client, survey, VALID, token)
    response = post(client, survey, VALID, token)
    assert (response.status_code, response.json()["status"]) == (200, "already present")
    assert Submission.objects.count() == 1


def test_an_invalid_submission_is_refused_with_reasons(client, survey, token):
    body = {
        **VALID,
        "answers": {"materials": "superb", "expected": "agree", "china": "yes", "unknown_q": "1"},
    }
    response = post(client, survey, body, token)
    assert response.status_code == 422
    reasons = {(p["column"], p["value"]) for p in response.json()["problems"]}
    assert reasons == {("answers.materials", "superb"), ("answers.unknown_q", "1")}
    assert Submission.objects.count() == 0


def test_a_request_without_a_token_is_unauthorised(client, survey):
    assert post(client, survey, VALID, None).status_code == 401


def test_a_token_sees_only_its_organisations_surveys(client, survey):
    other = Organisation.objects.create(name="Other office", slug="other")
    _, foreign_token = ApiToken.issue(other, "outsider")
    response = post(client, survey, VALID, foreign_token)
    assert response.status_code == 404 and "message" in response.json()
    assert Submission.objects.count() == 0


def test_the_openapi_schema_lists_the_submission_endpoint(client):
    schema = client.get("/api/v1/openapi.json").json()
    assert "/api/v1/surveys/{survey_id}/submissions" in schema["paths"]


def test_a_deleted_token_is_refused_at_once(client, survey, token):
    assert post(client, survey, VALID, token).status_code == 201  # now kept by this process
    ApiToken.objects.all().delete()
    response = post(client, survey, {**VALID, "instance_id": "uuid:second"}, token)
    assert response.status_code == 401
    assert Submission.objects.count() == 1


def test_a_token_turned_to_read_only_is_refused_writes_at_once(client, survey, token):
    assert post(client, survey, VALID, token).status_code == 201
    issued = ApiToken.objects.get()
    issued.scope = ApiToken.Scope.READ
    issued.save()
    assert post(client, survey, {**VALID, "instance_id": "uuid:second"}, token).status_code == 403


def test_a_training_moved_to_another_organisation_takes_no_more_submissions_at_once(client, survey, token):
    assert post(client, survey, VALID, token).status_code == 201
    training = survey.training
    training.organisation = Organisation.objects.create(name="Other office", slug="other")
    training.save()
    assert post(client, survey, {**VALID, "instance_id": "uuid:second"}, token).status_code == 404
