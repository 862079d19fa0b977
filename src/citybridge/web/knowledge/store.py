"""Storing good practices: importing a practices file into a training, and reading them back for the core.

A practices file names its lecture by the programme's key (``lecture-<number>``, as
``citybridge.web.reporting.training_summary`` writes it), so importing resolves each key to the
training's stored lecture and reports every problem of the file at once, storing nothing then.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from django.db import transaction
from django.utils.text import slugify

from citybridge import sectors
from citybridge.knowledge.practices import GoodPractice, PracticeError, read_practices
from citybridge.web.knowledge.models import Practice
from citybridge.web.trainings.models import Lecture, Training


@dataclass(frozen=True)
class PracticesImport:
    source: str
    new: int
    updated: int


def lecture_key(lecture: Lecture) -> str:
    """The key practices files and the booklet use for a stored lecture."""
    return f"lecture-{lecture.number}"


def import_practices(training: Training, path: Path, *, name: str | None = None) -> PracticesImport:
    """Store every practice of the file (new keys added, known keys refreshed), or none of them.

    Raises PracticeError listing all problems, each with the file (``name`` when given, e.g. an
    uploaded file's own name), the practice's number and key, and the field.
    """
    path = Path(path)
    shown = name or str(path)
    try:
        practices = read_practices(path)
    except PracticeError as error:
        raise PracticeError([problem.replace(str(path), shown, 1) for problem in error.problems]) from None
    lectures = {lecture_key(lecture): lecture for lecture in training.lectures.all()}
    problems = _lecture_problems(practices, lectures, shown, training)
    if problems:
        raise PracticeError(problems)
    existing = set(training.practices.values_list("key", flat=True))
    with transaction.atomic():
        for position, practice in enumerate(practices, start=1):
            Practice.objects.update_or_create(
                training=training,
                key=practice.key,
                defaults=_fields(practice, lectures.get(practice.lecture or ""), position),
            )
    new = sum(1 for practice in practices if practice.key not in existing)
    return PracticesImport(source=shown, new=new, updated=len(practices) - new)


def _lecture_problems(
    practices: list[GoodPractice], lectures: dict[str, Lecture], shown: str, training: Training
) -> list[str]:
    known = ", ".join(lectures) or "none yet (add the programme first)"
    return [
        f"{shown}: practice {number} of {len(practices)} ({practice.key}): field 'lecture': "
        f"{practice.lecture!r} is not a lecture of {training.slug}; use one of {known}, or leave it out "
        "for a city's own practice"
        for number, practice in enumerate(practices, start=1)
        if practice.lecture is not None and practice.lecture not in lectures
    ]


def _fields(practice: GoodPractice, lecture: Lecture | None, position: int) -> dict:
    return {
        "title": practice.title,
        "lecture": lecture,
        "speaker": practice.speaker,
        "sectors": list(practice.sectors),
        "key_points": list(practice.key_points),
        "source": practice.source,
        "place": practice.place,
        "note": practice.note,
        "position": position,
        "translations": practice.translations,
    }


def save_practice(training: Training, fields: dict, practice: Practice | None = None) -> Practice:
    """Store a practice typed in the page (``fields``: PracticeForm's cleaned data): a new one gets
    a key made from its title, unique in the training, and comes after the others."""
    lecture = training.lectures.filter(pk=fields["lecture"]).first() if fields.get("lecture") else None
    values = {
        "title": fields["title"].strip(),
        "lecture": lecture,
        "speaker": fields["speaker"].strip(),
        "sectors": hub_sectors(fields["sectors"]),
        "key_points": list(fields["key_points"]),
        "source": fields["source"].strip(),
        "place": fields["place"].strip(),
        "note": fields["note"].strip(),
    }
    if practice is None:
        last = training.practices.order_by("-position").values_list("position", flat=True).first() or 0
        practice = Practice(training=training, key=_new_key(training, values["title"]), position=last + 1)
    else:
        practice.translations = current_translations(practice, values)
    for name, value in values.items():
        setattr(practice, name, value)
    practice.save()
    return practice


def current_translations(practice: Practice, values: dict) -> dict:
    """The practice's translations of the texts the organiser left as they were: a translation of a
    changed text would say something else, so that text shows in English, marked, until translated."""
    changed = {name for name, value in values.items() if getattr(practice, name) != value}
    return {
        language: {name: text for name, text in own.items() if name not in changed}
        for language, own in (practice.translations or {}).items()
    }


def hub_sectors(slugs) -> list[str]:
    """Sector slugs with aliases resolved, once each, in the given order."""
    return list(dict.fromkeys(sectors.sector(slug).slug for slug in slugs))


def _new_key(training: Training, title: str) -> str:
    base = slugify(title)[:60] or "practice"
    taken = set(training.practices.values_list("key", flat=True))
    key, number = base, 2
    while key in taken:
        key, number = f"{base}-{number}", number + 1
    return key


def good_practice(practice: Practice) -> GoodPractice:
    """The stored practice as the core's booklet reads it."""
    return GoodPractice(
        key=practice.key,
        title=practice.title,
        lecture=lecture_key(practice.lecture) if practice.lecture else None,
        speaker=practice.speaker,
        sectors=tuple(practice.sectors or ()),
        key_points=tuple(practice.key_points or ()),
        source=practice.source,
        place=practice.place,
        note=practice.note,
        translations=dict(practice.translations or {}),
    )


def good_practices(training: Training) -> list[GoodPractice]:
    """Every stored practice of the training, in the order of its practices file."""
    return [good_practice(p) for p in training.practices.select_related("lecture").order_by("position", "pk")]
