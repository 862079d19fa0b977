"""Filling a form: posted fields to answers, which questions apply, what a rule refers to."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from citybridge.forms import load_xlsform
from citybridge.submissions.fill import (
    CONSTRAINT,
    REQUIRED,
    TYPE,
    answer_problems,
    answers_from_fields,
    applicable,
    calculated,
    kept_answers,
    referenced_questions,
)
from citybridge.submissions.sources import from_payloads
from citybridge.submissions.validate import validate

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "uzbekistan-2020" / "survey.xlsx"


@pytest.fixture(scope="module")
def form():
    return load_xlsform(EXAMPLE.read_bytes(), filename=EXAMPLE.name)


def test_checked_boxes_become_one_answer_and_empty_fields_are_left_out(form):
    answers = answers_from_fields(
        form, {"industries": ["trade", "tourism"], "age": ["  "], "comments": [" fine "], "bogus": ["x"]}
    )
    assert answers == {"industries": "trade tourism", "comments": "fine"}


def test_follow_up_questions_apply_only_after_the_answer_they_depend_on(form):
    every = {q.name for q in form.questions}
    assert every - applicable(form, {"china_interest": "no"}) == {
        "china_cities",
        "cooperation_areas",
        "industries_other",
    }
    assert every - applicable(form, {"china_interest": "yes", "industries": "other"}) == set()


def test_answers_to_questions_that_do_not_apply_are_not_kept(form):
    kept = kept_answers(form, {"china_interest": "no", "china_cities": "suzhou", "comments": "ok"})
    assert kept == {"china_interest": "no", "comments": "ok"}


def test_problems_are_tied_to_their_question_and_kind(form):
    payload = {"instance_id": "a", "answers": {"age": "12", "population": "many"}}
    problems = answer_problems(form, validate(form, from_payloads(form, [(1, payload)])).problems)
    kinds = {(p.question, p.kind) for p in problems}
    assert ("age", CONSTRAINT) in kinds
    assert ("population", TYPE) in kinds
    assert ("city", REQUIRED) in kinds


def test_references_are_found_in_both_spellings():
    assert referenced_questions("selected(../industries, 'other') and ${a} = ${ b } or ${a}") == (
        "industries",
        "a",
        "b",
    )
    assert referenced_questions(None) == ()


_NAMES = st.from_regex(r"[A-Za-z_][A-Za-z0-9_]{0,10}", fullmatch=True)


@given(st.lists(_NAMES, min_size=1, max_size=5), st.sampled_from([" and ", " or ", " = ", " + "]))
def test_every_reference_written_is_found_once(names, glue):
    expression = glue.join(f"${{{name}}}" for name in names)
    assert referenced_questions(expression) == tuple(dict.fromkeys(names))


@pytest.fixture
def calculating_form(tmp_path):
    from tests.forms.xlsform_builder import build_xlsform

    survey = [
        {"type": "integer", "name": "days", "label": "Days in China"},
        {"type": "decimal", "name": "cost", "label": "Cost per day"},
        {"type": "calculate", "name": "total", "calculation": "${days} * ${cost}"},
        {"type": "calculate", "name": "weeks", "calculation": "${days} div 7"},
        {"type": "calculate", "name": "long_stay", "calculation": "${days} > 7"},
        {"type": "calculate", "name": "unknown", "calculation": "once(${days})"},
        {"type": "calculate", "name": "doubled_total", "calculation": "${total} * 2"},
        {"type": "text", "name": "why", "label": "Why so expensive?", "relevant": "${total} > 1000"},
    ]
    return load_xlsform(build_xlsform(tmp_path, survey, settings={"form_id": "stay"}))


def test_calculations_are_computed_in_form_order_as_a_form_writes_them(calculating_form):
    values = calculated(calculating_form, {"days": "14", "cost": "80.5"})
    assert values == {"total": "1127", "weeks": "2", "long_stay": "true", "doubled_total": "2254"}


def test_a_fraction_keeps_its_decimals_and_a_missing_answer_gives_no_value(calculating_form):
    assert calculated(calculating_form, {"days": "3", "cost": "10"})["weeks"].startswith("0.428")
    assert "total" not in calculated(calculating_form, {"days": "3"})


def test_a_rule_can_use_a_calculation(calculating_form):
    assert "why" in applicable(calculating_form, {"days": "14", "cost": "80.5"})
    assert "why" not in applicable(calculating_form, {"days": "2", "cost": "80.5"})


def test_the_stored_answers_carry_the_calculations(calculating_form):
    kept = kept_answers(calculating_form, {"days": "2", "cost": "5", "why": "hotel"})
    assert kept == {"days": "2", "cost": "5", "total": "10", "weeks": "0.2857142857142857", "long_stay": "false",
                    "doubled_total": "20"}  # fmt: skip


@pytest.fixture(scope="module")
def sum_form(tmp_path_factory):
    from tests.forms.xlsform_builder import build_xlsform

    survey = [
        {"type": "integer", "name": "a", "label": "A"},
        {"type": "integer", "name": "b", "label": "B"},
        {"type": "calculate", "name": "total", "calculation": "${a} + ${b} * 2"},
    ]
    return load_xlsform(build_xlsform(tmp_path_factory.mktemp("sum"), survey, settings={"form_id": "sum"}))


@given(st.integers(-10**6, 10**6), st.integers(-10**6, 10**6))
def test_whole_number_arithmetic_gives_the_whole_number_written_plainly(sum_form, a, b):
    assert calculated(sum_form, {"a": str(a), "b": str(b)}) == {"total": str(a + b * 2)}
