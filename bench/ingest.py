"""Ingest benchmark: import N KoboToolbox-style submissions of a 30-question form from CSV, validation on.

Target (1,000,000 rows, SQLite, a 2-core machine): at least 50,000 rows/s and a peak memory under
2 GiB. What one run does:

1. writes a 30-question XLSForm with openpyxl (bench/out/form-30.xlsx): select_one x10 (5-point
   scale) and x1 (yes/no), select_multiple x4, integer x5 (constraint ". >= 0 and . <= 120"),
   decimal x3, text x4 and x1 (relevant: ${wants_partner} = 'yes'), date x2, six required;
2. generates a seeded, ';'-separated KoboToolbox-style export of N rows (group paths, start, end,
   meta/instanceID, _uuid, _submission_time, ...) with Polars, cached by N and seed;
3. creates a fresh store (bench/out/store-N) with `citybridge init`, `training create` and
   `survey add`, then runs `citybridge submissions import FILE --survey bench30` as a child
   process, timed, with its peak resident memory (GNU time -v, else getrusage of a small parent);
4. measures a baseline on the same machine and file: `pl.read_csv(FILE, infer_schema=False)` in a
   child process of its own, so the import can be compared across machines as a multiple of it;
5. imports the same file again (every row already present) and times that too;
6. prints rows/s and peak memory against the targets (PASS/FAIL) and adds the result to
   docs/benchmarks.md (one row per date, machine, command).

    uv run python bench/ingest.py                   # 1,000,000 rows (a few minutes)
    uv run python bench/ingest.py --rows 100000     # a quick run
    uv run python bench/ingest.py --check           # exit 1 when a target is missed
    uv run python bench/ingest.py --no-record       # leave docs/benchmarks.md alone
    uv run python bench/ingest.py --repeats         # the repeat-heavy case: 1,000,000 child rows
                                                    # of an ODK Central CSV ZIP (bench/ingest_repeats.py)

Each command runs the `citybridge` entry point of the environment the benchmark runs in (what
`uv run citybridge` starts, without uv's own start-up), with DATABASE_URL and CITYBRIDGE_DEBUG
removed from its environment so that it always measures SQLite with Django's DEBUG off.
"""

from __future__ import annotations

import argparse
import datetime as dt
import itertools
import os
import random
import re
import shlex
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import machine, machine_text, record
from ingest_repeats import REPEAT_FORM_ID, repeat_export, write_repeat_form

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "bench" / "out"
DOCS = ROOT / "docs" / "benchmarks.md"
TARGET_ROWS_PER_S = 50_000
TARGET_PEAK_MIB = 2048  # 2 GiB
SEPARATOR = ";"  # KoboToolbox's default for CSV exports
GENERATOR_VERSION = 1  # raise when write_submissions changes, so cached files are rebuilt
FORM_ID = "bench30"
GNU_TIME = Path("/usr/bin/time")

SCALE = ["strongly_agree", "agree", "neutral", "disagree", "strongly_disagree"]
SCALE_QUESTIONS = [
    "relevance", "materials", "speakers", "practical", "pace",
    "organisation", "venue", "networking", "expectations", "recommend",
]  # fmt: skip
REQUIRED_SCALE = 4  # the first four scale questions are required
TOPICS = ["sme", "trade", "digital", "tourism", "industry", "education", "ppp", "transport"]
MULTIPLE_QUESTIONS = ["topics_useful", "topics_more", "topics_city", "topics_partner"]
INTEGER_QUESTIONS = ["years_in_service", "staff_count", "projects_count", "trainings_before", "hours_weekly"]
DECIMAL_QUESTIONS = ["budget_musd", "travel_hours", "overall_score"]
TEXT_QUESTIONS = ["position", "best_part", "improve", "other_comments"]
DATE_QUESTIONS = ["arrival_date", "departure_date"]
REMARKS = [
    "Very useful; the PPP session especially",
    'More case studies, please: "one-stop shop" in practice',
    "Служба одного окна — очень полезно",
    "Tashkent, Samarkand and Bukhara should share more",
    "Too short",
    "Hokimiyat bo'limi uchun foydali",
    "Site visits were the best part",
    "Smaller groups for the workshops",
]
POSITIONS = ["Deputy hokim", "Head of department", "Chief specialist", "Economist", "Urban planner"]
CITIES = ["Shanghai", "Suzhou", "Luoyang", "Xi'an", "Chengdu, Sichuan"]


# ---------------------------------------------------------------------------- the form and the data


