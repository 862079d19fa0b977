"""Waves benchmark: 10,000 participants x 3 waves scheduled, and the paired analysis of change.

Target on a 2-core machine: at most 5 s for both together —

1. the schedule: for each of 3 waves (post-training, 3 and 6 months), which invitation or reminder
   each of 10,000 participants is due on the opening day and on days 7 and 14 (9 runs of
   ``due_messages`` over 10,000 recipients, answers arriving between runs, every message key
   recorded as sent);
2. the paired analysis: post → 3 months and 3 → 6 months (``wave_change``: a yes/no, a scale as
   top-box and ordinal, a number, two level 3/4 indicators, attrition over 35 cities).

The answers are synthetic (seeded): 100% answer the post-training wave, 70% the 3-month and 55%
the 6-month one. The baseline pairs the yes/no measure alone in plain Python (dicts of participant
-> answer, counting the McNemar cells by hand): it checks the counts (they must agree) and shows
what one measure's bare pairing costs beside the whole analysis (three measures, two tests each
for the scale, levels, attrition). Sending e-mail is not timed here (the mail server's speed).

    uv run python bench/waves.py                 # recorded in docs/benchmarks.md
    uv run python bench/waves.py --no-record     # not recorded
    uv run python bench/waves.py --check         # exit 1 when the target is missed
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import shlex
import sys
import time
from pathlib import Path

import polars as pl

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import machine, machine_text, record  # the same machine line as the other rows

from citybridge.analysis.change import PARTICIPANT, wave_change
from citybridge.analysis.declared import Measure
from citybridge.followup.schedule import Recipient, due_messages, steps
from citybridge.forms.model import Choice, Form, Question

PARTICIPANTS, CITIES, TARGET_S = 10_000, 35, 5.0
WAVES = (("post-training", 1.0), ("3 months", 0.70), ("6 months", 0.55))
AGREE = ("strongly_agree", "agree", "neutral", "disagree", "strongly_disagree")
SECTION = "## Waves: `bench/waves.py`"
SECTION_INTRO = f"""{SECTION}

{PARTICIPANTS:,} participants x 3 waves (post-training, 3 and 6 months; 100%, 70% and 55% answer):
the invitation and reminder schedule of every wave on days 0, 7 and 14 (9 runs over every
participant), then the paired analysis post → 3 months and 3 → 6 months (yes/no, scale as top-box
and ordinal, number, level 3/4, attrition by city). Target: both ≤ {TARGET_S:.0f} s. The *baseline*
pairs the yes/no measure alone in plain Python dicts and counts its McNemar cells by hand (they
must agree with the analysis; it does a fraction of the work, so it is a check, not a rival).
Sending e-mail is not timed: that is the mail server's speed.

