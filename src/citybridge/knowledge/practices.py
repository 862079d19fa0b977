"""Good practices: knowledge items from a lecture or a city, tagged with sectors and places.

They are kept in a JSON file (``{"practices": [...]}``) that organisers edit by hand, so reading
it checks every entry and reports every problem at once, each with the file, the entry's number,
the field and what to write instead.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from citybridge import sectors

_REQUIRED = ("key", "title", "sectors", "key_points", "source")
_OPTIONAL = ("lecture", "speaker", "place", "note", "translations")
# What a practice's "translations" may give per language: every text a reader sees.
_TRANSLATED = ("title", "key_points", "place", "speaker", "source", "note")


class PracticeError(ValueError):
    """A practices file with problems; ``problems`` holds one line per problem."""

    def __init__(self, problems: list[str]):
        super().__init__("\n".join(problems))
        self.problems = problems


@dataclass(frozen=True)
class GoodPractice:
    key: str
    title: str
    lecture: str | None  # the lecture's key in the programme; None for a city's own practice
    speaker: str  # who presented or told it
    sectors: tuple[str, ...]  # sector slugs (citybridge.sectors), aliases resolved
    key_points: tuple[str, ...]
    source: str  # the document it comes from, as a reader would look it up: title, date, section
    place: str = ""  # where it was practised: a city, a province, a country
    note: str = (
        ""  # the editor's note: how the key points relate to the source, e.g. where they generalise it
    )
    # language -> {"title": ..., "key_points": [...], "place": ..., "speaker": ..., "source": ..., "note": ...}:
    # the practice in other languages
    translations: dict[str, dict] = field(default_factory=dict, compare=False)


def read_practices(path: Path) -> list[GoodPractice]:
    """Every practice of the file, in file order; raises PracticeError listing all problems."""
    path = Path(path)
    entries = _entries(path)
    practices: list[GoodPractice] = []
    problems: list[str] = []
    seen: set[str] = set()
    for number, entry in enumerate(entries, start=1):
        where = f"{path}: practice {number} of {len(entries)}"
        found = _problems(entry, where) if isinstance(entry, dict) else [f"{where}: must be a JSON object"]
        if not found and entry["key"] in seen:
            found = [
                f"{where}: field 'key': {entry['key']!r} is already used; give each practice its own key"
            ]
        problems += found
        if not found:
            seen.add(entry["key"])
            practices.append(_practice(entry))
    if problems:
        raise PracticeError(problems)
    return practices


def _entries(path: Path) -> list:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise PracticeError([f"{path}: cannot be read ({error.strerror})"]) from error
    except json.JSONDecodeError as error:
        raise PracticeError(
            [f"{path}: not valid JSON at line {error.lineno}, column {error.colno}: {error.msg}"]
        ) from error
    entries = data.get("practices") if isinstance(data, dict) else data
    if not isinstance(entries, list):
        raise PracticeError([f'{path}: expected {{"practices": [...]}}, a list of practices'])
    return entries


def _problems(entry: dict, where: str) -> list[str]:
    problems = [f"{where}: field {name!r} is missing; add it" for name in _REQUIRED if name not in entry]
    problems += [
        f"{where}: field {name!r} is unknown; use one of {', '.join(_REQUIRED + _OPTIONAL)}"
        for name in entry
        if name not in _REQUIRED + _OPTIONAL
    ]
    problems += _translation_problems(entry.get("translations"), where)
    for name in ("key", "title", "source", "lecture", "speaker", "place", "note"):
        value = entry.get(name)
        optional_null = value is None and name in _OPTIONAL
        if name in entry and not optional_null and not (isinstance(value, str) and value.strip()):
            problems.append(f"{where}: field {name!r} must be a non-empty text")
    problems += _list_problems(entry, "key_points", where)
    problems += _list_problems(entry, "sectors", where)
    for slug in entry.get("sectors", []) if isinstance(entry.get("sectors"), list) else []:
        if isinstance(slug, str) and slug and not sectors.is_sector(slug):
            problems.append(
                f"{where}: field 'sectors': {slug!r} is not a sector; use one of {', '.join(sectors.vocabulary())}"
            )
    return problems


def _translation_problems(translations, where: str) -> list[str]:
    if translations is None:
        return []
    shape = (
        f'{where}: field \'translations\' must be {{"ru": {{"title": "...", "key_points": ["..."]}}, ...}}'
    )
    if not isinstance(translations, dict) or not all(isinstance(v, dict) for v in translations.values()):
        return [shape]
    return [
        f"{where}: field 'translations' ({language}): {name!r} is unknown; use {', '.join(_TRANSLATED)}"
        for language, given in translations.items()
        for name in given
        if name not in _TRANSLATED
    ]


def _list_problems(entry: dict, name: str, where: str) -> list[str]:
    value = entry.get(name)
    if name not in entry:
        return []
    if not isinstance(value, list) or not value or not all(isinstance(v, str) and v.strip() for v in value):
        return [f"{where}: field {name!r} must be a non-empty list of texts"]
    return []


def _practice(entry: dict) -> GoodPractice:
    return GoodPractice(
        key=entry["key"],
        title=entry["title"].strip(),
        lecture=entry.get("lecture"),
        speaker=(entry.get("speaker") or "").strip(),
        sectors=tuple(dict.fromkeys(sectors.sector(slug).slug for slug in entry["sectors"])),
        key_points=tuple(point.strip() for point in entry["key_points"]),
        source=entry["source"].strip(),
        place=(entry.get("place") or "").strip(),
        note=(entry.get("note") or "").strip(),
        translations=dict(entry.get("translations") or {}),
    )
