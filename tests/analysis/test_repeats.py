"""A repeat's questions get figures per instance; the repeat, per respondent."""

from __future__ import annotations

import pytest

from citybridge.analysis.repeats import repeat_figures
from citybridge.submissions.linked import PARENT_KEY, read_linked_export, validate_linked
from tests.submissions.test_linked import KOBO, household_form, kobo_xlsx


def test_a_repeats_questions_are_counted_per_instance_and_the_repeat_per_respondent(tmp_path):
    form = household_form(tmp_path)
    result = validate_linked(form, read_linked_export(kobo_xlsx(tmp_path, KOBO), form))
    frames = {path: v.frame for path, v in result.children.items()}
    members, visits = repeat_figures(form, result.main.frame, frames, PARENT_KEY)
    assert (members.instances, members.respondents_with_any, members.respondents) == (3, 2, 2)
    assert members.mean_per_respondent == 1.5
    assert members.indicators["age"].base == 3 and members.indicators["age"].summary.mean == pytest.approx(125 / 3)
    assert (visits.instances, visits.respondents_with_any) == (2, 1)  # both visits are Dilnoza's, in 'aaa'
