"""``citybridge analyze`` as a user meets it: files in, one JSON document or a table out."""

from __future__ import annotations

import json

import pytest

from tests.analysis.test_compute import EXAMPLE
from tests.test_cli import invoke

FILES = ["--form", str(EXAMPLE / "survey.xlsx"), "--data", str(EXAMPLE / "submissions.csv")]


def test_analyze_json_from_files_gives_the_news_figures_as_of_10_november(capsys):
    code, out, err = invoke(capsys, "analyze", *FILES, "--as-of", "2020-11-10", "--json")
    assert code == 0, err
    document = json.loads(out)
    assert document["respondents"] == 34 and document["as_of"] == "2020-11-10"
    expected = document["questions"]["expected_info"]
    assert expected["positive"]["count"] == 32 and expected["base"] == 34
    assert [o["value"] for o in expected["options"]][:2] == ["strongly_agree", "agree"]


def test_analyze_prints_a_table_with_a_headline_per_question(capsys):
    code, out, _ = invoke(capsys, "analyze", *FILES, "--registered", "76")
    assert code == 0
    assert "52 respondents" in out and "response rate 68%" in out
    assert "positive 94% (49/52)" in out


def test_analyze_by_a_question_lists_each_group(capsys):
    code, out, _ = invoke(capsys, "analyze", *FILES, "--by", "position", "--json")
    groups = json.loads(out)["groups"]
    assert code == 0 and sum(g["respondents"] for g in groups) == 52


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--as-of", "10/11/2020"], "write the day as YYYY-MM-DD"),
        (["--by", "age"], "not a select question"),
    ],
)
def test_analyze_bad_options_are_one_clear_line(capsys, args, message):
    code, _, err = invoke(capsys, "analyze", *FILES, *args)
    assert code == 1 and message in err and "Traceback" not in err


def test_analyze_without_input_says_what_to_give(capsys):
    code, _, err = invoke(capsys, "analyze")
    assert code == 1 and "--form FORM --data FILE, or --survey S" in err


@pytest.mark.django_db
def test_analyze_a_stored_survey_matches_the_files(capsys, tmp_path):
    from citybridge.web.imports import import_file
    from citybridge.web.surveys.analysis import attach_spec
    from citybridge.web.surveys.store import add_survey
    from citybridge.web.trainings.store import create_training

    training = create_training("Cities 2020", slug="cities-2020")
    survey, _, _ = add_survey(training, EXAMPLE / "survey.xlsx")
    attach_spec(survey, EXAMPLE / "survey.xlsx")
    import_file(survey, EXAMPLE / "submissions.csv")
    _, stored, _ = invoke(capsys, "analyze", "--survey", survey.slug, "--json")
    _, from_files, _ = invoke(capsys, "analyze", *FILES, "--json")
    stored, from_files = json.loads(stored), json.loads(from_files)
    assert stored["questions"] == from_files["questions"]
