"""Storing surveys and submissions: once each, all-or-nothing, with the user told what happened."""

from __future__ import annotations

import datetime as dt
import shutil

import pytest

from citybridge.forms import FormError
from citybridge.web.errors import FormVersionConflict, ImportRejected, NotFound
from citybridge.web.imports import import_file
from citybridge.web.surveys.models import FormVersion, Submission
from citybridge.web.surveys.store import add_survey, find_survey
from tests.web.conftest import MINI_FORM

GOOD = (
    "u1,2020-11-10T06:12:33,excellent,agree,34,yes,shanghai beijing,Useful,1",
    "u2,2020-11-11T08:00:00+05:00,good,disagree,,no,,,2",
)


def test_adding_a_form_creates_a_survey_with_its_first_version(survey):
    assert survey.form_id == "mini_evaluation"
    assert survey.current_version().version == "2024010101"
    assert [q.name for q in survey.current_version().form().answer_questions][:2] == ["materials", "expected"]


def test_adding_the_same_form_again_adds_nothing(training, survey):
    again, _, is_new = add_survey(training, MINI_FORM)
    assert (again.pk, is_new) == (survey.pk, False)
    assert FormVersion.objects.count() == 1


def test_same_version_with_different_questions_is_refused(training, survey, tmp_path):
    changed = tmp_path / "changed.md"
    changed.write_text(MINI_FORM.read_text().replace("Comments  ", "Remarks   "), encoding="utf-8")
    with pytest.raises(FormVersionConflict, match="raise 'version'"):
        add_survey(training, changed)


def test_a_new_version_of_the_form_becomes_current(training, survey, tmp_path):
    newer = tmp_path / "newer.md"
    newer.write_text(MINI_FORM.read_text().replace("2024010101", "2024020101"), encoding="utf-8")
    _, version, is_new = add_survey(training, newer)
    assert is_new and survey.current_version() == version


def test_a_form_pyxform_rejects_is_not_stored(training, tmp_path):
    broken = tmp_path / "broken.md"
    broken.write_text(
        MINI_FORM.read_text().replace("select_one rating ", "select_one nolist "), encoding="utf-8"
    )
    with pytest.raises(FormError, match=r"broken\.md"):
        add_survey(training, broken)
    assert FormVersion.objects.count() == 0


def test_import_stores_each_submission_with_timezone_aware_times(survey, write_csv):
    report = import_file(survey, write_csv("kobo.csv", *GOOD))
    assert (report.new, report.already_present, report.rejected) == (2, 0, 0)
    first = Submission.objects.get(instance_id="u1")
    assert first.answers == {
        "materials": "excellent",
        "expected": "agree",
        "age": 34,
        "china": "yes",
        "cities": ["shanghai", "beijing"],
        "comment": "Useful",
    }
    assert first.submitted_at == dt.datetime(2020, 11, 10, 6, 12, 33, tzinfo=dt.UTC)
    second = Submission.objects.get(instance_id="u2")
    assert second.submitted_at == dt.datetime(2020, 11, 11, 3, 0, tzinfo=dt.UTC)
    assert second.received_at.tzinfo is not None and second.source == "import"


def test_reimporting_the_same_file_adds_nothing(survey, write_csv, tmp_path):
    path = write_csv("kobo.csv", *GOOD)
    import_file(survey, path)
    copy = tmp_path / "copy.csv"
    shutil.copy(path, copy)
    report = import_file(survey, copy)
    assert (report.new, report.already_present) == (0, 2)
    assert Submission.objects.count() == 2


def test_a_file_repeating_an_instance_id_stores_it_once(survey, write_csv):
    report = import_file(survey, write_csv("dup.csv", GOOD[0], GOOD[0], GOOD[1]))
    assert (report.new, report.already_present) == (2, 1)


