"""The API's input rules are in its schema and refused with 422: a day is YYYY-MM-DD (``as_of=0``
is not 1970-01-01), text holds no NUL, a score is a finite number."""

from __future__ import annotations

import pytest

from citybridge.web.pipeline.models import Lead


@pytest.mark.parametrize("as_of", ["0", "1605000000", "2020-11", "10.11.2020", "2020-02-30"])
def test_as_of_that_is_not_a_day_is_refused(call, example, read_token, as_of):
    response = call("get", f"/surveys/{example.survey.pk}/indicators", read_token, as_of=as_of)
    assert response.status_code == 422
    assert response.json()["problems"][0]["column"] == "query.as_of"


def test_as_of_written_as_a_day_is_taken(call, example, read_token):
    response = call("get", f"/surveys/{example.survey.pk}/indicators", read_token, as_of="2020-11-10")
    assert response.status_code == 200 and response.json()["as_of"] == "2020-11-10"


@pytest.mark.parametrize(
    ("body", "column"),
    [
        ('{"requesting_city": "Termez\\u0000", "partner_city": "Suzhou"}', "body.payload.requesting_city"),
        ('{"requesting_city": "Termez", "partner_city": "Suzhou", "score": NaN}', "body.payload.score"),
        ('{"requesting_city": "Termez", "partner_city": "Suzhou", "due_on": "0"}', "body.payload.due_on"),
    ],
)
def test_a_lead_with_a_value_outside_the_rules_is_refused(client, example, write_token, body, column):
    response = client.post(f"/api/v1/trainings/{example.training.slug}/leads", body,
                           content_type="application/json", headers={"Authorization": f"Bearer {write_token}"})  # fmt: skip
    assert response.status_code == 422
    assert [p["column"] for p in response.json()["problems"]] in ([column], [column.replace("payload.", "")])
    assert not Lead.objects.exists()


def test_the_schema_states_the_rules(client):
    schema = client.get("/api/v1/openapi.json").json()
    indicators = schema["paths"]["/api/v1/surveys/{survey_id}/indicators"]["get"]
    as_of = next(p for p in indicators["parameters"] if p["name"] == "as_of")
    assert "2020-11-10" in str(as_of) and "YYYY-MM-DD" in as_of["description"]
    post = schema["paths"]["/api/v1/surveys/{survey_id}/submissions"]["post"]
    assert {"400", "401", "403", "404", "413", "422"} <= set(post["responses"])
