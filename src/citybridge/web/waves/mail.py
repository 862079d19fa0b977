"""Invitations and reminders of a wave: recorded under their key, then sent through Django's e-mail.

Sending is at most once per key. A message is recorded ("sending") in its own committed row before
the mail server is asked; a second worker, or the same one after a restart, finds the key taken and
moves on. A message the mail server refused is marked failed and tried again on the next run; one
whose worker stopped between recording and the server's answer stays "sending" (unconfirmed) and is
never sent again by itself: the delivery table shows it, for the organiser to decide.
"""

from __future__ import annotations

import datetime as dt
import smtplib
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext

from citybridge.followup.schedule import INVITE, Due, Recipient, due_messages, steps
from citybridge.web.jobs.runner import JobError
from citybridge.web.participate.links import create_missing_links
from citybridge.web.trainings.models import Participant
from citybridge.web.waves.models import Contact, Message, Wave
from citybridge.web.waves.wording import language_of, text


@dataclass
class SendReport:
    sent: int = 0
    failed: int = 0
    taken: int = 0  # due, but recorded by another worker first


def send_due(
    wave: Wave, *, today: dt.date | None = None, progress: Callable[[float, str], None] | None = None
) -> SendReport:
    """Send every invitation or reminder due today for ``wave`` (nothing once it is closed)."""
    report = SendReport()
    if wave.closed_at is not None or wave.opens_on is None:
        return report
    today = today or timezone.localdate()
    create_missing_links(wave.survey)
    due = due_messages(
        wave.pk, wave.opens_on, steps(wave.reminder_days), recipients(wave), sent_days(wave), today
    )
    people = Participant.objects.select_related("contact").in_bulk([d.participant for d in due])
    links = dict(wave.survey.links.filter(participant__isnull=False).values_list("participant_id", "token"))
    with _open_connection() as connection:
        for done, item in enumerate(due):
            person = people[item.participant]
            outcome = _send_one(wave, item, person, links[person.pk], connection, today)
            setattr(report, outcome, getattr(report, outcome) + 1)
            if progress:
                step = gettext("%(done)d of %(total)d messages") % {"done": done + 1, "total": len(due)}
                progress((done + 1) / len(due), step)
    return report


class MailUnavailable(JobError):
    """The mail server could not be reached: nothing was recorded or sent."""


def _open_connection():
    connection = get_connection()
    try:
        connection.open()
    except (OSError, smtplib.SMTPException) as error:
        raise MailUnavailable(
            f"the mail server {settings.EMAIL_HOST}:{settings.EMAIL_PORT} cannot be reached ({error}); nothing "
            "was sent: check CITYBRIDGE_SMTP_HOST and CITYBRIDGE_SMTP_PORT (docs/deploy.md)"
        ) from error
    return connection


def recipients(wave: Wave) -> list[Recipient]:
    answered = set(
        wave.survey.links.filter(participant__isnull=False, answered_at__isnull=False).values_list(
            "participant_id", flat=True
        )
    )
    opted_out = set(
        Contact.objects.filter(participant__training=wave.training, opted_out_at__isnull=False).values_list(
            "participant_id", flat=True
        )
    )
    return [
        Recipient(pk, pk in answered, pk in opted_out, bool(email))
        for pk, email in wave.training.participants.order_by("pk").values_list("pk", "email")
    ]


def sent_days(wave: Wave) -> dict[str, dt.date]:
    """Keys recorded and not refused, with the day they were recorded (a refused one is due again)."""
    return dict(wave.messages.exclude(status=Message.Status.FAILED).values_list("key", "scheduled_on"))


def contact_of(participant: Participant) -> Contact:
    try:
        return participant.contact
    except Contact.DoesNotExist:
        contact, _ = Contact.objects.get_or_create(participant=participant)
        return contact


def _send_one(wave: Wave, item: Due, person: Participant, token: str, connection, today: dt.date) -> str:
    contact = contact_of(person)
    language = language_of(contact.language, (wave.training.languages or [None])[0])
    # Built before the message is recorded: a failure here leaves no row claiming it went.
    email = _email(wave, item, person, contact, token, language, connection)
    message = _record(wave, item, person, language, today)
    if message is None:
        return "taken"
    try:
        email.send()
    except Exception as error:  # the server refused or could not be reached: try again next run
        Message.objects.filter(pk=message.pk).update(status=Message.Status.FAILED, error=str(error)[:1000])
        return "failed"
    Message.objects.filter(pk=message.pk).update(status=Message.Status.SENT, sent_at=timezone.now(), error="")
    return "sent"


def _record(wave: Wave, item: Due, person: Participant, language: str, today: dt.date) -> Message | None:
    """The message's row, committed before sending; None if the key is recorded already."""
    fields = {
        "wave": wave,
        "participant": person,
        "step": item.step.name,
        "language": language,
        "to": person.email,
        "scheduled_on": today,
    }
    try:
        with transaction.atomic():
            return Message.objects.create(key=item.key, **fields)
    except IntegrityError:
        # A refused message may be claimed again, by one worker only (the update is the claim).
        claimed = Message.objects.filter(key=item.key, status=Message.Status.FAILED).update(
            status=Message.Status.SENDING,
            scheduled_on=fields["scheduled_on"],
            language=language,
            to=person.email,
        )
        return Message.objects.get(key=item.key) if claimed else None


def _email(wave, item, person, contact, token, language, connection) -> EmailMessage:
    base = settings.CITYBRIDGE_BASE_URL
    opt_out = base + reverse("waves:opt-out", args=[contact.opt_out_token])
    values = {"name": person.name, "training": wave.training.title, "survey": wave.survey.title}
    body = text(
        language, "body", link=base + reverse("participate:form", args=[token]), opt_out=opt_out, **values
    )
    subject = text(language, "invite" if item.step.name == INVITE else "reminder", **values)
    headers = {
        "List-Unsubscribe": f"<{opt_out}>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        "Content-Language": language,
        "X-Citybridge-Message": item.key,
    }
    return EmailMessage(subject, body, to=[person.email], headers=headers, connection=connection)


@dataclass(frozen=True)
class StepLine:
    step: str
    sent: int
    failed: int
    unconfirmed: int


@dataclass(frozen=True)
class DeliveryTable:
    wave: str
    participants: int
    answered: int
    opted_out: int
    no_address: int
    steps: tuple[StepLine, ...]


def delivery_table(wave: Wave) -> DeliveryTable:
    """Messages by step and status, and the wave's responses: what the organiser follows day by day."""
    counts = Counter(wave.messages.values_list("step", "status"))
    people = recipients(wave)
    lines = tuple(
        StepLine(s.name, counts[(s.name, "sent")], counts[(s.name, "failed")], counts[(s.name, "sending")])
        for s in steps(wave.reminder_days)
    )
    return DeliveryTable(
        wave.name,
        len(people),
        sum(p.answered for p in people),
        sum(p.opted_out for p in people),
        sum(not p.has_address for p in people),
        lines,
    )
