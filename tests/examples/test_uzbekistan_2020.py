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


def test_the_survey_is_a_bilingual_xlsform_covering_the_reported_questions():
    form = load_xlsform(EXAMPLE / "survey.xlsx")
    assert form.languages == ("English (en)", "Uzbek (uz)")
    paths = {q.path for q in form.questions}
    assert {"profile/age", "profile/population", "evaluation/materials", "needs/china_cities"} <= paths
    assert form.question("industries").or_other


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
