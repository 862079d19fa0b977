"""A training with a post-training and a 3-month wave, and a real SMTP server on 127.0.0.1."""

from __future__ import annotations

import datetime as dt
import email
import email.policy
import socket
from pathlib import Path

import pytest

DATA = Path(__file__).parent / "data"
ENDED = dt.date(2021, 3, 5)
PEOPLE = [  # name, e-mail, city, language
    ("Laziz Tursunov", "laziz@namangan.example.uz", "Namangan", "uz"),
    ("Olga Kim", "olga@bukhara.example.uz", "Bukhara", "ru"),
    ("Dilnoza Saidova", "dilnoza@khovos.example.uz", "Khovos", "uz-cyrl"),
    ("Wang Fang", "wang@termez.example.uz", "Termez", "zh-hans"),
    ("Sam Reed", "sam@fergana.example.uz", "Fergana", ""),
]


class Received:
    """What the SMTP server was handed, as parsed messages."""

    def __init__(self) -> None:
        self.messages: list[email.message.EmailMessage] = []
        self.refuse: set[str] = set()  # addresses the server answers 550 for

    async def handle_DATA(self, server, session, envelope):
        if self.refuse & set(envelope.rcpt_tos):
            return "550 mailbox unavailable"
        self.messages.append(email.message_from_bytes(envelope.content, policy=email.policy.default))
        return "250 OK"

    def to(self, address: str) -> list:
        return [m for m in self.messages if m["To"] == address]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def smtp(settings):
    from aiosmtpd.controller import Controller

    received = Received()
    controller = Controller(received, hostname="127.0.0.1", port=free_port())
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", controller.port
    settings.CITYBRIDGE_BASE_URL = "http://testserver"
    try:
        yield received
    finally:
        controller.stop()


@pytest.fixture
def registrants(training):
    from citybridge.web.trainings.models import City, Participant
    from citybridge.web.waves.mail import contact_of

    training.ends_on = ENDED
    training.save()
    made = []
    for name, address, city, language in PEOPLE:
        person = Participant.objects.create(
            training=training, key=address, name=name, email=address,
            city=City.objects.get_or_create(name=city, country="Uzbekistan")[0],
        )  # fmt: skip
        contact = contact_of(person)
        contact.language = language
        contact.save()
        made.append(person)
    return made


@pytest.fixture
def waves(training, registrants):
    from citybridge.web.waves.store import add_wave

    post = add_wave(training, DATA / "post.md", name="post-training", kind="post", opens_on=ENDED)
    follow = add_wave(training, DATA / "follow_3m.md", name="3 months", kind="follow-up", offset_days=91)
    return post, follow
