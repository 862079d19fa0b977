"""Store-backed commands run as a user runs them: a fresh process, Django set up by the command.

In-process tests have Django configured by pytest-django already, so they cannot see a command
that touches the store before setting Django up; these can.
"""

from __future__ import annotations

import os
import subprocess
import sys

import pytest


@pytest.fixture(scope="module")
def citybridge(tmp_path_factory):
    folder = tmp_path_factory.mktemp("store")
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "DJANGO_SETTINGS_MODULE")}
    env["CITYBRIDGE_DATA_DIR"] = str(folder)

    def run(*args: str) -> subprocess.CompletedProcess:
        command = [sys.executable, "-c", "from citybridge.entry import main; main()", *args]
        return subprocess.run(command, capture_output=True, text=True, env=env, cwd=folder, check=False)

    assert run("init").returncode == 0
    return run


@pytest.mark.parametrize(
    "args",
    [
        ["leads"],
        ["leads", "add", "--city", "Namangan", "--partner", "Suzhou", "--by", "test"],
        ["leads", "due", "--today", "2020-11-23"],
        ["partners", "export", "partners.yaml"],
        ["places", "resolve", "Samarqand", "--country", "UZ"],
        ["status"],
    ],
    ids=" ".join,
)
def test_store_commands_work_in_a_fresh_process(citybridge, args):
    done = citybridge(*args)
    assert done.returncode == 0, done.stderr
    assert "unexpected" not in done.stderr


@pytest.mark.parametrize(
    "args",
    [
        ["cities", "profile", "--training", "nope"],
        ["match", "--training", "nope"],
        ["leads", "move", "99", "agreement"],
    ],
    ids=" ".join,
)
def test_store_commands_name_what_is_missing_in_a_fresh_process(citybridge, args):
    done = citybridge(*args)
    assert done.returncode == 1
    assert done.stderr.startswith("error: no ") and "unexpected" not in done.stderr


def test_an_ambiguous_place_lists_its_candidates_and_asks_for_a_country(citybridge):
    done = citybridge("places", "resolve", "Luoyang")
    assert done.returncode == 1
    assert "--country" in done.stdout + done.stderr and "CN" in done.stdout
