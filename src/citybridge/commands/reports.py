"""``citybridge report`` and ``citybridge booklet``: the training's documents in every format and language."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from citybridge.commands.common import UserError, _day, _existing, _progress, _store, console
from citybridge.reports.i18n import LANGUAGES

REPORT_LANGUAGES = LANGUAGES  # reports/i18n: the languages a report is written in


def report(
    training: Annotated[str, typer.Option(help="Training id or slug.")],
    survey: Annotated[
        str | None, typer.Option(help="The survey to report on (default: the training's).")
    ] = None,
    as_of: Annotated[
        str | None,
        typer.Option("--as-of", help="Figures as of this day (YYYY-MM-DD); default: everything received."),
    ] = None,
    compare: Annotated[
        str | None, typer.Option(help="Add what changed since this earlier day (YYYY-MM-DD).")
    ] = None,
    lang: Annotated[str, typer.Option("--lang", help=f"{', '.join(LANGUAGES)}, or all.")] = "en",
    fmt: Annotated[str, typer.Option("--format", help="html, pdf, docx, or all.")] = "all",
    out: Annotated[Path, typer.Option(help="Folder for the report files.")] = Path("reports"),
) -> None:
    """Write the evaluation and needs-assessment report of a training (HTML, PDF, DOCX)."""
    _store()
    for path in write_reports(
        training, survey, _day(as_of), _day(compare), _languages(lang), _formats(fmt), out
    ):
        console.print(f"Wrote {path}")


def write_reports(training_ref, survey_ref, day, since, languages, formats, out: Path) -> list[Path]:
    from citybridge.reports.build import build_report
    from citybridge.reports.i18n import Translator
    from citybridge.reports.output import write_document
    from citybridge.web.reporting import evaluation_survey, report_inputs
    from citybridge.web.surveys.store import find_training

    found = find_training(training_ref)
    chosen = evaluation_survey(found, survey_ref)
    written: list[Path] = []
    with _progress("Writing the report") as advance:
        for language in languages:
            inputs = report_inputs(found, survey=chosen, as_of=day, compare=since, language=language)
            document = build_report(inputs, Translator(language))
            stem = f"report-{found.slug}-{language}" + (f"-{day.isoformat()}" if day else "")
            written += write_document(document, out, stem, formats)
            advance(1)
    return written


def booklet(
    training: Annotated[str, typer.Option(help="Training id or slug.")],
    practices: Annotated[
        Path, typer.Option(help="The good practices (JSON), e.g. examples/uzbekistan-2020/practices.json.")
    ],
    lang: Annotated[str, typer.Option("--lang", help=f"{', '.join(LANGUAGES)}, or all.")] = "en",
    fmt: Annotated[str, typer.Option("--format", help="html, pdf, docx, or all.")] = "all",
    out: Annotated[Path, typer.Option(help="Folder for the booklet files.")] = Path("reports"),
) -> None:
    """Write the knowledge booklet: the programme's good practices, and which speak to each priority."""
    _store()
    for path in write_booklets(training, _existing(practices), _languages(lang), _formats(fmt), out):
        console.print(f"Wrote {path}")


def write_booklets(training_ref, practices_path: Path, languages, formats, out: Path) -> list[Path]:
    from citybridge.knowledge.booklet import build_booklet
    from citybridge.knowledge.practices import read_practices
    from citybridge.reports.i18n import Translator
    from citybridge.reports.output import write_document
    from citybridge.web.reporting import priority_counts, training_summary
    from citybridge.web.surveys.store import find_training

    found = find_training(training_ref)
    practices = read_practices(practices_path)
    priorities = priority_counts(found)
    written: list[Path] = []
    for language in languages:
        document = build_booklet(
            training_summary(found, language), practices, priorities, Translator(language), language=language
        )
        written += write_document(document, out, f"booklet-{found.slug}-{language}", formats)
    return written


def _languages(text: str) -> tuple[str, ...]:
    if text == "all":
        return REPORT_LANGUAGES
    if text not in REPORT_LANGUAGES:
        raise UserError(f"--lang '{text}': choose from {', '.join(REPORT_LANGUAGES)} or all.")
    return (text,)


def _formats(text: str) -> tuple[str, ...]:
    from citybridge.reports.output import parse_formats

    try:
        return parse_formats(text)
    except ValueError as exc:
        raise UserError(f"--format {exc}") from None
