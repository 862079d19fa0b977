"""Good practices in the store: the example's are loaded, read back for the core, and an import
with problems names each entry and field and stores nothing."""

from __future__ import annotations

import json

import pytest

from citybridge.knowledge.practices import PracticeError, read_practices
from citybridge.web.knowledge.models import Practice
from citybridge.web.knowledge.store import good_practices, import_practices
from tests.web.conftest import EXAMPLE


def test_the_example_training_has_its_good_practices_stored(example):
    stored = Practice.objects.filter(training=example.training)
    in_file = read_practices(EXAMPLE / "practices.json")
    assert stored.count() == len(in_file) == example.practices.new
    first = stored.get(key="ppp-china-urban-development")
    assert first.lecture.number == 1
    assert first.sectors == ["ppp", "urban_planning"]


def test_stored_practices_read_back_as_the_core_reads_the_file(example):
    stored, read = good_practices(example.training), read_practices(EXAMPLE / "practices.json")
    assert stored == read
    assert [p.translations for p in stored] == [p.translations for p in read]  # every language kept


def test_importing_the_same_file_again_adds_nothing(example):
    again = import_practices(example.training, EXAMPLE / "practices.json")
    assert (again.new, again.updated) == (0, Practice.objects.filter(training=example.training).count())


def _write(tmp_path, practices) -> object:
    path = tmp_path / "practices.json"
    path.write_text(json.dumps({"practices": practices}, ensure_ascii=False), encoding="utf-8")
    return path


GOOD = {
    "key": "solar-roofs",
    "title": "Solar roofs on schools",
    "lecture": "lecture-1",
    "speaker": "Yingchen Li",
    "sectors": ["energy"],
    "key_points": ["Schools host the panels."],
    "source": "notes.txt",
}


def test_an_import_with_problems_names_each_entry_and_field_and_stores_nothing(example, tmp_path):
    before = list(Practice.objects.filter(training=example.training).values_list("pk", "title"))
    path = _write(
        tmp_path,
        [
            GOOD,
            {**GOOD, "key": "no-title", "title": ""},
            {**GOOD, "key": "bad-sector", "sectors": ["rocketry"]},
            {**GOOD, "key": "bad-lecture", "lecture": "lecture-99"},
        ],
    )
    with pytest.raises(PracticeError) as raised:
        import_practices(example.training, path, name="practices.json")
    problems = raised.value.problems
    assert any("practice 2 of 4" in p and "'title'" in p for p in problems)
    assert any("practice 3 of 4" in p and "'sectors'" in p and "rocketry" in p for p in problems)
    assert list(Practice.objects.filter(training=example.training).values_list("pk", "title")) == before
    assert not Practice.objects.filter(key="solar-roofs").exists()


def test_a_practice_naming_a_lecture_the_training_lacks_is_refused_with_its_key(example, tmp_path):
    path = _write(tmp_path, [GOOD, {**GOOD, "key": "bad-lecture", "lecture": "lecture-99"}])
    with pytest.raises(PracticeError) as raised:
        import_practices(example.training, path, name="practices.json")
    (problem,) = raised.value.problems
    assert "practice 2 of 2 (bad-lecture)" in problem and "'lecture'" in problem and "lecture-7" in problem
    assert not Practice.objects.filter(key="solar-roofs").exists()


def test_a_city_practice_needs_no_lecture(example, tmp_path):
    city = {k: v for k, v in GOOD.items() if k not in ("lecture", "speaker")}
    report = import_practices(example.training, _write(tmp_path, [city]))
    assert report.new == 1
    assert Practice.objects.get(training=example.training, key="solar-roofs").lecture is None
