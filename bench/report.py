"""Report benchmark: every indicator and the full HTML report of 1,000,000 synthetic respondents.

Targets on a 2-core machine, for 1,000,000 submissions of the example survey
(examples/uzbekistan-2020: 19 questions, scales, multi-selects, numbers, free text):

1. every indicator (`citybridge.analysis.compute.analyze`, as of 2020-12-14): at most 1.5 s;
2. the full English HTML report with its charts, from the frame to the written file (analysis,
   `build_report`, `render_html`, the write): at most 10 s;
3. at least 5x faster than a straightforward pandas loop over the questions computing the same
   figures on the same respondents (the baseline, timed in the same run).

What one run does:

1. draws N respondents as the typed Polars frame `citybridge.analysis.data.from_export` gives
   (instance id, submitted-at in UTC, one column per question: String for select_one and text,
   List(String) for select_multiple, Int64 for integers), seeded. Each question's answers come
   from its choice list, weighted by the example's own 52 answers (plus one, so every choice
   occurs); numbers are resampled from the example's; a question whose ``relevant`` rule does not
   hold is left empty (china_cities and cooperation_areas only after china_interest = yes);
   optional questions keep the example's item non-response (at least 3%); 5% of respondents
   (--comments) leave a comment, drawn from a dozen in English, Russian and Uzbek (both scripts).
   Submissions arrive from 6 November 2020, fewer each day (exponential, mean 8 days), up to the
   end of December, so the as-of date leaves about 1% out;
2. times `analyze(...)` (best of 3) and its peak resident memory (the process's, input included);
3. times the baseline (best of 3) on the same frame converted to pandas (conversion not timed):
   per select_one `value_counts` and shares, per select_multiple `explode` and counts, `describe`
   of numbers with their bands and histogram, the yes share and the positive and top-box shares
   of the scales, Wilson intervals, item non-response, sector tags of the free text, respondents
   per city and per day; then checks that every count, base and summary it computed equals
   citybridge's, so the two did the same work;
4. times the English HTML report once, written to bench/out/report-N.html;
5. prints the figures, the ratio and PASS/FAIL per target, and adds a row to the "Report"
   section of docs/benchmarks.md.

    uv run python bench/report.py                   # 1,000,000 rows, recorded
    uv run python bench/report.py --rows 100000     # a quick run
    uv run python bench/report.py --check           # exit 1 when a target is missed
    uv run python bench/report.py --no-record       # leave docs/benchmarks.md alone

The machine these run on is shared: the load average is printed before and after.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import math
import os
import re
import shlex
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

import numpy as np
import pandas as pd
import polars as pl

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import machine, machine_text, record  # the same machine line as the other rows

from citybridge import sectors
from citybridge.analysis.compute import analyze
from citybridge.analysis.data import from_export
from citybridge.analysis.indicators import MULTIPLE, NUMBER, SCALE, TEXT, YESNO, Analysis
from citybridge.analysis.kinds import best_first, kind_of, positive_values, yes_value
from citybridge.analysis.numbers import MAX_BINS, _nice_width
from citybridge.analysis.relevance import applies
from citybridge.analysis.spec import IndicatorSpec, read_spec
from citybridge.analysis.text import MAX_ANSWERS
from citybridge.forms.load import load_xlsform
from citybridge.forms.model import INTEGER, SELECT_MULTIPLE, SELECT_ONE, Form, Question
from citybridge.forms.model import TEXT as TEXT_TYPE
from citybridge.submissions.batch import INSTANCE_ID, SUBMITTED_AT

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "bench" / "out"
DOCS = ROOT / "docs" / "benchmarks.md"
EXAMPLE = ROOT / "examples" / "uzbekistan-2020"
TARGET_INDICATORS_S = 1.5
TARGET_REPORT_S = 10.0
TARGET_RATIO = 5.0
REPEAT = 3
AS_OF = dt.date(2020, 12, 14)  # the example report's date
EXAMPLE_REGISTERED, EXAMPLE_RESPONDENTS, EXAMPLE_CITIES = 76, 52, 35
GENERATOR_VERSION = 1  # raise when the generator changes, so cached frames are rebuilt
CACHE_AFTER_S = 3.0  # generation slower than this is cached as Parquet in bench/out/

FIRST_ARRIVAL = dt.datetime(2020, 11, 6, 4, tzinfo=dt.UTC)
LAST_ARRIVAL = dt.datetime(2020, 12, 31, 23, 59, tzinfo=dt.UTC)
MEAN_DELAY_DAYS = 8.0  # most answers come in the first days after the training
MIN_SKIP = 0.03  # item non-response of an optional question, at least
COMMENT_SHARE = 0.05  # respondents who leave a comment (the example's 52: a third)
OTHER_SHARE = 0.5  # respondents who specify their "other"
COMMENTS = [
    "The Suzhou Industrial Park case is directly relevant to the small industrial zones we are building.",
    "We would like to learn more about all-in-one tourism for our historical centre.",
    "Please share the slides of the PPP lecture in Uzbek.",
    "Digital public services for entrepreneurs should be the next topic.",
    "Маҳаллий бизнесни қўллаб-қувватлаш бўйича тажриба жуда фойдали бўлди.",
    "Хитой шаҳарлари билан ҳамкорлик қилишни истаймиз, айниқса савдо соҳасида.",
    "Очень полезный опыт по индустриальным паркам, хотим больше примеров.",
    "Просим провести отдельный семинар по государственно-частному партнёрству.",
    "Turizmni rivojlantirish bo'yicha tajriba almashish juda foydali bo'ldi.",
    "Kichik biznesni qo'llab-quvvatlash mavzusini davom ettirish kerak.",
    "Vocational education linked to employers is what our youth needs.",
    "Too short; two more days would help.",
]
OTHER_ANSWERS = ["Textiles", "Handicrafts", "Текстиль", "Ремёсла", "To'qimachilik", "Hunarmandchilik"]

T = TypeVar("T")


# ---------------------------------------------------------------------------- the respondents


def example_survey() -> tuple[Form, IndicatorSpec, pl.DataFrame]:
    """The example's form, indicators file and its 52 answers (the weights of the synthetic ones)."""
    form = load_xlsform(EXAMPLE / "survey.xlsx")
    spec = read_spec(EXAMPLE / "survey.indicators.toml")
    return form, spec, from_export(form, EXAMPLE / "submissions.csv").frame


