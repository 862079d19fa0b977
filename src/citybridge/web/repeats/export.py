"""A repeat survey's stored submissions and instances as ODK Central's linked tables, in a file.

The one implementation behind every export of a form with repeats: the submissions page, the
API and the command line all call ``linked_file``. Each table row has its own ``KEY`` and, in a
repeat's table, its parent's ``PARENT_KEY`` (the submission, or the outer instance of a nested
repeat), as ODK Central writes them and as ``citybridge import`` reads them back.
"""

from __future__ import annotations

from collections.abc import Callable

import polars as pl
from django.db.models import TextField
from django.db.models.functions import Cast

from citybridge.analysis.data import from_stored
from citybridge.exports.linked import write_csv_zip, write_parquet_zip, write_xlsx
from citybridge.forms.model import Form
from citybridge.submissions.linked import PARENT_KEY, linked_tables
from citybridge.web.repeats.models import RepeatInstance
from citybridge.web.surveys.analysis import survey_frame
from citybridge.web.surveys.models import Survey

ZIP = "application/zip"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# format asked for -> (file suffix, media type): CSV and Parquet hold one file per table, zipped.
LINKED_FILES = {"csv": ("zip", ZIP), "xlsx": ("xlsx", XLSX), "parquet": ("zip", ZIP)}

Hide = Callable[[Form, pl.DataFrame], pl.DataFrame]  # pseudonymises a typed frame of a form's answers


def has_repeats(survey: Survey) -> bool:
    return bool(survey.current_version().form().repeats)


def linked_file(
    survey: Survey, fmt: str, *, raw: bool = False, hide: Hide | None = None
) -> tuple[bytes, str, str]:
    """(content, media type, suffix) of every submission of ``survey`` and every stored instance.

    ``hide`` is applied to the submissions' frame and to each repeat's (personal answers inside a
    repeat are as personal as outside); CSV and XLSX cells are neutralised unless ``raw``.
    """
    tables = survey_tables(survey, hide)
    suffix, media_type = LINKED_FILES[fmt]
    if fmt == "csv":
        return write_csv_zip(tables, raw), media_type, suffix
    if fmt == "xlsx":
        return write_xlsx(tables, raw), media_type, suffix
    return write_parquet_zip(tables), media_type, suffix


def survey_tables(survey: Survey, hide: Hide | None = None) -> dict[str, pl.DataFrame]:
    """The typed linked tables of ``survey``: submissions first, then each repeat, outer before inner."""
    form = survey.current_version().form()
    submissions = survey_frame(survey)
    instances = {}
    for repeat in form.repeats:
        repeat_form = form.repeat_form(repeat)
        frame = _instances(survey, repeat, repeat_form)
        instances[repeat] = hide(repeat_form, frame) if hide else frame
    return linked_tables(form, hide(form, submissions) if hide else submissions, instances)


def _instances(survey: Survey, repeat: str, form: Form) -> pl.DataFrame:
    """One repeat's stored instances, typed, each with its parent's key (an outer instance's, or
    its submission's instance id for a repeat at the top level)."""
    # The answers come back as the stored JSON text: decoding them is Polars' job, as in survey_frame.
    rows = (
        RepeatInstance.objects.filter(submission__survey=survey, repeat=repeat)
        .order_by("submission_id", "id")
        .annotate(text=Cast("answers", output_field=TextField()))
        .values_list("key", "text", "parent__key", "submission__instance_id")
    )
    keys, answers, parents = [], [], []
    for key, text, parent, submission in rows.iterator(chunk_size=10_000):
        keys.append(key)
        answers.append(text)
        parents.append(parent or submission)
    frame = from_stored(form, keys, [None] * len(keys), answers)
    return frame.with_columns(pl.Series(PARENT_KEY, parents, pl.Utf8))
