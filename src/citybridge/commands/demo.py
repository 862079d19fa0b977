"""``citybridge demo``: the example training loaded into a fresh store, its results and documents written."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path
from typing import Annotated

import typer

from citybridge.commands.common import _existing, _progress, _store, console, errors
from citybridge.commands.reports import REPORT_LANGUAGES, write_booklets, write_reports
from citybridge.commands.store import print_status
from citybridge.commands.waves import demo_follow_up
from citybridge.reports.output import FORMATS, pdfs_left_out_without_fonts

EXAMPLE = Path(__file__).resolve().parents[3] / "examples" / "uzbekistan-2020"


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
    print_status(training.slug)
    _print_key_results(training)
    demo_follow_up(training, EXAMPLE)
    with pdfs_left_out_without_fonts() as left_out:  # a machine without the fonts still gets the rest
        written = write_reports(training.slug, None, None, None, REPORT_LANGUAGES, FORMATS, out)
        written += write_booklets(training.slug, EXAMPLE / "practices.json", REPORT_LANGUAGES, FORMATS, out)
    written.append(_write_matches(training, out))
    console.print(f"Reports and booklets ({len(written)} files) in {out.resolve()}:")
    for path in written:
        console.print(f"  {path}")
    if left_out:
        errors.print(left_out.message())
    console.print(f"Store: {store.resolve()}")
    console.print(
        f"Browse it: citybridge --data-dir {store} createuser admin --admin, then "
        f"citybridge --data-dir {store} serve"
    )


def _write_matches(training, out: Path) -> Path:
    """The partner suggestions, the optimal and greedy assignments and the quality check, as JSON."""
    from citybridge.web.partnerships.matching import matching_result

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