def respondents(
    form: Form, example: pl.DataFrame, rows: int, seed: int, comments: float
) -> tuple[pl.DataFrame, str]:
    """The synthetic frame of ``rows`` respondents, from the Parquet cache when there is one."""
    name = f"respondents-{rows}-seed{seed}-comments{comments:g}-{_fingerprint(form, example)}-v{GENERATOR_VERSION}"
    cached = OUT / f"{name}.parquet"
    if cached.exists():
        return pl.read_parquet(cached), f"read from {cached.relative_to(ROOT)}"
    start = time.perf_counter()
    frame = synthetic_respondents(form, example, rows, seed, comments)
    seconds = time.perf_counter() - start
    if seconds <= CACHE_AFTER_S:
        return frame, f"generated in {seconds:.1f} s"
    partial = cached.with_suffix(".partial")  # renamed once complete: an interrupted run caches nothing
    frame.write_parquet(partial)
    partial.rename(cached)
    return frame, f"generated in {seconds:.1f} s, cached in {cached.relative_to(ROOT)}"


def _fingerprint(form: Form, example: pl.DataFrame) -> str:
    """A short hash of what the respondents are drawn from, so that a change to the example is not served stale."""
    shape = [(q.name, q.type, q.required, q.relevant, q.choice_names()) for q in form.answer_questions]
    digest = hashlib.sha256(repr(shape).encode())
    digest.update(repr(example.rows()).encode())
    return digest.hexdigest()[:8]


