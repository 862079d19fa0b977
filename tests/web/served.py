"""A real ``citybridge serve`` for tests that need one: its own store (a temporary SQLite folder,
or a fresh PostgreSQL database when the suite runs on one), a survey of the mini form, a write
token, and the server on an ephemeral port of 127.0.0.1, killed with its process group at the end."""

from __future__ import annotations

import http.client
import json
import os
import secrets
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from tests.web.conftest import MINI_FORM

SETUP = """
import sys
from citybridge.web.bootstrap import migrate
migrate()
from citybridge.web.api.models import ApiToken
from citybridge.web.surveys.store import add_survey
from citybridge.web.trainings.store import create_training
training = create_training("Served", slug="served")
survey, _, _ = add_survey(training, sys.argv[1])
print(survey.pk, ApiToken.issue(training.organisation, "served")[1])
"""


@dataclass
class Store:
    env: dict[str, str]
    survey_id: int
    token: str


@contextmanager
def served_store(folder: Path) -> Iterator[Store]:
    """A store with the mini survey and a write token, set up in a process of its own."""
    env = {k: v for k, v in os.environ.items() if k not in ("DJANGO_SETTINGS_MODULE", "REDIS_URL")}
    env |= {"CITYBRIDGE_DATA_DIR": str(folder), "CITYBRIDGE_SECRET_KEY": secrets.token_urlsafe(32)}
    with _database(env):
        done = subprocess.run([sys.executable, "-c", SETUP, str(MINI_FORM)], env=env, capture_output=True,
                              text=True, check=False, timeout=120)  # fmt: skip
        assert done.returncode == 0, done.stderr
        survey_id, token = done.stdout.split()[-2:]
        yield Store(env, int(survey_id), token)


@contextmanager
def _database(env: dict[str, str]) -> Iterator[None]:
    """On PostgreSQL (DATABASE_URL set), a database of its own, dropped afterwards."""
    url = env.get("DATABASE_URL")
    if not url:
        yield
        return
    import psycopg

    base, _, _ = url.rpartition("/")
    name = f"cb_served_{os.getpid()}_{secrets.token_hex(4)}"
    with psycopg.connect(f"{base}/postgres", autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    env["DATABASE_URL"] = f"{base}/{name}"
    try:
        yield
    finally:
        with psycopg.connect(f"{base}/postgres", autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


class Server:
    """``citybridge serve`` in a process group of its own, on a fresh ephemeral port at each start
    (a port just left by a killed server may still be taken for a while)."""

    def __init__(self, store: Store, log: Path, *, workers: int = 2, threads: int = 4) -> None:
        self.store, self.log, self.workers, self.threads = store, log, workers, threads
        self.process: subprocess.Popen | None = None
        self.port = 0

    def start(self, timeout: float = 60) -> None:
        self.port = free_port()
        command = [sys.executable, "-c", "from citybridge.entry import main; main()", "serve", "--port",
                   str(self.port), "--workers", str(self.workers), "--threads", str(self.threads)]  # fmt: skip
        with self.log.open("ab") as log:
            self.process = subprocess.Popen(command, env=self.store.env, stdout=log, stderr=subprocess.STDOUT,
                                            start_new_session=True)  # fmt: skip
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            assert self.process.poll() is None, self.log.read_text(errors="replace")[-3000:]
            try:
                if self.request("GET", "/accounts/login/")[0] == 200:
                    return
            except OSError:
                time.sleep(0.2)
        raise AssertionError(f"citybridge serve did not answer within {timeout} s")

    def kill(self, sig: int = signal.SIGKILL) -> None:
        """Signal the whole process group (granian's main process and its workers), and reap it."""
        if self.process is None:
            return
        for signal_now in (sig, signal.SIGKILL):
            try:
                os.killpg(self.process.pid, signal_now)
                self.process.wait(timeout=20)
                break
            except ProcessLookupError:
                break
            except subprocess.TimeoutExpired:
                continue
        self.process = None

    def request(
        self, method: str, path: str, body: bytes | None = None, timeout: float = 30
    ) -> tuple[int, bytes]:
        headers = {"Authorization": f"Bearer {self.store.token}", "Content-Type": "application/json"}
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=timeout)
        try:
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            return response.status, response.read()
        finally:
            connection.close()

    def post_submission(self, body: bytes) -> tuple[int, bytes]:
        return self.request("POST", f"/api/v1/surveys/{self.store.survey_id}/submissions", body)

    def stored_ids(self) -> list[str]:
        """Every stored instance id, paged through the API (duplicates kept, to be counted)."""
        ids, after = [], 0
        while True:
            status, body = self.request(
                "GET", f"/api/v1/surveys/{self.store.survey_id}/submissions?after={after}&limit=1000"
            )
            assert status == 200, body
            page = json.loads(body)
            ids += [item["instance_id"] for item in page["items"]]
            if page["next_after"] is None:
                return ids
            after = page["next_after"]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def running(store: Store, log: Path, **options) -> Iterator[Server]:
    server = Server(store, log, **options)
    server.start()
    try:
        yield server
    finally:
        server.kill(signal.SIGTERM)
