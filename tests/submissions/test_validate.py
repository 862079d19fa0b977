"""Validation: every problem names source, row, column, value and reason; valid rows come out typed."""

from __future__ import annotations

import datetime as dt
import string
from typing import Any
from zoneinfo import ZoneInfo

import polars as pl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from citybridge.forms import load_xlsform
from citybridge.submissions import Problem, validate
from citybridge.submissions.sources import from_payloads
from tests.forms.xlsform_builder import build_xlsform

UTC = dt.UTC

VALID: dict[str, Any] = {
    "full_name": "Aziz Karimov",
    "age": "34",
    "city": "tashkent",
    "topics": "transport water",
    "budget": "12.5",
    "visit": "2020-11-05",
    "meeting": "2020-11-05T09:30:00+05:00",
    "age_months": "408",
    "partner": "yes",
    "partner_name": "Seoul",
}


def payload(
    instance_id: str = "uuid:row-1", submitted_at: str | None = "2020-11-10T11:12:33+05:00", **answers
):
    """An API body: VALID answers overridden by ``answers``; ``None`` sends null, ``...`` leaves the key out."""
    body = {**VALID, **answers}
    return {
        "instance_id": instance_id,
        "submitted_at": submitted_at,
        "answers": {k: v for k, v in body.items() if v is not ...},
    }


def check(form, *payloads):
    return validate(form, from_payloads(form, list(enumerate(payloads, start=1))))


def only_problem(result) -> Problem:
    assert len(result.problems) == 1, [str(p) for p in result.problems]
    return result.problems[0]


# --- valid rows ------------------------------------------------------------------------------------


def test_a_valid_row_comes_out_typed_with_no_problems(form):
    result = check(form, payload())
    assert result.ok and result.problems == [] and result.rejected.height == 0
    [(instance_id, submitted_at, answers)] = list(result.records())
    assert instance_id == "row-1"
    assert submitted_at == dt.datetime(2020, 11, 10, 6, 12, 33, tzinfo=UTC)
    assert answers == {
        "full_name": "Aziz Karimov",
        "age": 34,
        "city": "tashkent",
        "topics": ["transport", "water"],
        "budget": 12.5,
        "visit": "2020-11-05",
        "meeting": "2020-11-05T04:30:00+00:00",
        "age_months": "408",
        "partner": "yes",
        "partner_name": "Seoul",
    }
    assert type(answers["age"]) is int and type(answers["budget"]) is float


def test_the_valid_frame_has_one_typed_column_per_question(form):
    frame = check(form, payload()).frame
    assert dict(frame.schema) == {
        "_row": pl.Int64,
        "_instance_id": pl.Utf8,
        "_submitted_at": pl.Datetime("us", "UTC"),
        "full_name": pl.Utf8,
        "age": pl.Int64,
        "city": pl.Utf8,
        "topics": pl.List(pl.Utf8),
        "topics_other": pl.Utf8,
        "budget": pl.Float64,
        "visit": pl.Date,
        "meeting": pl.Datetime("us", "UTC"),
        "age_months": pl.Utf8,
        "partner": pl.Utf8,
        "partner_name": pl.Utf8,
    }


def test_unanswered_questions_are_left_out_of_the_answers(form):
    result = check(form, payload(topics=None, budget=..., visit="", meeting="   "))
    [(_, _, answers)] = list(result.records())
    assert result.ok
    assert not {"topics", "budget", "visit", "meeting", "topics_other"} & answers.keys()


@pytest.mark.parametrize(
    ("question", "written", "stored"),
    [
        ("city", "Tashkent", "tashkent"),
        ("city", "TASHKENT", "tashkent"),
        ("city", "Самарқанд", "samarkand"),
        ("city", "бухоро", "bukhara"),
        ("city", "  Bukhara  ", "bukhara"),
        ("partner", "NO", "no"),
        ("partner", "Йўқ", "no"),
        ("topics", "Транспорт WATER", ["transport", "water"]),
        ("topics", "transport  other", ["transport", "other"]),
        ("topics", ["water", "Транспорт"], ["water", "transport"]),
    ],
)
def test_choice_names_and_labels_in_any_language_are_stored_as_names(form, question, written, stored):
    result = check(form, payload(**{"partner": "no", "partner_name": ..., question: written}))
    assert result.problems == []
    [(_, _, values)] = list(result.records())
    assert values[question] == stored


