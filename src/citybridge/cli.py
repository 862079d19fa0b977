"""The ``citybridge`` command: the Typer app assembled from the command groups under ``commands/``.

Each group owns its commands; what they share lives in ``commands/common.py``. This module only
wires them, applies the global options and turns known errors into one line without a traceback.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Annotated

import typer

from citybridge.commands import analysis as analysis_commands
from citybridge.commands import backup as backup_commands
from citybridge.commands import cities as cities_commands
from citybridge.commands import demo as demo_commands
from citybridge.commands import leads as leads_commands
from citybridge.commands import matching as matching_commands
from citybridge.commands import participants as participants_commands
from citybridge.commands import places as places_commands
from citybridge.commands import reports as reports_commands
from citybridge.commands import server as server_commands
from citybridge.commands import store as store_commands
from citybridge.commands import submissions as submissions_commands
from citybridge.commands import survey as survey_commands
from citybridge.commands import texts as texts_commands
from citybridge.commands import token as token_commands
from citybridge.commands import training as training_commands
from citybridge.commands import waves as waves_commands
from citybridge.commands.common import UserError, errors
from citybridge.forms import FormError
from citybridge.messages import RUN_WITH_DEBUG, UNEXPECTED, say

app = typer.Typer(
    help="citybridge: survey, evaluate and broker partnerships for a city officials' training.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)
app.add_typer(training_commands.app, name="training")
app.add_typer(survey_commands.app, name="survey")
app.add_typer(submissions_commands.app, name="submissions")
app.add_typer(participants_commands.app, name="participants")
app.add_typer(token_commands.app, name="token")
app.add_typer(leads_commands.app, name="leads")
app.add_typer(texts_commands.app, name="text")
app.add_typer(matching_commands.partners_app, name="partners")
app.add_typer(matching_commands.match_app, name="match")
app.add_typer(cities_commands.app, name="cities")
app.add_typer(places_commands.app, name="places")
app.add_typer(backup_commands.app)  # backup, restore
app.add_typer(waves_commands.app, name="waves")
app.command("serve")(server_commands.serve)
app.command("createuser")(server_commands.createuser)
app.command("worker")(server_commands.worker)
app.command("init")(store_commands.init)
app.command("status")(store_commands.status)
app.command("analyze")(analysis_commands.analyze)
app.command("report")(reports_commands.report)
app.command("booklet")(reports_commands.booklet)
app.command("demo")(demo_commands.demo)


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
    from citybridge.web.instance import SecretKeyError

    # Only Django-free modules are imported here: settings must be read after --data-dir is applied.
    expected = (
        UserError, FormError, SourceError, _TableError, FormVersionConflict, NotFound, AnalysisError, PipelineError,
        CatalogueError, WeightsError, ManualProfileError, SecretKeyError,
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
        if _missing_fonts(exc):
            errors.print(f"error: {exc}")
            sys.exit(1)
        if os.environ.get("CITYBRIDGE_DEBUG") == "1":
            raise
        errors.print(f"error: {say(UNEXPECTED, kind=type(exc).__name__, error=exc)}")
        errors.print(say(RUN_WITH_DEBUG))
        sys.exit(1)


def _missing_fonts(exc: Exception) -> bool:
    """A PDF asked for fonts this machine lacks: a known problem (its message names the packages).
    Only a command that loaded the PDF writer can raise it; importing the writer (WeasyPrint) for
    every command would slow them all."""
    pdf = sys.modules.get("citybridge.reports.pdf")
    return pdf is not None and isinstance(exc, pdf.MissingFontsError)