def synthetic_respondents(
    form: Form, example: pl.DataFrame, rows: int, seed: int, comments: float = COMMENT_SHARE
) -> pl.DataFrame:
    """One typed column per question, in form order, so that ``relevant`` rules see earlier answers.

    ``comments`` is the share of respondents who write a comment (text questions other than an
    "other, specify").
    """
    rng = np.random.default_rng(seed)
    frame = pl.DataFrame({INSTANCE_ID: _instance_ids(rng, rows), SUBMITTED_AT: _arrivals(rng, rows)})
    for question in form.answer_questions:
        answers = _answers(question, example, rng, rows)
        asked = applies(form, question, frame).to_numpy()
        kept = asked & (rng.random(rows) >= _skip_share(form, question, example, comments))
        frame = frame.with_columns(pl.when(pl.lit(pl.Series(kept))).then(answers).alias(question.name))
    return frame


def _instance_ids(rng: np.random.Generator, rows: int) -> pl.Series:
    """Version-4 UUIDs as KoboToolbox writes them (a Python loop: about a second for a million)."""
    high = rng.integers(0, 2**63, rows, dtype=np.int64).tolist()
    low = rng.integers(0, 2**63, rows, dtype=np.int64).tolist()
    texts = [f"{h:016x}{lo:016x}" for h, lo in zip(high, low, strict=True)]
    return pl.Series([f"{t[:8]}-{t[8:12]}-4{t[13:16]}-a{t[17:20]}-{t[20:]}" for t in texts], dtype=pl.String)


def _arrivals(rng: np.random.Generator, rows: int) -> pl.Series:
    """Submitted-at in UTC: from the last day of the training, fewer each day, until the end of December."""
    span_us = (LAST_ARRIVAL - FIRST_ARRIVAL) / dt.timedelta(microseconds=1)
    delays = np.minimum(rng.exponential(MEAN_DELAY_DAYS * 86_400e6, rows), span_us).astype(np.int64)
    start_us = int(FIRST_ARRIVAL.timestamp() * 1_000_000)
    return pl.Series(start_us + delays).cast(pl.Datetime("us")).dt.replace_time_zone("UTC")


def _answers(question: Question, example: pl.DataFrame, rng: np.random.Generator, rows: int) -> pl.Series:
    """``rows`` answers to ``question`` for everyone; who was asked and who skipped it comes after."""
    observed = example.get_column(question.name)
    if question.type == SELECT_ONE:
        counts = dict(observed.drop_nulls().value_counts().iter_rows())
        weights = np.array([counts.get(c, 0) + 1 for c in question.choice_names()], dtype=float)
        picks = rng.choice(len(weights), size=rows, p=weights / weights.sum())
        return pl.Series(question.choice_names(), dtype=pl.String).gather(picks)
    if question.type == SELECT_MULTIPLE:
        return _multiple_answers(question, observed, rng, rows)
    if question.type == INTEGER:
        return pl.Series(rng.choice(observed.drop_nulls().to_numpy(), rows), dtype=pl.Int64)
    if question.type == TEXT_TYPE:
        pool = OTHER_ANSWERS if question.name.endswith("_other") else COMMENTS
        return pl.Series(pool, dtype=pl.String).gather(rng.integers(0, len(pool), rows))
    sys.exit(f"no generator for question '{question.name}' of type {question.type}")


def _multiple_answers(
    question: Question, observed: pl.Series, rng: np.random.Generator, rows: int
) -> pl.Series:
    """Each option named independently, as often as in the example; a required one never left empty."""
    choices = question.choice_names()
    answered = observed.drop_nulls()
    named = dict(answered.explode().drop_nulls().value_counts().iter_rows())
    chances = np.array([(named.get(c, 0) + 1) / (answered.len() + 2) for c in choices])
    picks = rng.random((rows, len(choices))) < chances
    if question.required:
        picks[~picks.any(axis=1), int(chances.argmax())] = True
    table = pl.DataFrame(picks, schema=list(choices), orient="row")
    lists = table.select(
        pl.concat_list([pl.when(pl.col(c)).then(pl.lit(c)) for c in choices]).list.drop_nulls().alias("v")
    ).to_series()
    return pl.select(pl.when(lists.list.len() > 0).then(lists)).to_series()  # empty is null, as in an export


