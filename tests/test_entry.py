"""The console script caps Polars' threads for imports on small machines, and only then."""

from __future__ import annotations

import pytest

from citybridge import entry


@pytest.mark.parametrize(
    ("argv", "cores", "capped"),
    [
        (["--data-dir", "x", "submissions", "import", "f.csv", "--survey", "s"], 2, True),
        (["submissions", "import", "f.csv"], 8, False),
        (["report", "--training", "t"], 2, False),
    ],
)
def test_polars_threads_are_capped_only_for_imports_on_two_cores(monkeypatch, argv, cores, capped):
    monkeypatch.delenv("POLARS_MAX_THREADS", raising=False)
    monkeypatch.setattr(entry.os, "cpu_count", lambda: cores)
    entry.cap_polars_threads_for_imports(argv)
    assert (entry.os.environ.get("POLARS_MAX_THREADS") == "1") is capped


def test_the_users_own_thread_count_wins(monkeypatch):
    monkeypatch.setenv("POLARS_MAX_THREADS", "4")
    monkeypatch.setattr(entry.os, "cpu_count", lambda: 2)
    entry.cap_polars_threads_for_imports(["submissions", "import", "f.csv"])
    assert entry.os.environ["POLARS_MAX_THREADS"] == "4"
