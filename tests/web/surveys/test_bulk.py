"""The bulk writer: the SQLite path stores what the generic one stores, and an import is one transaction."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

from django.db import connection

from citybridge.web.imports import import_file
from citybridge.web.surveys import bulk
from citybridge.web.surveys.models import Submission
from tests.web.conftest import MINI_FORM


def _rows(numbers) -> list[str]:
    # In the order of conftest.KOBO_HEADER.
    return [f"m{n},2020-11-10T06:00:{n % 60:02d},good,agree,{20 + n % 60},no,,,{n}" for n in numbers]


def _stored() -> list[tuple]:
    return list(
        Submission.objects.order_by("pk").values_list(
            "instance_id", "answers", "submitted_at", "source", "source_name", "form_version_id"
        )
    )


def _import_twice(survey, write_csv) -> list[tuple[int, int, int]]:
    """A fresh import repeating ids within and across batches, then an overlapping one."""
    first = write_csv("first.csv", *_rows(range(12)), *_rows([3, 11]), *_rows(range(12, 20)))
    second = write_csv("second.csv", *_rows(range(15, 30)), *_rows([29]))
    return [
        (r.new, r.already_present, r.rejected)
        for r in (import_file(survey, first, rows_per_batch=5), import_file(survey, second, rows_per_batch=5))
    ]


def test_the_sqlite_path_stores_what_the_generic_path_stores(survey, write_csv, monkeypatch):
    with monkeypatch.context() as generic:
        generic.setattr(bulk, "skips_known_ids", lambda: False)
        generic_counts, generic_rows = _import_twice(survey, write_csv), _stored()
    Submission.objects.all().delete()
    counts, rows = _import_twice(survey, write_csv), _stored()
    assert counts == generic_counts == [(20, 2, 0), (10, 6, 0)]
    assert rows == generic_rows
    assert [r[0] for r in rows] == [f"m{n}" for n in range(30)]


def test_answers_written_past_the_json_check_are_valid_json(survey, write_csv):
    tricky = 'He said ""hi"", \\ back,""age"":null, Служба одного окна'
    import_file(survey, write_csv("tricky.csv", f'q1,2020-11-10T06:00:00,good,agree,,no,,"{tricky}",1'))
    assert Submission.objects.get().answers == {
        "materials": "good",
        "expected": "agree",
        "china": "no",
        "comment": 'He said "hi", \\ back,"age":null, Служба одного окна',
    }
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("SELECT count(*) FROM surveys_submission WHERE NOT json_valid(answers)")
            assert cursor.fetchone() == (0,)
            cursor.execute("PRAGMA ignore_check_constraints")
            assert cursor.fetchone() == (0,)  # put back after the import


# Runs in a child process against a store in a folder (the tests' own database lives in memory):
# a large import with the store to itself, one while another connection is open, and one killed
# half-way. Prints what it saw, one JSON line per import.
_CHILD = """
import json, os, signal, sqlite3, sys
from pathlib import Path
from citybridge.web import bootstrap
bootstrap.migrate()
from django.conf import settings
from django.db import connection
from citybridge.web import imports
from citybridge.web.surveys import bulk, store
from citybridge.web.trainings.store import create_training

def pragmas(*names):
    with connection.cursor() as cursor:
        return {n: cursor.execute(f"PRAGMA {n}").fetchone()[0] for n in names}

survey, _, _ = store.add_survey(create_training("T", slug="t"), Path(sys.argv[1]))
store.LARGE_FILE_BYTES = 0  # every file counts as large
insert, seen = bulk.insert_submissions, []
def spy(*args, **kwargs):
    seen.append(pragmas("journal_mode")["journal_mode"])
    if kwargs["source_name"] == Path(sys.argv[4]).name and len(seen) == 2:
        os.kill(os.getpid(), signal.SIGKILL)  # half-way through the last import
    return insert(*args, **kwargs)
bulk.insert_submissions = spy
names = ("journal_mode", "synchronous", "busy_timeout", "cache_size", "ignore_check_constraints")
before = pragmas(*names)
for path in sys.argv[2:]:
    other = sqlite3.connect(settings.DATABASES["default"]["NAME"]) if Path(path).name == "other.csv" else None
    if other is not None:
        other.execute("SELECT count(*) FROM surveys_submission").fetchone()  # really open
    seen.clear()
    report = imports.import_file(survey, Path(path), rows_per_batch=5)
    print(json.dumps({"during": seen, "new": report.new, "settings": pragmas(*names) == before}), flush=True)
    if other is not None:
        other.close()
"""


def test_a_large_import_skips_the_wal_and_a_killed_one_leaves_the_store_as_it_was(write_csv, tmp_path):
    files = [
        write_csv("alone.csv", *_rows(range(10))),
        write_csv("other.csv", *_rows(range(10, 20))),
        write_csv("killed.csv", *_rows(range(20, 35))),
    ]
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env["CITYBRIDGE_DATA_DIR"] = str(tmp_path / "store")
    child = subprocess.run(
        [sys.executable, "-c", _CHILD, str(MINI_FORM), *map(str, files)],
        capture_output=True,
        text=True,
        env=env,
        cwd=Path(__file__).parents[3],
    )
    assert child.returncode == -9, child.stderr  # killed, as planned
    alone, other = (json.loads(line) for line in child.stdout.splitlines())
    assert alone == {"during": ["delete", "delete"], "new": 10, "settings": True}
    # Another connection was open: the store stays in WAL mode.
    assert other == {"during": ["wal", "wal"], "new": 10, "settings": True}
    database = tmp_path / "store" / "citybridge.sqlite3"
    assert database.with_name("citybridge.sqlite3-journal").exists()  # the killed import's
    store = sqlite3.connect(database)  # opening it rolls the killed import back
    assert store.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    assert store.execute("SELECT count(*) FROM surveys_submission").fetchone() == (20,)
    assert store.execute("PRAGMA journal_mode = WAL").fetchone() == ("wal",)  # as settings.py asks
