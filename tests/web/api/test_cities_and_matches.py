"""GET /trainings/{slug}/cities and /matches: the same data as 'cities profile' and 'match --json'."""

from __future__ import annotations

import json
from dataclasses import asdict

from citybridge.web.partnerships.matching import city_profiles, matching_result


def as_client_sees(data):
    return json.loads(json.dumps(data, ensure_ascii=False))


def test_the_cities_are_the_trainings_profiles(call, example, read_token):
    response = call("get", f"/trainings/{example.training.slug}/cities", read_token)
    assert response.status_code == 200
    assert response.json() == as_client_sees([asdict(p) for p in city_profiles(example.training)])
    assert any(city["priorities"] for city in response.json())


def test_the_matches_have_the_shape_of_match_json(call, example, read_token):
    response = call("get", f"/trainings/{example.training.slug}/matches", read_token, k=2)
    assert response.status_code == 200
    assert response.json() == as_client_sees(matching_result(example.training, k=2))
    assert "assignments" not in response.json()


def test_the_optimal_assignment_comes_beside_the_greedy_one(call, example, read_token):
    response = call(
        "get",
        f"/trainings/{example.training.slug}/matches",
        read_token,
        optimal="true",
        capacity=3,
        mode="deepen",
    )
    expected = matching_result(example.training, optimal=True, capacity=3, mode="deepen")
    assert response.json() == as_client_sees(expected)
    assert set(response.json()["assignments"]) == {"optimal", "greedy"}


def test_an_unknown_matching_mode_answers_422(call, example, read_token):
    response = call("get", f"/trainings/{example.training.slug}/matches", read_token, mode="closest")
    assert response.status_code == 422 and response.json()["problems"][0]["column"] == "query.mode"


def test_a_country_the_gazetteer_does_not_know_answers_422(call, example, read_token):
    response = call("get", f"/trainings/{example.training.slug}/cities", read_token, country="TI")
    assert response.status_code == 422
    assert response.json()["message"].startswith("unknown country 'TI'")