def write_form(path: Path) -> Path:
    """The 30-question XLSForm: groups, a 5-point scale, constraints, one relevant rule, six required."""
    import openpyxl

    workbook = openpyxl.Workbook()
    survey = workbook.active
    survey.title = "survey"
    survey.append(["type", "name", "label::English (en)", "required", "constraint", "relevant"])
    survey.append(["start", "start", "", "", "", ""])
    survey.append(["end", "end", "", "", "", ""])
    survey.append(["today", "today", "", "", "", ""])

    def group(name: str, label: str, rows: list[list[str]]) -> None:
        survey.append(["begin_group", name, label, "", "", ""])
        for row in rows:
            survey.append(row + [""] * (6 - len(row)))
        survey.append(["end_group", "", "", "", "", ""])

    group("evaluation", "Evaluation", [
        ["select_one scale", q, f"The training: {q.replace('_', ' ')}", "yes" if i < REQUIRED_SCALE else ""]
        for i, q in enumerate(SCALE_QUESTIONS)
    ])  # fmt: skip
    group("topics", "Topics", [
        ["select_multiple topic", q, q.replace("_", " ").capitalize()] for q in MULTIPLE_QUESTIONS
    ])  # fmt: skip
    group("about", "About you", [
        *(["integer", q, q.replace("_", " ").capitalize(), "", ". >= 0 and . <= 120"] for q in INTEGER_QUESTIONS),
        ["decimal", "budget_musd", "City budget (million USD)", "", ". >= 0"],
        ["decimal", "travel_hours", "Travel time (hours)", "", ". >= 0"],
        ["decimal", "overall_score", "Overall score (0-10)", "", ". >= 0 and . <= 10"],
        ["text", "position", "Position"],
    ])  # fmt: skip
    group("visit", "Your visit", [
        ["date", "arrival_date", "Arrival date", "yes"],
        ["date", "departure_date", "Departure date"],
    ])  # fmt: skip
    group("comments", "Comments", [["text", q, q.replace("_", " ").capitalize()] for q in TEXT_QUESTIONS[1:]])
    group("partnership", "Partnership", [
        ["select_one yesno", "wants_partner", "Would your city like a partner city?", "yes"],
        ["text", "partner_city", "Which city?", "", "", "${wants_partner} = 'yes'"],
    ])  # fmt: skip
    choices = workbook.create_sheet("choices")
    choices.append(["list_name", "name", "label::English (en)"])
    for name in SCALE:
        choices.append(["scale", name, name.replace("_", " ").capitalize()])
    for name in TOPICS:
        choices.append(["topic", name, name.upper() if name in ("sme", "ppp") else name.capitalize()])
    choices.append(["yesno", "yes", "Yes"])
    choices.append(["yesno", "no", "No"])
    settings = workbook.create_sheet("settings")
    settings.append(["form_title", "form_id", "version"])
    settings.append(["Bench: 30-question evaluation", FORM_ID, "1"])
    path.parent.mkdir(parents=True, exist_ok=True)
    workbook.save(path)
    return path


def submissions_file(rows: int, seed: int) -> tuple[Path, float | None]:
    """The cached export of ``rows`` rows, generated first if needed; and the generation time, if any."""
    path = OUT / f"submissions-{rows}-seed{seed}-v{GENERATOR_VERSION}.csv"
    if path.exists():
        return path, None
    start = time.perf_counter()
    partial = path.with_suffix(".csv.partial")  # renamed once complete: an interrupted run caches nothing
    write_submissions(partial, rows, seed)
    partial.rename(path)
    return path, time.perf_counter() - start