def test_a_json_list_of_multi_word_labels_is_stored_as_choice_names(form):
    result = check(form, payload(topics=["Water and sanitation", "Ер, уй-жой"]))
    assert result.problems == []
    [(_, _, values)] = list(result.records())
    assert values["topics"] == ["water", "housing"]


@pytest.mark.parametrize(
    ("question", "written", "stored"),
    [
        ("age", "+34", 34),
        ("age", " 18 ", 18),
        ("age", "90", 90),
        ("budget", "7", 7.0),
        ("budget", "0.001", 0.001),
        ("visit", "2020-02-29", "2020-02-29"),
        ("meeting", "2020-11-05T04:30:00Z", "2020-11-05T04:30:00+00:00"),
        ("meeting", "2020-11-05T09:30:00.000+05:00", "2020-11-05T04:30:00+00:00"),
        ("meeting", "2020-11-05 04:30:00", "2020-11-05T04:30:00+00:00"),
    ],
)
def test_numbers_dates_and_times_are_read_in_their_usual_spellings(form, question, written, stored):
    result = check(form, payload(**{question: written}))
    assert result.problems == []
    [(_, _, values)] = list(result.records())
    assert values[question] == stored


def test_required_but_not_relevant_is_fine(form):
    result = check(
        form, payload(partner="no", partner_name=None), payload("b", partner=None, partner_name=None)
    )
    assert result.problems == [] and result.frame.height == 2


def test_or_other_text_is_relevant_when_other_is_selected(form):
    result = check(form, payload(topics="water other", topics_other="Parks"))
    assert result.problems == []
    assert next(result.records())[2]["topics_other"] == "Parks"


# --- each kind of problem ----------------------------------------------------------------------------

PROBLEMS = [
    # (answers, column, value, reason)
    pytest.param(
        {"age": "thirty"}, "answers.age", "thirty", "'age' takes a whole number", id="integer-not-a-number"
    ),
    pytest.param(
        {"age": "34.5"}, "answers.age", "34.5", "'age' takes a whole number", id="integer-with-fraction"
    ),
    pytest.param({"budget": "12,5"}, "answers.budget", "12,5", "'budget' takes a number", id="decimal-comma"),
    pytest.param(
        {"visit": "05/11/2020"},
        "answers.visit",
        "05/11/2020",
        "'visit' takes a date written YYYY-MM-DD",
        id="date-not-iso",
    ),
    pytest.param(
        {"visit": "2020-02-30"},
        "answers.visit",
        "2020-02-30",
        "'visit' takes a date written YYYY-MM-DD",
        id="date-impossible",
    ),
    pytest.param(
        {"meeting": "yesterday"},
        "answers.meeting",
        "yesterday",
        "'meeting' takes a date and time in ISO 8601 (2020-11-10T09:30:00+05:00)",
        id="datetime-not-iso",
    ),
    pytest.param(
        {"city": "Paris"},
        "answers.city",
        "Paris",
        "not in the choice list 'city' (tashkent, samarkand, bukhara)",
        id="select-one-outside-list",
    ),
    pytest.param(
        {"topics": "transport metro"},
        "answers.topics",
        "transport metro",
        "'metro' not in the choice list 'topic' (transport, water, housing, other)",
        id="select-multiple-outside-list",
    ),
    pytest.param(
        {"age": "12"},
        "answers.age",
        "12",
        "breaks the constraint . >= 18 and . <= 90 (Age must be between 18 and 90)",
        id="constraint-with-message",
    ),
    pytest.param(
        {"budget": "-3"},
        "answers.budget",
        "-3",
        "breaks the constraint . > 0",
        id="constraint-without-message",
    ),
    pytest.param(
        {"topics": "transport water housing other", "topics_other": "Parks"},
        "answers.topics",
        "transport water housing other",
        "breaks the constraint count-selected(.) <= 3",
        id="constraint-count-selected",
    ),
    pytest.param(
        {"full_name": None},
        "answers.full_name",
        None,
        "'full_name' is required but not answered",
        id="required-missing",
    ),
    pytest.param(
        {"city": "   "},
        "answers.city",
        None,
        "'city' is required but not answered",
        id="required-blank",
    ),
    pytest.param(
        {"partner": "yes", "partner_name": ...},
        "answers.partner_name",
        None,
        "'partner_name' is required but not answered",
        id="required-when-relevant",
    ),
    pytest.param(
        {"partner": "no", "partner_name": "Seoul"},
        "answers.partner_name",
        "Seoul",
        "'partner_name' is answered although it does not apply (relevant: ${partner} = 'yes')",
        id="answered-not-relevant",
    ),
    pytest.param(
        {"topics": "water", "topics_other": "Parks"},
        "answers.topics_other",
        "Parks",
        "'topics_other' is answered although it does not apply (relevant: selected(../topics, 'other'))",
        id="or-other-not-relevant",
    ),
    pytest.param(
        {"colour": "red"},
        "answers.colour",
        "red",
        "no question of form 'city_survey' (version 2020110301) has this name, path or label; "
        "rename the column to a question name or remove it",
        id="unknown-question",
    ),
]


