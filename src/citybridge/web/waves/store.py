"""Waves of a training: adding one with its form, finding, closing, languages of participants."""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

from django.db import transaction
from django.utils import timezone

from citybridge.analysis.declared import Declaration, read_declaration
from citybridge.followup.schedule import steps
from citybridge.web.errors import NotFound
from citybridge.web.surveys.analysis import attach_spec
from citybridge.web.surveys.store import add_survey
from citybridge.web.trainings.models import Training
from citybridge.web.waves.mail import contact_of
from citybridge.web.waves.models import Wave
from citybridge.web.waves.wording import TEXTS, known_language


@transaction.atomic
def add_wave(
    training: Training,
    form_path: Path,
    *,
    name: str,
    kind: str,
    names: dict[str, str] | None = None,
    offset_days: int | None = None,
    opens_on: dt.date | None = None,
    reminder_days: tuple[int, ...] = (7, 14),
    earlier: Wave | None = None,
) -> Wave:
    """A wave of ``training`` answered through ``form_path`` (added as the wave's survey).

    Without ``opens_on``, a follow-up opens ``offset_days`` after the training's last day; its
    repeated measures are compared with ``earlier``, by default the training's latest wave.
    ``names`` gives the name in other languages (``{"ru": "через 3 месяца"}``).
    """
    if kind not in Wave.Kind.values:
        raise ValueError(f"wave kind '{kind}': choose from {', '.join(Wave.Kind.values)}")
    steps(reminder_days)  # refuses days that do not increase
    if training.waves.filter(name=name).exists():
        raise ValueError(f"training '{training.slug}' already has a wave named '{name}'; choose another name")
    survey, _, _ = add_survey(training, form_path)
    if Wave.objects.filter(survey=survey).exists():
        raise ValueError(
            f"{form_path.name}: its survey '{survey.slug}' is already a wave; each wave needs its own form_id"
        )
    attach_spec(survey, form_path)
    if opens_on is None and offset_days is not None and training.ends_on:
        opens_on = training.ends_on + dt.timedelta(days=offset_days)
    return Wave.objects.create(
        training=training, survey=survey, name=name, names=dict(names or {}), kind=kind, offset_days=offset_days,
        opens_on=opens_on,
        reminder_days=list(reminder_days), earlier=earlier or training.waves.order_by("-pk").first(),
    )  # fmt: skip


def find_wave(ref: str, training: Training | None = None) -> Wave:
    """A wave by id, by its survey's slug, or by name within ``training``."""
    found = Wave.objects.select_related("training", "survey")
    ref = str(ref).strip()
    wave = (
        found.filter(pk=int(ref)).first()
        if ref.isdigit()
        else (found.filter(survey__slug=ref).first() or found.filter(name=ref, training=training).first())
    )
    if wave is None:
        known = ", ".join(f"{w.pk} ({w.name})" for w in found.order_by("pk")[:10]) or "none yet"
        raise NotFound(f"no wave '{ref}'; known waves: {known}")
    return wave


def declaration(wave: Wave) -> Declaration:
    version = wave.survey.versions.order_by("-created_at", "-pk").first()
    return read_declaration(bytes(version.xlsform), version.filename)


def close_wave(wave: Wave) -> Wave:
    """Close the wave: its survey takes no more answers, no more reminders go, and ``wave.closed`` is sent."""
    from citybridge.web.waves.events import WAVE_CLOSED, emit
    from citybridge.web.waves.mail import delivery_table

    with transaction.atomic():
        if wave.closed_at is None:
            wave.closed_at = timezone.now()
            wave.save(update_fields=["closed_at"])
            wave.survey.is_open = False
            wave.survey.save(update_fields=["is_open"])
            table = delivery_table(wave)
            emit(wave.training.organisation_id, WAVE_CLOSED, f"wave-{wave.pk}", {
                "wave": {"id": wave.pk, "name": wave.name, "training": wave.training.slug, "survey": wave.survey.slug},
                "participants": table.participants, "answered": table.answered, "opted_out": table.opted_out,
            })  # fmt: skip
    return wave


def import_languages(training: Training, path: Path) -> int:
    """Set participants' languages from a CSV with columns email and language; how many were set.

    Refuses the whole file, naming the row, if a language is not one messages are written in or an
    address is not a participant's (nothing is half-applied).
    """
    with path.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    people = {p.email.lower(): p for p in training.participants.exclude(email="")}
    chosen = []
    for number, row in enumerate(rows, start=2):
        email, language = (row.get("email") or "").strip().lower(), (row.get("language") or "").strip()
        if email not in people:
            raise ValueError(
                f"{path.name}, row {number}: '{email}' is not the e-mail of a participant of '{training.slug}'"
            )
        if known_language(language) is None:
            raise ValueError(
                f"{path.name}, row {number}: language '{language}': choose from {', '.join(TEXTS)}"
            )
        chosen.append((people[email], known_language(language)))
    with transaction.atomic():
        for person, language in chosen:
            contact = contact_of(person)
            contact.language = language
            contact.save(update_fields=["language"])
    return len(chosen)


def link_answers(wave: Wave, path: Path) -> int:
    """Link answers collected elsewhere (paper, another tool) to participants, as a personal link would
    have: a CSV with columns ``_uuid`` (the submission's instance id) and ``participant`` (the
    registration key: ``email:...``, ``phone:...`` or ``name:...|city``), optionally ``wave`` (rows
    of other waves are skipped). All rows or none; how many were linked."""
    from citybridge.web.participate.links import create_missing_links
    from citybridge.web.participate.models import SurveyLink

    with path.open(encoding="utf-8-sig", newline="") as handle:
        rows = [row for row in csv.DictReader(handle) if row.get("wave", wave.name) == wave.name]
    stored = dict(wave.survey.submissions.values_list("instance_id", "received_at"))
    people = dict(wave.training.participants.values_list("key", "pk"))
    for number, row in enumerate(rows, start=2):
        if row.get("_uuid") not in stored:
            raise ValueError(f"{path.name}, row {number}: no submission '{row.get('_uuid')}' in survey '{wave.survey.slug}'")
        if row.get("participant") not in people:
            raise ValueError(f"{path.name}, row {number}: no participant '{row.get('participant')}' in '{wave.training.slug}'")
    with transaction.atomic():
        create_missing_links(wave.survey)
        for row in rows:
            SurveyLink.objects.filter(survey=wave.survey, participant_id=people[row["participant"]]).update(
                answered_at=stored[row["_uuid"]], instance_id=row["_uuid"]
            )
    return len(rows)
