"""Benchmark: import a KoboToolbox-style CSV of N submissions of a 30-question form, validation on.

Target (issue 2): at least 50,000 rows/s on SQLite on a 2-core machine, peak memory under 2 GiB,
for 1,000,000 rows. Each measured step runs as its own process so its peak memory is its own.
Beside the import, the run measures a baseline on the same file and machine — Polars reading the
CSV, nothing else — so the figures can be compared across machines.

    uv run python bench/ingest.py                 # 1,000,000 rows
    uv run python bench/ingest.py --rows 100000   # a quick run
    uv run python bench/ingest.py --check         # exit 1 when a target is missed
    uv run python bench/ingest.py --record        # also add the result to docs/benchmarks.md
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "bench" / "out"
TARGET_ROWS_PER_S = 50_000
TARGET_PEAK_MIB = 2048

AGREE = ["strongly_agree", "agree", "neutral", "disagree", "strongly_disagree"]
OPTIONS = ["sme", "trade", "digital", "tourism", "industry", "education", "ppp", "science"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000, help="submissions to import (default 1,000,000)")
    parser.add_argument("--check", action="store_true", help="exit 1 when a target is missed")
    parser.add_argument("--record", action="store_true", help="append the result to docs/benchmarks.md")
    args = parser.parse_args()

    OUT.mkdir(parents=True, exist_ok=True)
    form = write_form(OUT / "form-30.xlsx")
    data = OUT / f"submissions-{args.rows}.csv"
    if not data.exists():
        print(f"generating {args.rows:,} rows …", flush=True)
        write_submissions(data, args.rows)
    store = OUT / f"store-{args.rows}"
    shutil.rmtree(store, ignore_errors=True)
    for step in (["init"], ["training", "create", "Bench"], ["survey", "add", str(form), "--training", "bench"]):
        citybridge(store, *step)

    baseline = measure([sys.executable, "-c", f"import polars as pl; pl.read_csv({str(data)!r}, infer_schema=False)"])
    first = measure(citybridge_command(store, "submissions", "import", str(data), "--survey", "bench30"))
    again = measure(citybridge_command(store, "submissions", "import", str(data), "--survey", "bench30"))
    result = {
        "rows": args.rows,
        "import_s": first["seconds"],
        "rows_per_s": args.rows / first["seconds"],
        "peak_mib": first["peak_mib"],
        "reimport_rows_per_s": args.rows / again["seconds"],
        "baseline_read_s": baseline["seconds"],
        "baseline_peak_mib": baseline["peak_mib"],
    }
    report(result, first["output"], again["output"])
    if args.record:
        record(result, " ".join(["uv run python bench/ingest.py", *sys.argv[1:]]))
    missed = result["rows_per_s"] < TARGET_ROWS_PER_S or result["peak_mib"] > TARGET_PEAK_MIB
    if args.check and missed:
        sys.exit(1)


def write_form(path: Path) -> Path:
    """A 30-question XLSForm: the mix of types a real evaluation survey has."""
    import openpyxl

    workbook = openpyxl.Workbook()
    survey = workbook.active
    survey.title = "survey"
    survey.append(["type", "name", "label::English (en)", "required", "constraint", "relevant"])
    survey.append(["begin group", "g", "Questions", "", "", ""])
    for i in range(10):
        survey.append(["select_one agree", f"agree{i}", f"Statement {i}", "yes" if i < 5 else "", "", ""])
    for i in range(4):
        survey.append(["select_multiple topic", f"topics{i}", f"Topics {i}", "", "", ""])
    for i in range(5):
        survey.append(["integer", f"count{i}", f"Count {i}", "", ". >= 0 and . <= 120", ""])
    for i in range(3):
        survey.append(["decimal", f"amount{i}", f"Amount {i}", "", ". >= 0", ""])
    for i in range(4):
        survey.append(["text", f"note{i}", f"Remark {i}", "", "", ""])
    for i in range(2):
        survey.append(["date", f"day{i}", f"Day {i}", "", "", ""])
    survey.append(["select_one yesno", "partner", "Partner city?", "yes", "", ""])
    survey.append(["text", "partner_name", "Which one?", "", "", "${partner} = 'yes'"])
    survey.append(["end group", "", "", "", "", ""])
    choices = workbook.create_sheet("choices")
    choices.append(["list_name", "name", "label::English (en)"])
    for name in AGREE:
        choices.append(["agree", name, name.replace("_", " ").capitalize()])
    for name in OPTIONS:
        choices.append(["topic", name, name.capitalize()])
    choices.append(["yesno", "yes", "Yes"])
    choices.append(["yesno", "no", "No"])
    settings = workbook.create_sheet("settings")
    settings.append(["form_id", "version"])
    settings.append(["bench30", "1"])
    workbook.save(path)
    return path


def write_submissions(path: Path, rows: int) -> None:
    """A deterministic export, built column by column with Polars (hash-based pseudo-random picks)."""
    import polars as pl

    index = pl.int_range(rows, dtype=pl.UInt64)

    def pick(seed: int, values: list[str]) -> pl.Expr:
        position = (index.hash(seed) % len(values)).cast(pl.Int64)
        return pl.lit(pl.Series(values)).gather(position)

    def number(seed: int, high: int) -> pl.Expr:
        return (index.hash(seed) % (high + 1)).cast(pl.Utf8)

    columns = [
        pl.format("bench-{}", index).alias("_uuid"),
        pl.lit("2020-11-10T06:12:33").alias("_submission_time"),
        *(pick(i, AGREE).alias(f"g/agree{i}") for i in range(10)),
        *(pick(20 + i, [" ".join(OPTIONS[j : j + k]) for j in range(6) for k in (1, 2, 3)]).alias(f"g/topics{i}")
          for i in range(4)),
        *(number(30 + i, 120).alias(f"g/count{i}") for i in range(5)),
        *((number(40 + i, 100000).cast(pl.Float64) / 100).cast(pl.Utf8).alias(f"g/amount{i}") for i in range(3)),
        *(pick(50 + i, ["Useful training", "More on PPP, please", "", "Служба одного окна"]).alias(f"g/note{i}")
          for i in range(4)),
        *(pick(60 + i, ["2020-11-03", "2020-11-04", "2020-11-05", "2020-11-06"]).alias(f"g/day{i}")
          for i in range(2)),
        pl.lit("yes").alias("g/partner"),
        pick(70, ["Shanghai", "Suzhou", "Luoyang"]).alias("g/partner_name"),
        (index + 1).alias("_id"),
    ]
    pl.select(columns).write_csv(path)


def citybridge_command(store: Path, *args: str) -> list[str]:
    return [sys.executable, "-c", "from citybridge.cli import run; run()", "--data-dir", str(store), *args]


def citybridge(store: Path, *args: str) -> None:
    subprocess.run(citybridge_command(store, *args), check=True, capture_output=True)


def measure(command: list[str]) -> dict:
    """Wall time and peak resident memory of ``command``, run by a small parent of its own."""
    probe = (
        "import resource, subprocess, sys, time, json\n"
        "start = time.perf_counter()\n"
        "done = subprocess.run(sys.argv[1:], capture_output=True, text=True)\n"
        "seconds = time.perf_counter() - start\n"
        "peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024\n"
        "print(json.dumps({'seconds': seconds, 'peak_mib': peak, 'code': done.returncode,"
        " 'output': done.stdout + done.stderr}))\n"
    )
    result = json.loads(subprocess.run([sys.executable, "-c", probe, *command], capture_output=True, text=True,
                                       check=True).stdout)
    if result["code"] != 0:
        sys.exit(f"failed: {' '.join(command)}\n{result['output']}")
    return result


def report(result: dict, first: str, again: str) -> None:
    print(first.strip().splitlines()[-1])
    print(again.strip().splitlines()[-1])
    print(f"rows                 {result['rows']:,}")
    print(f"import               {result['import_s']:.1f} s  ({result['rows_per_s']:,.0f} rows/s)")
    print(f"peak memory          {result['peak_mib']:,.0f} MiB")
    print(f"re-import            {result['reimport_rows_per_s']:,.0f} rows/s (all already present)")
    print(f"baseline (read CSV)  {result['baseline_read_s']:.1f} s, {result['baseline_peak_mib']:,.0f} MiB "
          f"— import takes {result['import_s'] / result['baseline_read_s']:.0f}× the read")
    speed_ok = result["rows_per_s"] >= TARGET_ROWS_PER_S
    memory_ok = result["peak_mib"] <= TARGET_PEAK_MIB
    print(f"{'PASS' if speed_ok else 'FAIL'} speed: target ≥ {TARGET_ROWS_PER_S:,} rows/s")
    print(f"{'PASS' if memory_ok else 'FAIL'} memory: target ≤ {TARGET_PEAK_MIB:,} MiB")


def record(result: dict, command: str) -> None:
    path = ROOT / "docs" / "benchmarks.md"
    if not path.exists():
        path.write_text("# Benchmarks\n", encoding="utf-8")
    text = path.read_text(encoding="utf-8")
    heading = "## Ingest: `bench/ingest.py`"
    header = (
        "| date | machine | command | rows | seconds | rows/s | peak MiB | re-import rows/s | baseline read s |\n"
        "| --- | --- | --- | --- | --- | --- | --- | --- | --- |\n"
    )
    if heading not in text:
        text += (
            f"\n{heading}\n\nImport of a KoboToolbox-style CSV of a 30-question form into SQLite, validation on. "
            "Targets: ≥ 50,000 rows/s, peak memory ≤ 2 GiB at 1,000,000 rows. The baseline is Polars "
            "reading the same file, on the same machine, in the same run.\n\n" + header
        )
    row = (
        f"| {dt.date.today()} | {machine()} | `{command}` | {result['rows']:,} | {result['import_s']:.1f} | "
        f"{result['rows_per_s']:,.0f} | {result['peak_mib']:,.0f} | {result['reimport_rows_per_s']:,.0f} | "
        f"{result['baseline_read_s']:.1f} |\n"
    )
    path.write_text(text.rstrip("\n") + "\n" + row, encoding="utf-8")


def machine() -> str:
    cpu = "unknown CPU"
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        for line in cpuinfo.read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    return f"{os.cpu_count()} cores, {memory:.0f} GiB, {cpu}, Python {platform.python_version()}"


if __name__ == "__main__":
    start = time.perf_counter()
    main()
    print(f"(benchmark ran {time.perf_counter() - start:.0f} s)")
