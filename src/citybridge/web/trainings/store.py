"""Keeping trainings, programmes and registration lists in the store."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction
from django.utils.text import slugify

from citybridge.registrations import read_registrations
from citybridge.submissions import Problem
from citybridge.web.errors import RegistrationsRejected
from citybridge.web.trainings.models import (
    City,
    Lecture,
    Organisation,
    Participant,
    Speaker,
    Training,
    TrainingText,
)

DEFAULT_ORGANISATION = ("My organisation", "my-organisation")


@dataclass
class RegistrationReport:
    source: str
    new: int = 0
    already_present: int = 0
    rejected: int = 0
    problems: list[Problem] = field(default_factory=list)


def create_training(
    title: str, *, slug: str | None = None, organisation: Organisation | None = None, **details
) -> Training:
    organisation = organisation or default_organisation()
    base = slugify(slug or title)[:70] or "training"
    unique, n = base, 2
    while Training.objects.filter(slug=unique).exists():
        unique, n = f"{base}-{n}", n + 1
    return Training.objects.create(organisation=organisation, title=title, slug=unique, **details)


def default_organisation() -> Organisation:
    name, slug = DEFAULT_ORGANISATION
    return Organisation.objects.get_or_create(slug=slug, defaults={"name": name})[0]


@transaction.atomic
def load_programme(path: Path) -> Training:
    """Create (or refresh) a training and its lectures and speakers from a programme JSON file."""
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    info = data["training"]
    org_info = info.get("organisation") or {"name": DEFAULT_ORGANISATION[0], "slug": DEFAULT_ORGANISATION[1]}
    organisation, _ = Organisation.objects.get_or_create(
        slug=org_info["slug"], defaults={"name": org_info["name"]}
    )
    training, _ = Training.objects.update_or_create(
        slug=info["slug"],
        defaults={
            "organisation": organisation,
            "title": info["title"],
            "starts_on": _date(info.get("starts_on")),
            "ends_on": _date(info.get("ends_on")),
            "languages": info.get("languages", []),
            "hosts": info.get("hosts", []),
            "partners": info.get("partners", []),
            "funders": info.get("funders", []),
        },
    )
    speakers = {}
    for entry in data.get("speakers", []):
        speaker, _ = Speaker.objects.update_or_create(
            name=entry["name"],
            affiliation=entry.get("affiliation", ""),
            defaults={"bio": entry.get("bio", "")},
        )
        speakers[entry.get("key", entry["name"])] = speaker
    for entry in data.get("lectures", []):
        Lecture.objects.update_or_create(
            training=training,
            number=entry["number"],
            defaults={
                "title": entry["title"],
                "speaker": speakers.get(entry.get("speaker")),
                "language": entry.get("language", ""),
                "topics": entry.get("topics", []),
                "summary": entry.get("summary", ""),
                "materials": entry.get("materials", []),
            },
        )
    for language, pieces in data.get("texts", {}).items():
        for key, text in pieces.items():
            set_text(training, language, key, "\n".join(text) if isinstance(text, list) else text)
    return training


def set_text(training: Training, language: str, key: str, text: str) -> TrainingText | None:
    """Store one piece of the training's text in ``language``; an empty text removes the piece."""
    if not text.strip():
        TrainingText.objects.filter(training=training, language=language, key=key).delete()
        return None
    found, _ = TrainingText.objects.update_or_create(
        training=training, language=language, key=key, defaults={"text": text.strip()}
    )
    return found


def training_texts(training: Training) -> dict[str, dict[str, str]]:
    """Every stored piece of the training's text: language -> key -> text."""
    texts: dict[str, dict[str, str]] = {}
    for piece in training.texts.all():
        texts.setdefault(piece.language, {})[piece.key] = piece.text
    return texts


def _date(text: str | None) -> dt.date | None:
    return dt.date.fromisoformat(text) if text else None


def import_registrations(training: Training, path: Path, *, skip_invalid: bool = False) -> RegistrationReport:
    """Store a participants list; all-or-nothing unless ``skip_invalid``; re-imports add nothing."""
    read = read_registrations(path)
    header_problems = [p for p in read.problems if p.row == 1]
    if header_problems or (read.problems and not skip_invalid):
        raise RegistrationsRejected(read.problems)
    report = RegistrationReport(
        source=read.source, rejected=len({p.row for p in read.problems}), problems=read.problems
    )
    existing = set(training.participants.values_list("key", flat=True))
    with transaction.atomic():
        for registration in read.registrations:
            if registration.key in existing:
                report.already_present += 1
                continue
            existing.add(registration.key)
            city = (
                City.objects.get_or_create(name=registration.city, country="")[0]
                if registration.city
                else None
            )
            Participant.objects.create(
                training=training,
                key=registration.key,
                name=registration.name,
                position=registration.position,
                organisation=registration.organisation,
                city=city,
                email=registration.email,
                phone=registration.phone,
                consent=registration.consent,
            )
            report.new += 1
    return report
