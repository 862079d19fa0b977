"""Reading good practices: the example file, and errors that name the file, the entry and the field."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from citybridge.knowledge import PracticeError, read_practices
from citybridge.programme import read_programme

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "uzbekistan-2020"

GOOD = {
    "key": "all-in-one-tourism",
    "title": "All-in-one tourism",
    "lecture": "lecture-7",
    "speaker": "Guofu Xuan",
    "sectors": ["tourism"],
    "key_points": ["Join the sectors along the tourism value chain."],
    "source": "Training report, December 2020 — lecture 7",
}


def write(tmp_path: Path, *entries: dict) -> Path:
    path = tmp_path / "practices.json"
    path.write_text(json.dumps({"practices": list(entries)}), encoding="utf-8")
    return path


def test_the_example_has_one_to_three_practices_for_each_lecture():
    programme = read_programme(EXAMPLE / "programme.json")
    practices = read_practices(EXAMPLE / "practices.json")
    for lecture in programme.lectures:
        assert 1 <= sum(p.lecture == lecture.key for p in practices) <= 3, lecture.key
    assert {p.lecture for p in practices} - {None} <= {lecture.key for lecture in programme.lectures}


def test_the_example_keeps_the_bukhara_luoyang_partnership_as_a_city_practice():
    practices = {p.key: p for p in read_practices(EXAMPLE / "practices.json")}
    bukhara = practices["bukhara-luoyang"]
    assert bukhara.lecture is None
    assert "Luoyang" in bukhara.place
    assert bukhara.source == "Training report, December 2020 — participants' voices"


def test_the_example_names_its_sources_for_readers_and_writes_plain_editors_notes():
    practices = read_practices(EXAMPLE / "practices.json")
    for practice in practices:
        where = (
            f"lecture {practice.lecture.removeprefix('lecture-')}"
            if practice.lecture
            else "participants' voices"
        )
        assert practice.source == f"Training report, December 2020 — {where}", practice.key
        shown = [practice.source, practice.note]
        shown += [own.get(name, "") for own in practice.translations.values() for name in ("source", "note")]
        assert not [text for text in shown if ".txt" in text or "our reading" in text], practice.key


def test_a_valid_entry_is_read_with_aliases_resolved_and_defaults(tmp_path):
    entry = {**GOOD, "sectors": ["tourism", "service", "tourism"]}
    (practice,) = read_practices(write(tmp_path, entry))
    assert practice.sectors == ("tourism", "services")
    assert practice.key_points == ("Join the sectors along the tourism value chain.",)
    assert (practice.place, practice.note) == ("", "")


def test_a_plain_list_of_practices_is_accepted(tmp_path):
    path = tmp_path / "list.json"
    path.write_text(json.dumps([GOOD]), encoding="utf-8")
    assert [p.key for p in read_practices(path)] == ["all-in-one-tourism"]


@pytest.mark.parametrize(
    ("change", "field", "advice"),
    [
        ({"title": None}, "'title'", "non-empty text"),
        ({"sectors": ["tourism", "space_travel"]}, "'sectors'", "use one of sme"),
        ({"sectors": []}, "'sectors'", "non-empty list"),
        ({"key_points": "one long string"}, "'key_points'", "non-empty list of texts"),
        ({"keypoints": ["typo"]}, "'keypoints'", "unknown; use one of key"),
        ({"lecture": 7}, "'lecture'", "non-empty text"),
    ],
)
def test_an_entry_error_names_the_file_the_entry_and_the_field(tmp_path, change, field, advice):
    path = write(tmp_path, GOOD, {**GOOD, "key": "second", **change})
    with pytest.raises(PracticeError) as raised:
        read_practices(path)
    (problem,) = raised.value.problems
    assert str(path) in problem
    assert "practice 2 of 2" in problem
    assert field in problem
    assert advice in problem


def test_a_missing_field_is_named(tmp_path):
    entry = {name: value for name, value in GOOD.items() if name != "source"}
    with pytest.raises(PracticeError, match=r"practice 1 of 1: field 'source' is missing"):
        read_practices(write(tmp_path, entry))


def test_every_problem_of_the_file_is_reported_at_once(tmp_path):
    path = write(tmp_path, {**GOOD, "title": ""}, GOOD, {**GOOD, "key": "third", "sectors": ["nowhere"]})
    with pytest.raises(PracticeError) as raised:
        read_practices(path)
    assert [p.split(": field")[0].rsplit(": ", 1)[1] for p in raised.value.problems] == [
        "practice 1 of 3",
        "practice 3 of 3",
    ]


def test_a_key_used_twice_is_refused(tmp_path):
    with pytest.raises(
        PracticeError, match=r"practice 2 of 2: field 'key': 'all-in-one-tourism' is already used"
    ):
        read_practices(write(tmp_path, GOOD, GOOD))


def test_broken_json_gives_the_line_and_column(tmp_path):
    path = tmp_path / "broken.json"
    path.write_text('{"practices": [\n  {"key": "a",}\n]}', encoding="utf-8")
    with pytest.raises(PracticeError, match=r"broken\.json: not valid JSON at line 2, column 15"):
        read_practices(path)


def test_a_file_that_is_not_a_list_of_practices_is_refused(tmp_path):
    path = tmp_path / "object.json"
    path.write_text('{"practice": []}', encoding="utf-8")
    with pytest.raises(PracticeError, match=r'object.json: expected \{"practices": \[...\]\}'):
        read_practices(path)


def test_a_missing_file_is_named(tmp_path):
    with pytest.raises(PracticeError, match=r"absent\.json: cannot be read"):
        read_practices(tmp_path / "absent.json")