def write_submissions(path: Path, rows: int, seed: int) -> None:
    """A KoboToolbox CSV export (group paths, metadata columns), every row valid, built with Polars."""
    import polars as pl

    seeds = itertools.count(seed * 1000)

    def pick(values: list, blank: float = 0.0) -> pl.Series:
        """``values`` drawn at random (seeded), ``blank`` of the cells left empty."""
        pool = list(values)
        if blank:
            pool += [None] * max(1, round(len(pool) * blank / (1 - blank)))
        return pl.Series(pool, dtype=pl.Utf8 if isinstance(pool[0], str) else None).sample(
            rows, with_replacement=True, seed=next(seeds)
        )

    def integers(low: int, high: int) -> pl.Series:
        return pl.int_range(low, high + 1, eager=True).sample(rows, with_replacement=True, seed=next(seeds))

    generator = random.Random(seed)
    uuids = pl.Series([_uuid4(generator.getrandbits(128)) for _ in range(rows)])
    combos = [" ".join(c) for k in (1, 2, 3) for c in itertools.combinations(TOPICS, k)]
    submitted = pl.datetime(2020, 11, 3, 9) + pl.duration(seconds=integers(0, 14 * 86400))
    end = submitted - pl.duration(seconds=integers(5, 600)) + pl.duration(hours=5)  # local time, UTC+5
    start = end - pl.duration(seconds=integers(300, 2400))
    arrival = pl.date(2020, 11, 1) + pl.duration(days=integers(0, 2))
    wants = pick(["yes", "no"])
    frame = pl.select(
        start.dt.strftime("%Y-%m-%dT%H:%M:%S%.3f+05:00").alias("start"),
        end.dt.strftime("%Y-%m-%dT%H:%M:%S%.3f+05:00").alias("end"),
        start.dt.date().cast(pl.Utf8).alias("today"),
        *(
            pick(SCALE, 0 if i < REQUIRED_SCALE else 0.05).alias(f"evaluation/{q}")
            for i, q in enumerate(SCALE_QUESTIONS)
        ),
        *(pick(combos, 0.1).alias(f"topics/{q}") for q in MULTIPLE_QUESTIONS),
        *(
            pl.when(pick([True] * 19 + [False])).then(integers(0, 120)).cast(pl.Utf8).alias(f"about/{q}")
            for q in INTEGER_QUESTIONS
        ),
        (integers(0, 500_000) / 100).cast(pl.Utf8).alias("about/budget_musd"),
        (integers(0, 4_800) / 100).cast(pl.Utf8).alias("about/travel_hours"),
        (integers(0, 100) / 10).cast(pl.Utf8).alias("about/overall_score"),
        pick(POSITIONS).alias("about/position"),
        arrival.cast(pl.Utf8).alias("visit/arrival_date"),
        (arrival + pl.duration(days=integers(3, 6))).cast(pl.Utf8).alias("visit/departure_date"),
        *(pick(REMARKS, 0.3).alias(f"comments/{q}") for q in TEXT_QUESTIONS[1:]),
        wants.alias("partnership/wants_partner"),
        pl.when(wants == "yes").then(pick(CITIES, 0.2)).alias("partnership/partner_city"),
        ("uuid:" + uuids).alias("meta/instanceID"),
        (pl.int_range(rows) + 120_000_000).alias("_id"),
        uuids.alias("_uuid"),
        submitted.dt.strftime("%Y-%m-%dT%H:%M:%S").alias("_submission_time"),
        pl.lit(None, pl.Utf8).alias("_validation_status"),
        pl.lit(None, pl.Utf8).alias("_notes"),
        pl.lit("submitted_via_web").alias("_status"),
        pl.lit(None, pl.Utf8).alias("_submitted_by"),
        pl.lit("vJ7mGQ4uT2kXbench30").alias("__version__"),
        pl.lit(None, pl.Utf8).alias("_tags"),
        (pl.int_range(rows) + 1).alias("_index"),
    )
    frame.write_csv(path, separator=SEPARATOR)


def _uuid4(bits: int) -> str:
    text = f"{bits:032x}"
    return f"{text[:8]}-{text[8:12]}-4{text[13:16]}-{'89ab'[bits & 3]}{text[17:20]}-{text[20:]}"


# ---------------------------------------------------------------------------- running and measuring


@dataclass
class Run:
    command: list[str]
    seconds: float
    peak_mib: float
    output: str
    cpu_seconds: float | None = None  # user + system time, from GNU time -v (None without it)


def citybridge(store: Path, *args: str) -> list[str]:
    """A `citybridge` command against ``store``: the environment's own entry point (`uv run citybridge`)."""
    script = Path(sys.executable).with_name("citybridge")
    program = (
        [str(script)] if script.exists() else [sys.executable, "-c", "from citybridge.cli import run; run()"]
    )
    return [*program, "--data-dir", str(store), *args]


def child_environment() -> dict[str, str]:
    # PYTHONDONTWRITEBYTECODE is dropped: an installed tool runs from compiled bytecode, which the
    # setup commands (init, training create, survey add) write before the timed import; with it set,
    # every command would recompile Django, Polars and citybridge (about 1.3 s a run).
    dropped = ("DATABASE_URL", "CITYBRIDGE_DEBUG", "PYTHONDONTWRITEBYTECODE")
    env = {k: v for k, v in os.environ.items() if k not in dropped}
    env["COLUMNS"] = "200"  # keep Rich from folding the summary line that is parsed below
    return env