def test_a_bad_import_leaves_the_store_unchanged_and_names_every_bad_cell(survey, write_csv):
    import_file(survey, write_csv("first.csv", GOOD[0]))
    before = list(Submission.objects.values_list("instance_id", "answers"))
    bad = write_csv(
        "bad.csv",
        GOOD[1],
        "u3,2020-11-12T09:00:00,great,agree,17,yes,paris,,3",
        "u4,2020-11-12T09:00:00,,agree,40,no,,,4",
    )
    with pytest.raises(ImportRejected) as rejected:
        import_file(survey, bad)
    assert list(Submission.objects.values_list("instance_id", "answers")) == before
    shown = sorted(str(p) for p in rejected.value.problems)
    assert shown == sorted(
        [
            "bad.csv, row 3, column 'evaluation/materials': value 'great': not in the choice list 'rating' "
            "(excellent, good, poor)",
            "bad.csv, row 3, column 'age': value '17': breaks the constraint . >= 18 and . <= 90",
            "bad.csv, row 3, column 'cities': value 'paris': 'paris' not in the choice list 'cn' "
            "(shanghai, beijing, urumqi)",
            "bad.csv, row 4, column 'evaluation/materials': 'materials' is required but not answered",
        ]
    )


def test_skip_invalid_stores_the_valid_rows_and_returns_the_rejected_ones(survey, write_csv):
    bad = write_csv("mixed.csv", GOOD[0], "u3,2020-11-12T09:00:00,great,agree,40,no,,,3")
    report = import_file(survey, bad, skip_invalid=True)
    assert (report.new, report.already_present, report.rejected) == (1, 0, 1)
    assert report.rejected_rows.get_column("_instance_id").to_list() == ["u3"]
    assert list(Submission.objects.values_list("instance_id", flat=True)) == ["u1"]


def test_an_unknown_column_rejects_the_file_even_with_skip_invalid(survey, write_csv):
    path = write_csv("extra.csv", GOOD[0] + ",surprise", header=KOBO_HEADER_WITH_EXTRA)
    with pytest.raises(ImportRejected) as rejected:
        import_file(survey, path, skip_invalid=True)
    assert [p.column for p in rejected.value.problems] == ["mystery_question"]
    assert Submission.objects.count() == 0


KOBO_HEADER_WITH_EXTRA = "_uuid,_submission_time,evaluation/materials,evaluation/expected,age,china,cities,comment,_id,mystery_question"


def test_a_survey_is_found_by_id_or_slug(survey):
    assert find_survey(str(survey.pk)) == survey
    assert find_survey(survey.slug) == survey
    with pytest.raises(NotFound, match="known surveys"):
        find_survey("no-such-survey")


def _many_rows(count: int, bad_row: int | None = None) -> list[str]:
    rows = []
    for n in range(count):
        materials = "great" if n == bad_row else "good"
        rows.append(f"m{n},2020-11-10T06:00:00,{materials},agree,{20 + n % 60},no,,,{n}")
    return rows


def test_a_file_read_in_several_batches_is_stored_whole(survey, write_csv):
    report = import_file(survey, write_csv("big.csv", *_many_rows(25)), rows_per_batch=7)
    assert (report.new, report.already_present, report.rejected) == (25, 0, 0)
    assert Submission.objects.count() == 25


def test_a_bad_row_in_the_last_batch_leaves_the_store_unchanged(survey, write_csv):
    with pytest.raises(ImportRejected) as rejected:
        import_file(survey, write_csv("big.csv", *_many_rows(25, bad_row=23)), rows_per_batch=7)
    assert [p.row for p in rejected.value.problems] == [25]
    assert Submission.objects.count() == 0


def test_an_instance_id_repeated_in_a_later_batch_is_stored_once(survey, write_csv):
    rows = _many_rows(10)
    report = import_file(survey, write_csv("dup.csv", *rows, rows[0]), rows_per_batch=4)
    assert (report.new, report.already_present) == (10, 1)


def test_reimporting_a_large_file_adds_nothing(survey, write_csv):
    path = write_csv("big.csv", *_many_rows(6000))
    assert import_file(survey, path).new == 6000
    report = import_file(survey, path)
    assert (report.new, report.already_present) == (0, 6000)


def test_a_row_with_a_nul_character_is_rejected_and_never_stored(survey, write_csv):
    report = import_file(survey, write_csv("kobo.csv", GOOD[0], "u3,2020-11-10T07:00:00,good,agree,40,no,,bad\x00text,3"),
                         skip_invalid=True)  # fmt: skip
    assert (report.new, report.rejected) == (1, 1)
    assert [(p.row, p.column, "NUL character" in p.reason) for p in report.problems] == [(3, "comment", True)]
    assert not Submission.objects.filter(instance_id="u3").exists()