def _skip_share(form: Form, question: Question, example: pl.DataFrame, comments: float) -> float:
    """Item non-response among those asked: none for required questions, else the example's (≥ MIN_SKIP)."""
    if question.required:
        return 0.0
    if question.type == TEXT_TYPE:
        return 1.0 - (OTHER_SHARE if question.name.endswith("_other") else comments)
    asked = applies(form, question, example)
    left_empty = int((asked & example.get_column(question.name).is_null()).sum())
    return max(MIN_SKIP, left_empty / max(1, int(asked.sum())))


# ---------------------------------------------------------------------------- citybridge


def citybridge_indicators(form: Form, frame: pl.DataFrame, spec: IndicatorSpec, registered: int) -> Analysis:
    return analyze(form, frame, spec=spec, as_of=AS_OF, language="en", registered=registered)


def html_report(form: Form, frame: pl.DataFrame, spec: IndicatorSpec, registered: int, path: Path) -> int:
    """From the frame to the written English report with charts; returns the file's size in bytes."""
    from citybridge.programme.training import read_programme
    from citybridge.reports.build import ReportInputs, build_report
    from citybridge.reports.html import render_html
    from citybridge.reports.i18n import Translator

    inputs = ReportInputs(
        training=read_programme(EXAMPLE / "programme.json"),
        analysis=citybridge_indicators(form, frame, spec, registered),
        spec=spec,
        registered=registered,
        cities=EXAMPLE_CITIES,
    )
    html = render_html(build_report(inputs, Translator("en")))
    path.write_text(html, encoding="utf-8")
    return len(html.encode("utf-8"))


# ---------------------------------------------------------------------------- the pandas baseline


def to_pandas(frame: pl.DataFrame) -> pd.DataFrame:
    """The frame as `pd.read_csv` would give it: str columns, floats with NaN, lists as objects.

    By hand because `DataFrame.to_pandas` needs pyarrow, which the project does not install.
    """
    columns: dict[str, pd.Series] = {}
    for name, dtype in frame.schema.items():
        series = frame.get_column(name)
        if dtype == pl.String:
            columns[name] = pd.Series(series.to_list(), dtype="str")
        elif isinstance(dtype, pl.List):
            columns[name] = pd.Series(series.to_list(), dtype=object)
        elif isinstance(dtype, pl.Datetime):
            columns[name] = pd.Series(series.dt.replace_time_zone(None).to_numpy()).dt.tz_localize("UTC")
        else:
            columns[name] = pd.Series(series.cast(pl.Float64).to_numpy())
    return pd.DataFrame(columns)


def pandas_figures(form: Form, spec: IndicatorSpec, data: pd.DataFrame) -> dict[str, dict[str, Any]]:
    """The baseline: the same figures as `analyze`, one question at a time, the way a notebook would."""
    data = data[data[SUBMITTED_AT] < pd.Timestamp(AS_OF + dt.timedelta(days=1), tz="UTC")]
    consent = data[spec.consent_question] == "yes"
    figures = {}
    for question in form.answer_questions:
        kind = kind_of(question, spec.question(question.name))
        column = data[question.name]
        answered = column.str.len() > 0 if question.type == SELECT_MULTIPLE else column.notna()
        figure = {
            "base": int(answered.sum()),
            "missing": int((_pandas_asked(data, question) & ~answered).sum()),
        }
        if kind == NUMBER:
            figure |= _pandas_number(column.dropna(), spec.question(question.name).bands)
        elif kind == TEXT:
            figure |= _pandas_text(data[answered], question.name, consent[answered])
        elif kind == MULTIPLE:
            figure |= _pandas_counts(column[answered].explode().value_counts(), question, figure["base"])
        else:
            figure |= _pandas_counts(column.value_counts(), question, figure["base"])
            if kind == SCALE:
                positive = positive_values(question, spec.question(question.name))
                figure["positive"] = _wilson_share(int(column.isin(positive).sum()), figure["base"])
                figure["top_box"] = _wilson_share(
                    int((column == best_first(question)[0]).sum()), figure["base"]
                )
            elif kind == YESNO:
                figure["yes"] = _wilson_share(int((column == yes_value(question)).sum()), figure["base"])
        figures[question.name] = figure
    figures["_per_city"] = data[spec.city_question].value_counts().to_dict()
    figures["_daily"] = data[SUBMITTED_AT].dt.floor("D").value_counts().sort_index().cumsum().to_dict()
    return figures


