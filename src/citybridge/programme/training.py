"""What the booklet needs to know about a training, read from a programme JSON file.

The store keeps trainings as Django models (``citybridge.web.trainings``); the booklet is core
code and reads the same programme file into plain dataclasses instead, so it can be built from
files alone.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from pathlib import Path

from citybridge import sectors


class ProgrammeError(ValueError):
    """A programme file that cannot be read; the message names the file and the field."""


@dataclass(frozen=True)
class LectureSummary:
    key: str  # the lecture's "key", else "lecture-<number>"; good practices point to it
    title: str
    speaker: str  # the speaker's name, "" when the programme names none
    affiliation: str
    topics: tuple[str, ...]  # sector slugs (citybridge.sectors)
    summary: str


@dataclass(frozen=True)
class TrainingSummary:
    title: str
    starts_on: dt.date | None
    ends_on: dt.date | None
    hosts: tuple[str, ...]
    partners: tuple[str, ...]
    funders: tuple[str, ...]
    lectures: tuple[LectureSummary, ...]  # in programme order

    def lecture(self, key: str) -> LectureSummary | None:
        return next((lecture for lecture in self.lectures if lecture.key == key), None)


def read_programme(path: Path) -> TrainingSummary:
    """The training and its lectures, with each lecture's speaker resolved to name and affiliation."""
    path = Path(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        info = data["training"]
        speakers = {s.get("key", s["name"]): s for s in data.get("speakers", [])}
        lectures = tuple(_lecture(entry, index, speakers) for index, entry in enumerate(data["lectures"], 1))
        return TrainingSummary(
            title=info["title"],
            starts_on=_date(info.get("starts_on")),
            ends_on=_date(info.get("ends_on")),
            hosts=tuple(info.get("hosts", [])),
            partners=tuple(info.get("partners", [])),
            funders=tuple(info.get("funders", [])),
            lectures=lectures,
        )
    except OSError as error:
        raise ProgrammeError(f"{path}: cannot be read ({error.strerror})") from error
    except json.JSONDecodeError as error:
        raise ProgrammeError(f"{path}: not valid JSON, line {error.lineno} column {error.colno}") from error
    except KeyError as error:
        raise ProgrammeError(f"{path}: a required field is missing: {error.args[0]}") from error
    except ValueError as error:
        raise ProgrammeError(f"{path}: {error}") from error


def _lecture(entry: dict, index: int, speakers: dict[str, dict]) -> LectureSummary:
    number = entry.get("number", index)
    speaker = speakers.get(entry.get("speaker"), {})
    if "title" not in entry:
        raise KeyError(f"lectures[{index - 1}].title")
    return LectureSummary(
        key=str(entry.get("key") or f"lecture-{number}"),
        title=entry["title"],
        speaker=speaker.get("name", ""),
        affiliation=speaker.get("affiliation", ""),
        topics=tuple(_topic(topic, index) for topic in entry.get("topics", [])),
        summary=entry.get("summary", ""),
    )


def _topic(slug: str, index: int) -> str:
    try:
        return sectors.sector(slug).slug
    except KeyError:
        known = ", ".join(sectors.vocabulary())
        raise ValueError(
            f"lectures[{index - 1}].topics: {slug!r} is not a sector; use one of {known}"
        ) from None


def _date(text: str | None) -> dt.date | None:
    if not text:
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise ValueError(f"{text!r} is not a date written YYYY-MM-DD") from None
