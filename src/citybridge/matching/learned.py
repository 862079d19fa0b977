"""The weights learned from real partnerships, saved with the evaluation they came from.

``citybridge match evaluate --pairs FILE --save-weights PATH`` writes the file (the shipped one is
``data/learned.toml``); the matcher reads its ``[weights]`` at run time instead of fitting again,
and the report's partnerships section states its ``[evaluation]`` figures (``quality``).

The fitted weights are scaled to add up to ``LEARNED_SHARE``, the share of the score the hand-set
weights gave size and distance, so the survey's components (fit, preference, tie) keep theirs.
The minimum score is that share times the median learned score of the judged real partners: a
pair is proposed only if it looks at least as much like a real partnership as the typical one.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from citybridge.matching.realeval import BASELINES, KS, Evaluation
from citybridge.matching.weights import learned_file
from citybridge.reports.i18n import Translator

LEARNED_SHARE = 0.20


@dataclass(frozen=True)
class Quality:
    """What the report says of the matcher: hit@10 on held-out real partnerships and the best baseline."""

    hit10: float
    baseline: str
    baseline_hit10: float
    judged_pairs: int
    judged_regions: tuple[str, ...]
    minimum_score: float


def scaled(evaluation: Evaluation) -> dict[str, float]:
    total = sum(evaluation.weights.values())
    return {c: LEARNED_SHARE * w / total if total else 0.0 for c, w in evaluation.weights.items()}


def learned_text(evaluation: Evaluation, source: str, command: str) -> str:
    """The TOML of the learned weights and their evaluation."""
    lines = [
        "# Weights learned from real partnerships by logistic regression, and how they did (docs/matching.md).",
        f"# Written by: {command}",
        f"# From: {source} (Wikipedia's lists, CC BY-SA 4.0; coordinates OpenStreetMap, ODbL).",
        f"# Fitted weights (before scaling to {LEARNED_SHARE}): "
        + ", ".join(f"{c} {w:.3f}" for c, w in evaluation.weights.items())
        + (f"; negative, set to 0: {', '.join(evaluation.clipped)}" if evaluation.clipped else ""),
        "",
        "[weights]",
        *(f"{c} = {w:.4f}" for c, w in scaled(evaluation).items()),
        "",
        "[evaluation]",
        f"seed = {evaluation.seed}",
        f"hidden_share = {evaluation.hide}",
        f"pairs = {evaluation.pairs}",
        f"judged_pairs = {evaluation.judged_pairs}",
        f"learning_pairs = {evaluation.learning_pairs}",
        f"learning_regions = {list(evaluation.learning_regions)}",
        f"judged_regions = {list(evaluation.judged_regions)}",
        f"minimum_score = {evaluation.minimum_score * LEARNED_SHARE:.4f}",
    ]
    for method, figures in evaluation.methods.items():
        key = method.replace("-", "_")
        lines += [f"{key}_hit{k} = {figures.hits[k]:.4f}" for k in KS]
        lines += [f"{key}_mrr = {figures.mrr:.4f}", f"{key}_coverage = {figures.coverage:.4f}"]
    return "\n".join(lines) + "\n"


def save(evaluation: Evaluation, path: Path, source: str, command: str) -> None:
    Path(path).write_text(learned_text(evaluation, source, command), encoding="utf-8")


def quality() -> Quality | None:
    """The stored evaluation's figures for the report; None when no learned weights are shipped."""
    found = learned_file().get("evaluation")
    if not found:
        return None
    baseline = max(BASELINES, key=lambda m: found[f"{m.replace('-', '_')}_hit10"])
    return Quality(
        hit10=found["learned_hit10"],
        baseline=baseline,
        baseline_hit10=found[f"{baseline.replace('-', '_')}_hit10"],
        judged_pairs=found["judged_pairs"],
        judged_regions=tuple(found["judged_regions"]),
        minimum_score=found["minimum_score"],
    )


def minimum_score() -> float:
    """The default minimum score of a proposed pair (0 when no evaluation is stored)."""
    found = quality()
    return found.minimum_score if found else 0.0


def quality_sentence(quality: dict, minimum: float, t: Translator) -> str:
    """What the report says of the suggestions: hit@10 on unseen real partnerships vs the best baseline.

    ``quality`` is ``Quality`` as a dict (the matching result's "quality"), ``minimum`` the minimum
    score in use; every number of the sentence comes from them.
    """
    baselines = {
        "random": t.gettext("a random choice"),
        "most-popular": t.gettext("the cities with the most partners"),
        "nearest": t.gettext("the nearest cities"),
        "same-size": t.gettext("the cities closest in size"),
    }
    return t.gettext(
        "On {pairs} real city partnerships it was not shown (twin towns from Wikipedia's lists, cities in "
        "{regions}), the matcher ranked the real partner among its first 10 in {hit10} of cases; the best "
        "simple rule, {baseline}, did so in {baseline_hit10}. Pairs scoring under {minimum} are not proposed. "
        "These are suggestions to discuss with the cities, not decisions."
    ).format(
        pairs=t.format_number(quality["judged_pairs"]),
        regions=t.format_list([_continent(code, t) for code in quality["judged_regions"]]),
        hit10=t.format_percent(quality["hit10"]),
        baseline=baselines[quality["baseline"]],
        baseline_hit10=t.format_percent(quality["baseline_hit10"]),
        minimum=t.format_decimal(minimum, 2),
    )


def _continent(code: str, t: Translator) -> str:
    names = {
        "AF": t.gettext("Africa"), "AS": t.gettext("Asia"), "EU": t.gettext("Europe"),
        "NA": t.gettext("North America"), "OC": t.gettext("Oceania"), "SA": t.gettext("South America"),
        "AN": t.gettext("Antarctica"),
    }  # fmt: skip
    return names.get(code, code)
