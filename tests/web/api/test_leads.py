"""Leads over the API: create, list, read with history, move, note; signed 'api:<token name>'."""

from __future__ import annotations

import pytest

from citybridge.web.pipeline.models import Lead
from citybridge.web.pipeline.store import create_lead

PAIR = {"requesting_city": "Termez", "partner_city": "Suzhou", "owner": "Dilnoza", "due_on": "2021-02-01"}


@pytest.fixture
def lead(call, example, write_token):
    return call("post", f"/trainings/{example.training.slug}/leads", write_token, PAIR).json()


def test_creating_a_lead_answers_201_with_its_first_history_event(call, example, write_token):
    response = call("post", f"/trainings/{example.training.slug}/leads", write_token, PAIR)
    assert response.status_code == 201
    body = response.json()
    assert (body["stage"], body["owner"], body["due_on"]) == ("interest", "Dilnoza", "2021-02-01")
    assert [(e["who"], e["what"]) for e in body["history"]] == [("api:field team", "created")]
    assert Lead.objects.get(pk=body["id"]).training == example.training


def test_creating_the_same_pair_again_answers_200_with_the_existing_lead(call, example, write_token, lead):
    response = call("post", f"/trainings/{example.training.slug}/leads", write_token, PAIR)
    assert (response.status_code, response.json()["id"]) == (200, lead["id"])
    assert Lead.objects.count() == 1


def test_the_leads_list_filters_by_stage(call, example, read_token, lead):
    path = f"/trainings/{example.training.slug}/leads"
    assert [row["id"] for row in call("get", path, read_token).json()] == [lead["id"]]
    assert call("get", path, read_token, stage="contacted").json() == []
    assert call("get", path, read_token, stage="nowhere").status_code == 422


def test_moving_a_lead_appends_the_move_to_its_history(call, write_token, lead):
    response = call("post", f"/leads/{lead['id']}/stage", write_token, {"stage": "contacted"})
    assert response.status_code == 200
    history = response.json()["history"]
    assert [e["what"] for e in history] == ["created", "stage"]
    assert history[-1]["before"]["stage"] == "interest" and history[-1]["after"]["stage"] == "contacted"
    assert history[-1]["who"] == "api:field team"


def test_dropping_a_lead_without_a_reason_is_refused_and_changes_nothing(call, write_token, lead):
    response = call("post", f"/leads/{lead['id']}/stage", write_token, {"stage": "dropped"})
    assert response.status_code == 422
    assert "nothing was changed" in response.json()["message"]
    (problem,) = response.json()["problems"]
    assert problem["column"] == "body" and "needs its reason" in problem["reason"]
    assert Lead.objects.get(pk=lead["id"]).stage == "interest"


def test_a_note_is_appended_and_shown_in_the_leads_history(call, read_token, write_token, lead):
    response = call("post", f"/leads/{lead['id']}/notes", write_token, {"text": "Called the mayor's office."})
    assert response.status_code == 201
    assert response.json()["note"] == "Called the mayor's office."
    history = call("get", f"/leads/{lead['id']}", read_token).json()["history"]
    assert [(e["what"], e["note"]) for e in history][-1] == ("note", "Called the mayor's office.")


def test_an_empty_note_answers_422(call, write_token, lead):
    response = call("post", f"/leads/{lead['id']}/notes", write_token, {"text": ""})
    assert response.status_code == 422 and response.json()["problems"][0]["column"] == "body.text"


def test_another_organisations_lead_answers_404_for_reading_and_changing(call, other_training, write_token):
    foreign, _ = create_lead("Samarkand", "Xi'an", who="someone", training=other_training)
    for method, path, body in (
        ("get", f"/leads/{foreign.pk}", None),
        ("post", f"/leads/{foreign.pk}/stage", {"stage": "contacted"}),
        ("post", f"/leads/{foreign.pk}/notes", {"text": "hello"}),
    ):
        response = call(method, path, write_token, body)
        assert response.status_code == 404, path
        assert response.json()["message"].startswith(f"no lead {foreign.pk}")
    assert foreign.history.count() == 1


def test_a_read_token_cannot_move_or_annotate_a_lead(call, read_token, lead):
    assert call("post", f"/leads/{lead['id']}/stage", read_token, {"stage": "contacted"}).status_code == 403
    assert call("post", f"/leads/{lead['id']}/notes", read_token, {"text": "hi"}).status_code == 403
