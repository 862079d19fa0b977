"""A survey's submissions as a file: CSV (one row per submission), XLSX, or Parquet (typed columns).

A form with repeats is written as linked tables instead (``citybridge.web.repeats.export``, the
same files as the submissions page's): a ZIP of one CSV or Parquet file per table, or an XLSX
with one sheet per table.
"""

from __future__ import annotations

import io

import polars as pl

from citybridge.exports.linked import write_xlsx
from citybridge.exports.safety import safe_frame
from citybridge.web.repeats.export import has_repeats, linked_file
from citybridge.web.surveys.analysis import survey_frame
from citybridge.web.surveys.models import Survey

MEDIA_TYPES = {
    "csv": "text/csv",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "parquet": "application/vnd.apache.parquet",
    "zip": "application/zip",
}


def submissions_file(survey: Survey, file_format: str, raw: bool = False) -> tuple[bytes, str, str]:
    """(content, media type, file name) of every submission, typed by the survey's current form.

    CSV and XLSX cells a spreadsheet would run as formulas get an apostrophe unless ``raw``."""
    if has_repeats(survey):
        content, media_type, suffix = linked_file(survey, file_format, raw=raw)
        return content, media_type, f"{survey.slug}-submissions.{suffix}"
    frame = survey_frame(survey)
    if file_format == "xlsx":
        content = write_xlsx({survey.slug: frame}, raw)
    else:
        buffer = io.BytesIO()
        if file_format == "parquet":
            frame.write_parquet(buffer)
        else:
            safe_frame(flat_csv(frame), raw).write_csv(buffer)
        content = buffer.getvalue()
    return content, MEDIA_TYPES[file_format], f"{survey.slug}-submissions.{file_format}"


def flat_csv(frame: pl.DataFrame) -> pl.DataFrame:
    """Multiple choices joined by spaces, as XLSForm tools (KoboToolbox, ODK) write them in CSV."""
    lists = [name for name, dtype in frame.schema.items() if isinstance(dtype, pl.List)]
    return frame.with_columns(pl.col(name).list.join(" ") for name in lists)
