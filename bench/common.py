"""What every benchmark shares: the machine line and the row it adds to docs/benchmarks.md."""

from __future__ import annotations

from pathlib import Path

from ingest import machine
from ingest import machine_text as _machine_text

DOCS = Path(__file__).resolve().parents[1] / "docs" / "benchmarks.md"


def machine_text() -> str:
    info = machine()
    return f"{_machine_text(info)}, {info['os']}"


def record(section: str, intro: str, row: list[str]) -> None:
    """Add ``row`` to the table of ``section`` (created with ``intro`` the first time), replacing a
    row of the same date, machine and command; other sections stay as they are."""
    text = DOCS.read_text(encoding="utf-8") if DOCS.exists() else "# Benchmarks\n"
    if section not in text:
        text = text.rstrip("\n") + "\n\n" + intro
    head, _, rest = text.partition(section)
    lines = (section + rest).splitlines()
    next_section = next((i for i, line in enumerate(lines[1:], 1) if line.startswith("## ")), len(lines))
    body, after = lines[:next_section], lines[next_section:]
    table_end = max(i for i, line in enumerate(body) if line.startswith("|")) + 1
    key = row[:3]
    kept = [
        line for line in body[:table_end]
        if not (line.startswith("| ") and [c.strip() for c in line.strip("|").split(" | ")][:3] == key)
    ]  # fmt: skip
    lines = [*kept, "| " + " | ".join(row) + " |", *body[table_end:], *after]
    DOCS.write_text(head + "\n".join(lines).rstrip("\n") + "\n", encoding="utf-8")
