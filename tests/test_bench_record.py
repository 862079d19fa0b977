"""bench/common.record: a benchmark's row goes into its own section's table, and only there."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

_spec = importlib.util.spec_from_file_location(
    "bench_common", Path(__file__).resolve().parents[1] / "bench" / "common.py"
)
assert _spec is not None and _spec.loader is not None
common = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(common)

DOCS = """# Benchmarks

## Ingest: `bench/ingest.py`

| date | machine | command | result |
| --- | --- | --- | --- |
| 2026-11-01 | m | c | PASS |

Some words after the ingest table.

## Web: `bench/web.py`

| date | machine | command | result |
| --- | --- | --- | --- |
| 2026-11-23 | m | c | FAIL |
"""


@pytest.fixture
def docs(tmp_path, monkeypatch):
    path = tmp_path / "benchmarks.md"
    path.write_text(DOCS, encoding="utf-8")
    monkeypatch.setattr(common, "DOCS", path)
    return path


def test_a_row_goes_to_its_own_section_not_the_last_table(docs):
    common.record("## Ingest: `bench/ingest.py`", "unused", ["2026-11-24", "m", "c", "PASS"])
    text = docs.read_text(encoding="utf-8")
    ingest, web = text.split("## Web")
    assert "| 2026-11-24 | m | c | PASS |" in ingest
    assert "2026-11-24" not in web
    assert ingest.index("2026-11-24") < ingest.index("Some words after")


def test_a_row_of_the_same_date_machine_and_command_is_replaced(docs):
    common.record("## Web: `bench/web.py`", "unused", ["2026-11-23", "m", "c", "PASS"])
    web = docs.read_text(encoding="utf-8").split("## Web")[1]
    assert "| 2026-11-23 | m | c | PASS |" in web and "FAIL" not in web


def test_a_new_section_is_added_with_its_introduction(docs):
    intro = "## Matching\n\nWords.\n\n| date | machine | command | result |\n| --- | --- | --- | --- |\n"
    common.record("## Matching", intro, ["2026-11-24", "m", "c", "PASS"])
    assert docs.read_text(encoding="utf-8").endswith("| --- | --- | --- | --- |\n| 2026-11-24 | m | c | PASS |\n")
