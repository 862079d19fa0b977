"""Fixtures for store-backed tests: a training with the mini evaluation survey."""

from __future__ import annotations

from pathlib import Path

import pytest

DATA = Path(__file__).parent / "data"
MINI_FORM = DATA / "mini_evaluation.md"

KOBO_HEADER = "_uuid,_submission_time,evaluation/materials,evaluation/expected,age,china,cities,comment,_id"


@pytest.fixture(autouse=True)
def data_folder(tmp_path, monkeypatch, settings):
    """Every web test gets a data folder of its own (catalogue, uploads, job files), never ./citybridge-data."""
    folder = tmp_path / "data"
    folder.mkdir()
    monkeypatch.setattr("citybridge.web.settings.DATA_DIR", folder)
    settings.DATA_DIR, settings.JOBS_DIR = folder, folder / "jobs"
    # Django's own advice for tests: a real password hash costs a third of a second per user.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    # The intake's writer thread could not see a test's own transaction (tests/web/surveys/test_intake.py
    # commits its data and checks the batched way).
    settings.SUBMISSION_INTAKE = "direct"
    from citybridge.web.front.dashboard_cache import forget_all
    from citybridge.web.recent import forget_everything

    forget_all()  # ids repeat from test to test: figures remembered by one must not reach the next
    forget_everything()
    return folder


@pytest.fixture
def training(db):
    from citybridge.web.trainings.store import create_training

    return create_training("Transforming the Cities", slug="cities-2020")


@pytest.fixture
def survey(training):
    from citybridge.web.surveys.store import add_survey

    survey, _, _ = add_survey(training, MINI_FORM)
    return survey


@pytest.fixture
def write_csv(tmp_path):
    def write(name: str, *rows: str, header: str = KOBO_HEADER) -> Path:
        path = tmp_path / name
        path.write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")
        return path

    return write


EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "uzbekistan-2020"
PASSWORD = "a-long-test-password-42"
ROLES = ("admin", "organiser", "analyst", "partner", "outsider", "anonymous")


@pytest.fixture
def example(db):
    """The example training (Uzbekistan 2020) loaded as the demo loads it: organisation, programme,
    35 cities' registrations, the evaluation survey and its submissions."""
    from citybridge.web.example import load_training_folder

    return load_training_folder(EXAMPLE)


@pytest.fixture
def other_training(db):
    """A training of another organisation, which none of the example's people may see."""
    from citybridge.web.surveys.store import add_survey
    from citybridge.web.trainings.models import Organisation
    from citybridge.web.trainings.store import create_training

    other = Organisation.objects.create(name="Other Office", slug="other-office")
    training = create_training("Another training", slug="another-2021", organisation=other)
    add_survey(training, MINI_FORM)
    return training


@pytest.fixture
def people(example, other_training):
    """One user per role: an administrator; an organiser, an analyst and a partner contact (for
    Suzhou) of the example's organisation; an organiser of the other organisation ('outsider')."""
    from citybridge.web.accounts.people import create_user

    home = example.training.organisation.slug
    other = other_training.organisation.slug
    return {
        "admin": create_user("admin", PASSWORD, admin=True),
        "organiser": create_user("organiser", PASSWORD, organisation=home, role="organiser"),
        "analyst": create_user("analyst", PASSWORD, organisation=home, role="analyst"),
        "partner": create_user("partner", PASSWORD, organisation=home, role="partner", partner_city="Suzhou"),
        "outsider": create_user("outsider", PASSWORD, organisation=other, role="organiser"),
    }


@pytest.fixture
def client_as(people):
    """client_as('analyst') -> a test client logged in as that role ('anonymous': not logged in)."""
    from django.test import Client

    def login(role: str) -> Client:
        client = Client()
        if role != "anonymous":
            client.force_login(people[role])
        return client

    return login
