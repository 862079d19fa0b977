"""``citybridge analyze``: every indicator of a survey, from files or from the store."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer

from citybridge.commands.common import (
    UserError,
    _day,
    _existing,
    _print_problems,
    _store,
    _table,
    console,
    errors,
)
from citybridge.forms import load_xlsform


def analyze(
    form: Annotated[Path | None, typer.Option(help="The XLSForm (file mode, with --data).")] = None,
    data: Annotated[Path | None, typer.Option(help="An export of submissions (CSV, XLSX or JSON).")] = None,
    survey: Annotated[str | None, typer.Option(help="A stored survey (id or slug) instead of files.")] = None,
    indicators: Annotated[
        Path | None, typer.Option(help="Indicators file (default: the one beside the form).")
    ] = None,
    as_of: Annotated[
        str | None,
        typer.Option("--as-of", help="Only submissions received up to this day (YYYY-MM-DD, UTC)."),
    ] = None,
    by: Annotated[str | None, typer.Option(help="Disaggregate by this select question, e.g. city.")] = None,
    lang: Annotated[
        str, typer.Option("--lang", help="Language of labels: en, ru, uz-Latn, uz-Cyrl, zh.")
    ] = "en",
    registered: Annotated[
        int | None, typer.Option(help="Registered participants, for the response rate (file mode).")
    ] = None,
    timezone: Annotated[str, typer.Option(help="Time zone of export timestamps without one.")] = "UTC",
    as_json: Annotated[
        bool, typer.Option("--json", help="Print one JSON document (schema: docs/analysis.md).")
    ] = False,
    waves: Annotated[str | None, typer.Option(help="Instead: a training's waves compared per participant.")] = None,
) -> None:
    """Compute every indicator of a survey (from files, or from the store with --survey)."""
    from citybridge.analysis.export import analysis_json

    if waves:
        from citybridge.commands.waves import analyze_waves

        return analyze_waves(waves, as_json, lang)
    day = _day(as_of)
    if survey:
        _store()
        from citybridge.web.surveys.analysis import analyze_survey
        from citybridge.web.surveys.store import find_survey

        result = analyze_survey(find_survey(survey), as_of=day, by=by, language=lang)
    elif form and data:
        result = _analyze_files(
            _existing(form), _existing(data), indicators, day, by, lang, registered, timezone
        )
    else:
        raise UserError("give --form FORM --data FILE, or --survey S.")
    if as_json:
        sys.stdout.write(json.dumps(analysis_json(result), ensure_ascii=False, indent=2) + "\n")
    else:
        _print_analysis(result)


def _analyze_files(form_path, data_path, spec_path, day, by, lang, registered, timezone):
    from citybridge.analysis.compute import analyze as compute
    from citybridge.analysis.data import from_export
    from citybridge.analysis.spec import IndicatorSpec, read_spec, spec_path_for

    loaded = load_xlsform(form_path)
    spec_path = spec_path or spec_path_for(form_path)
    spec = read_spec(_existing(spec_path)) if spec_path else IndicatorSpec()
    respondents = from_export(loaded, data_path, timezone=timezone)
    if respondents.rejected:
        errors.print(f"{respondents.rejected} row(s) of {data_path.name} failed validation and are left out:")
        _print_problems(list(respondents.problems))
    return compute(
        loaded, respondents.frame, spec=spec, as_of=day, by=by, language=lang, registered=registered
    )


def _print_analysis(result) -> None:
    from citybridge.analysis.summary import headline

    when = f"as of {result.as_of}" if result.as_of else "all submissions"
    rate = f", response rate {result.response_rate:.0%}" if result.response_rate is not None else ""
    console.print(f"{result.title}: {result.respondents} respondents ({when}){rate}.")
    table = _table("question", "kind", "base", "missing", "headline")
    for indicator in result.indicators.values():
        table.add_row(
            indicator.name, indicator.kind, str(indicator.base), str(indicator.missing), headline(indicator)
        )
    console.print(table)
    for group in result.groups:
        caution = " (small base: read with care)" if group.small_base else ""
        console.print(f"{result.by} = {group.label}: {group.respondents} respondents{caution}")
