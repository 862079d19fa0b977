"""Uploaded XLSForms kept between their preview and the organiser's confirmation.

The bytes wait in a folder of their own under ``DATA_DIR/uploads/forms/<random id>/`` with the
file's own name (the store keeps that name and reads the file type from it); the id is valid only
in the session that uploaded it and only for the training it was uploaded to, so no one can
confirm another person's upload by guessing. Uploads never confirmed are removed after a day.
"""

from __future__ import annotations

import secrets
import shutil
import time
from pathlib import Path

from django.conf import settings
from django.contrib.sessions.backends.base import SessionBase
from django.utils.text import get_valid_filename

SESSION_KEY = "front.pending_forms"
MAX_AGE_SECONDS = 24 * 3600


def folder() -> Path:
    return Path(settings.DATA_DIR) / "uploads" / "forms"


def keep(session: SessionBase, training_slug: str, data: bytes, filename: str) -> str:
    """Store the upload and return its id."""
    _remove_stale()
    token = secrets.token_urlsafe(18)
    path = folder() / token / (get_valid_filename(Path(filename).name) or "form.xlsx")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    pending = dict(session.get(SESSION_KEY, {}))
    pending[token] = {"training": training_slug, "file": path.name}
    session[SESSION_KEY] = pending
    return token


def find(session: SessionBase, training_slug: str, token: str) -> Path | None:
    """The kept file of this session's upload ``token`` for this training, if it is still there."""
    entry = session.get(SESSION_KEY, {}).get(token or "")
    if not entry or entry["training"] != training_slug:
        return None
    path = folder() / token / entry["file"]
    return path if path.is_file() else None


def discard(session: SessionBase, token: str) -> None:
    pending = dict(session.get(SESSION_KEY, {}))
    if pending.pop(token or "", None) is not None:
        shutil.rmtree(folder() / token, ignore_errors=True)
    session[SESSION_KEY] = pending


def _remove_stale() -> None:
    if not folder().is_dir():
        return
    limit = time.time() - MAX_AGE_SECONDS
    for entry in folder().iterdir():
        if entry.is_dir() and entry.stat().st_mtime < limit:
            shutil.rmtree(entry, ignore_errors=True)