def measure(command: list[str]) -> Run:
    """Wall time and peak resident memory (MiB) of ``command`` as a child process; stops on failure."""
    with tempfile.NamedTemporaryFile("r", suffix=".time", dir=OUT) as stats:
        wrapped = (
            [str(GNU_TIME), "-v", "-o", stats.name, *command]
            if _has_gnu_time()
            else _probe(command, stats.name)
        )
        start = time.perf_counter()
        done = subprocess.run(wrapped, capture_output=True, text=True, env=child_environment())
        seconds = time.perf_counter() - start
        report = Path(stats.name).read_text()
    output = done.stdout + done.stderr
    if done.returncode != 0:
        sys.exit(f"failed ({done.returncode}): {shlex.join(command)}\n{output}\n{report}")
    kib = re.search(r"Maximum resident set size \(kbytes\): (\d+)", report)
    if kib is None:
        sys.exit(f"no peak memory in the report of {shlex.join(command)}:\n{report}")
    cpu = [float(m) for m in re.findall(r"(?:User|System) time \(seconds\): ([\d.]+)", report)]
    return Run(command, seconds, int(kib.group(1)) / 1024, output, sum(cpu) if len(cpu) == 2 else None)


def _has_gnu_time() -> bool:
    if not GNU_TIME.exists():
        return False
    done = subprocess.run([str(GNU_TIME), "-v", "true"], capture_output=True, text=True)
    return "Maximum resident set size" in done.stderr


def _probe(command: list[str], stats: str) -> list[str]:
    """Without GNU time: a small Python parent that runs ``command`` and writes its peak RSS like time -v."""
    code = (
        "import resource, subprocess, sys\n"
        "code = subprocess.run(sys.argv[2:]).returncode\n"
        "peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss\n"  # KiB on Linux
        "open(sys.argv[1], 'w').write(f'Maximum resident set size (kbytes): {peak}\\n')\n"
        "sys.exit(code)\n"
    )
    return [sys.executable, "-c", code, stats, *command]


def counts(run: Run) -> tuple[int, int, int]:
    """(new, already present, rejected) from the import's summary line."""
    found = re.search(r"(\d+)\s+new,\s+(\d+)\s+already\s+present,\s+(\d+)\s+rejected", run.output)
    if found is None:
        sys.exit(f"no summary line in the output of {shlex.join(run.command)}:\n{run.output}")
    new, present, rejected = (int(n) for n in found.groups())
    return new, present, rejected


def fresh_store(rows: int, form: Path, form_id: str = FORM_ID) -> Path:
    store = OUT / f"store-{form_id}-{rows}"
    shutil.rmtree(store, ignore_errors=True)
    for step in (
        ["init"],
        ["training", "create", "Bench training", "--slug", "bench"],
        ["survey", "add", str(form), "--training", "bench", "--slug", form_id],
    ):
        measure(citybridge(store, *step))
    return store


# ---------------------------------------------------------------------------- the machine and the record


SECTION = "## Ingest: `bench/ingest.py`"
TABLE_HEADER = (
    "| date | machine | command | rows | seconds | rows/s | peak MiB | baseline read s | import / read "
    "| re-import rows/s | result |"
)
SECTION_INTRO = f"""{SECTION}

Import of a KoboToolbox-style CSV (`;`-separated, group paths, Kobo metadata columns) of a
30-question form into a fresh SQLite store, validation on, through the real command
(`citybridge submissions import FILE --survey bench30`) run as a child process. Targets at
1,000,000 rows: at least {TARGET_ROWS_PER_S:,} rows/s and a peak memory under 2 GiB
({TARGET_PEAK_MIB:,} MiB). *seconds* and *peak MiB* are the whole command's (start-up included),
measured with GNU `time -v`. The *baseline* is Polars reading the same file
(`pl.read_csv(FILE, infer_schema=False)`, also a whole child process) on the same machine in the
same run: *import / read* compares across machines. The *re-import* imports the same file a second
time (every row already present). See `bench/README.md`.

{TABLE_HEADER}
| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |
"""


