"""GET /trainings, /trainings/{slug}, /trainings/{slug}/surveys, /surveys/{id}: the token's own only."""

from __future__ import annotations


def test_the_trainings_list_shows_only_the_tokens_organisation(call, example, other_training, read_token):
    response = call("get", "/trainings", read_token)
    assert response.status_code == 200
    assert [t["slug"] for t in response.json()] == [example.training.slug]


def test_a_training_says_who_registered_and_lists_its_surveys(call, example, read_token):
    body = call("get", f"/trainings/{example.training.slug}", read_token).json()
    assert body["title"] == example.training.title
    assert body["registered"] == example.training.participants.count() > 0
    assert 0 < body["cities"] <= body["registered"]
    (survey,) = body["surveys"]
    assert survey["id"] == example.survey.pk
    assert survey["submissions"] == example.survey.submissions.count() > 0


def test_another_organisations_training_answers_404(call, other_training, read_token):
    for path in ("", "/surveys", "/cities", "/matches", "/leads"):
        response = call("get", f"/trainings/{other_training.slug}{path}", read_token)
        assert response.status_code == 404, path
        assert "this token's organisation" in response.json()["message"]


def test_a_trainings_surveys_are_listed(call, example, read_token):
    body = call("get", f"/trainings/{example.training.slug}/surveys", read_token).json()
    assert [(s["id"], s["slug"], s["is_open"]) for s in body] == [
        (example.survey.pk, example.survey.slug, True)
    ]


def test_a_survey_comes_with_its_form_questions_labels_and_choices(call, example, read_token):
    body = call("get", f"/surveys/{example.survey.pk}", read_token).json()
    form = example.survey.current_version().form()
    assert body["form"]["form_id"] == form.form_id
    assert [q["name"] for q in body["form"]["questions"]] == [q.name for q in form.questions]
    city = next(q for q in body["form"]["questions"] if q["name"] == "city")
    assert city["type"] == "select_one"
    assert {c["name"] for c in city["choices"]} == set(form.question("city").choice_names())
    assert city["labels"] and all(c["labels"] for c in city["choices"])


def test_another_organisations_survey_answers_404_on_every_survey_endpoint(call, other_training, read_token):
    survey = other_training.surveys.get()
    for path in ("", "/submissions", "/submissions/export", "/indicators"):
        response = call("get", f"/surveys/{survey.pk}{path}", read_token)
        assert response.status_code == 404, path
        assert response.json()["message"].startswith(f"no survey {survey.pk}")