@pytest.mark.parametrize(("answers", "column", "value", "reason"), PROBLEMS)
def test_each_problem_names_source_row_column_value_and_reason(form, answers, column, value, reason):
    result = check(form, payload("ok-1"), payload("bad-2", **answers), payload("ok-3"))
    problem = only_problem(result)
    assert (problem.source, problem.row, problem.column, problem.value, problem.reason) == (
        "API",
        2,
        column,
        value,
        reason,
    )
    shown = "" if value is None else f" value '{value}':"
    assert str(problem) == f"API, row 2, column '{column}':{shown} {reason}"
    assert result.frame.get_column("_instance_id").to_list() == ["ok-1", "ok-3"]
    assert result.rejected.get_column("_row").to_list() == [2]
    assert not result.ok


def test_a_problem_is_shown_as_file_row_column_value_reason():
    problem = Problem("kobo.csv", 7, "profile/age", "thirty", "'age' takes a whole number")
    assert str(problem) == "kobo.csv, row 7, column 'profile/age': value 'thirty': 'age' takes a whole number"
    assert problem.as_dict() == {
        "source": "kobo.csv",
        "row": 7,
        "column": "profile/age",
        "value": "thirty",
        "reason": "'age' takes a whole number",
    }


def test_a_long_value_is_shortened_in_the_message_but_kept_whole_in_the_problem():
    problem = Problem("API", 1, "answers.city", "x" * 100, "not in the choice list")
    assert "x" * 59 + "…'" in str(problem) and "x" * 60 not in str(problem)
    assert problem.value == "x" * 100


def test_every_problem_of_a_row_is_reported_and_the_row_rejected_once(form):
    result = check(form, payload(age="abc", city="Paris", full_name=None, partner="no", partner_name="Seoul"))
    assert sorted((p.column, p.reason.split(" ")[0]) for p in result.problems) == [
        ("answers.age", "'age'"),
        ("answers.city", "not"),
        ("answers.full_name", "'full_name'"),
        ("answers.partner_name", "'partner_name'"),
    ]
    assert result.frame.height == 0 and result.rejected.height == 1


def test_a_wrong_type_is_not_also_reported_as_a_broken_constraint(form):
    problem = only_problem(check(form, payload(age="abc")))
    assert problem.reason == "'age' takes a whole number"


@pytest.mark.parametrize(
    ("instance_id", "submitted_at", "column", "value", "reason"),
    [
        (None, "2020-11-10T11:12:33+05:00", "instance_id", None, "has no instance id"),
        ("   ", "2020-11-10T11:12:33+05:00", "instance_id", None, "has no instance id"),
        ("abc", "last tuesday", "submitted_at", "last tuesday", "is not a date and time"),
    ],
)
def test_a_row_without_instance_id_or_with_an_unreadable_time_is_rejected(
    form, instance_id, submitted_at, column, value, reason
):
    problem = only_problem(check(form, payload(instance_id, submitted_at)))
    assert (problem.row, problem.column, problem.value, problem.reason) == (1, column, value, reason)


def test_a_missing_submitted_at_is_allowed(form):
    result = check(form, payload(submitted_at=None))
    assert result.ok and next(result.records())[1] is None


@pytest.mark.parametrize(
    ("body", "column", "reason"),
    [
        ("not an object", None, "a submission must be a JSON object"),
        (
            {"instance_id": "x", "answers": ["a", "b"]},
            "answers",
            "'answers' must be an object of question: value",
        ),
    ],
)
def test_a_payload_of_the_wrong_shape_is_a_problem_on_its_row(form, body, column, reason):
    result = check(form, payload("first"), body)
    problem = only_problem(result)
    assert (problem.row, problem.column, problem.reason) == (2, column, reason)
    assert result.frame.get_column("_instance_id").to_list() == ["first"]


def test_an_empty_batch_validates_to_nothing(form):
    result = check(form)
    assert result.ok and result.frame.height == 0 and list(result.records()) == []


# --- rules that cannot be checked, and rules citybridge gets wrong -------------------------------------