# ---------------------------------------------------------------------------- main


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="bench/ingest.py",
        description=__doc__.split("\n\n")[0],
        epilog="Files go to bench/out/ (git-ignored); the export is generated once per --rows and --seed.",
    )
    parser.add_argument(
        "--rows", type=int, default=1_000_000, help="submissions in the export (default: 1000000)"
    )
    parser.add_argument("--seed", type=int, default=2020, help="seed of the generated export (default: 2020)")
    parser.add_argument("--check", action="store_true", help="exit 1 when a target is missed")
    parser.add_argument(
        "--no-record", action="store_true", help="do not add the result to docs/benchmarks.md"
    )
    parser.add_argument(
        "--repeats", action="store_true", help="the repeat-heavy case: --rows child rows, 10 per submission"
    )
    args = parser.parse_args(argv)
    if args.rows < 1:
        parser.error("--rows must be at least 1")
    command = shlex.join(
        ["uv", "run", "python", "bench/ingest.py", *(argv if argv is not None else sys.argv[1:])]
    )
    info = machine()
    print(f"machine   {machine_text(info)}, {info['os']}")
    print(f"command   {command}")
    if os.environ.get("PYTHONDONTWRITEBYTECODE"):
        print(
            "note      PYTHONDONTWRITEBYTECODE is set here; the commands run without it (compiled bytecode)"
        )

    OUT.mkdir(parents=True, exist_ok=True)
    if args.repeats:
        return run_repeats(args, command, info)
    form = write_form(OUT / "form-30.xlsx")
    data, generated = submissions_file(args.rows, args.seed)
    size = data.stat().st_size / 2**20
    made = f"generated in {generated:.1f} s" if generated is not None else "cached"
    print(f"data      {data.relative_to(ROOT)} ({args.rows:,} rows, {size:,.0f} MiB, {made})")

    baseline = measure([
        sys.executable, "-c",
        "import sys, polars as pl; pl.read_csv(sys.argv[1], separator=sys.argv[2], infer_schema=False)",
        str(data), SEPARATOR,
    ])  # fmt: skip
    print(f"baseline  read CSV with Polars: {baseline.seconds:.2f} s, peak {baseline.peak_mib:,.0f} MiB")

    store = fresh_store(args.rows, form)
    importing = citybridge(store, "submissions", "import", str(data), "--survey", FORM_ID)
    print(f"import    {shlex.join(importing)}", flush=True)
    first = measure(importing)
    new, present, rejected = counts(first)
    if (new, present, rejected) != (args.rows, 0, 0):
        sys.exit(
            f"expected {args.rows} new rows, got {new} new, {present} present, {rejected} rejected:\n{first.output}"
        )
    again = measure(importing)
    if counts(again) != (0, args.rows, 0):
        sys.exit(f"expected all {args.rows} rows already present on re-import:\n{again.output}")
    store_mib = sum(f.stat().st_size for f in store.iterdir()) / 2**20

    rate = args.rows / first.seconds
    speed_ok = rate >= TARGET_ROWS_PER_S
    memory_ok = first.peak_mib < TARGET_PEAK_MIB
    print()
    print(f"rows              {args.rows:,}")
    print(f"import            {first.seconds:.2f} s = {rate:,.0f} rows/s")
    print(f"peak memory       {first.peak_mib:,.0f} MiB")
    print(
        f"re-import         {again.seconds:.2f} s = {args.rows / again.seconds:,.0f} rows/s "
        f"(all already present), peak {again.peak_mib:,.0f} MiB"
    )
    print(
        f"baseline read     {baseline.seconds:.2f} s, peak {baseline.peak_mib:,.0f} MiB: the import takes "
        f"{first.seconds / baseline.seconds:.1f}x the time and {first.peak_mib / baseline.peak_mib:.1f}x the memory"
    )
    print(f"store             {store_mib:,.0f} MiB ({store.relative_to(ROOT)})")
    print(f"{'PASS' if speed_ok else 'FAIL'} speed    {rate:,.0f} rows/s (target >= {TARGET_ROWS_PER_S:,})")
    print(
        f"{'PASS' if memory_ok else 'FAIL'} memory   {first.peak_mib:,.0f} MiB (target < {TARGET_PEAK_MIB:,})"
    )
    if args.rows != 1_000_000:
        print("note: the targets are set for 1,000,000 rows; this run used a different size")

    if not args.no_record:
        missed = [name for name, ok in (("speed", speed_ok), ("memory", memory_ok)) if not ok]
        record(SECTION, SECTION_INTRO, [
            dt.date.today().isoformat(), machine_text(info), f"`{command}`", f"{args.rows:,}",
            f"{first.seconds:.1f}", f"{rate:,.0f}", f"{first.peak_mib:,.0f}", f"{baseline.seconds:.2f}",
            f"{first.seconds / baseline.seconds:.1f}x", f"{args.rows / again.seconds:,.0f}",
            "PASS" if not missed else f"FAIL ({', '.join(missed)})",
        ])  # fmt: skip
        print(f"recorded in {DOCS.relative_to(ROOT)}")
    return 1 if args.check and not (speed_ok and memory_ok) else 0


