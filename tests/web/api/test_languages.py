"""The API answers in the language the request asks for, with the same messages the CLI uses."""

from __future__ import annotations

import pytest

from citybridge.messages import HOW_TO_GET_A_TOKEN, NO_SURVEY, NO_TOKEN, TOKEN_COMMAND, say


def _without_a_token(language: str) -> str:
    return say(HOW_TO_GET_A_TOKEN, language, given=say(NO_TOKEN, language), command=TOKEN_COMMAND)


@pytest.mark.django_db
def test_a_request_in_russian_is_told_in_russian_how_to_get_a_token(client):
    response = client.get("/api/v1/trainings", headers={"Accept-Language": "ru"})
    assert response.status_code == 401
    assert response.json()["message"] == _without_a_token("ru")
    assert "токен" in response.json()["message"]


@pytest.mark.django_db
def test_a_request_without_a_language_is_answered_in_english(client):
    response = client.get("/api/v1/trainings")
    assert response.json()["message"] == _without_a_token("en")
    assert response.json()["message"].startswith("no token: send 'Authorization: Bearer <token>'")


def test_a_survey_the_token_cannot_see_is_named_in_uzbek(client, read_token):
    headers = {"Authorization": f"Bearer {read_token}", "Accept-Language": "uz"}
    response = client.get("/api/v1/surveys/999999/submissions", headers=headers)
    assert response.status_code == 404
    assert response.json()["message"] == say(NO_SURVEY, "uz-Latn", survey=999999)
