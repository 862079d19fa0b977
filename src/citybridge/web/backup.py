"""One archive holding a whole instance: the store and the data folder's files, with a manifest.

The archive (a .tar.gz, written 0600: it holds personal data and the secret key) contains

- ``manifest.json``: the format, the store's engine, rows and a content digest per table, and the
  SHA-256 of every other member;
- the store: ``database.sqlite3`` made with SQLite's online backup API (a consistent copy while the
  server runs and writes), or ``database.pgdump`` made by ``pg_dump --format=custom``;
- ``files/``: the data folder's own files (job outputs, uploads, attachments, the partner
  catalogue, the secret key), leaving out what is rebuilt (static files, caches) and the SQLite
  files themselves.

A restore checks every checksum before it changes anything, refuses a store that holds data unless
forced, restores the store in one step (a file renamed into place; ``pg_restore
--single-transaction``), compares rows and digests with the manifest, then swaps the files in.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from collections.abc import Iterable
from pathlib import Path

from django.conf import settings
from django.db import connection, connections

FORMAT = 1
MANIFEST = "manifest.json"
SQLITE_MEMBER = "database.sqlite3"
PG_MEMBER = "database.pgdump"
FILES = "files"
# Rebuilt by serve or the application: not worth carrying, and the SQLite files go as the backup copy.
LEFT_OUT = ("static", "cache")
# Tables a freshly migrated store already fills: they do not make it "non-empty".
SCHEMA_TABLES = ("django_migrations", "django_content_type", "auth_permission", "django_site")


class BackupError(Exception):
    """A backup or restore that cannot go ahead; the message says why and what to do."""


def engine() -> str:
    return "sqlite" if connection.vendor == "sqlite" else "postgresql"


def backup(target: Path) -> dict:
    """Write the archive to ``target`` (through a temporary name) and return its manifest."""
    target = target.resolve()
    with tempfile.TemporaryDirectory(prefix=".citybridge-backup-", dir=target.parent) as work:
        folder = Path(work)
        store = _dump_sqlite(folder) if engine() == "sqlite" else _dump_postgresql(folder)
        tables = _sqlite_tables(folder / store) if engine() == "sqlite" else _django_tables()
        members = {store: _sha256(folder / store)}
        members |= _copy_files(Path(settings.DATA_DIR), folder / FILES)
        manifest = {
            "format": FORMAT,
            "created_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
            "engine": engine(),
            "store": store,
            "tables": tables,
            "members": members,
        }
        (folder / MANIFEST).write_text(json.dumps(manifest, indent=2, sort_keys=True), encoding="utf-8")
        partial = target.with_name(f".{target.name}.partial")
        handle = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)  # personal data, the key
        with os.fdopen(handle, "wb") as raw, tarfile.open(fileobj=raw, mode="w:gz") as archive:
            for name in (MANIFEST, *sorted(members)):
                archive.add(folder / name, arcname=name, recursive=False)
        partial.replace(target)
    return manifest


def restore(source: Path, *, force: bool = False) -> dict:
    """Replace the store and the data folder's files with the archive's; all or nothing."""
    data_dir = Path(settings.DATA_DIR)
    data_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix=".citybridge-restore-", dir=data_dir) as work:
        folder = Path(work)
        manifest = _unpack(source, folder)
        if manifest["engine"] != engine():
            raise BackupError(
                f"{source.name} is a backup of a {manifest['engine']} store; this store is {engine()}: "
                "restore it into the same kind of store"
            )
        if not force and (held := _rows_held()):
            raise BackupError(f"the store is not empty ({held}): restore into a fresh data folder, or add --force")
        if engine() == "sqlite":
            _restore_sqlite(folder / manifest["store"], manifest["tables"])
        else:
            _restore_postgresql(folder / manifest["store"], manifest["tables"])
        _swap_files(folder / FILES, data_dir)
    return manifest


def store_summary() -> dict[str, dict[str, int | str]]:
    """Rows and content digest per table of the store in use (what a manifest records)."""
    if engine() == "sqlite":
        connection.close()
        return _sqlite_tables(Path(settings.DATABASES["default"]["NAME"]))
    return _django_tables()


def files_summary() -> dict[str, str]:
    """SHA-256 per data-folder file an archive would carry, by its path in the archive."""
    found = {}
    for path in _carried(Path(settings.DATA_DIR)):
        found[f"{FILES}/{path.relative_to(settings.DATA_DIR).as_posix()}"] = _sha256(path)
    return found


# ---- the store --------------------------------------------------------------------------------


def _dump_sqlite(folder: Path) -> str:
    source = sqlite3.connect(settings.DATABASES["default"]["NAME"])
    copy = sqlite3.connect(folder / SQLITE_MEMBER)
    try:
        source.backup(copy)  # page by page, consistent with the moment it finishes; writers carry on
    finally:
        copy.close()
        source.close()
    return SQLITE_MEMBER


def _dump_postgresql(folder: Path) -> str:
    _run(["pg_dump", "--format=custom", "--no-owner", "--no-privileges", f"--file={folder / PG_MEMBER}", _pg_url()])
    return PG_MEMBER


def _restore_sqlite(copy: Path, expected: dict) -> None:
    found = _sqlite_tables(copy)
    if found != expected:
        raise BackupError(f"the store in the archive does not match its manifest ({_difference(expected, found)})")
    target = Path(settings.DATABASES["default"]["NAME"])
    connections.close_all()
    for suffix in ("-wal", "-shm"):
        Path(f"{target}{suffix}").unlink(missing_ok=True)
    shutil.copyfile(copy, target.with_name(f".{target.name}.restoring"))
    target.with_name(f".{target.name}.restoring").replace(target)  # one rename: the old store or the new


def _restore_postgresql(dump: Path, expected: dict) -> None:
    connections.close_all()
    _run([
        "pg_restore", "--single-transaction", "--clean", "--if-exists", "--no-owner", "--no-privileges",
        f"--dbname={_pg_url()}", str(dump),
    ])  # fmt: skip
    found = _django_tables()
    if found != expected:
        raise BackupError(f"the restored store does not match the manifest ({_difference(expected, found)})")


def _pg_url() -> str:
    database = settings.DATABASES["default"]
    user = database.get("USER") or ""
    password = f":{database['PASSWORD']}" if database.get("PASSWORD") else ""
    at = f"{user}{password}@" if user else ""
    return f"postgresql://{at}{database.get('HOST') or '127.0.0.1'}:{database.get('PORT') or 5432}/{database['NAME']}"


def _run(command: list[str]) -> None:
    if shutil.which(command[0]) is None:
        raise BackupError(f"{command[0]} is not installed: apt-get install postgresql-client")
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        last = (done.stderr.strip().splitlines() or ["no message"])[-1]
        raise BackupError(f"{command[0]} failed: {last}")


def _rows_held() -> str:
    derived = SCHEMA_TABLES + _shadow_tables()
    counts = {name: t["rows"] for name, t in store_summary().items() if name not in derived and t["rows"]}
    return ", ".join(f"{name}: {rows}" for name, rows in sorted(counts.items())[:3])


def _sqlite_tables(path: Path) -> dict[str, dict[str, int | str]]:
    database = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        names = [r[0] for r in database.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]
        return {name: _digest(database.execute(f'SELECT * FROM "{name}"')) for name in names if _kept_table(name)}
    finally:
        database.close()


def _shadow_tables() -> tuple[str, ...]:
    """SQLite's own tables behind a full-text index: they hold rows in a store with no data."""
    if engine() != "sqlite":
        return ()
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA table_list")
        return tuple(row[1] for row in cursor.fetchall() if row[2] == "shadow")


