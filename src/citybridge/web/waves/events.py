"""Outbound events: a signed POST to each subscribed webhook, retried with back-off, every try logged.

Events: ``submission.created`` (a submission stored, by any path), ``lead.changed`` (any change
recorded in a lead's history) and ``wave.closed``. An event becomes one :class:`Delivery` per
subscribed webhook, unique per (webhook, event, key), so the same event raised twice is delivered
once. Deliveries run on the job runner's set-up: at once (sync), in a thread (embedded), or on the
Redis queue; a failed try is tried again after 1, 2, 4, ... times WEBHOOK_BACKOFF seconds, and
``citybridge waves hooks retry`` delivers whatever is due after a restart.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import threading
import time
import urllib.error
import urllib.request

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.db.models import Q
from django.db.models.signals import post_save
from django.utils import timezone

from citybridge.followup.signing import HEADER, backoff, signature
from citybridge.web.pipeline.models import LeadEvent
from citybridge.web.recent import Recent
from citybridge.web.surveys.models import Submission, Survey
from citybridge.web.surveys.signals import submissions_stored
from citybridge.web.trainings.models import Training
from citybridge.web.waves.models import Attempt, Delivery, Webhook

SUBMISSION_CREATED = "submission.created"
LEAD_CHANGED = "lead.changed"
WAVE_CLOSED = "wave.closed"
EVENTS = (SUBMISSION_CREATED, LEAD_CHANGED, WAVE_CLOSED)
log = logging.getLogger("citybridge.webhooks")
# Survey -> (its organisation, whether that organisation has an active webhook): read on every
# stored batch, inside the writer's transaction that holds SQLite's write lock, so kept a few
# seconds per process (two queries cost the API about a fifth of its POSTs/s in bench/web.py);
# forgotten at once when this process saves a webhook, within seconds in the others.
_hooked: Recent[int, tuple[int, bool]] = Recent(made_of=(Webhook, Survey, Training))


def connect() -> None:
    submissions_stored.connect(_on_submissions, dispatch_uid="waves-submissions")
    post_save.connect(_on_lead_event, sender=LeadEvent, dispatch_uid="waves-lead-events")


def emit(organisation_id: int, event: str, key: str, payload: dict) -> list[Delivery]:
    """Record a delivery of ``event`` for each webhook subscribed to it; they start once committed."""
    hooks = Webhook.objects.filter(organisation_id=organisation_id, active=True)
    body = {"event": event, "key": key, "at": timezone.now(), **payload}
    made = []
    for hook in hooks:
        if hook.events and event not in hook.events:
            continue
        encoded = json.loads(json.dumps(body, cls=DjangoJSONEncoder))
        delivery, created = Delivery.objects.get_or_create(
            webhook=hook,
            event=event,
            key=key,
            defaults={"payload": encoded, "next_attempt_at": timezone.now()},
        )
        if created:
            made.append(delivery)
    for delivery in made:
        transaction.on_commit(lambda pk=delivery.pk: dispatch(pk))
    return made


def deliver(pk: int, *, schedule_next: bool = True) -> Delivery:
    """One try of a pending delivery: POST it signed, log the answer, schedule the next try if it failed
    (unless ``schedule_next`` is False: the caller runs again later)."""
    delivery = Delivery.objects.select_related("webhook").get(pk=pk)
    if delivery.status != Delivery.Status.PENDING:
        return delivery
    code, error = _post(delivery)
    Attempt.objects.create(delivery=delivery, status_code=code, error=error)
    delivery.attempts += 1
    if code is not None and 200 <= code < 300:
        delivery.status, delivery.delivered_at, delivery.next_attempt_at = (
            Delivery.Status.DELIVERED,
            timezone.now(),
            None,
        )
    elif delivery.attempts >= settings.WEBHOOK_ATTEMPTS:
        delivery.status, delivery.next_attempt_at = Delivery.Status.FAILED, None
    else:
        wait = backoff(delivery.attempts, settings.WEBHOOK_BACKOFF)
        delivery.next_attempt_at = timezone.now() + dt.timedelta(seconds=wait)
    delivery.save(update_fields=["status", "attempts", "delivered_at", "next_attempt_at"])
    if schedule_next and delivery.status == Delivery.Status.PENDING:
        dispatch(pk, after=backoff(delivery.attempts, settings.WEBHOOK_BACKOFF))
    return delivery


def retry_due(now: dt.datetime | None = None) -> int:
    """Try every pending delivery whose time has come (after a restart, or from a cron job); how many."""
    due = Delivery.objects.filter(status=Delivery.Status.PENDING).filter(
        Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=now or timezone.now())
    )
    pks = list(due.values_list("pk", flat=True))
    for pk in pks:
        deliver(pk, schedule_next=False)
    return len(pks)


def dispatch(pk: int, *, after: float = 0.0) -> None:
    """Run :func:`deliver` where jobs run here, ``after`` seconds from now."""
    mode = settings.JOBS
    if mode == "sync":
        time.sleep(after)  # the tests' mode: back-off there is a fraction of a second
        deliver(pk)
    elif mode == "redis":
        from citybridge.web.jobs.queue import redis_queue

        queue = redis_queue()
        if after:
            queue.enqueue_in(dt.timedelta(seconds=after), "citybridge.web.waves.events.deliver", pk)
        else:
            queue.enqueue("citybridge.web.waves.events.deliver", pk)
    else:
        timer = threading.Timer(after, _deliver_and_close, args=(pk,))
        timer.daemon = True
        timer.start()


def _deliver_and_close(pk: int) -> None:
    from django.db import connections

    try:
        deliver(pk)
    except Exception:
        log.exception("webhook delivery %s failed in its thread", pk)
    finally:
        connections.close_all()


def _post(delivery: Delivery) -> tuple[int | None, str]:
    body = json.dumps(delivery.payload, ensure_ascii=False, separators=(",", ":")).encode()
    headers = {
        "Content-Type": "application/json",
        HEADER: signature(delivery.webhook.secret, body, int(time.time())),
        "X-Citybridge-Event": delivery.event,
        "X-Citybridge-Delivery": str(delivery.pk),
        "User-Agent": "citybridge-webhooks",
    }
    request = urllib.request.Request(delivery.webhook.url, data=body, headers=headers, method="POST")
    try:
        with urllib.request.urlopen(request, timeout=settings.WEBHOOK_TIMEOUT) as response:
            return response.status, ""
    except urllib.error.HTTPError as error:
        return error.code, f"HTTP {error.code} {error.reason}"
    except (urllib.error.URLError, OSError) as error:
        return None, str(getattr(error, "reason", error))[:1000]


def _on_submissions(sender, survey: Survey, instance_ids, **kwargs) -> None:
    organisation_id, hooked = _hooked.get(survey.pk, lambda: _hooks_of(survey))
    if not hooked:
        return
    ids = list(instance_ids)
    rows = Submission.objects.filter(survey=survey, instance_id__in=ids).values(
        "pk", "instance_id", "submitted_at", "received_at", "answers"
    )
    for row in rows:
        emit(
            organisation_id,
            SUBMISSION_CREATED,
            f"submission-{row['pk']}",
            {"survey": survey.slug, "training": survey.training.slug, **row},
        )


def _hooks_of(survey: Survey) -> tuple[int, bool]:
    organisation_id = Training.objects.filter(pk=survey.training_id).values_list("organisation_id", flat=True)[0]
    return organisation_id, Webhook.objects.filter(organisation_id=organisation_id, active=True).exists()


def _on_lead_event(sender, instance: LeadEvent, created: bool, **kwargs) -> None:
    lead = instance.lead
    if not created or lead.training is None:
        return
    payload = {
        "lead": {"id": lead.pk, "requesting_city": lead.requesting_city, "partner_city": lead.partner_city,
                 "stage": lead.stage, "training": lead.training.slug},
        "change": {"what": instance.what, "who": instance.who, "before": instance.before, "after": instance.after},
    }  # fmt: skip
    emit(lead.training.organisation_id, LEAD_CHANGED, f"lead-event-{instance.pk}", payload)
