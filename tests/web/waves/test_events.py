"""Signed webhooks on submissions, lead changes and closed waves, retried after a receiver fails."""

from __future__ import annotations

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from citybridge.followup.signing import HEADER, verify
from citybridge.web.waves.events import LEAD_CHANGED, SUBMISSION_CREATED, WAVE_CLOSED, retry_due
from citybridge.web.waves.models import Delivery, Webhook
from tests.web.waves.test_analysis import answer


class Receiver:
    """An HTTP receiver on 127.0.0.1 answering 503 to its first ``failures`` POSTs, then 200."""

    def __init__(self, failures: int) -> None:
        self.failures, self.posts = failures, []
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers["Content-Length"]))
                receiver.posts.append((dict(self.headers), body))
                self.send_response(503 if len(receiver.posts) <= receiver.failures else 200)
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}/hook"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def events(self) -> list[str]:
        return [json.loads(body)["event"] for _, body in self.posts]


@pytest.fixture
def receiver():
    made = Receiver(failures=1)
    yield made
    made.server.shutdown()
    made.server.server_close()


@pytest.fixture
def hook(training, receiver, settings):
    settings.JOBS, settings.WEBHOOK_BACKOFF, settings.WEBHOOK_ATTEMPTS = "sync", 0.05, 4
    return Webhook.objects.create(organisation=training.organisation, url=receiver.url)


def test_a_submission_through_a_personal_link_is_posted_signed_and_retried_after_a_503(
    waves, registrants, hook, receiver, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        answer(
            waves[1],
            registrants[0],
            {"partner": "yes", "useful": "agree", "applied": "yes", "activity": "no"},
        )
    assert receiver.events() == [SUBMISSION_CREATED, SUBMISSION_CREATED]  # refused once, then accepted
    headers, body = receiver.posts[-1]
    assert verify(hook.secret, body, headers[HEADER])
    assert not verify("another secret", body, headers[HEADER])
    payload = json.loads(body)
    assert payload["survey"] == waves[1].survey.slug and payload["answers"]["partner"] == "yes"
    delivery = Delivery.objects.get(event=SUBMISSION_CREATED)
    assert (delivery.status, delivery.attempts) == ("delivered", 2)
    assert [a.status_code for a in delivery.log.all()] == [503, 200]


def test_a_lead_moved_and_a_wave_closed_are_each_delivered_once(
    waves, hook, receiver, django_capture_on_commit_callbacks
):
    from citybridge.web.pipeline.store import create_lead, move
    from citybridge.web.waves.store import close_wave

    receiver.failures = 0
    with django_capture_on_commit_callbacks(execute=True):
        lead, _ = create_lead("Namangan", "Luoyang", who="test", training=waves[0].training)
        move(lead, "contacted", who="test")
        close_wave(waves[1])
        close_wave(waves[1])  # closing again changes nothing and sends nothing
    assert receiver.events() == [LEAD_CHANGED, LEAD_CHANGED, WAVE_CLOSED]
    moved = json.loads(receiver.posts[1][1])
    assert moved["change"]["after"]["stage"] == "contacted" and moved["lead"]["partner_city"] == "Luoyang"
    assert json.loads(receiver.posts[2][1])["participants"] == 5


def test_a_hook_subscribed_to_one_event_gets_only_that_one(
    waves, hook, receiver, django_capture_on_commit_callbacks
):
    from citybridge.web.waves.store import close_wave

    hook.events = [LEAD_CHANGED]
    hook.save()
    with django_capture_on_commit_callbacks(execute=True):
        close_wave(waves[1])
    assert receiver.posts == []


def test_a_receiver_that_never_accepts_is_given_up_after_the_attempts_allowed(
    waves, hook, receiver, django_capture_on_commit_callbacks
):
    from citybridge.web.waves.store import close_wave

    receiver.failures = 100
    with django_capture_on_commit_callbacks(execute=True):
        close_wave(waves[1])
    delivery = Delivery.objects.get()
    assert (delivery.status, delivery.attempts, len(receiver.posts)) == ("failed", 4, 4)


def test_after_a_restart_pending_deliveries_are_tried_by_retry(
    waves, hook, receiver, settings, django_capture_on_commit_callbacks
):
    from citybridge.web.waves.store import close_wave

    settings.JOBS = "none"  # no runner here: the delivery waits, as after a restart
    with django_capture_on_commit_callbacks(execute=True):
        close_wave(waves[1])
    assert receiver.posts == []
    assert retry_due() == 1  # refused (the receiver's first answer), next try scheduled
    assert Delivery.objects.get().status == "pending"
    assert retry_due() == 0  # its back-off has not passed
    time.sleep(0.06)
    assert retry_due() == 1 and Delivery.objects.get().status == "delivered"
