"""Every failure answers JSON with a message a person can act on; read tokens only read."""

from __future__ import annotations

import pytest

from citybridge.web.api.models import ApiToken


def test_a_request_without_a_token_is_told_how_to_get_one(call, example):
    response = call("get", "/trainings", None)
    assert response.status_code == 401
    assert response["Content-Type"].startswith("application/json")
    assert "no token" in response.json()["message"]
    assert "citybridge token create" in response.json()["message"]


def test_an_unknown_token_is_refused_as_unknown(call, example):
    response = call("get", "/trainings", "not-a-real-token")
    assert response.status_code == 401
    assert "not known" in response.json()["message"]


def test_a_read_token_may_read(call, read_token):
    assert call("get", "/trainings", read_token).status_code == 200


@pytest.mark.parametrize(
    "path, body",
    [
        ("/surveys/{survey}/submissions", {"instance_id": "x", "answers": {}}),
        ("/trainings/{training}/leads", {"requesting_city": "Termez", "partner_city": "Suzhou"}),
    ],
)
def test_a_read_token_is_refused_on_writes_and_told_which_scope_is_needed(
    call, example, read_token, path, body
):
    path = path.format(survey=example.survey.pk, training=example.training.slug)
    response = call("post", path, read_token, body)
    assert response.status_code == 403
    assert "read scope" in response.json()["message"] and "--scope write" in response.json()["message"]


def test_tokens_issued_before_scopes_existed_may_write(example):
    token, _ = ApiToken.issue(example.training.organisation, "old client")
    assert token.scope == "write" and token.may_write


def test_an_unknown_training_answers_404_with_where_to_look(call, read_token):
    response = call("get", "/trainings/no-such-training", read_token)
    assert response.status_code == 404
    assert response.json()["message"].startswith("no training 'no-such-training'")


def test_a_wrong_query_parameter_answers_422_naming_the_parameter(call, example, read_token):
    response = call("get", f"/surveys/{example.survey.pk}/submissions", read_token, limit=0)
    assert response.status_code == 422
    body = response.json()
    assert "nothing was changed" in body["message"]
    assert body["problems"][0]["column"] == "query.limit"
    assert body["problems"][0]["value"] == "0"


def test_a_body_missing_a_field_answers_422_naming_the_field(call, example, write_token):
    response = call(
        "post", f"/trainings/{example.training.slug}/leads", write_token, {"requesting_city": "Termez"}
    )
    assert response.status_code == 422
    assert [p["column"] for p in response.json()["problems"]] == ["body.partner_city"]


def test_an_unexpected_failure_answers_500_without_a_stack_trace(call, example, write_token):
    # A survey without any form version is a broken store: the endpoint fails, the client gets JSON.
    from citybridge.web.surveys.models import Survey

    broken = Survey.objects.create(training=example.training, slug="broken", title="Broken", form_id="broken")
    response = call("get", f"/surveys/{broken.pk}", write_token)
    assert response.status_code == 500
    assert response.json() == {"message": "the server could not handle this request; nothing was stored"}
