"""The ``citybridge`` console script: tune the process for the command asked, then run the CLI.

Settings that must exist before a library loads (Polars reads its thread count once, when it is
first imported) are made here, before ``citybridge.cli`` imports anything.
"""

from __future__ import annotations

import os
import sys


def cap_polars_threads_for_imports(argv: list[str]) -> None:
    """An import is bound by the database writes on the main thread; on a machine with few cores,
    Polars' thread pool competing with it costs more than it gives (about 10% of a 1M-row import on
    2 cores, measured with bench/ingest.py). The user's own POLARS_MAX_THREADS wins."""
    if (os.cpu_count() or 1) <= 2 and "submissions" in argv and "import" in argv:
        os.environ.setdefault("POLARS_MAX_THREADS", "1")


def main() -> None:
    cap_polars_threads_for_imports(sys.argv[1:])
    from citybridge.cli import run

    run()