def _django_tables() -> dict[str, dict[str, int | str]]:
    with connection.cursor() as cursor:
        names = sorted(connection.introspection.table_names(cursor))
        found = {}
        for name in filter(_kept_table, names):
            cursor.execute(f'SELECT * FROM "{name}"')
            found[name] = _digest(cursor)
    return found


def _kept_table(name: str) -> bool:
    return not name.startswith("sqlite_")


def _digest(cursor) -> dict[str, int | str]:
    """Rows, and a digest of their content that does not depend on their order."""
    rows, total = 0, 0
    while batch := cursor.fetchmany(2000):
        for row in batch:
            rows += 1
            total += int.from_bytes(hashlib.sha256(repr(tuple(row)).encode()).digest(), "big")
    return {"rows": rows, "digest": f"{total % 2**256:064x}"}


def _difference(expected: dict, found: dict) -> str:
    wrong = [name for name in sorted(set(expected) | set(found)) if expected.get(name) != found.get(name)]
    return "tables that differ: " + ", ".join(wrong[:5])


# ---- the files --------------------------------------------------------------------------------


def _carried(data_dir: Path) -> Iterable[Path]:
    store = Path(settings.DATABASES["default"]["NAME"]).name if engine() == "sqlite" else None
    for path in sorted(data_dir.rglob("*")):
        top = path.relative_to(data_dir).parts[0]
        if top in LEFT_OUT or top.startswith(".citybridge-") or not path.is_file():
            continue
        if store and path.name.startswith(store):
            continue
        yield path


def _copy_files(data_dir: Path, into: Path) -> dict[str, str]:
    members = {}
    for path in _carried(data_dir):
        relative = path.relative_to(data_dir)
        copy = into / relative
        copy.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(path, copy)
        members[f"{FILES}/{relative.as_posix()}"] = _sha256(copy)
    return members


def _swap_files(restored: Path, data_dir: Path) -> None:
    """Each top-level entry of the archive's files replaces the data folder's, by renames."""
    if not restored.is_dir():
        return
    for entry in sorted(restored.iterdir()):
        current = data_dir / entry.name
        if current.is_dir():
            shutil.rmtree(current)
        elif current.exists():
            current.unlink()
        entry.replace(current)
    secret = data_dir / "secret_key"
    if secret.exists():
        secret.chmod(0o600)


def _unpack(source: Path, folder: Path) -> dict:
    try:
        with tarfile.open(source, "r:gz") as archive:
            archive.extractall(folder, filter="data")
    except (OSError, tarfile.TarError) as exc:
        raise BackupError(f"{source.name}: not a citybridge backup ({exc})") from exc
    try:
        manifest = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise BackupError(f"{source.name}: no readable {MANIFEST}; not a citybridge backup") from exc
    if manifest.get("format") != FORMAT:
        raise BackupError(f"{source.name}: backup format {manifest.get('format')}; this citybridge reads {FORMAT}")
    for name, expected in manifest["members"].items():
        path = folder / name
        if not path.is_file() or _sha256(path) != expected:
            raise BackupError(f"{source.name}: {name} is missing or damaged (checksum); nothing was changed")
    return manifest


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()