def timed_baseline(form: Form, spec: IndicatorSpec, frame: pl.DataFrame) -> tuple[float, dict[str, Any]]:
    """The baseline's best time and figures; the pandas copy is made first (not timed) and dropped after."""
    data = to_pandas(frame)
    return best_of(REPEAT, lambda: pandas_figures(form, spec, data))


def _pandas_asked(data: pd.DataFrame, question: Question) -> pd.Series:
    """Who was asked: the two shapes of ``relevant`` this form uses, else everyone."""
    rule = question.relevant or ""
    equals = re.fullmatch(r"\$\{(\w+)\}\s*=\s*'([^']*)'", rule.strip())
    if equals:
        return data[equals[1]] == equals[2]
    selected = re.fullmatch(r"selected\((?:\$\{(\w+)\}|\.\./(\w+))\s*,\s*'([^']*)'\)", rule.strip())
    if selected:
        name, value = selected[1] or selected[2], selected[3]
        return data[name].apply(lambda answer: isinstance(answer, list) and value in answer)
    return pd.Series(True, index=data.index)


def _pandas_counts(counts: pd.Series, question: Question, base: int) -> dict[str, Any]:
    options = {}
    for value in [*question.choice_names(), *sorted(set(counts.index) - set(question.choice_names()))]:
        options[value] = _wilson_share(int(counts.get(value, 0)), base)
    return {"options": options}


def _pandas_number(values: pd.Series, bands: tuple) -> dict[str, Any]:
    if values.empty:
        return {}
    summary = values.describe()
    bins = [len(values)]  # one bar when every answer is the same, as citybridge draws it
    if summary["max"] > summary["min"]:
        width = _nice_width((summary["max"] - summary["min"]) / MAX_BINS)
        start = math.floor(summary["min"] / width) * width
        edges = start + width * np.arange(math.floor((summary["max"] - start) / width) + 2)
        bins = pd.cut(values, edges, right=False).value_counts(sort=False).tolist()
    low, high = -math.inf, math.inf
    return {
        "summary": summary.to_dict(),
        "bands": {
            b.name: _wilson_share(
                int(values.between(low if b.min is None else b.min, high if b.max is None else b.max).sum()),
                len(values),
            )
            for b in bands
        },
        "bins": bins,
    }


def _pandas_text(answered: pd.DataFrame, name: str, consent: pd.Series) -> dict[str, Any]:
    written = answered[name].str.strip() != ""
    answered, consent = answered[written], consent[written]
    lower = answered[name].str.lower()
    tags = {
        slug: int(lower.str.contains(pattern, regex=True).sum())
        for slug, pattern in sectors.patterns().items()
    }
    kept = answered.assign(quotable=consent).sort_values(["quotable", SUBMITTED_AT], ascending=[False, True])
    return {"sectors": {s: n for s, n in tags.items() if n}, "answers": kept.head(MAX_ANSWERS)[name].tolist()}


