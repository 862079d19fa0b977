"""Creating survey links and listing them for the organiser (page and mail-merge CSV)."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from dataclasses import dataclass

from django.db import transaction

from citybridge.exports.safety import safe_cell as spreadsheet_safe
from citybridge.web.participate.models import SurveyLink
from citybridge.web.surveys.models import Survey
from citybridge.web.trainings.models import Participant

CSV_HEADER = ("name", "email", "phone", "city", "link")


@dataclass(frozen=True)
class LinkRow:
    """One registered participant and their personal link (None until created)."""

    participant: Participant
    link: SurveyLink | None


def create_missing_links(survey: Survey) -> int:
    """A personal link for every participant of the survey's training who has none; how many were made."""
    with transaction.atomic():
        have = set(survey.links.filter(participant__isnull=False).values_list("participant_id", flat=True))
        missing = [p for p in survey.training.participants.order_by("pk") if p.pk not in have]
        SurveyLink.objects.bulk_create([SurveyLink(survey=survey, participant=p) for p in missing])
    return len(missing)


def open_link(survey: Survey) -> SurveyLink:
    """The survey's open link, made on first use."""
    link, _ = SurveyLink.objects.get_or_create(survey=survey, participant=None)
    return link


def existing_open_link(survey: Survey) -> SurveyLink | None:
    return survey.links.filter(participant__isnull=True).first()


def link_rows(survey: Survey) -> list[LinkRow]:
    """Every registered participant of the survey's training, by name, with their link if any."""
    links = {link.participant_id: link for link in survey.links.filter(participant__isnull=False)}
    participants = survey.training.participants.select_related("city").order_by("name", "pk")
    return [LinkRow(p, links.get(p.pk)) for p in participants]


def links_csv(rows: list[LinkRow], absolute: Callable[[SurveyLink], str], raw: bool = False) -> str:
    """The mail-merge list: one line per participant who has a link (``absolute`` gives its URL)."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(CSV_HEADER)
    for row in rows:
        if row.link is None:
            continue
        person = row.participant
        city = person.city.name if person.city else ""
        cells = (person.name, person.email, person.phone, city, absolute(row.link))
        writer.writerow(tuple(spreadsheet_safe(c, raw) for c in cells))
    return out.getvalue()
