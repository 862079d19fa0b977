"""What one instance keeps in its data folder apart from the store: where the folder is, and the
secret key that signs sessions and keys the analysts' pseudonyms.

A plain module (no Django): settings read it, and ``init``, ``serve`` and ``demo`` create the key
before Django starts, so that every process of the instance reads the same key from the folder.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path

ENV_DATA_DIR = "CITYBRIDGE_DATA_DIR"
ENV_SECRET_KEY = "CITYBRIDGE_SECRET_KEY"
KEY_FILE = "secret_key"
# Public (it is in the source): good enough for tests and `citybridge analyze`, never for a server.
DEVELOPMENT_KEY = "citybridge-insecure-development-key"


class SecretKeyError(Exception):
    """The key cannot be made or is not safe to use; the message says what to do."""


def data_dir() -> Path:
    return Path(os.environ.get(ENV_DATA_DIR, "citybridge-data")).resolve()


def secret_key(folder: Path) -> str:
    """The environment's key, else the data folder's, else the public development key."""
    from_env = os.environ.get(ENV_SECRET_KEY, "").strip()
    if from_env:
        return from_env
    path = folder / KEY_FILE
    if path.is_file():
        return path.read_text(encoding="utf-8").strip()
    return DEVELOPMENT_KEY


def ensure_secret_key(folder: Path) -> Path | None:
    """Create the folder's key (readable by its owner only) unless the environment gives one.

    Returns the key file, or None when ``CITYBRIDGE_SECRET_KEY`` is set. Two processes starting
    together make one key: the file is created exclusively and the loser reads the winner's.
    """
    if os.environ.get(ENV_SECRET_KEY, "").strip():
        return None
    path = folder / KEY_FILE
    try:
        folder.mkdir(parents=True, exist_ok=True)
        handle = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return path
    except OSError as exc:
        raise SecretKeyError(
            f"cannot create the secret key {path} ({exc.strerror}): make the folder writable "
            f"or set {ENV_SECRET_KEY}"
        ) from exc
    with os.fdopen(handle, "w", encoding="utf-8") as out:
        out.write(secrets.token_urlsafe(48) + "\n")
    return path


def check_server_key(folder: Path) -> None:
    """Refuse to serve with the public key, or with a key file others may read."""
    if secret_key(folder) == DEVELOPMENT_KEY:
        raise SecretKeyError(
            f"the secret key is the public development key: unset {ENV_SECRET_KEY} to use "
            f"{folder / KEY_FILE}, or set it to a long random value"
        )
    path = folder / KEY_FILE
    if not os.environ.get(ENV_SECRET_KEY, "").strip() and path.stat().st_mode & 0o077:
        raise SecretKeyError(f"{path} may be read by other users: chmod 600 {path}")