def _wilson_share(count: int, base: int, z: float = 1.959963984540054) -> tuple[int, float, float, float]:
    """(count, share, low, high): the share with its Wilson 95% interval."""
    if base == 0:
        return count, 0.0, 0.0, 0.0
    p = count / base
    centre = (p + z * z / (2 * base)) / (1 + z * z / base)
    half = z * math.sqrt(p * (1 - p) / base + z * z / (4 * base * base)) / (1 + z * z / base)
    return count, p, max(0.0, centre - half), min(1.0, centre + half)


def disagreements(analysis: Analysis, figures: dict[str, dict[str, Any]]) -> tuple[int, list[str]]:
    """How many figures were compared, and every one where pandas and citybridge differ."""
    compared, wrong = 0, []

    def same(where: str, ours: object, theirs: object) -> None:
        nonlocal compared
        compared += 1
        close = isinstance(ours, float) and math.isclose(ours, float(theirs), rel_tol=1e-9, abs_tol=1e-9)
        if not (ours == theirs or close):
            wrong.append(f"{where}: citybridge {ours!r}, pandas {theirs!r}")

    for name, indicator in analysis.indicators.items():
        figure = figures[name]
        same(f"{name} base", indicator.base, figure["base"])
        same(f"{name} missing", indicator.missing, figure["missing"])
        if indicator.kind == TEXT:
            same(f"{name} sectors", {o.value: o.count for o in indicator.options}, figure["sectors"])
        elif indicator.kind == NUMBER and indicator.summary:
            s, theirs = indicator.summary, figure["summary"]
            for ours_key, their_key in (("n", "count"), ("mean", "mean"), ("median", "50%"), ("min", "min"),
                                        ("max", "max"), ("q1", "25%"), ("q3", "75%")):  # fmt: skip
                same(f"{name} {ours_key}", float(getattr(s, ours_key)), theirs[their_key])
            same(
                f"{name} bands", [b.count for b in indicator.bands], [v[0] for v in figure["bands"].values()]
            )
            same(f"{name} bins", [b.count for b in indicator.bins], figure["bins"])
        else:
            for option in indicator.options:
                same(f"{name} {option.value}", option.count, figure["options"][option.value][0])
            for share in ("positive", "top_box", "yes"):
                if getattr(indicator, share) is not None:
                    same(f"{name} {share}", getattr(indicator, share).count, figure[share][0])
    same(
        "respondents per city",
        {o.value: o.count for o in analysis.respondents_per_city},
        figures["_per_city"],
    )
    same("last cumulative", analysis.responses_over_time[-1].cumulative, list(figures["_daily"].values())[-1])
    return compared, wrong


# ---------------------------------------------------------------------------- measuring


def best_of(repeat: int, function: Callable[[], T]) -> tuple[float, T]:
    """The shortest wall time of ``repeat`` calls, and the last call's result."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        result = function()
        times.append(time.perf_counter() - start)
    return min(times), result


def reset_peak() -> bool:
    """Start a new peak-RSS window (Linux: VmHWM is reset by writing 5 to clear_refs)."""
    try:
        Path("/proc/self/clear_refs").write_text("5")
        return True
    except OSError:
        return False


def peak_mib() -> float:
    """The process's peak resident memory since the last reset (since start where it cannot be reset)."""
    status = Path("/proc/self/status")
    if status.exists():
        found = re.search(r"VmHWM:\s+(\d+) kB", status.read_text())
        if found:
            return int(found[1]) / 1024
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def load_text() -> str:
    one, five, fifteen = os.getloadavg()
    return f"{one:.2f} {five:.2f} {fifteen:.2f}"


# ---------------------------------------------------------------------------- the record


