"""Values no store can keep are found wherever they hide in a submission, and nothing else is."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from citybridge.submissions.sources import from_payloads
from citybridge.web.errors import ImportRejected
from citybridge.web.surveys.models import Submission
from citybridge.web.surveys.storable import NOT_FINITE, payload_problems, refuse_unstorable_cells
from citybridge.web.surveys.store import add_survey, store_batches

ALL_TYPES_FORM = Path(__file__).parents[1] / "participate" / "data" / "all_types.md"
GOOD_TEXT = st.text(st.characters(exclude_categories=("Cs",), exclude_characters="\x00"), max_size=20)
GOOD_LEAF = (
    GOOD_TEXT | st.integers() | st.floats(allow_nan=False, allow_infinity=False) | st.booleans() | st.none()
)
GOOD = st.recursive(GOOD_LEAF, lambda inner: st.lists(inner, max_size=4) | st.dictionaries(GOOD_TEXT, inner, max_size=4),
                    max_leaves=20)  # fmt: skip
BAD_LEAF = st.sampled_from(["\ud800", "a\x00b", "\udfff tail", float("nan"), float("inf"), -float("inf")])


@given(GOOD)
def test_json_that_any_store_can_keep_has_no_problem(payload):
    assert payload_problems(payload, source="API") == []


@given(st.dictionaries(GOOD_TEXT, GOOD, max_size=4), GOOD_TEXT, BAD_LEAF)
def test_one_bad_value_anywhere_is_one_problem_naming_where(answers, name, bad):
    payload = {"instance_id": "x", "answers": {**answers, name: [answers, {"deep": bad}]}}
    problems = payload_problems(payload, source="API")
    assert len(problems) == 1
    assert problems[0].column.endswith("[1].deep") and problems[0].column.startswith("answers.")


@pytest.mark.parametrize("written", ["NaN", "inf", " -Infinity "])
def test_a_number_written_nan_or_infinite_is_refused_not_stored_as_no_answer(training, written):
    survey, version, _ = add_survey(training, ALL_TYPES_FORM)
    batch = from_payloads(
        version.form(), [(1, {"instance_id": "n1", "answers": {"score": written}})], source="API"
    )
    with pytest.raises(ImportRejected) as refused:
        store_batches(survey, version, [batch], source=Submission.Source.API, one_by_one=True)
    assert [(p.column, p.reason) for p in refused.value.problems if p.reason == NOT_FINITE] == [
        ("answers.score", NOT_FINITE)
    ]
    assert not Submission.objects.exists()


def _answers(row: int) -> dict:
    """Good answers, but a NUL in row 3's remarks, NaN as row 70's score and a too-long id in row 99."""
    answers = {
        "attended": "yes",
        "remarks": "a\x00b" if row == 3 else "fine",
        "score": "NaN" if row == 70 else "7",
    }
    return {"instance_id": "x" * 300 if row == 99 else f"r{row}", "answers": answers}


def test_a_large_batch_and_the_same_rows_a_few_at_a_time_get_the_same_problems(training):
    # A large batch is narrowed down by a Polars query first; a few rows (the API) are not.
    _, version, _ = add_survey(training, ALL_TYPES_FORM)
    form = version.form()
    rows = [(row, _answers(row)) for row in range(1, 201)]
    whole = refuse_unstorable_cells(form, from_payloads(form, rows, source="API")).problems
    alone = [
        p
        for row in rows
        for p in refuse_unstorable_cells(form, from_payloads(form, [row], source="API")).problems
    ]
    found = [(p.row, p.column, p.reason.split(" ")[0]) for p in whole]
    assert found == [(3, "answers.remarks", "holds"), (70, "answers.score", "is"), (99, "instance_id", "is")]
    assert [(p.row, p.column, p.value, p.reason) for p in alone] == [
        (p.row, p.column, p.value, p.reason) for p in whole
    ]
