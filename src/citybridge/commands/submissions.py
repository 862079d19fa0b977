"""``citybridge submissions import``: validate an export of another survey tool and store it;
``citybridge submissions export``: write a survey's submissions as the API and the web page do."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from citybridge.commands.common import (
    UserError,
    _existing,
    _print_problems,
    _progress,
    _store,
    console,
    errors,
)
from citybridge.messages import FILE_REJECTED, say

app = typer.Typer(
    help="Import submissions exported from other survey tools, or export a survey's.", no_args_is_help=True
)


class ExportFormat(StrEnum):
    csv = "csv"
    xlsx = "xlsx"
    parquet = "parquet"


@app.command("import")
def submissions_import(
    file: Annotated[
        Path,
        typer.Argument(help="Export from KoboToolbox, ODK Central, Google Forms, SurveyMonkey, or JSON."),
    ],
    survey: Annotated[str, typer.Option(help="Survey id or slug.")],
    skip_invalid: Annotated[
        bool, typer.Option("--skip-invalid", help="Store the valid rows; write the rejected ones to a file.")
    ] = False,
    rejected_file: Annotated[
        Path | None, typer.Option(help="Where to write rejected rows (default: FILE.rejected.csv).")
    ] = None,
    source_format: Annotated[
        str,
        typer.Option("--format", help="auto, kobotoolbox, odk-central, google-forms, surveymonkey or json."),
    ] = "auto",
    timezone: Annotated[str, typer.Option(help="Time zone of timestamps written without an offset.")] = "UTC",
) -> None:
    """Validate an export against the survey's form and store its new submissions, once each."""
    _store()
    from citybridge.web.errors import ImportRejected
    from citybridge.web.imports import import_file
    from citybridge.web.surveys.store import find_survey

    target = find_survey(survey)
    with _progress(f"Importing {file.name}") as advance:
        try:
            report = import_file(
                target,
                _existing(file),
                skip_invalid=skip_invalid,
                source_format=source_format,
                timezone_name=timezone,
                progress=advance,
            )
        except ImportRejected as rejected:
            _print_problems(rejected.problems)
            counts = {"problems": rejected.problem_count, "rows": rejected.total}
            raise UserError(say(FILE_REJECTED, file=file.name, **counts)) from None
    for note in report.unchecked:
        errors.print(f"note: {note}")
    if report.rejected:
        _print_problems(report.problems)
        path = rejected_file or file.with_name(f"{file.stem}.rejected.csv")
        _write_rejected(report, path)
        console.print(f"Rejected rows with their reasons: {path}")
    console.print(
        f"{file.name}: {report.new} new, {report.already_present} already present, {report.rejected} rejected."
    )


def _write_rejected(report, path: Path) -> None:
    import polars as pl

    reasons: dict[int, list[str]] = {}
    for problem in report.problems:
        if problem.row is not None:
            reasons.setdefault(problem.row, []).append(f"{problem.column}: {problem.reason}")
    frame = report.rejected_rows.with_columns(
        pl.col("_row")
        .map_elements(lambda r: "; ".join(reasons.get(r, [])), return_dtype=pl.Utf8)
        .alias("reasons")
    )
    names = {c: report.headers.get(c, c) for c in frame.columns if c != "_row"}
    from citybridge.exports.safety import safe_frame

    safe_frame(frame.rename({"_row": "row", **names})).write_csv(path)


@app.command("export")
def submissions_export(
    survey: Annotated[str, typer.Option(help="Survey id or slug.")],
    file_format: Annotated[
        ExportFormat, typer.Option("--format", help="csv, xlsx or parquet.")
    ] = ExportFormat.csv,
    out: Annotated[Path, typer.Option(help="Folder to write the file in.")] = Path("."),
    raw: Annotated[
        bool, typer.Option("--raw", help="Write cells as stored, without the apostrophe before formulas.")
    ] = False,
) -> None:
    """Write every submission of the survey, as the API's export does: one row per submission, or
    for a form with repeats ODK Central's linked tables (a ZIP of CSV or Parquet files, one per
    table, or an XLSX with a sheet per table)."""
    _store()
    from citybridge.web.api.exports import submissions_file
    from citybridge.web.surveys.store import find_survey

    content, _, name = submissions_file(find_survey(survey), file_format.value, raw)
    out.mkdir(parents=True, exist_ok=True)
    path = out / name
    path.write_bytes(content)
    console.print(f"{path}: {len(content):,} bytes.")