def _rule_form(tmp_path, constraint: str, *, name: str = "rules.xlsx", kind: str = "text", **extra):
    survey = [{"type": kind, "name": "code", "label": "Code", "constraint": constraint, **extra}]
    return load_xlsform(build_xlsform(tmp_path, survey, settings={"form_id": "rules"}, name=name))


@pytest.mark.parametrize(
    "constraint",
    [
        "concat(., 'x') != ''",
        "if(string-length(.) > 2, true(), false())",
        "pulldata('codes', 'c', 'k', .) = 1",
    ],
)
def test_an_unsupported_rule_is_listed_as_unchecked_and_the_row_accepted(tmp_path, constraint):
    form = _rule_form(tmp_path, constraint)
    result = validate(form, from_payloads(form, [(1, {"instance_id": "a", "answers": {"code": "AB1"}})]))
    assert result.ok and result.frame.height == 1
    [note] = result.unchecked
    assert note.startswith(f"constraint of 'code' ({constraint}) is stored but not checked: ")
    assert "not supported" in note


def test_an_unsupported_relevant_is_listed_as_unchecked(tmp_path):
    survey = [
        {"type": "text", "name": "a", "label": "A"},
        {"type": "text", "name": "b", "label": "B", "relevant": "position(..) = 1", "required": "yes"},
    ]
    form = load_xlsform(build_xlsform(tmp_path, survey))
    result = validate(form, from_payloads(form, [(1, {"instance_id": "x", "answers": {"a": "1"}})]))
    assert [u.split(" (")[0] for u in result.unchecked] == ["relevant of 'b'"]
    # with its relevant unknown, the question is taken as relevant: required applies
    assert [p.reason for p in result.problems] == ["'b' is required but not answered"]


def test_a_regex_the_engine_cannot_run_is_unchecked_rather_than_raised(tmp_path):
    form = _rule_form(tmp_path, "regex(., '^(?=.*[0-9]).{6,}$')")
    result = validate(form, from_payloads(form, [(1, {"instance_id": "a", "answers": {"code": "abc123"}})]))
    assert result.frame.height == 1
    assert len(result.unchecked) == 1


@pytest.mark.parametrize("written", ["nan", "NaN", "inf"])
def test_nan_and_infinity_are_not_numbers(form, written):
    problem = only_problem(check(form, payload(budget=written)))
    assert problem.reason == "'budget' takes a number"


def test_a_required_question_in_a_group_that_does_not_apply_may_be_empty(tmp_path):
    survey = [
        {"type": "select_one yesno", "name": "partner", "label": "Partner city?"},
        {"type": "begin group", "name": "details", "label": "Details", "relevant": "${partner} = 'yes'"},
        {"type": "text", "name": "partner_name", "label": "Which?", "required": "yes"},
        {"type": "end group"},
    ]
    choices = [
        {"list_name": "yesno", "name": "yes", "label": "Yes"},
        {"list_name": "yesno", "name": "no", "label": "No"},
    ]
    form = load_xlsform(build_xlsform(tmp_path, survey, choices))
    result = validate(
        form,
        from_payloads(
            form,
            [
                (1, {"instance_id": "a", "answers": {"partner": "no"}}),
                (2, {"instance_id": "b", "answers": {"partner": "no", "partner_name": "Seoul"}}),
            ],
        ),
    )
    assert [(p.row, p.reason.split(" is ")[1]) for p in result.problems] == [
        (2, "answered although it does not apply (relevant: ${partner} = 'yes')")
    ]


# --- properties ---------------------------------------------------------------------------------------

ZONES = [UTC, *(ZoneInfo(z) for z in ("Asia/Tashkent", "Europe/London", "America/Sao_Paulo"))]
ANSWER_NAMES = [*VALID, "topics_other"]
junk_text = st.one_of(
    st.none(), st.text(max_size=30), st.sampled_from(["", " ", "nan", "1e400", "+", "uuid:"])
)


@st.composite
def random_payloads(draw):
    count = draw(st.integers(min_value=1, max_value=6))
    rows = []
    for row in range(1, count + 1):
        answers = draw(st.dictionaries(st.sampled_from(ANSWER_NAMES), junk_text, max_size=len(ANSWER_NAMES)))
        instance_id = draw(st.one_of(st.none(), st.text(max_size=20), st.uuids().map(lambda u: f"uuid:{u}")))
        submitted_at = draw(
            st.one_of(
                st.none(),
                st.text(max_size=25),
                st.datetimes(timezones=st.sampled_from(ZONES)).map(lambda d: d.isoformat()),
            )
        )
        rows.append((row, {"instance_id": instance_id, "submitted_at": submitted_at, "answers": answers}))
    return rows


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(rows=random_payloads())
def test_random_text_never_makes_validate_raise_and_every_row_is_kept_or_explained(form, rows):
    result = validate(form, from_payloads(form, rows))
    list(result.records())
    kept = set(result.frame.get_column("_row").to_list())
    explained = {p.row for p in result.problems}
    assert kept | explained == {row for row, _ in rows}
    assert not kept & explained
    assert result.rejected.height + result.frame.height == len(rows)


