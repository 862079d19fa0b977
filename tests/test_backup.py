"""``citybridge backup`` and ``restore`` as an administrator runs them: the example training loaded,
job files and an upload in the data folder, backed up, restored into a fresh data folder with the
same rows, digests and file checksums; on SQLite and on PostgreSQL."""

from __future__ import annotations

import io
import json
import os
import stat
import subprocess
import sys
import tarfile
import uuid
from pathlib import Path

import pytest

LOAD = """
from pathlib import Path
from citybridge.web import bootstrap
bootstrap.migrate()
from django.conf import settings
from citybridge.web.example import load_training_folder
load_training_folder(Path(sys.argv[1]))
(settings.DATA_DIR / "jobs" / "7").mkdir(parents=True)
(settings.DATA_DIR / "jobs" / "7" / "report-en.pdf").write_bytes(b"%PDF-1.7 job output")
(settings.DATA_DIR / "uploads" / "forms").mkdir(parents=True)
(settings.DATA_DIR / "uploads" / "forms" / "survey.xlsx").write_bytes(b"an uploaded form")
"""
SUMMARY = """
from citybridge.web import bootstrap
bootstrap.setup()
from citybridge.web.backup import files_summary, store_summary
print(json.dumps({"tables": store_summary(), "files": files_summary()}))
"""
EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "uzbekistan-2020"


def _env(folder: Path, database_url: str | None = None) -> dict:
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "DJANGO_SETTINGS_MODULE", "REDIS_URL")}
    env |= {"CITYBRIDGE_DATA_DIR": str(folder), "COLUMNS": "300"}
    env.pop("CITYBRIDGE_SECRET_KEY", None)
    return env | ({"DATABASE_URL": database_url} if database_url else {})


def _python(env: dict, code: str, *args: str) -> str:
    done = subprocess.run(
        [sys.executable, "-c", "import json, sys\n" + code, *args], env=env, capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def _citybridge(env: dict, *args: str) -> subprocess.CompletedProcess:
    command = [sys.executable, "-c", "from citybridge.entry import main; main()", *args]
    return subprocess.run(command, env=env, capture_output=True, text=True, check=False, timeout=300)


def _summary(env: dict) -> dict:
    return json.loads(_python(env, SUMMARY))


def _backed_up(folder: Path, source: dict) -> tuple[Path, dict]:
    _python(source, LOAD, str(EXAMPLE))
    archive = folder / "backup.tar.gz"
    made = _citybridge(source, "backup", str(archive))
    assert made.returncode == 0, made.stderr
    assert stat.S_IMODE(archive.stat().st_mode) == 0o600  # personal data and the secret key
    return archive, _summary(source)


def _restored_equal(archive: Path, target: dict, before: dict) -> None:
    restored = _citybridge(target, "restore", str(archive))
    assert restored.returncode == 0, restored.stderr
    after = _summary(target)
    assert after == before
    assert after["tables"]["surveys_submission"]["rows"] == 52
    assert after["tables"]["trainings_participant"]["rows"] == 76
    assert {"files/jobs/7/report-en.pdf", "files/uploads/forms/survey.xlsx", "files/secret_key"} <= set(after["files"])


@pytest.fixture(scope="module")
def sqlite_backup(tmp_path_factory) -> tuple[Path, dict]:
    """The example training, a job file and an upload in a SQLite data folder, backed up once."""
    folder = tmp_path_factory.mktemp("backup")
    return _backed_up(folder, _env(folder / "source"))


def test_backup_then_restore_into_a_fresh_sqlite_folder_gives_the_same_rows_and_files(sqlite_backup, tmp_path):
    archive, before = sqlite_backup
    _restored_equal(archive, _env(tmp_path / "b"), before)
    key = tmp_path / "b" / "secret_key"
    assert key.read_text() == (archive.parent / "source" / "secret_key").read_text()  # the same pseudonyms
    assert stat.S_IMODE(key.stat().st_mode) == 0o600
    job = tmp_path / "b" / "jobs" / "7" / "report-en.pdf"
    job.write_bytes(b"changed since")
    again = _citybridge(_env(tmp_path / "b"), "restore", str(archive))
    assert again.returncode == 1 and "the store is not empty" in again.stderr and "--force" in again.stderr
    assert job.read_bytes() == b"changed since"  # refused: nothing changed
    forced = _citybridge(_env(tmp_path / "b"), "restore", str(archive), "--force")
    assert forced.returncode == 0, forced.stderr
    assert job.read_bytes() == b"%PDF-1.7 job output"


def test_a_damaged_archive_changes_nothing(sqlite_backup, tmp_path):
    archive, _ = sqlite_backup
    damaged = tmp_path / "damaged.tar.gz"
    with tarfile.open(archive) as original, tarfile.open(damaged, "w:gz") as copy:
        for member in original.getmembers():
            data = original.extractfile(member).read()
            if member.name == "files/jobs/7/report-en.pdf":
                data = data.replace(b"job", b"JOB")
            copy.addfile(member, io.BytesIO(data))
    fresh = _env(tmp_path / "c")
    refused = _citybridge(fresh, "restore", str(damaged))
    assert refused.returncode == 1 and "files/jobs/7/report-en.pdf is missing or damaged" in refused.stderr
    assert not (tmp_path / "c" / "jobs").exists()
    assert _summary(fresh)["tables"]["surveys_submission"]["rows"] == 0


def _postgres_database() -> str | None:
    name = f"cb_hardops_{uuid.uuid4().hex[:8]}"
    created = subprocess.run(
        ["psql", "-h", "127.0.0.1", "-U", "postgres", "-c", f"CREATE DATABASE {name}"],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    return f"postgres://postgres@127.0.0.1:5432/{name}" if created.returncode == 0 else None


def _drop(url: str) -> None:
    name = url.rsplit("/", 1)[1]
    subprocess.run(["psql", "-h", "127.0.0.1", "-U", "postgres", "-c", f"DROP DATABASE IF EXISTS {name}"], check=False)


def test_backup_then_restore_on_postgresql_gives_the_same_rows_and_files(tmp_path):
    urls = [_postgres_database(), _postgres_database()]
    try:
        if None in urls:
            if os.environ.get("CI") == "true":
                pytest.fail("CI must provide PostgreSQL on 127.0.0.1:5432")
            pytest.skip("no PostgreSQL server on 127.0.0.1:5432")
        archive, before = _backed_up(tmp_path, _env(tmp_path / "a", urls[0]))
        _restored_equal(archive, _env(tmp_path / "b", urls[1]), before)
    finally:
        for url in filter(None, urls):
            _drop(url)
