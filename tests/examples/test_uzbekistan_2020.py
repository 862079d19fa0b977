"""The example training: its files reproduce every published figure, and its generator is deterministic."""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import importlib.util
import subprocess
import sys
from pathlib import Path

import pytest

from citybridge.analysis.labels import choice_label, question_label
from citybridge.forms import load_xlsform

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "uzbekistan-2020"


def _generator():
    spec = importlib.util.spec_from_file_location("uzbekistan_2020_generate", EXAMPLE / "generate.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


GENERATOR = _generator()
PUBLISHED = GENERATOR.published_survey_figures()


@pytest.fixture(scope="module")
def reproduced():
    return GENERATOR.reproduced_figures(EXAMPLE)


@pytest.mark.parametrize("figure", PUBLISHED, ids=[f["id"] for f in PUBLISHED])
def test_the_committed_files_reproduce_the_published_figure(figure, reproduced):
    value, base = reproduced[figure["id"]]
    assert str(value) == figure["published_value"], f"base {base}"


def test_registrations_hold_76_people_from_35_cities_and_the_public_services_agency():
    people = list(csv.DictReader((EXAMPLE / "registrations.csv").open(encoding="utf-8")))
    assert len(people) == 76
    organisations = {p["organisation"] for p in people}
    assert GENERATOR.PSA in organisations
    assert len(organisations - {GENERATOR.PSA}) == 35


def test_submissions_are_52_with_unique_ids_between_6_november_and_14_december():
    rows = list(csv.DictReader((EXAMPLE / "submissions.csv").open(encoding="utf-8")))
    assert len(rows) == 52
    assert len({r["_uuid"] for r in rows}) == 52
    days = {dt.datetime.fromisoformat(r["_submission_time"]).date() for r in rows}
    assert min(days) >= dt.date(2020, 11, 6) and max(days) == dt.date(2020, 12, 14)


def test_the_survey_is_an_xlsform_in_four_languages_covering_the_reported_questions():
    form = load_xlsform(EXAMPLE / "survey.xlsx")
    assert form.languages == ("English (en)", "Uzbek (uz)", "Russian (ru)", "Chinese (zh)")
    paths = {q.path for q in form.questions}
    assert {"profile/age", "profile/population", "evaluation/materials", "needs/china_cities"} <= paths
    assert form.question("industries").or_other


def test_every_label_hint_and_constraint_message_is_written_in_every_language():
    header, rows = GENERATOR.SURVEY_HEADER, GENERATOR.survey_rows()
    for row in rows:
        if row[0] == "end group":
            continue
        cells = dict(zip(header, row, strict=True))
        for column in ("label", "hint", "constraint_message"):
            texts = [cells[f"{column}::{language}"] for language in GENERATOR.LANGUAGES]
            assert all(texts) or not any(texts), (cells["name"], column)
        assert all(cells[f"label::{language}"] for language in GENERATOR.LANGUAGES), cells["name"]
    for row in GENERATOR.choice_rows():
        assert len(row) == 2 + len(GENERATOR.LANGUAGES) and all(row), row


def test_russian_and_chinese_reports_get_the_forms_own_labels():
    form = load_xlsform(EXAMPLE / "survey.xlsx")
    materials, partners = form.question("materials"), form.question("china_cities")
    assert choice_label(form, materials, "excellent", "ru") == "Отлично"
    assert choice_label(form, materials, "excellent", "zh") == "优秀"
    assert choice_label(form, form.question("city"), "samarkand", "ru") == "Самарканд"
    assert choice_label(form, partners, "urumqi", "zh") == "乌鲁木齐"
    assert question_label(form, materials, "ru") == "Как вы оцениваете материалы и содержание вебинара?"


def test_the_generator_writes_the_same_bytes_every_time(tmp_path):
    for out in (tmp_path / "a", tmp_path / "b"):
        subprocess.run(
            [sys.executable, str(EXAMPLE / "generate.py"), "--out", str(out)], check=True, capture_output=True
        )
    for name in ("survey.xlsx", "registrations.csv", "submissions.csv"):
        first, second, committed = (
            hashlib.sha256((d / name).read_bytes()).hexdigest()
            for d in (tmp_path / "a", tmp_path / "b", EXAMPLE)
        )
        assert first == second == committed, f"{name} differs: run generate.py and commit its files"