| date | machine | command | participants x waves | schedule s | messages | paired analysis s | baseline pairing s | result |
| --- | --- | --- | --- | --- | --- | --- | --- | --- |
"""


def form(form_id: str) -> Form:
    yes_no = tuple(Choice(n) for n in ("yes", "no"))
    return Form(form_id, "1", form_id, None, (), (
        Question("partner", "select_one", "partner", choices=yes_no),
        Question("useful", "select_one", "useful", choices=tuple(Choice(n) for n in AGREE)),
        Question("staff", "integer", "staff"),
        Question("applied", "select_one", "applied", choices=yes_no),
        Question("activity", "select_one", "activity", choices=yes_no),
    ))  # fmt: skip


def answers(rng: random.Random) -> list[pl.DataFrame]:
    frames, step = [], 0.0
    for _, share in WAVES:
        ids = [str(p) for p in range(PARTICIPANTS) if rng.random() < share]
        frames.append(pl.DataFrame({
            PARTICIPANT: ids,
            "partner": [("yes" if rng.random() < 0.2 + step else "no") for _ in ids],
            "useful": [AGREE[min(4, max(0, int(rng.gauss(2 - step * 4, 1))))] for _ in ids],
            "staff": [int(rng.gauss(40 + step * 20, 10)) for _ in ids],
            "applied": [("yes" if rng.random() < 0.3 + step else "no") for _ in ids],
            "activity": [("yes" if rng.random() < 0.1 + step else "no") for _ in ids],
        }))  # fmt: skip
        step += 0.15
    return frames


def schedule(frames: list[pl.DataFrame]) -> tuple[float, int]:
    opens, plan = dt.date(2021, 2, 1), steps([7, 14])
    started, messages = time.perf_counter(), 0
    for wave, frame in enumerate(frames):
        answerers = [int(p) for p in frame[PARTICIPANT].to_list()]
        sent: dict[str, dt.date] = {}
        for run, day in enumerate((0, 7, 14)):
            answered = set(answerers[: len(answerers) * run // 3])  # answers arrive between runs
            people = [Recipient(p, p in answered) for p in range(PARTICIPANTS)]
            today = opens + dt.timedelta(days=day)
            for due in due_messages(wave, opens, plan, people, sent, today):
                sent[due.key] = today
        messages += len(sent)
    return time.perf_counter() - started, messages


def analysis(frames: list[pl.DataFrame]) -> tuple[float, list]:
    cities = {str(p): f"city {p % CITIES}" for p in range(PARTICIPANTS)}
    measures = [Measure(n, n) for n in ("partner", "useful", "staff")]
    started = time.perf_counter()
    results = [
        wave_change((WAVES[i][0], form(f"w{i}"), frames[i]), (WAVES[i + 1][0], form(f"w{i + 1}"), frames[i + 1]),
                    measures=measures, levels={"applied": 3, "activity": 4}, cities=cities)
        for i in range(2)
    ]  # fmt: skip
    return time.perf_counter() - started, results


def baseline(frames: list[pl.DataFrame]) -> tuple[float, list[dict]]:
    started = time.perf_counter()
    cells = []
    for i in range(2):
        before = dict(zip(frames[i][PARTICIPANT].to_list(), frames[i]["partner"].to_list(), strict=True))
        after = dict(zip(frames[i + 1][PARTICIPANT].to_list(), frames[i + 1]["partner"].to_list(), strict=True))
        count = {"stayed_positive": 0, "became_positive": 0, "stopped_positive": 0, "stayed_other": 0}
        for participant, earlier in before.items():
            if participant in after:
                b, a = earlier == "yes", after[participant] == "yes"
                key = {(True, True): "stayed_positive", (False, True): "became_positive",
                       (True, False): "stopped_positive", (False, False): "stayed_other"}[(b, a)]  # fmt: skip
                count[key] += 1
        cells.append(count)
    return time.perf_counter() - started, cells


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--no-record", action="store_true", help="Print only; do not add a row to docs/benchmarks.md.")
    parser.add_argument("--check", action="store_true", help="Exit 1 when the target is missed.")
    options = parser.parse_args()
    frames = answers(random.Random(2020))
    schedule_s, messages = schedule(frames)
    analysis_s, results = analysis(frames)
    baseline_s, cells = baseline(frames)
    if [r.measures[0].changes for r in results] != cells:
        print("the paired counts differ from the baseline's: the benchmark's result is not valid")
        return 1
    total = schedule_s + analysis_s
    result = "PASS" if total <= TARGET_S else "FAIL"
    print(f"schedule: 3 waves x {PARTICIPANTS:,} participants, {messages:,} messages due, {schedule_s:.2f} s")
    for r in results:
        partner = r.measures[0]
        print(f"  {r.later_wave} vs {r.earlier_wave}: base {partner.base:,}, {partner.test} p = {partner.p_value:.3g}")
    print(f"paired analysis: {analysis_s:.2f} s (baseline pairing in plain Python {baseline_s:.2f} s)")
    print(f"total {total:.2f} s, target ≤ {TARGET_S:.0f} s: {result}")
    if not options.no_record:
        command = "uv run python bench/waves.py" + "".join(" " + shlex.quote(a) for a in sys.argv[1:])
        record(SECTION, SECTION_INTRO, [
            dt.date.today().isoformat(), machine_text(machine()), f"`{command}`", f"{PARTICIPANTS:,} x 3",
            f"{schedule_s:.2f}", f"{messages:,}", f"{analysis_s:.2f}", f"{baseline_s:.2f}", result,
        ])  # fmt: skip
    return 1 if options.check and result == "FAIL" else 0


if __name__ == "__main__":
    sys.exit(main())
