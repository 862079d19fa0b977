"""The OpenAPI schema documents every endpoint for a person; the docs page is served locally."""

from __future__ import annotations

import re

ENDPOINTS = {
    ("get", "/api/v1/trainings"),
    ("get", "/api/v1/trainings/{slug}"),
    ("get", "/api/v1/trainings/{slug}/surveys"),
    ("get", "/api/v1/surveys/{survey_id}"),
    ("post", "/api/v1/surveys/{survey_id}/submissions"),
    ("post", "/api/v1/surveys/{survey_id}/submissions/multipart"),
    ("get", "/api/v1/surveys/{survey_id}/submissions"),
    ("get", "/api/v1/surveys/{survey_id}/submissions/export"),
    ("get", "/api/v1/surveys/{survey_id}/indicators"),
    ("get", "/api/v1/trainings/{slug}/cities"),
    ("get", "/api/v1/trainings/{slug}/matches"),
    ("get", "/api/v1/trainings/{slug}/leads"),
    ("post", "/api/v1/trainings/{slug}/leads"),
    ("get", "/api/v1/leads/{lead_id}"),
    ("post", "/api/v1/leads/{lead_id}/stage"),
    ("post", "/api/v1/leads/{lead_id}/notes"),
}


def operations(schema: dict):
    for path, methods in schema["paths"].items():
        for method, operation in methods.items():
            yield method, path, operation


def test_the_schema_lists_every_endpoint(client, db):
    schema = client.get("/api/v1/openapi.json").json()
    assert {(method, path) for method, path, _ in operations(schema)} == ENDPOINTS


def test_every_endpoint_has_a_summary_a_description_and_its_error_responses(client, db):
    schema = client.get("/api/v1/openapi.json").json()
    for method, path, operation in operations(schema):
        assert operation["summary"] and len(operation["description"]) > 40, (method, path)
        expected = {"200", "401", "404", "422"} | ({"403"} if method == "post" else set())
        assert expected <= set(operation["responses"]) | {"200"}, (method, path)
        assert any(code.startswith("2") for code in operation["responses"]), (method, path)
        for code, response in operation["responses"].items():
            assert response.get("content"), (method, path, code)


def test_the_schema_says_how_to_authenticate(client, db):
    schema = client.get("/api/v1/openapi.json").json()
    assert schema["components"]["securitySchemes"]["TokenAuth"]["scheme"] == "bearer"
    assert "citybridge token create" in schema["info"]["description"]


def test_the_interactive_docs_load_their_files_from_this_server(client, db):
    response = client.get("/api/v1/docs")
    assert response.status_code == 200
    html = response.content.decode()
    sources = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert any(s.startswith("/static/ninja/") for s in sources)
    assert not [s for s in sources if s.startswith(("http:", "https:", "//"))]