SECTION = "## Report: `bench/report.py`"
TABLE_HEADER = (
    "| date | machine | command | rows | indicators s | pandas s | pandas / citybridge | HTML report s "
    "| peak MiB | load (1, 5, 15 min) | result |"
)
SECTION_INTRO = f"""{SECTION}

Every indicator of the example survey (`examples/uzbekistan-2020`, 19 questions) over synthetic
respondents, as of 2020-12-14, and the full English HTML report with its charts. Targets at
1,000,000 rows on 2 cores: indicators ≤ {TARGET_INDICATORS_S:g} s, the HTML report ≤ {TARGET_REPORT_S:g} s,
and at least {TARGET_RATIO:g}x faster than the baseline. *indicators s* is `analyze(...)` on the typed
Polars frame, best of {REPEAT}; *pandas s* the baseline, a straightforward pandas loop over the questions
computing the same figures (checked equal) on the same respondents, best of {REPEAT};
*HTML report s* one run from the frame to the written file (analysis included). *peak MiB* is the
process's peak resident memory during the analysis, the input frame included. *rows* are generated
(about 1% arrive after the as-of date and are left out); {COMMENT_SHARE:.0%} of them leave a free-text comment
unless the command says otherwise (`--comments`). See `bench/README.md`.

{TABLE_HEADER}
| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |
"""


# ---------------------------------------------------------------------------- main


@dataclass
class Measured:
    rows: int
    respondents: int  # received by AS_OF
    indicators_s: float
    peak_mib: float
    pandas_s: float
    report_s: float

    @property
    def ratio(self) -> float:
        return self.pandas_s / self.indicators_s


def run(rows: int, seed: int, comments: float) -> Measured:
    """Generate (or read) the respondents, then time citybridge, the baseline and the report, printing each."""
    OUT.mkdir(parents=True, exist_ok=True)
    form, spec, example = example_survey()
    frame, made = respondents(form, example, rows, seed, comments)
    texts = sum(
        frame.get_column(q.name).is_not_null().sum() for q in form.answer_questions if q.type == TEXT_TYPE
    )
    print(
        f"data      {rows:,} respondents, {frame.width} columns, {frame.estimated_size('mb'):,.0f} MiB, "
        f"{texts:,} free-text answers ({made})"
    )
    # Registrations grow with the respondents, as in the example (76 registered, 52 answered).
    registered = round(EXAMPLE_REGISTERED * rows / EXAMPLE_RESPONDENTS)

    if not reset_peak():
        print("note      the peak cannot be reset here: it is the process's since start")
    ours_s, analysis = best_of(REPEAT, lambda: citybridge_indicators(form, frame, spec, registered))
    peak = peak_mib()
    print(
        f"analyze   {ours_s:.3f} s (best of {REPEAT}), {len(analysis.indicators)} indicators, "
        f"{analysis.respondents:,} respondents as of {AS_OF}, peak {peak:,.0f} MiB",
        flush=True,
    )

    pandas_s, figures = timed_baseline(form, spec, frame)
    compared, wrong = disagreements(analysis, figures)
    if wrong:
        sys.exit("pandas and citybridge disagree:\n" + "\n".join(wrong[:20]))
    print(
        f"pandas    {pandas_s:.3f} s (best of {REPEAT}); {compared} figures equal to citybridge's", flush=True
    )
    print_examples(analysis, figures)

    page = OUT / f"report-{_short(rows)}.html"
    reset_peak()
    start = time.perf_counter()
    size = html_report(form, frame, spec, registered, page)
    report_s = time.perf_counter() - start
    print(
        f"report    {report_s:.2f} s to {page.relative_to(ROOT)} ({size / 1024:,.0f} KiB), "
        f"peak {peak_mib():,.0f} MiB"
    )
    return Measured(rows, analysis.respondents, ours_s, peak, pandas_s, report_s)


def print_examples(analysis: Analysis, figures: dict[str, dict[str, Any]]) -> None:
    """A few of the figures both computed, side by side (every one was compared)."""
    age = analysis.indicators["age"].summary
    pairs = (
        ("materials positive", analysis.indicators["materials"].positive.count, figures["materials"]["positive"][0]),
        ("priorities sme", analysis.indicators["priorities"].option("sme").count, figures["priorities"]["options"]["sme"][0]),
        ("age mean", f"{age.mean:.4f}", f"{figures['age']['summary']['mean']:.4f}"),
    )  # fmt: skip
    for label, ours, theirs in pairs:
        shown = (f"{ours:,}", f"{theirs:,}") if isinstance(ours, int) else (ours, theirs)
        print(f"          {label}: citybridge {shown[0]} / pandas {shown[1]}")


