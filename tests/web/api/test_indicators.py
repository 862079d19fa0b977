"""GET /surveys/{id}/indicators is exactly the document of ``citybridge analyze --json``."""

from __future__ import annotations

import datetime as dt
import json

from citybridge.analysis.export import analysis_json
from citybridge.web.surveys.analysis import analyze_survey


def expected(survey, **options) -> dict:
    # Through JSON, as the CLI prints it: dates and numbers as a client reads them.
    return json.loads(json.dumps(analysis_json(analyze_survey(survey, **options)), ensure_ascii=False))


def test_the_indicators_equal_the_analyze_json_document(call, example, read_token):
    response = call("get", f"/surveys/{example.survey.pk}/indicators", read_token)
    assert response.status_code == 200
    assert response.json() == expected(example.survey, language="en")


def test_the_indicators_as_of_a_day_by_city_in_russian_equal_the_cli_document(call, example, read_token):
    response = call(
        "get",
        f"/surveys/{example.survey.pk}/indicators",
        read_token,
        as_of="2020-11-10",
        by="city",
        lang="ru",
    )
    body = response.json()
    assert body == expected(example.survey, as_of=dt.date(2020, 11, 10), by="city", language="ru")
    assert body["by"] == "city" and body["groups"]


def test_disaggregating_by_a_question_that_is_not_a_select_answers_422(call, example, read_token):
    response = call("get", f"/surveys/{example.survey.pk}/indicators", read_token, by="age")
    assert response.status_code == 422
    assert "cannot disaggregate by 'age'" in response.json()["message"]