REPEATS_SECTION = "## Ingest with repeats: `bench/ingest.py --repeats`"
REPEATS_INTRO = f"""{REPEATS_SECTION}

Import of an ODK Central CSV ZIP of a household form (`benchhh.csv`, and `benchhh-member.csv`
with `KEY` and `PARENT_KEY`, ten members per household) into a fresh SQLite store, validation on,
through `citybridge submissions import FILE.zip --survey benchhh` as a child process. Target at
1,000,000 child rows: at least {TARGET_ROWS_PER_S:,} child rows/s over the whole command
(start-up, reading, validating and storing the submissions included). The *baseline* is Polars
reading the members' CSV alone, in the same run. *CPU s* is the command's user + system time (GNU
`time -v`): on a machine shared with other work the wall time also counts their turns, the CPU
time does not. See `bench/ingest_repeats.py`.

| date | machine | command | child rows | submissions | seconds | child rows/s | CPU s | child rows / CPU s | peak MiB | baseline read s | import / read | re-import s | result |
| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |
"""


def run_repeats(args: argparse.Namespace, command: str, info: dict[str, str]) -> int:
    """The repeat-heavy case: ``args.rows`` child rows stored, against the same rows/s target."""
    form = write_repeat_form(OUT / "form-households.xlsx")
    data, members_csv = repeat_export(OUT, args.rows, args.seed)
    print(
        f"data      {data.relative_to(ROOT)} ({args.rows:,} child rows, {data.stat().st_size / 2**20:,.0f} MiB)"
    )
    baseline = measure([sys.executable, "-c", "import sys, polars as pl; pl.read_csv(sys.argv[1], infer_schema=False)",
                        str(members_csv)])  # fmt: skip
    print(f"baseline  read the members' CSV with Polars: {baseline.seconds:.2f} s")
    store = fresh_store(args.rows, form, REPEAT_FORM_ID)
    importing = citybridge(store, "submissions", "import", str(data), "--survey", REPEAT_FORM_ID)
    print(f"import    {shlex.join(importing)}", flush=True)
    first = measure(importing)
    submissions = -(-args.rows // 10)
    if counts(first) != (submissions, 0, 0):
        sys.exit(f"expected {submissions} new submissions:\n{first.output}")
    again = measure(importing)
    if counts(again) != (0, submissions, 0):
        sys.exit(f"expected every submission already present on re-import:\n{again.output}")
    rate = args.rows / first.seconds
    ok = rate >= TARGET_ROWS_PER_S
    print(
        f"\nimport            {first.seconds:.2f} s = {rate:,.0f} child rows/s ({submissions:,} submissions)"
    )
    if first.cpu_seconds:
        # On a loaded machine the wall time counts other processes' turns; CPU time does not.
        print(
            f"cpu time          {first.cpu_seconds:.2f} s (user + system) = {args.rows / first.cpu_seconds:,.0f} child rows per CPU second"
        )
    print(f"peak memory       {first.peak_mib:,.0f} MiB")
    print(f"re-import         {again.seconds:.2f} s (nothing new)")
    print(
        f"baseline read     {baseline.seconds:.2f} s: the import takes {first.seconds / baseline.seconds:.1f}x"
    )
    print(f"{'PASS' if ok else 'FAIL'} speed    {rate:,.0f} child rows/s (target >= {TARGET_ROWS_PER_S:,})")
    if not args.no_record:
        record(REPEATS_SECTION, REPEATS_INTRO, [
            dt.date.today().isoformat(), machine_text(info), f"`{command}`", f"{args.rows:,}", f"{submissions:,}",
            f"{first.seconds:.1f}", f"{rate:,.0f}", f"{first.cpu_seconds or 0:.1f}",
            f"{args.rows / first.cpu_seconds:,.0f}" if first.cpu_seconds else "-", f"{first.peak_mib:,.0f}",
            f"{baseline.seconds:.2f}", f"{first.seconds / baseline.seconds:.1f}x", f"{again.seconds:.1f}",
            "PASS" if ok else "FAIL (speed)",
        ])  # fmt: skip
        print(f"recorded in {DOCS.relative_to(ROOT)}")
    return 1 if args.check and not ok else 0


if __name__ == "__main__":
    sys.exit(main())
