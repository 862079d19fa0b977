"""A survey's submissions as a file: CSV (one row per submission) or Parquet (typed columns)."""

from __future__ import annotations

import io

import polars as pl

from citybridge.exports.safety import safe_frame
from citybridge.web.surveys.analysis import survey_frame
from citybridge.web.surveys.models import Survey

MEDIA_TYPES = {"csv": "text/csv", "parquet": "application/vnd.apache.parquet"}


def submissions_file(survey: Survey, file_format: str, raw: bool = False) -> tuple[bytes, str, str]:
    """(content, media type, file name) of every submission, typed by the survey's current form.

    CSV cells a spreadsheet would run as formulas get an apostrophe unless ``raw``."""
    frame = survey_frame(survey)
    buffer = io.BytesIO()
    if file_format == "parquet":
        frame.write_parquet(buffer)
    else:
        safe_frame(flat_csv(frame), raw).write_csv(buffer)
    return buffer.getvalue(), MEDIA_TYPES[file_format], f"{survey.slug}-submissions.{file_format}"


def flat_csv(frame: pl.DataFrame) -> pl.DataFrame:
    """Multiple choices joined by spaces, as XLSForm tools (KoboToolbox, ODK) write them in CSV."""
    lists = [name for name, dtype in frame.schema.items() if isinstance(dtype, pl.List)]
    return frame.with_columns(pl.col(name).list.join(" ") for name in lists)
