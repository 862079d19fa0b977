"""Uploads beyond the limits of citybridge.uploads.limits: refused with 413 (too large) or 400
(too many columns or rows), and a message naming the limit and the setting that raises it."""

from __future__ import annotations

from django.core.files.uploadedfile import UploadedFile

from citybridge.uploads.limits import LimitError, check_upload, limit_of


def upload_refusal(upload: UploadedFile | None) -> LimitError | None:
    """The refusal of an upload larger than CITYBRIDGE_MAX_UPLOAD_MB, before it is read."""
    if upload is None:
        return None
    try:
        check_upload(upload.name, upload.size)
    except LimitError as exc:
        return exc
    return None


def status_of(error: Exception) -> int:
    """413 or 400 for a reader's error caused by a limit; 200 for the page that explains any other."""
    found = limit_of(error)
    return found.status if found else 200
