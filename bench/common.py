"""What every benchmark shares: the machine line and the row it adds to docs/benchmarks.md."""

from __future__ import annotations

import os
import platform
import subprocess
from pathlib import Path

DOCS = Path(__file__).resolve().parents[1] / "docs" / "benchmarks.md"


def machine() -> dict[str, str]:
    cpu = "unknown CPU"
    if Path("/proc/cpuinfo").exists():
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    return {
        "nproc": _command_output(["nproc"]) or str(os.cpu_count()),
        "memory": _free_total(),
        "cpu": cpu,
        "python": platform.python_version(),
        "os": f"{platform.system()} {platform.release()}",
    }


def _command_output(command: list[str]) -> str:
    try:
        return subprocess.run(command, capture_output=True, text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return ""


def _free_total() -> str:
    """Total memory as `free -h` shows it (its 'Mem:' line)."""
    for line in _command_output(["free", "-h"]).splitlines():
        if line.startswith("Mem:"):
            return line.split()[1]
    return f"{os.sysconf('SC_PAGE_SIZE') * os.sysconf('SC_PHYS_PAGES') / 2**30:.0f}Gi"


def machine_text(info: dict[str, str]) -> str:
    return f"{info['nproc']} CPUs (nproc), {info['memory']} RAM (free -h), {info['cpu']}, Python {info['python']}"


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
