"""The files sent with one submission, matched to the media answers that name them.

ODK Collect and KoboToolbox send a submission's photos, recordings and documents as parts of a
multipart request, each part's file name being the value of the answer that took it. Here every
file must be named by an answer, every named file must be sent, each must fit the size limit and
be of its question's kind (a photo for an image question, by its name and its first bytes). Any
mismatch is a problem naming the file and the answer, so nothing is stored half or dropped
silently.
"""

from __future__ import annotations

import mimetypes
from dataclasses import dataclass

from citybridge.forms.model import AUDIO, IMAGE, MEDIA_TYPES, VIDEO, Form
from citybridge.submissions.attachments import MAX_ATTACHMENT_BYTES, AttachmentError, safe_name

# First bytes of the formats phones record (offset, bytes); a kind not listed takes any file.
_SIGNATURES: dict[str, tuple[tuple[int, bytes], ...]] = {
    IMAGE: ((0, b"\xff\xd8\xff"), (0, b"\x89PNG"), (0, b"GIF8"), (8, b"WEBP"), (4, b"ftyp"), (0, b"BM")),
    AUDIO: ((0, b"ID3"), (0, b"\xff\xfb"), (0, b"\xff\xf3"), (0, b"\xff\xf2"), (0, b"OggS"), (8, b"WAVE"),
            (4, b"ftyp"), (0, b"#!AMR"), (0, b"fLaC"), (0, b"\x1aE\xdf\xa3")),
    VIDEO: ((4, b"ftyp"), (0, b"\x1aE\xdf\xa3"), (8, b"AVI "), (0, b"OggS")),
}  # fmt: skip
SNIFFED_BYTES = 16


@dataclass(frozen=True)
class SentFile:
    """One file part of the request: its file name, size and first bytes (the rest stays unread)."""

    name: str
    size: int
    head: bytes


@dataclass(frozen=True)
class FileProblem:
    name: str
    reason: str


def named_files(form: Form, answers: dict) -> dict[str, str]:
    """File name -> the media question whose answer names it."""
    named = {}
    for question in form.answer_questions:
        value = answers.get(question.name)
        if question.type in MEDIA_TYPES and isinstance(value, str) and value.strip():
            named[value.strip()] = question.name
    return named


def check_files(form: Form, answers: dict, sent: list[SentFile], max_bytes: int) -> list[FileProblem]:
    """Every way the files sent fail to match the answers; none means they may all be kept."""
    named = named_files(form, answers)
    problems = [FileProblem(name, f"the answer '{question}' names '{name}', but no file of that name was sent")
                for name, question in named.items() if name not in {f.name for f in sent}]  # fmt: skip
    seen: set[str] = set()
    for file in sent:
        reason = _file_problem(form, named, file, seen, max_bytes)
        if reason:
            problems.append(FileProblem(file.name, reason))
        seen.add(file.name)
    return problems


def _file_problem(
    form: Form, named: dict[str, str], file: SentFile, seen: set[str], max_bytes: int
) -> str | None:
    try:
        safe_name(file.name)
    except AttachmentError as exc:
        return str(exc)
    if file.name in seen:
        return f"'{file.name}' was sent twice"
    if file.name not in named:
        return f"no media answer names '{file.name}'; send only the files the answers name"
    limit = min(max_bytes, MAX_ATTACHMENT_BYTES)
    if file.size > limit:
        return f"'{file.name}' is {file.size / 2**20:.1f} MiB, more than the {limit / 2**20:.1f} MiB a file may be"
    kind = form.question(named[file.name]).type
    if not _of_kind(kind, file):
        return f"'{file.name}' is not a{'n' if kind[0] in 'aeiou' else ''} {kind} file, which '{named[file.name]}' takes"
    return None


def _of_kind(kind: str, file: SentFile) -> bool:
    """Its name's type (if any is known) and its first bytes agree with the question's kind."""
    signatures = _SIGNATURES.get(kind)
    if signatures is None:
        return True  # a `file` question takes any document
    guessed, _ = mimetypes.guess_type(file.name)
    if guessed is not None and not guessed.startswith(f"{kind}/") and guessed != "application/ogg":
        return False
    return any(file.head[at : at + len(magic)] == magic for at, magic in signatures)
