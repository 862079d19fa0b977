"""Limits on the files citybridge reads: size, inflated size, columns and rows.

A file beyond them is refused before it is read whole, in one message naming the limit and the
setting that raises it, so a 1,000,000-column CSV or a zip bomb dressed as an XLSX costs a
fraction of a second instead of minutes and gigabytes. The settings are environment variables,
read when a file is checked (docs/deploy.md):

| variable | limit | default |
| --- | --- | --- |
| ``CITYBRIDGE_MAX_FILE_MB`` | size of a file read from disk (CLI and web) | 1024 |
| ``CITYBRIDGE_MAX_INFLATED_MB`` | an XLSX's size once unzipped | 1024 |
| ``CITYBRIDGE_MAX_COLUMNS`` | columns of a table | 5000 |
| ``CITYBRIDGE_MAX_ROWS`` | rows of a table | 2,000,000 |
| ``CITYBRIDGE_MAX_UPLOAD_MB`` | a file uploaded through the web pages | 20 |
"""

from __future__ import annotations

import io
import os
import zipfile
from dataclasses import dataclass
from pathlib import Path

MB = 1024 * 1024
# Bytes a header may use per column before it is refused unread (a long label is a few hundred).
HEADER_BYTES_PER_COLUMN = 1024


class LimitError(ValueError):
    """A file beyond a limit; ``too_large`` when its size is the problem (HTTP 413), else 400."""

    def __init__(self, message: str, *, too_large: bool) -> None:
        super().__init__(message)
        self.too_large = too_large

    @property
    def status(self) -> int:
        return 413 if self.too_large else 400


@dataclass(frozen=True)
class Limits:
    max_file_bytes: int = 1024 * MB
    max_inflated_bytes: int = 1024 * MB
    max_columns: int = 5000
    max_rows: int = 2_000_000
    max_upload_bytes: int = 20 * MB

    @classmethod
    def from_env(cls) -> Limits:
        default = cls()
        return cls(
            max_file_bytes=_number("CITYBRIDGE_MAX_FILE_MB", default.max_file_bytes // MB) * MB,
            max_inflated_bytes=_number("CITYBRIDGE_MAX_INFLATED_MB", default.max_inflated_bytes // MB) * MB,
            max_columns=_number("CITYBRIDGE_MAX_COLUMNS", default.max_columns),
            max_rows=_number("CITYBRIDGE_MAX_ROWS", default.max_rows),
            max_upload_bytes=_number("CITYBRIDGE_MAX_UPLOAD_MB", default.max_upload_bytes // MB) * MB,
        )


def _number(name: str, default: int) -> int:
    text = os.environ.get(name, "").strip()
    if not text:
        return default
    if not text.isdigit() or int(text) == 0:
        raise LimitError(f"{name}={text!r}: give a whole number above 0", too_large=False)
    return int(text)


def check_upload(name: str, size: int, limits: Limits | None = None) -> None:
    """A file sent through the web pages, by its size alone (before it is read)."""
    limits = limits or Limits.from_env()
    if size > limits.max_upload_bytes:
        raise _refusal(
            f"{name}: {_mb(size)}, more than the {_mb(limits.max_upload_bytes)} an upload may be",
            "CITYBRIDGE_MAX_UPLOAD_MB",
            too_large=True,
        )


def check_file(path: Path, limits: Limits | None = None) -> Limits:
    """A file's size, and an XLSX's inflated size from its zip directory; returns the limits used."""
    limits = limits or Limits.from_env()
    _check_size(path.name, path.stat().st_size, limits)
    if zipfile.is_zipfile(path):
        check_inflated(path.name, path, limits)
    return limits


def check_bytes(name: str, data: bytes, limits: Limits | None = None) -> None:
    """:func:`check_file` for a file already in memory (an uploaded XLSForm)."""
    limits = limits or Limits.from_env()
    _check_size(name, len(data), limits)
    if data[:4] == b"PK\x03\x04":
        check_inflated(name, io.BytesIO(data), limits)


def _check_size(name: str, size: int, limits: Limits) -> None:
    if size > limits.max_file_bytes:
        raise _refusal(
            f"{name}: {_mb(size)}, more than the limit of {_mb(limits.max_file_bytes)}",
            "CITYBRIDGE_MAX_FILE_MB",
            too_large=True,
        )


def check_inflated(name: str, source, limits: Limits | None = None) -> None:
    """An XLSX (a zip) whose members unzip to more than the limit is refused before it is opened."""
    limits = limits or Limits.from_env()
    try:
        with zipfile.ZipFile(source) as archive:
            inflated = sum(member.file_size for member in archive.infolist())
    except zipfile.BadZipFile:
        return  # not a zip after all: the reader says what it is not
    if inflated > limits.max_inflated_bytes:
        raise _refusal(
            f"{name}: unzips to {_mb(inflated)}, more than the limit of {_mb(limits.max_inflated_bytes)}",
            "CITYBRIDGE_MAX_INFLATED_MB",
            too_large=True,
        )


def check_columns(name: str, count: int, limits: Limits) -> None:
    if count > limits.max_columns:
        raise _refusal(
            f"{name}: {count:,} columns, more than the limit of {limits.max_columns:,}",
            "CITYBRIDGE_MAX_COLUMNS",
            too_large=False,
        )


def check_rows(name: str, count: int, limits: Limits) -> None:
    if count > limits.max_rows:
        raise _refusal(
            f"{name}: more than {limits.max_rows:,} rows, the limit", "CITYBRIDGE_MAX_ROWS", too_large=False
        )


def check_csv_header(path: Path, separator: str, limits: Limits) -> None:
    """Count the header's columns from its first line only, reading no more than the limit allows."""
    most = limits.max_columns * HEADER_BYTES_PER_COLUMN
    with path.open("rb") as handle:
        header = handle.readline(most + 1)
    if len(header) > most and not header.endswith(b"\n"):
        message = (
            f"{path.name}: a header line longer than {_mb(most)} (more than {limits.max_columns:,} columns)"
        )
        raise _refusal(message, "CITYBRIDGE_MAX_COLUMNS", too_large=False)
    separators = header.count(separator.encode())
    if separators + 1 > limits.max_columns:  # quoted separators count too: parse to be exact
        import csv

        text = header.decode("utf-8", errors="replace")
        check_columns(path.name, len(next(csv.reader([text], delimiter=separator), [])), limits)


def _refusal(message: str, variable: str, *, too_large: bool) -> LimitError:
    return LimitError(f"{message}; raise {variable} if the file is right", too_large=too_large)


def limit_of(error: BaseException | None) -> LimitError | None:
    """The LimitError behind a reader's own error (TableError, FormError, ...), if any."""
    while error is not None:
        if isinstance(error, LimitError):
            return error
        error = error.__cause__
    return None


def _mb(size: int) -> str:
    return f"{size / MB:,.1f} MB"