def verdicts(m: Measured) -> dict[str, tuple[bool, str]]:
    """PASS (True) or FAIL per target, with the figure against it."""
    return {
        "indicators": (m.indicators_s <= TARGET_INDICATORS_S, f"{m.indicators_s:.3f} s (target <= {TARGET_INDICATORS_S:g} s)"),
        "report": (m.report_s <= TARGET_REPORT_S, f"{m.report_s:.2f} s (target <= {TARGET_REPORT_S:g} s)"),
        "ratio": (m.ratio >= TARGET_RATIO, f"pandas {m.pandas_s:.3f} s / citybridge {m.indicators_s:.3f} s "
                                           f"= {m.ratio:.1f}x (target >= {TARGET_RATIO:g}x)"),
    }  # fmt: skip


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="bench/report.py",
        description=__doc__.split("\n\n")[0],
        epilog="Files go to bench/out/ (git-ignored).",
    )
    parser.add_argument("--rows", type=int, default=1_000_000, help="respondents (default: 1000000)")
    parser.add_argument("--seed", type=int, default=2020, help="seed of the respondents (default: 2020)")
    parser.add_argument(
        "--comments",
        type=float,
        default=COMMENT_SHARE,
        help=f"share of respondents who leave a comment, 0 to 1 (default: {COMMENT_SHARE:g})",
    )
    parser.add_argument("--check", action="store_true", help="exit 1 when a target is missed")
    parser.add_argument(
        "--no-record", action="store_true", help="do not add the result to docs/benchmarks.md"
    )
    args = parser.parse_args(argv)
    if args.rows < 1:
        parser.error("--rows must be at least 1")
    if not 0 <= args.comments <= 1:
        parser.error("--comments must be a share between 0 and 1")
    command = shlex.join(
        ["uv", "run", "python", "bench/report.py", *(argv if argv is not None else sys.argv[1:])]
    )
    info = machine()
    load_before = load_text()
    print(f"machine   {machine_text(info)}, {info['os']}, Polars {pl.__version__}, pandas {pd.__version__}")
    print(f"command   {command}")
    print(f"load      {load_before} (1, 5, 15 min) before")

    measured = run(args.rows, args.seed, args.comments)
    load_after = load_text()
    results = verdicts(measured)
    print()
    print(f"load      {load_after} (1, 5, 15 min) after")
    for name, (ok, text) in results.items():
        print(f"{'PASS' if ok else 'FAIL'} {name:<11}{text}")
    if args.rows != 1_000_000:
        print("note: the targets are set for 1,000,000 rows; this run used a different size")

    missed = [name for name, (ok, _) in results.items() if not ok]
    if not args.no_record:
        m = measured
        record(SECTION, SECTION_INTRO, [
            dt.date.today().isoformat(), machine_text(info), f"`{command}`",
            f"{m.rows:,} ({m.respondents:,} by {AS_OF})", f"{m.indicators_s:.2f}", f"{m.pandas_s:.2f}",
            f"{m.ratio:.1f}x", f"{m.report_s:.2f}", f"{m.peak_mib:,.0f}", f"{load_before} → {load_after}",
            "PASS" if not missed else f"FAIL ({', '.join(missed)})",
        ])  # fmt: skip
        print(f"recorded in {DOCS.relative_to(ROOT)}")
    return 1 if args.check and missed else 0


def _short(rows: int) -> str:
    """1000000 -> 1m, 200000 -> 200k: the report file's name."""
    if rows % 1_000_000 == 0:
        return f"{rows // 1_000_000}m"
    return f"{rows // 1000}k" if rows % 1000 == 0 else str(rows)


if __name__ == "__main__":
    sys.exit(main())
