"""Files that come with submissions (photos, recordings, documents), found in an export's ZIP.

ODK Central puts them under ``media/`` in its CSV ZIP; KoboToolbox's attachments ZIP under
``.../attachments/.../<uuid>/<file>``. Only a file a media answer names is kept, each at most
``MAX_ATTACHMENT_BYTES``, under a name that cannot leave its folder.
"""

from __future__ import annotations

import hashlib
import re
import zipfile
from pathlib import Path, PurePosixPath

MAX_ATTACHMENT_BYTES = 25 * 1024 * 1024  # a phone's photo or a short recording; more is refused
_SAFE = re.compile(r"^[\w][\w .()+-]*$")


class AttachmentError(ValueError):
    """A file that cannot be kept; the message names it and says why."""


def safe_name(name: str) -> str:
    """The file name as an answer gives it, refused when it could name another folder."""
    if not _SAFE.match(name) or name in (".", "..") or len(name) > 200:
        raise AttachmentError(f"'{name}' is not a plain file name (letters, digits, '.', '-', '_', spaces)")
    return name


def media_in_zip(archive: zipfile.ZipFile) -> dict[str, zipfile.ZipInfo]:
    """The files of a ZIP that may be attachments, by their own name (the last step of the path)."""
    found = {}
    for info in archive.infolist():
        parts = PurePosixPath(info.filename).parts
        if info.is_dir() or len(parts) < 2 or not ({"media", "attachments"} & set(parts[:-1])):
            continue
        found.setdefault(parts[-1], info)
    return found


def attachment_folder(root: Path, survey_id: int, instance_id: str) -> Path:
    """Where one submission's files live: the instance id is hashed, as it may hold any character."""
    digest = hashlib.sha256(instance_id.encode()).hexdigest()[:32]
    return root / str(survey_id) / digest


def save_attachment(root: Path, survey_id: int, instance_id: str, name: str, data: bytes) -> Path:
    """Write one file (all or nothing: a temporary file renamed into place)."""
    if len(data) > MAX_ATTACHMENT_BYTES:
        raise AttachmentError(
            f"'{name}' is {len(data) / 2**20:.1f} MiB; files over {MAX_ATTACHMENT_BYTES // 2**20} MiB are not kept"
        )
    folder = attachment_folder(root, survey_id, instance_id)
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / safe_name(name)
    partial = target.with_name(target.name + ".partial")
    partial.write_bytes(data)
    partial.replace(target)
    return target
