"""The waves page's button: an organiser sends a wave's due messages now, through the job queue, once."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from citybridge.web.jobs.models import Job
from citybridge.web.waves.models import Message
from tests.web.conftest import PASSWORD
from tests.web.waves.conftest import DATA, ENDED, PEOPLE


@pytest.fixture
def users(training, db):
    from citybridge.web.accounts.people import create_user
    from citybridge.web.trainings.models import Organisation

    home = training.organisation.slug
    other = Organisation.objects.create(name="Other Office", slug="other-office").slug
    return {
        "organiser": create_user("organiser", PASSWORD, organisation=home, role="organiser"),
        "analyst": create_user("analyst", PASSWORD, organisation=home, role="analyst"),
        "outsider": create_user("outsider", PASSWORD, organisation=other, role="organiser"),
    }


@pytest.fixture
def as_role(users):
    def login(role: str, **options) -> Client:
        client = Client(**options)
        client.force_login(users[role])
        return client

    return login


@pytest.fixture(autouse=True)
def _sync_jobs(settings, tmp_path):
    settings.JOBS = "sync"
    settings.JOBS_DIR = tmp_path / "jobs"


def _press(client: Client, wave, capture) -> object:
    with capture(execute=True):
        return client.post(reverse("waves:send", args=[wave.training.slug]), {"wave": wave.pk})


def test_an_organiser_sends_the_invitations_due_and_sees_the_job_say_how_many(
    waves, smtp, as_role, django_capture_on_commit_callbacks
):
    _, follow = waves
    client = as_role("organiser")
    page = client.get(reverse("waves:training", args=[follow.training.slug])).content.decode()
    assert "Send due messages now" in page and f'name="wave" value="{follow.pk}"' in page
    response = _press(client, follow, django_capture_on_commit_callbacks)
    job = Job.objects.get(kind="waves-send")
    assert response.status_code == 302 and response.url == reverse("jobs:detail", args=[job.pk])
    assert job.status == Job.Status.DONE and job.params["wave"] == follow.pk
    assert sorted(m["To"] for m in smtp.messages) == sorted(address for _, address, _, _ in PEOPLE)
    shown = client.get(response.url).content.decode()
    assert f"Done. {len(PEOPLE)} messages sent." in shown
    waves_page = client.get(reverse("waves:training", args=[follow.training.slug])).content.decode()
    assert reverse("jobs:detail", args=[job.pk]) in waves_page  # the last sending, linked


def test_pressing_twice_sends_nobody_a_second_message(
    waves, smtp, as_role, django_capture_on_commit_callbacks
):
    _, follow = waves
    client = as_role("organiser")
    _press(client, follow, django_capture_on_commit_callbacks)
    again = _press(client, follow, django_capture_on_commit_callbacks)
    assert len(smtp.messages) == len(PEOPLE)
    assert Message.objects.filter(wave=follow).count() == len(PEOPLE)
    second = Job.objects.get(pk=int(again.url.rstrip("/").rsplit("/", 1)[1]))
    assert second.status == Job.Status.DONE and "Nothing was due" in second.message


def test_a_press_while_the_wave_is_being_sent_shows_the_running_job(
    waves, smtp, as_role, settings, django_capture_on_commit_callbacks
):
    _, follow = waves
    settings.JOBS = "redis"  # queued, never run here: the job stays unfinished
    client = as_role("organiser")
    with django_capture_on_commit_callbacks(execute=False):
        first = client.post(reverse("waves:send", args=[follow.training.slug]), {"wave": follow.pk})
        second = client.post(reverse("waves:send", args=[follow.training.slug]), {"wave": follow.pk})
    assert first.url == second.url and Job.objects.filter(kind="waves-send").count() == 1
    assert smtp.messages == []


def test_the_russian_organiser_reads_the_result_in_russian(
    waves, smtp, as_role, django_capture_on_commit_callbacks
):
    _, follow = waves
    client = as_role("organiser")
    client.post(reverse("set_language"), {"language": "ru", "next": "/"})
    response = _press(client, follow, django_capture_on_commit_callbacks)
    page = client.get(response.url).content.decode()
    assert f"Отправлено сообщений: {len(PEOPLE)}." in page
    assert "<h1>Рассылка сообщений волны — " in page and "Waves-send" not in page


@pytest.mark.parametrize(("role", "status"), [("analyst", 403), ("outsider", 404)])
def test_who_may_not_manage_the_training_cannot_send(
    role, status, waves, smtp, as_role, django_capture_on_commit_callbacks
):
    _, follow = waves
    assert _press(as_role(role), follow, django_capture_on_commit_callbacks).status_code == status
    page = as_role("analyst").get(reverse("waves:training", args=[follow.training.slug])).content.decode()
    assert "Send due messages now" not in page  # the analyst sees the page, not the button
    assert smtp.messages == [] and not Job.objects.exists()


def test_a_post_without_the_csrf_token_sends_nothing(
    waves, smtp, as_role, django_capture_on_commit_callbacks
):
    _, follow = waves
    client = as_role("organiser", enforce_csrf_checks=True)
    assert _press(client, follow, django_capture_on_commit_callbacks).status_code == 403
    assert smtp.messages == [] and not Job.objects.exists()


def test_a_wave_of_another_training_is_not_sent_through_this_ones_address(waves, smtp, as_role):
    from citybridge.web.trainings.store import create_training
    from citybridge.web.waves.store import add_wave

    post, _ = waves
    elsewhere = create_training("Smart cities", slug="smart-2021", organisation=post.training.organisation)
    theirs = add_wave(elsewhere, DATA / "post.md", name="post-training", kind="post", opens_on=ENDED)
    response = as_role("organiser").post(reverse("waves:send", args=[post.training.slug]), {"wave": theirs.pk})
    assert response.status_code == 404 and smtp.messages == [] and not Job.objects.exists()


def test_a_get_sends_nothing(waves, smtp, as_role):
    _, follow = waves
    assert as_role("organiser").get(reverse("waves:send", args=[follow.training.slug])).status_code == 405
    assert not Job.objects.exists()
