"""The instance's secret key: made at init (0600) or taken from the environment, refused by serve
when public, and the key of the analysts' pseudonyms, stable for a data folder."""

from __future__ import annotations

import os
import stat
import subprocess
import sys

import pytest

from citybridge.web import instance
from tests.test_cli import invoke


def _env(folder, **extra) -> dict:
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("DATABASE_URL", "DJANGO_SETTINGS_MODULE", "REDIS_URL")
    }
    env.pop(instance.ENV_SECRET_KEY, None)
    return {**env, "COLUMNS": "300", instance.ENV_DATA_DIR: str(folder), **extra}  # no wrapping by Rich


def _citybridge(env: dict, *args: str) -> subprocess.CompletedProcess:
    command = [sys.executable, "-c", "from citybridge.entry import main; main()", *args]
    return subprocess.run(command, env=env, capture_output=True, text=True, check=False, timeout=120)


PSEUDONYM = """
from citybridge.web import bootstrap
bootstrap.setup()
from django.conf import settings
from citybridge.analysis.personal import _keyed
print(_keyed("Aziz Karimov", settings.SECRET_KEY.encode()))
"""


def _pseudonym(env: dict) -> str:
    done = subprocess.run(
        [sys.executable, "-c", PSEUDONYM], env=env, capture_output=True, text=True, check=True
    )
    return done.stdout.strip()


@pytest.mark.django_db
def test_init_makes_a_key_only_its_owner_may_read(capsys, tmp_path, monkeypatch):
    monkeypatch.delenv(instance.ENV_SECRET_KEY, raising=False)
    monkeypatch.setenv(instance.ENV_DATA_DIR, str(tmp_path / "data"))  # restored after the test
    code, _, _ = invoke(capsys, "init")
    key = tmp_path / "data" / instance.KEY_FILE
    assert code == 0 and stat.S_IMODE(key.stat().st_mode) == 0o600
    made = key.read_text().strip()
    assert len(made) >= 60 and made != instance.DEVELOPMENT_KEY
    invoke(capsys, "init")
    assert key.read_text().strip() == made  # a second init keeps the key (and so every pseudonym)


def test_the_environment_key_wins_and_no_file_is_made(tmp_path, monkeypatch):
    monkeypatch.setenv(instance.ENV_SECRET_KEY, "from-the-environment-" + "x" * 40)
    assert instance.ensure_secret_key(tmp_path) is None and not (tmp_path / instance.KEY_FILE).exists()
    assert instance.secret_key(tmp_path) == "from-the-environment-" + "x" * 40


def test_a_folder_without_a_key_falls_back_to_the_public_key_outside_a_server(tmp_path, monkeypatch):
    monkeypatch.delenv(instance.ENV_SECRET_KEY, raising=False)
    assert instance.secret_key(tmp_path) == instance.DEVELOPMENT_KEY


def test_pseudonyms_are_keyed_on_the_data_folder_and_stable_across_processes(tmp_path, monkeypatch):
    monkeypatch.delenv(instance.ENV_SECRET_KEY, raising=False)
    instance.ensure_secret_key(tmp_path / "a")
    instance.ensure_secret_key(tmp_path / "b")
    first, again = _pseudonym(_env(tmp_path / "a")), _pseudonym(_env(tmp_path / "a"))
    other, public = _pseudonym(_env(tmp_path / "b")), _pseudonym(_env(tmp_path / "none"))
    assert first == again and first.startswith("anon-")
    assert len({first, other, public}) == 3


def test_serve_refuses_the_public_key_in_one_line(tmp_path):
    done = _citybridge(
        _env(tmp_path, **{instance.ENV_SECRET_KEY: instance.DEVELOPMENT_KEY}), "serve", "--port", "0"
    )
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert done.stderr.strip().count("\n") == 0
    assert "public development key" in done.stderr and instance.ENV_SECRET_KEY in done.stderr


def test_serve_refuses_a_key_file_others_may_read(tmp_path):
    assert _citybridge(_env(tmp_path), "init").returncode == 0
    (tmp_path / instance.KEY_FILE).chmod(0o644)
    done = _citybridge(_env(tmp_path), "serve", "--port", "0")
    assert done.returncode == 1 and "chmod 600" in done.stderr and "Traceback" not in done.stderr
