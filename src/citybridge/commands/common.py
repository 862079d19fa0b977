"""What every command of the ``citybridge`` CLI shares: the consoles, the user's error, the store check,
tables, days, progress bars and the listing of problems.

Command modules import from here and never from ``citybridge.cli``, which only assembles the app: the
CLI is one wing without a circle. The names keep the leading underscore they had in ``cli.py`` so the
command modules read the same as before the move.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

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

from citybridge.messages import DAY_AS_ISO, NO_SUCH_FILE, STORE_NOT_READY, say

if TYPE_CHECKING:
    import datetime as dt

    from citybridge.submissions import Problem

console = Console(highlight=False)
errors = Console(stderr=True, highlight=False)
_SHOWN_PROBLEMS = 25


class UserError(Exception):
    """A problem the user can fix; printed as one message, without a traceback."""


def _store(migrate: bool = False) -> None:
    from citybridge.web import bootstrap

    if migrate:
        bootstrap.migrate()
    elif not bootstrap.store_is_ready():
        raise UserError(say(STORE_NOT_READY))


def _day(text: str | None) -> dt.date | None:
    if not text:
        return None
    import datetime as dt

    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise UserError(say(DAY_AS_ISO, text=text)) from None


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
        raise UserError(say(NO_SUCH_FILE, path=path))
    return path
