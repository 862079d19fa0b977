"""Reading a programme file into the training summary the booklet uses."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from citybridge.programme import ProgrammeError, read_programme

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "uzbekistan-2020"


def test_the_example_programme_gives_seven_lectures_with_their_speakers():
    training = read_programme(EXAMPLE / "programme.json")
    assert training.title.startswith("Transforming the Cities")
    assert (training.starts_on, training.ends_on) == (dt.date(2020, 11, 3), dt.date(2020, 11, 6))
    assert training.funders == ("China Association of Trade in Services (CATIS)",)
    assert [lecture.key for lecture in training.lectures] == [f"lecture-{n}" for n in range(1, 8)]
    tourism = training.lecture("lecture-7")
    assert (tourism.speaker, tourism.affiliation) == (
        "Guofu Xuan",
        "Department of Tourism, Southeast University",
    )
    assert tourism.topics == ("tourism",)


def programme(tmp_path: Path, lecture: dict) -> Path:
    path = tmp_path / "programme.json"
    data = {"training": {"title": "T", "starts_on": "2020-11-03"}, "lectures": [lecture]}
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def test_a_lecture_without_a_speaker_or_key_gets_a_key_from_its_number(tmp_path):
    training = read_programme(programme(tmp_path, {"number": 4, "title": "Trade", "topics": ["service"]}))
    (lecture,) = training.lectures
    assert (lecture.key, lecture.speaker, lecture.topics) == ("lecture-4", "", ("services",))


@pytest.mark.parametrize(
    ("lecture", "message"),
    [
        ({"number": 1}, r"programme.json: a required field is missing: lectures\[0\].title"),
        ({"number": 1, "title": "T", "topics": ["space"]}, r"lectures\[0\].topics: 'space' is not a sector"),
    ],
)
def test_a_programme_error_names_the_file_and_the_field(tmp_path, lecture, message):
    with pytest.raises(ProgrammeError, match=message):
        read_programme(programme(tmp_path, lecture))


def test_a_badly_written_date_is_named(tmp_path):
    path = tmp_path / "programme.json"
    path.write_text(json.dumps({"training": {"title": "T", "starts_on": "3.11.2020"}, "lectures": []}))
    with pytest.raises(ProgrammeError, match=r"'3\.11\.2020' is not a date written YYYY-MM-DD"):
        read_programme(path)
