"""The API's access matrix, walked from its own OpenAPI schema so a new endpoint is covered at once:
every endpoint × (no token, unknown token, read and write token of the organisation, write token
of another organisation). Another organisation's object answers 404; a read token never writes."""

from __future__ import annotations

import pytest

from citybridge.web.api.models import ApiToken
from citybridge.web.pipeline.store import create_lead

BODIES = {
    "/surveys/{survey_id}/submissions": {"instance_id": "uuid:matrix", "answers": {}},
    "/surveys/{survey_id}/submissions/multipart": {"instance_id": "uuid:matrix", "answers": {}},
    "/trainings/{slug}/leads": {"requesting_city": "Nukus", "partner_city": "Urumqi"},
    "/leads/{lead_id}/stage": {"stage": "contacted"},
    "/leads/{lead_id}/notes": {"text": "matrix"},
}


@pytest.fixture
def endpoints(client):
    schema = client.get("/api/v1/openapi.json").json()
    return [
        (method, path.removeprefix("/api/v1"))
        for path, methods in schema["paths"].items()
        for method in methods
    ]


@pytest.fixture
def objects(example, other_training):
    """Path parameters naming the example organisation's objects, and another organisation's."""
    own_lead, _ = create_lead("Termez", "Suzhou", who="test", training=example.training)
    foreign_lead, _ = create_lead("Samarkand", "Xi'an", who="test", training=other_training)
    return {
        "own": {"slug": example.training.slug, "survey_id": example.survey.pk, "lead_id": own_lead.pk},
        "foreign": {
            "slug": other_training.slug,
            "survey_id": other_training.surveys.get().pk,
            "lead_id": foreign_lead.pk,
        },
    }


def send(call, method, path, token, ids):
    return call(method, path.format(**ids), token, BODIES.get(path))


def test_every_endpoint_refuses_a_missing_or_unknown_token(call, endpoints, objects):
    for method, path in endpoints:
        for token in (None, "not-a-token"):
            response = send(call, method, path, token, objects["own"])
            assert response.status_code == 401, (method, path, token)
            assert "citybridge token create" in response.json()["message"]


def test_another_organisations_objects_answer_404_on_every_endpoint_with_a_path_parameter(
    call, endpoints, objects, other_training
):
    _, foreign_token = ApiToken.issue(other_training.organisation, "other office")
    own_objects_seen_by_the_other_office = objects["own"]
    for method, path in endpoints:
        if "{" not in path:
            continue
        response = send(call, method, path, foreign_token, own_objects_seen_by_the_other_office)
        assert response.status_code == 404, (method, path)
        assert response.json()["message"]


def test_the_trainings_list_of_another_organisation_does_not_show_ours(call, objects, other_training):
    _, foreign_token = ApiToken.issue(other_training.organisation, "other office")
    assert [t["slug"] for t in call("get", "/trainings", foreign_token).json()] == [other_training.slug]


def test_a_read_token_reads_everything_and_writes_nothing(call, endpoints, objects, read_token):
    for method, path in endpoints:
        response = send(call, method, path, read_token, objects["own"])
        expected = 200 if method == "get" else 403
        assert response.status_code == expected, (method, path, response.content[:200])


def test_a_write_token_may_write_its_own_organisations_objects(call, endpoints, objects, write_token):
    for method, path in endpoints:
        if method != "post":
            continue
        response = send(call, method, path, write_token, objects["own"])
        # The empty submission does not fit the form (422); everything else is accepted.
        assert response.status_code in (200, 201, 422), (method, path)
        assert response.status_code != 422 or path.startswith("/surveys/{survey_id}/submissions")