words = st.text(
    alphabet=string.ascii_letters + "абвгдеёжзийклмнопрстуфхцчшщъыьэюяўқғҳ'-", min_size=1, max_size=12
)
phrases = st.lists(words, min_size=1, max_size=4).map(" ".join)


def _written_choice(draw, question, name: str) -> str:
    choice = next(c for c in question.choices if c.name == name)
    return draw(st.sampled_from([name, name.upper(), *choice.labels.values()]))


@st.composite
def valid_payloads(draw, form):
    """Payloads built from the form: choices from its lists, numbers within its constraints, real dates."""
    city, topics_question, partner_question = (form.question(n) for n in ("city", "topics", "partner"))
    count = draw(st.integers(min_value=1, max_value=5))
    ids = draw(st.lists(st.uuids(), min_size=count, max_size=count, unique=True))
    rows, expected = [], []
    for row, uuid in enumerate(ids, start=1):
        answers: dict[str, Any] = {}
        typed: dict[str, Any] = {}
        answers["full_name"] = typed["full_name"] = draw(phrases)
        name = draw(st.sampled_from(city.choice_names()))
        answers["city"], typed["city"] = _written_choice(draw, city, name), name
        if draw(st.booleans()):
            age = draw(st.integers(min_value=18, max_value=90))
            answers["age"], typed["age"] = str(age), age
            answers["age_months"] = typed["age_months"] = str(age * 12)
        chosen = draw(st.lists(st.sampled_from(topics_question.choice_names()), max_size=3, unique=True))
        if chosen:
            answers["topics"] = draw(
                st.sampled_from([" ".join(chosen), chosen, " ".join(c.upper() for c in chosen)])
            )
            typed["topics"] = chosen
            if "other" in chosen and draw(st.booleans()):
                answers["topics_other"] = typed["topics_other"] = draw(phrases)
        if draw(st.booleans()):
            budget = draw(st.floats(min_value=0.01, max_value=1e9, allow_nan=False, allow_infinity=False))
            answers["budget"], typed["budget"] = repr(budget), budget
        if draw(st.booleans()):
            visit = draw(st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 12, 31)))
            answers["visit"], typed["visit"] = visit.isoformat(), visit.isoformat()
        if draw(st.booleans()):
            meeting = draw(
                st.datetimes(
                    min_value=dt.datetime(1971, 1, 1),
                    max_value=dt.datetime(2100, 1, 1),
                    timezones=st.sampled_from(
                        [
                            UTC,
                            dt.timezone(dt.timedelta(hours=5)),
                            dt.timezone(-dt.timedelta(hours=3, minutes=30)),
                        ]
                    ),
                )
            )
            answers["meeting"], typed["meeting"] = meeting.isoformat(), meeting
        partner = draw(st.sampled_from([None, "yes", "no"]))
        if partner:
            answers["partner"] = _written_choice(draw, partner_question, partner)
            typed["partner"] = partner
        if partner == "yes":
            answers["partner_name"] = typed["partner_name"] = draw(phrases)
        submitted = draw(
            st.datetimes(
                min_value=dt.datetime(2000, 1, 1), max_value=dt.datetime(2100, 1, 1), timezones=st.just(UTC)
            )
        )
        rows.append(
            (row, {"instance_id": f"uuid:{uuid}", "submitted_at": submitted.isoformat(), "answers": answers})
        )
        expected.append((str(uuid), submitted, typed))
    return rows, expected


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_payloads_built_from_the_form_are_always_accepted_as_they_were_meant(form, data):
    rows, expected = data.draw(valid_payloads(form))
    result = validate(form, from_payloads(form, rows))
    assert [str(p) for p in result.problems] == []
    assert result.unchecked == []
    records = list(result.records())
    for _, _, answers in records:
        if "meeting" in answers:  # an ISO text in UTC: compare the instant it names
            answers["meeting"] = dt.datetime.fromisoformat(answers["meeting"])
    assert records == expected
