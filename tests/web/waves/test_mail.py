"""Invitations and reminders reach a real SMTP server once per participant and step, in their language."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.test import Client

from citybridge.web.jobs.queue import submit
from citybridge.web.participate.models import SurveyLink
from citybridge.web.waves import mail
from citybridge.web.waves.mail import MailUnavailable, delivery_table, send_due
from citybridge.web.waves.models import Contact, Message
from tests.web.waves.conftest import ENDED, PEOPLE

LINK = re.compile(r"http://testserver(/s/[\w-]+/)")
OPT_OUT = re.compile(r"http://testserver(/waves/opt-out/[\w-]+/)")
SUBJECT_WORDS = {
    "en": "follow-up survey",
    "uz": "soʻrovnoma",
    "uz-cyrl": "сўровнома",
    "ru": "опрос",
    "zh-hans": "调查",
}


def test_a_follow_up_wave_opens_its_offset_after_the_training(waves):
    _, follow = waves
    assert follow.opens_on == ENDED + dt.timedelta(days=91) and follow.earlier == waves[0]


def test_each_participant_gets_one_invitation_in_their_language_with_a_working_personal_link(waves, smtp):
    _, follow = waves
    report = send_due(follow, today=follow.opens_on)
    assert report.sent == len(PEOPLE) and report.failed == 0
    for _, address, _, language in PEOPLE:
        (message,) = smtp.to(address)
        assert message["Content-Language"] == (language or "en")
        assert SUBJECT_WORDS[language or "en"] in message["Subject"]
        assert message["List-Unsubscribe"].strip().startswith("<http://testserver/waves/opt-out/")
        path = LINK.search(message.get_content()).group(1)
        assert Client().get(path).status_code == 200


def test_nothing_is_sent_before_the_wave_opens_nor_again_the_same_day(waves, smtp):
    _, follow = waves
    assert send_due(follow, today=follow.opens_on - dt.timedelta(days=1)).sent == 0
    send_due(follow, today=follow.opens_on)
    assert send_due(follow, today=follow.opens_on).sent == 0
    assert len(smtp.messages) == len(PEOPLE)


class WorkerStopped(BaseException):
    """The worker process ending mid-run (not an error the sender catches)."""


def test_a_worker_stopped_after_handing_over_a_message_never_sends_anyone_a_second_one(
    waves, smtp, monkeypatch
):
    _, follow = waves
    handed = []

    class StoppingAfterThird(mail.EmailMessage):
        def send(self, fail_silently=False):
            sent = super().send(fail_silently)
            handed.append(self.to[0])
            if len(handed) == 3:
                raise WorkerStopped  # handed to the server, not yet marked sent: the worst moment
            return sent

    monkeypatch.setattr(mail, "EmailMessage", StoppingAfterThird)
    with pytest.raises(WorkerStopped):
        send_due(follow, today=follow.opens_on)
    monkeypatch.undo()
    restarted = send_due(follow, today=follow.opens_on)  # a new worker, the same day
    assert restarted.sent == len(PEOPLE) - 3
    assert sorted(m["To"] for m in smtp.messages) == sorted(address for _, address, _, _ in PEOPLE)
    (invite,) = [line for line in delivery_table(follow).steps if line.step == "invite"]
    assert (invite.sent, invite.unconfirmed, invite.failed) == (len(PEOPLE) - 1, 1, 0)


def test_the_job_runner_sends_the_wave_once_even_when_run_twice(
    waves, smtp, settings, django_capture_on_commit_callbacks
):
    settings.JOBS = "sync"
    _, follow = waves
    follow.opens_on = dt.date.today()
    follow.save()
    for _ in range(2):
        with django_capture_on_commit_callbacks(execute=True):
            job = submit("waves-send", organisation=follow.training.organisation, params={"wave": follow.pk})
        job.refresh_from_db()
        assert job.status == "done", job.message
    assert len(smtp.messages) == len(PEOPLE)


def test_reminders_skip_who_answered_through_their_link_and_who_opted_out(waves, smtp):
    _, follow = waves
    send_due(follow, today=follow.opens_on)
    answerer, leaver = PEOPLE[0][1], PEOPLE[1][1]
    _answer(smtp.to(answerer)[0], {"partner": "yes", "useful": "agree", "applied": "yes", "activity": "no"})
    opt_out = OPT_OUT.search(smtp.to(leaver)[0].get_content()).group(1)
    assert 'id="done"' not in Client().get(opt_out).content.decode()  # a link scanner's GET changes nothing
    assert 'id="done"' in Client().post(opt_out).content.decode()
    assert Contact.objects.get(participant__email=leaver).opted_out_at is not None

    assert send_due(follow, today=follow.opens_on + dt.timedelta(days=6)).sent == 0
    week = send_due(follow, today=follow.opens_on + dt.timedelta(days=7))
    assert week.sent == len(PEOPLE) - 2
    assert len(smtp.to(answerer)) == len(smtp.to(leaver)) == 1
    assert all("Reminder" in m["Subject"] for m in smtp.to(PEOPLE[4][1])[1:])
    table = delivery_table(follow)
    assert (table.participants, table.answered, table.opted_out) == (len(PEOPLE), 1, 1)
    assert [(s.step, s.sent) for s in table.steps] == [("invite", 5), ("reminder-1", 3), ("reminder-2", 0)]


def test_a_message_the_server_refuses_is_marked_failed_and_sent_on_the_next_run(waves, smtp):
    _, follow = waves
    refused = PEOPLE[2][1]
    smtp.refuse.add(refused)
    first = send_due(follow, today=follow.opens_on)
    assert (first.sent, first.failed) == (len(PEOPLE) - 1, 1)
    assert Message.objects.get(to=refused).status == "failed"
    smtp.refuse.clear()
    assert send_due(follow, today=follow.opens_on).sent == 1
    assert len(smtp.to(refused)) == 1 and len(smtp.messages) == len(PEOPLE)


def test_an_unreachable_mail_server_is_named_and_nothing_is_recorded(waves, smtp, settings):
    _, follow = waves
    settings.EMAIL_PORT = 1  # nothing listens on port 1
    with pytest.raises(MailUnavailable, match=r"mail server 127\.0\.0\.1:1 cannot be reached"):
        send_due(follow, today=follow.opens_on)
    assert not Message.objects.exists()


def _answer(message, answers: dict) -> None:
    path = LINK.search(message.get_content()).group(1)
    client = Client()
    page = client.get(path).content.decode()
    instance = re.search(r'name="instance_id" value="([^"]+)"', page).group(1)
    response = client.post(path, {**answers, "instance_id": instance})
    assert response.status_code == 302, response.content.decode()[:500]
    assert SurveyLink.objects.get(token=path.strip("/").split("/")[-1]).answered
