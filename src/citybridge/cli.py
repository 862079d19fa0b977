"""The ``citybridge`` command: file-to-file work through the core, store-backed work through the shell."""

from __future__ import annotations

import json
import os
import shutil
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    SpinnerColumn,
    TextColumn,
    TimeElapsedColumn,
)
from rich.table import Table

from citybridge.commands import cities as cities_commands
from citybridge.commands import leads as leads_commands
from citybridge.commands import matching as matching_commands
from citybridge.commands import places as places_commands
from citybridge.commands import server as server_commands
from citybridge.commands import waves as waves_commands
from citybridge.forms import FormError, load_xlsform
from citybridge.reports.output import FORMATS
from citybridge.submissions import Problem

app = typer.Typer(
    help="citybridge: survey, evaluate and broker partnerships for a city officials' training.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)
training_app = typer.Typer(help="Create and list trainings.", no_args_is_help=True)
survey_app = typer.Typer(help="Add XLSForm surveys to a training, or check a form.", no_args_is_help=True)
submissions_app = typer.Typer(
    help="Import submissions exported from other survey tools.", no_args_is_help=True
)
participants_app = typer.Typer(help="Import a training's registration list.", no_args_is_help=True)
token_app = typer.Typer(help="Issue API tokens.", no_args_is_help=True)
app.add_typer(training_app, name="training")
app.add_typer(survey_app, name="survey")
app.add_typer(submissions_app, name="submissions")
app.add_typer(participants_app, name="participants")
app.add_typer(token_app, name="token")
app.add_typer(leads_commands.app, name="leads")
app.add_typer(matching_commands.partners_app, name="partners")
app.command("match")(matching_commands.match)
app.add_typer(cities_commands.app, name="cities")
app.add_typer(places_commands.app, name="places")
app.command("serve")(server_commands.serve)
app.command("createuser")(server_commands.createuser)
app.command("worker")(server_commands.worker)
app.add_typer(waves_commands.app, name="waves")

console = Console(highlight=False)
errors = Console(stderr=True, highlight=False)
EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "uzbekistan-2020"
_SHOWN_PROBLEMS = 25


class UserError(Exception):
    """A problem the user can fix; printed as one message, without a traceback."""


@app.callback()
def main(
    data_dir: Annotated[
        Path | None,
        typer.Option(help="Folder of the SQLite store [env: CITYBRIDGE_DATA_DIR].", show_default=False),
    ] = None,
    database_url: Annotated[
        str | None, typer.Option(help="Use this database instead, e.g. postgres://... [env: DATABASE_URL].")
    ] = None,
) -> None:
    if data_dir is not None:
        os.environ["CITYBRIDGE_DATA_DIR"] = str(data_dir)
    if database_url is not None:
        os.environ["DATABASE_URL"] = database_url


def _store(migrate: bool = False) -> None:
    from citybridge.web import bootstrap

    if migrate:
        bootstrap.migrate()
    elif not bootstrap.store_is_ready():
        raise UserError("the store is not set up (or not up to date): run 'citybridge init' first.")


@app.command()
def init() -> None:
    """Create the store (or bring its tables up to date)."""
    _store(migrate=True)
    from django.conf import settings

    database = settings.DATABASES["default"]
    console.print(f"Store ready: {database['NAME']} ({database['ENGINE'].rsplit('.', 1)[-1]}).")


@training_app.command("create")
def training_create(
    title: Annotated[str, typer.Argument(help="The training's title.")],
    slug: Annotated[
        str | None, typer.Option(help="Short name used in commands (default: from the title).")
    ] = None,
    starts_on: Annotated[str | None, typer.Option(help="First day, YYYY-MM-DD.")] = None,
    ends_on: Annotated[str | None, typer.Option(help="Last day, YYYY-MM-DD.")] = None,
) -> None:
    """Create a training and print its id."""
    import datetime as dt

    _store()
    from citybridge.web.trainings.store import create_training

    try:
        dates = {
            k: dt.date.fromisoformat(v) for k, v in (("starts_on", starts_on), ("ends_on", ends_on)) if v
        }
    except ValueError as exc:
        raise UserError(f"dates are written YYYY-MM-DD ({exc}).") from exc
    training = create_training(title, slug=slug, **dates)
    console.print(f"Created training {training.pk} ({training.slug}).")


@training_app.command("list")
def training_list() -> None:
    """List the trainings in the store."""
    _store()
    from citybridge.web.trainings.models import Training

    table = _table("id", "slug", "title", "dates")
    for training in Training.objects.order_by("pk"):
        dates = f"{training.starts_on or ''} – {training.ends_on or ''}".strip(" –")
        table.add_row(str(training.pk), training.slug, training.title, dates)
    console.print(table)


@training_app.command("load-programme")
def training_load_programme(
    file: Annotated[
        Path, typer.Argument(help="A programme JSON file (see examples/uzbekistan-2020/programme.json).")
    ],
) -> None:
    """Create or refresh a training with its lectures and speakers from a programme file."""
    _store()
    from citybridge.web.trainings.store import load_programme

    training = load_programme(_existing(file))
    console.print(f"Training {training.pk} ({training.slug}): {training.lectures.count()} lectures.")


@survey_app.command("add")
def survey_add(
    form: Annotated[Path, typer.Argument(help="The XLSForm (.xlsx, .xls, .csv or .md).")],
    training: Annotated[str, typer.Option(help="Training id or slug.")],
    slug: Annotated[
        str | None, typer.Option(help="Short name for the survey (default: the form_id).")
    ] = None,
    indicators: Annotated[
        Path | None,
        typer.Option(help="Indicators file for the report (default: FORM.indicators.toml or indicators.toml beside it)."),
    ] = None,
) -> None:
    """Add an XLSForm to a training (a new version if its form_id is known) and print the survey id."""
    _store()
    from citybridge.web.surveys.analysis import attach_spec
    from citybridge.web.surveys.store import add_survey, find_training

    survey, version, is_new = add_survey(find_training(training), _existing(form), slug=slug)
    spec = attach_spec(survey, form, _existing(indicators) if indicators else None)
    state = "added" if is_new else "already present"
    console.print(
        f"Survey {survey.pk} ({survey.slug}), form '{survey.form_id}' version '{version.version}' {state}: "
        f"{len(version.form().answer_questions)} questions."
    )
    if spec:
        console.print(f"Indicators: {spec}")


@survey_app.command("check")
def survey_check(form: Annotated[Path, typer.Argument(help="The XLSForm to check.")]) -> None:
    """Read an XLSForm through pyxform and list its questions, without touching the store."""
    loaded = load_xlsform(_existing(form))
    table = _table("path", "type", "label", "required", "rules")
    for question in loaded.questions:
        rules = ", ".join(k for k in ("relevant", "constraint", "calculation") if getattr(question, k))
        table.add_row(
            question.path,
            question.type,
            question.label(loaded.default_language),
            "yes" if question.required else "",
            rules,
        )
    console.print(table)
    console.print(
        f"Form '{loaded.form_id}' version '{loaded.version}', languages: {', '.join(loaded.languages)}."
    )


@submissions_app.command("import")
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
    from citybridge.web.surveys.store import find_survey, import_file

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
            raise UserError(
                f"{file.name}: {rejected.problem_count} problem(s) in {rejected.total} row(s); nothing was stored. "
                "Fix the file, or use --skip-invalid to store the valid rows."
            ) from None
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
    frame.rename({"_row": "row", **names}).write_csv(path)


@participants_app.command("import")
def participants_import(
    file: Annotated[
        Path, typer.Argument(help="CSV or XLSX: name, position, organisation, city, email, phone, consent.")
    ],
    training: Annotated[str, typer.Option(help="Training id or slug.")],
    skip_invalid: Annotated[
        bool, typer.Option("--skip-invalid", help="Store the valid rows, list the others.")
    ] = False,
) -> None:
    """Import a registration list; re-importing the same people adds nothing."""
    _store()
    from citybridge.web.errors import RegistrationsRejected
    from citybridge.web.surveys.store import find_training
    from citybridge.web.trainings.store import import_registrations

    target = find_training(training)
    with _progress(f"Importing {file.name}"):
        try:
            report = import_registrations(target, _existing(file), skip_invalid=skip_invalid)
        except RegistrationsRejected as rejected:
            _print_problems(rejected.problems)
            raise UserError(
                f"{file.name}: {len(rejected.problems)} problem(s); nothing was stored. "
                "Fix the file, or use --skip-invalid to store the valid rows."
            ) from None
    if report.problems:
        _print_problems(report.problems)
    console.print(
        f"{file.name}: {report.new} new, {report.already_present} already present, {report.rejected} rejected."
    )


@app.command()
def status(
    training: Annotated[str | None, typer.Option(help="Only this training (id or slug).")] = None,
) -> None:
    """Per training: registered participants, respondents and response rate."""
    _store()
    _print_status(training)


def _print_status(training_ref: str | None = None) -> None:
    from citybridge.web.status import training_status
    from citybridge.web.surveys.store import find_training
    from citybridge.web.trainings.models import Training

    trainings = [find_training(training_ref)] if training_ref else list(Training.objects.order_by("pk"))
    if not trainings:
        console.print("No trainings yet: create one with 'citybridge training create TITLE'.")
    for row in (training_status(t) for t in trainings):
        rate = "no registrations" if row.response_rate is None else f"response rate {row.response_rate:.0%}"
        console.print(
            f"{row.training_id} {row.slug}: {row.registered} registered from {row.cities} cities; "
            f"{row.surveys} survey(s), {row.submissions} submission(s), {row.respondents} respondent(s); {rate}"
        )


@app.command()
def analyze(
    form: Annotated[Path | None, typer.Option(help="The XLSForm (file mode, with --data).")] = None,
    data: Annotated[Path | None, typer.Option(help="An export of submissions (CSV, XLSX or JSON).")] = None,
    survey: Annotated[str | None, typer.Option(help="A stored survey (id or slug) instead of files.")] = None,
    indicators: Annotated[
        Path | None, typer.Option(help="Indicators file (default: the one beside the form).")
    ] = None,
    as_of: Annotated[
        str | None, typer.Option("--as-of", help="Only submissions received up to this day (YYYY-MM-DD, UTC).")
    ] = None,
    by: Annotated[str | None, typer.Option(help="Disaggregate by this select question, e.g. city.")] = None,
    lang: Annotated[str, typer.Option("--lang", help="Language of labels: en, ru, uz-Latn, uz-Cyrl, zh.")] = "en",
    registered: Annotated[
        int | None, typer.Option(help="Registered participants, for the response rate (file mode).")
    ] = None,
    timezone: Annotated[str, typer.Option(help="Time zone of export timestamps without one.")] = "UTC",
    as_json: Annotated[bool, typer.Option("--json", help="Print one JSON document (schema: docs/analysis.md).")] = False,
    waves: Annotated[str | None, typer.Option(help="Instead: a training's waves compared per participant.")] = None,
) -> None:
    """Compute every indicator of a survey (from files, or from the store with --survey)."""
    from citybridge.analysis.export import analysis_json

    if waves:
        return waves_commands.analyze_waves(waves, as_json, lang)

    day = _day(as_of)
    if survey:
        _store()
        from citybridge.web.surveys.analysis import analyze_survey
        from citybridge.web.surveys.store import find_survey

        result = analyze_survey(find_survey(survey), as_of=day, by=by, language=lang)
    elif form and data:
        result = _analyze_files(_existing(form), _existing(data), indicators, day, by, lang, registered, timezone)
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
    return compute(loaded, respondents.frame, spec=spec, as_of=day, by=by, language=lang, registered=registered)


def _print_analysis(result) -> None:
    from citybridge.analysis.summary import headline

    when = f"as of {result.as_of}" if result.as_of else "all submissions"
    rate = f", response rate {result.response_rate:.0%}" if result.response_rate is not None else ""
    console.print(f"{result.title}: {result.respondents} respondents ({when}){rate}.")
    table = _table("question", "kind", "base", "missing", "headline")
    for indicator in result.indicators.values():
        table.add_row(indicator.name, indicator.kind, str(indicator.base), str(indicator.missing), headline(indicator))
    console.print(table)
    for group in result.groups:
        caution = " (small base: read with care)" if group.small_base else ""
        console.print(f"{result.by} = {group.label}: {group.respondents} respondents{caution}")


def _day(text: str | None):
    if not text:
        return None
    import datetime as dt

    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise UserError(f"--as-of '{text}': write the day as YYYY-MM-DD, e.g. 2020-11-10.") from None


REPORT_LANGUAGES = ("en", "ru", "uz-Latn", "uz-Cyrl")


@app.command()
def report(
    training: Annotated[str, typer.Option(help="Training id or slug.")],
    survey: Annotated[str | None, typer.Option(help="The survey to report on (default: the training's).")] = None,
    as_of: Annotated[
        str | None, typer.Option("--as-of", help="Figures as of this day (YYYY-MM-DD); default: everything received.")
    ] = None,
    compare: Annotated[
        str | None, typer.Option(help="Add what changed since this earlier day (YYYY-MM-DD).")
    ] = None,
    lang: Annotated[str, typer.Option("--lang", help="en, ru, uz-Latn, uz-Cyrl, or all.")] = "en",
    fmt: Annotated[str, typer.Option("--format", help="html, pdf, docx, or all.")] = "all",
    out: Annotated[Path, typer.Option(help="Folder for the report files.")] = Path("reports"),
) -> None:
    """Write the evaluation and needs-assessment report of a training (HTML, PDF, DOCX)."""
    _store()
    for path in _write_reports(training, survey, _day(as_of), _day(compare), _languages(lang), _formats(fmt), out):
        console.print(f"Wrote {path}")


def _write_reports(training_ref, survey_ref, day, since, languages, formats, out: Path) -> list[Path]:
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


@app.command()
def booklet(
    training: Annotated[str, typer.Option(help="Training id or slug.")],
    practices: Annotated[Path, typer.Option(help="The good practices (JSON), e.g. examples/uzbekistan-2020/practices.json.")],
    lang: Annotated[str, typer.Option("--lang", help="en, ru, uz-Latn, uz-Cyrl, or all.")] = "en",
    fmt: Annotated[str, typer.Option("--format", help="html, pdf, docx, or all.")] = "all",
    out: Annotated[Path, typer.Option(help="Folder for the booklet files.")] = Path("reports"),
) -> None:
    """Write the knowledge booklet: the programme's good practices, and which speak to each priority."""
    _store()
    for path in _write_booklets(training, _existing(practices), _languages(lang), _formats(fmt), out):
        console.print(f"Wrote {path}")


def _write_booklets(training_ref, practices_path: Path, languages, formats, out: Path) -> list[Path]:
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
        document = build_booklet(training_summary(found), practices, priorities, Translator(language), language=language)
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


@token_app.command("create")
def token_create(
    name: Annotated[str, typer.Argument(help="Who will use the token, e.g. 'field team'.")],
    training: Annotated[
        str, typer.Option(help="A training (id or slug) of the organisation the token acts for.")
    ],
    scope: Annotated[
        str, typer.Option(help="read: GET requests only; write: also send submissions and change leads.")
    ] = "write",
) -> None:
    """Issue an API token for the organisation of a training; it is shown once."""
    if scope not in ("read", "write"):
        raise UserError(f"--scope '{scope}': choose read (GET requests only) or write.")
    _store()
    from citybridge.web.api.models import ApiToken
    from citybridge.web.surveys.store import find_training

    organisation = find_training(training).organisation
    _, token = ApiToken.issue(organisation, name, scope=scope)
    console.print(f"Token for {organisation.name}, scope {scope} (keep it; it is not shown again):")
    console.print(token)


@app.command()
def demo(
    out: Annotated[Path, typer.Option(help="Folder for the demo's store and outputs.")] = Path(
        "citybridge-demo"
    ),
) -> None:
    """Load the example training (Uzbekistan 2020) into a fresh store, print its key results, and write
    its report and knowledge booklet in every format and language."""
    store = out / "store"
    if store.exists():
        shutil.rmtree(store)
    os.environ["CITYBRIDGE_DATA_DIR"] = str(store)
    os.environ.pop("DATABASE_URL", None)
    _store(migrate=True)
    from citybridge.web.example import load_training_folder

    with _progress("Loading the example training") as advance:
        loaded = load_training_folder(_existing(EXAMPLE), progress=advance)
    training, survey = loaded.training, loaded.survey
    console.print(f"Training: {training.title} ({training.starts_on} – {training.ends_on})")
    for lecture in training.lectures.select_related("speaker"):
        console.print(f"  {lecture.number}. {lecture.title} — {lecture.speaker}")
    console.print(f"Registrations: {loaded.registrations.new} participants.")
    version = survey.current_version()
    console.print(f"Survey: {survey.title} (form '{survey.form_id}', version {version.version}).")
    report = loaded.submissions
    console.print(
        f"Submissions: {report.new} new, {report.already_present} already present, {report.rejected} rejected."
    )
    _print_status(training.slug)
    _print_key_results(training)
    waves_commands.demo_follow_up(training, EXAMPLE)
    written = _write_reports(training.slug, None, None, None, REPORT_LANGUAGES, FORMATS, out)
    written += _write_booklets(training.slug, EXAMPLE / "practices.json", REPORT_LANGUAGES, FORMATS, out)
    written.append(_write_matches(training, out))
    console.print(f"Reports and booklets ({len(written)} files) in {out.resolve()}:")
    for path in written:
        console.print(f"  {path}")
    console.print(f"Store: {store.resolve()}")
    console.print(
        f"Browse it: citybridge --data-dir {store} createuser admin --admin, then "
        f"citybridge --data-dir {store} serve"
    )


def _write_matches(training, out: Path) -> Path:
    """The partner suggestions, the optimal and greedy assignments and the quality check, as JSON."""
    from citybridge.web.matching import matching_result

    result = matching_result(training, optimal=True, evaluate=True)
    path = out / f"matches-{training.slug}.json"
    path.write_text(json.dumps(result, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    both = result["assignments"]
    console.print(
        f"Partner matching: {len(result['suggestions'])} cities, optimal assignment total "
        f"{both['optimal']['total']:.2f} (greedy {both['greedy']['total']:.2f})."
    )
    return path


def _print_key_results(training) -> None:
    from citybridge.reports import narrative
    from citybridge.reports.i18n import Translator
    from citybridge.web.reporting import report_inputs

    inputs = report_inputs(training, language="en")
    t = Translator("en")
    topics = {name: inputs.spec.question(name).topic("en") for name in inputs.analysis.indicators}
    console.print("Key results:")
    for sentence in narrative.key_results(inputs.analysis, t, topics, list(inputs.spec.key_results) or None):
        console.print(f"  • {sentence}")


@contextmanager
def _progress(description: str) -> Iterator[Callable[[int], None]]:
    columns = (
        SpinnerColumn(),
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
    )
    with Progress(*columns, console=errors, transient=True, disable=not errors.is_terminal) as progress:
        task = progress.add_task(description, total=None)
        yield lambda n: progress.advance(task, n)


def _table(*headers: str) -> Table:
    # Fold long words (question paths, slugs) instead of cutting them: the user needs them whole.
    table = Table()
    for header in headers:
        table.add_column(header, overflow="fold")
    return table


def _print_problems(problems: list[Problem]) -> None:
    for problem in problems[:_SHOWN_PROBLEMS]:
        errors.print(f"  {problem}")
    if len(problems) > _SHOWN_PROBLEMS:
        errors.print(f"  … and {len(problems) - _SHOWN_PROBLEMS} more.")


def _existing(path: Path) -> Path:
    if not path.exists():
        raise UserError(f"{path}: no such file or folder.")
    return path


def run(argv: list[str] | None = None) -> None:
    """Entry point: known problems print one clear message; nothing prints a traceback unless asked."""
    from citybridge.analysis.indicators import AnalysisError
    from citybridge.matching.catalogue import CatalogueError
    from citybridge.matching.manual import ManualProfileError
    from citybridge.matching.weights import WeightsError
    from citybridge.pipeline.stages import PipelineError
    from citybridge.submissions.sources import SourceError
    from citybridge.submissions.tables import TableError as _TableError
    from citybridge.web.errors import FormVersionConflict, NotFound

    # Only Django-free modules are imported here: settings must be read after --data-dir is applied.
    expected = (
        UserError, FormError, SourceError, _TableError, FormVersionConflict, NotFound, AnalysisError, PipelineError,
        CatalogueError, WeightsError, ManualProfileError,
    )  # fmt: skip
    try:
        app(args=argv, prog_name="citybridge")
    except expected as exc:
        errors.print(f"error: {exc}")
        sys.exit(1)
    except KeyboardInterrupt:
        errors.print("interrupted; an import in progress was rolled back.")
        sys.exit(130)
    except Exception as exc:
        if os.environ.get("CITYBRIDGE_DEBUG") == "1":
            raise
        errors.print(f"error: unexpected {type(exc).__name__}: {exc}")
        errors.print("Run again with CITYBRIDGE_DEBUG=1 to see the details, and report it.")
        sys.exit(1)
