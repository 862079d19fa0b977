"""Keeping the media files an import's ZIP brings, for the submissions just stored."""

from __future__ import annotations

import zipfile
from pathlib import Path

import polars as pl
from django.conf import settings

from citybridge.forms.model import MEDIA_TYPES, Form
from citybridge.submissions.attachments import (
    AttachmentError,
    attachment_folder,
    media_in_zip,
    safe_name,
    save_attachment,
)
from citybridge.submissions.batch import INSTANCE_ID, Problem
from citybridge.submissions.validate import Validated


def attachments_root() -> Path:
    return Path(settings.DATA_DIR) / "attachments"


def keep_attachments(
    path: Path, survey_id: int, form: Form, validated: Validated
) -> tuple[int, list[Problem]]:
    """Save each file of the ZIP that a valid submission's media answer names; (kept, problems)."""
    media = [
        q.name for q in form.answer_questions if q.type in MEDIA_TYPES and q.name in validated.frame.columns
    ]
    if not media or path.suffix.lower() != ".zip":
        return 0, []
    wanted = (
        validated.frame.select(INSTANCE_ID, *media)
        .unpivot(index=INSTANCE_ID, value_name="file")
        .drop_nulls("file")
    )
    kept, problems = 0, []
    with zipfile.ZipFile(path) as archive:
        files = media_in_zip(archive)
        for instance, name in wanted.select(INSTANCE_ID, pl.col("file")).iter_rows():
            info = files.get(name)
            if info is None:
                continue  # the export came without this file: the answer keeps its name
            try:
                save_attachment(attachments_root(), survey_id, instance, name, archive.read(info))
                kept += 1
            except AttachmentError as exc:
                problems.append(Problem(path.name, None, info.filename, None, str(exc)))
    return kept, problems


def keep_sent_files(survey, instance_id: str, uploads) -> int:
    """Save the files sent with an API submission (already checked against its answers); a file
    kept before, for an earlier sending of the same submission, is left as it was. The count saved."""
    instance = instance_id.removeprefix("uuid:")  # as it is stored (sources.from_payloads)
    folder = attachment_folder(attachments_root(), survey.pk, instance)
    kept = 0
    for upload in uploads:
        if (folder / safe_name(upload.name)).exists():
            continue
        save_attachment(attachments_root(), survey.pk, instance, upload.name, upload.read())
        kept += 1
    return kept
