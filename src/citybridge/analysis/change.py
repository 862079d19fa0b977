"""Paired change between two survey waves: the same participants, their own earlier answer.

Only participants who answered both waves count (the base); each measure gets the test its kind
calls for, named beside its p-value so a reader can check it:

- yes/no, and the top-box of a scale: the exact McNemar test, a two-sided binomial test on the
  participants whose answer changed (those who stayed the same carry no information on change);
- an ordinal scale and a number: the Wilcoxon signed-rank test on each participant's difference
  (participants with no difference are left out of the test, as Wilcoxon's own method does).

Attrition says who answered the earlier wave but not the later one, by city; level 3 and 4
indicators (Kirkpatrick: behaviour, results) are shares of the later wave's respondents.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass, replace

import polars as pl
from scipy.stats import binomtest, wilcoxon

from citybridge.analysis.declared import Measure
from citybridge.analysis.indicators import NUMBER, SCALE, YESNO, AnalysisError
from citybridge.analysis.kinds import best_first, kind_of, positive_values, yes_value
from citybridge.analysis.spec import IndicatorSpec
from citybridge.forms.model import Form, Question

PARTICIPANT = "participant"  # the column that links a wave's answers to the person (never a name)
MCNEMAR = "exact McNemar"
WILCOXON = "Wilcoxon signed-rank"
YESNO_TEST, TOPBOX, ORDINAL = "yes/no", "top-box", "ordinal"


@dataclass(frozen=True)
class PairedChange:
    """One measure's change among the ``base`` participants who answered it in both waves."""

    measure: str
    earlier_name: str
    comparison: str  # yes/no, top-box, ordinal or number
    base: int
    test: str
    p_value: float
    statistic: float | None
    changes: dict[str, int]  # binary: stayed/became yes or no; ordinal and number: higher, same, lower
    before: int | None = None  # binary: positive answers in the earlier wave (of base)
    after: int | None = None
    positive: tuple[str, ...] = ()
    label: str = ""  # the question's label in the report's language


@dataclass(frozen=True)
class CityAttrition:
    city: str
    earlier: int
    both: int

    @property
    def dropped(self) -> int:
        return self.earlier - self.both


@dataclass(frozen=True)
class Attrition:
    earlier: int  # answered the earlier wave
    both: int  # answered both
    dropped: tuple[str, ...]  # participants who answered the earlier wave only
    by_city: tuple[CityAttrition, ...]


@dataclass(frozen=True)
class LevelIndicator:
    level: int
    question: str
    label: str
    count: int
    base: int
    positive: tuple[str, ...]


@dataclass(frozen=True)
class WaveChange:
    earlier_wave: str
    later_wave: str
    attrition: Attrition
    measures: tuple[PairedChange, ...]
    levels: tuple[LevelIndicator, ...]


def wave_change(
    earlier: tuple[str, Form, pl.DataFrame],
    later: tuple[str, Form, pl.DataFrame],
    *,
    measures: Sequence[Measure],
    levels: Mapping[str, int],
    cities: Mapping[str, str],
    spec: IndicatorSpec | None = None,
    language: str | None = None,
) -> WaveChange:
    """Change from the ``earlier`` to the ``later`` wave, each given as (name, form, answers with a
    :data:`PARTICIPANT` column); ``cities`` maps participant to city for the attrition table."""
    spec = spec or IndicatorSpec()
    (earlier_name, earlier_form, earlier_frame), (later_name, later_form, later_frame) = earlier, later
    earlier_frame, later_frame = (
        _by_participant(earlier_frame, earlier_name),
        _by_participant(later_frame, later_name),
    )
    changes = []
    for measure in measures:
        earlier_q = earlier_form.question(_known(earlier_form, measure.earlier_name, earlier_name))
        later_q = later_form.question(_known(later_form, measure.name, later_name))
        pairs = earlier_frame.select(PARTICIPANT, pl.col(earlier_q.name).alias("before")).join(
            later_frame.select(PARTICIPANT, pl.col(later_q.name).alias("after")), on=PARTICIPANT, how="inner"
        )
        found = measure_change(measure, earlier_q, later_q, pairs.drop_nulls(), spec)
        changes += [replace(change, label=later_q.label(language)) for change in found]
    return WaveChange(
        earlier_name,
        later_name,
        attrition(earlier_frame[PARTICIPANT].to_list(), later_frame[PARTICIPANT].to_list(), cities),
        tuple(changes),
        level_indicators(later_form, later_frame, levels, spec, language),
    )


def measure_change(
    measure: Measure, earlier_q: Question, later_q: Question, pairs: pl.DataFrame, spec: IndicatorSpec
) -> list[PairedChange]:
    """The paired comparisons of one measure (``pairs``: a participant's "before" and "after"
    answers): yes/no; top-box and ordinal for a scale; a number's."""
    kind = kind_of(later_q, spec.question(later_q.name))
    if kind != kind_of(earlier_q, spec.question(earlier_q.name)):
        raise AnalysisError(
            f"repeated measure '{measure.name}': it is a {kind} question in the later wave but not in the "
            f"earlier one ('{measure.earlier_name}'); map it to a question of the same kind"
        )
    before, after = pairs["before"].to_list(), pairs["after"].to_list()
    if kind in (YESNO, SCALE) and set(earlier_q.choice_names()) != set(later_q.choice_names()):
        raise AnalysisError(
            f"repeated measure '{measure.name}': its choices differ between the waves "
            f"({', '.join(earlier_q.choice_names())} before, {', '.join(later_q.choice_names())} after); "
            "ask it with the same choice list"
        )
    if kind == YESNO:
        return [binary_change(measure, YESNO_TEST, before, after, (yes_value(later_q),))]
    if kind == SCALE:
        positive = positive_values(later_q, spec.question(later_q.name))
        ranks = {name: -i for i, name in enumerate(best_first(later_q))}
        return [
            binary_change(measure, TOPBOX, before, after, positive),
            ordinal_change(measure, ORDINAL, [ranks[v] for v in before], [ranks[v] for v in after]),
        ]
    if kind == NUMBER:
        return [ordinal_change(measure, NUMBER, before, after)]
    raise AnalysisError(
        f"repeated measure '{measure.name}' is a {kind} question: paired change is computed for yes/no, "
        "scale and number questions; leave it out of repeated_measures"
    )


def binary_change(
    measure: Measure, comparison: str, before: Sequence, after: Sequence, positive: Sequence[str]
) -> PairedChange:
    """Exact McNemar: of the participants whose answer changed, did more become positive than stopped?"""
    flags = Counter((b in positive, a in positive) for b, a in zip(before, after, strict=True))
    became, stopped = flags[(False, True)], flags[(True, False)]
    discordant = became + stopped
    p_value = binomtest(became, discordant, 0.5).pvalue if discordant else 1.0
    return PairedChange(
        measure.name, measure.earlier_name, comparison, len(before), MCNEMAR, float(p_value),
        float(min(became, stopped)) if discordant else None,
        {"stayed_positive": flags[(True, True)], "became_positive": became, "stopped_positive": stopped,
         "stayed_other": flags[(False, False)]},
        before=flags[(True, True)] + stopped, after=flags[(True, True)] + became, positive=tuple(positive),
    )  # fmt: skip


def ordinal_change(
    measure: Measure, comparison: str, before: Sequence[float], after: Sequence[float]
) -> PairedChange:
    """Wilcoxon signed-rank on each participant's difference (later minus earlier)."""
    differences = [a - b for b, a in zip(before, after, strict=True)]
    counts = {
        "higher": sum(d > 0 for d in differences),
        "same": sum(d == 0 for d in differences),
        "lower": sum(d < 0 for d in differences),
    }
    if counts["higher"] + counts["lower"] == 0:
        p_value, statistic = 1.0, None  # nobody changed: no evidence of change, and nothing to rank
    else:
        result = wilcoxon([d for d in differences if d != 0])
        p_value, statistic = float(result.pvalue), float(result.statistic)
    return PairedChange(
        measure.name, measure.earlier_name, comparison, len(differences), WILCOXON, p_value, statistic, counts
    )


def attrition(earlier: Sequence[str], later: Sequence[str], cities: Mapping[str, str]) -> Attrition:
    """Who answered the earlier wave and not the later one, overall and by city ("(unknown)" if none)."""
    answered_later = set(later)
    dropped = tuple(sorted(p for p in earlier if p not in answered_later))
    per_city: dict[str, list[int]] = {}
    for participant in earlier:
        counts = per_city.setdefault(cities.get(participant) or "(unknown)", [0, 0])
        counts[0] += 1
        counts[1] += participant in answered_later
    by_city = tuple(CityAttrition(city, e, b) for city, (e, b) in sorted(per_city.items()))
    return Attrition(len(earlier), len(earlier) - len(dropped), dropped, by_city)


def level_indicators(
    form: Form, frame: pl.DataFrame, levels: Mapping[str, int], spec: IndicatorSpec, language: str | None
) -> tuple[LevelIndicator, ...]:
    """Each declared level 3/4 question: respondents answering yes (or a positive point) of those answering."""
    found = []
    for name, level in sorted(levels.items(), key=lambda item: (item[1], item[0])):
        question = form.question(_known(form, name, form.form_id))
        kind = kind_of(question, spec.question(name))
        if kind == YESNO:
            positive: tuple[str, ...] = (yes_value(question),)
        elif kind == SCALE:
            positive = positive_values(question, spec.question(name))
        else:
            raise AnalysisError(
                f"level {level} indicator '{name}' must be a yes/no or scale question, not {kind}"
            )
        answers = frame[name].drop_nulls()
        found.append(
            LevelIndicator(
                level,
                name,
                question.label(language),
                int(answers.is_in(positive).sum()),
                answers.len(),
                positive,
            )
        )
    return tuple(found)


def _by_participant(frame: pl.DataFrame, wave: str) -> pl.DataFrame:
    if PARTICIPANT not in frame.columns:
        raise AnalysisError(
            f"wave '{wave}': its answers are not linked to participants (no '{PARTICIPANT}' column)"
        )
    linked = frame.filter(pl.col(PARTICIPANT).is_not_null())
    twice = linked.filter(pl.col(PARTICIPANT).is_duplicated())[PARTICIPANT].unique().sort().to_list()
    if twice:
        raise AnalysisError(
            f"wave '{wave}': participant(s) {', '.join(map(str, twice[:5]))} answered more than once; "
            "keep one answer per participant (personal links allow only one)"
        )
    return linked.with_columns(pl.col(PARTICIPANT).cast(pl.Utf8))


def _known(form: Form, name: str, wave: str) -> str:
    if not form.has_question(name):
        raise AnalysisError(f"wave '{wave}': its form '{form.form_id}' has no question '{name}'")
    return name


def describe(change: PairedChange) -> str:
    """One sentence of a measure's change, every number taken from ``change``."""
    test = f"{change.test}, p {_p(change.p_value)}, base {change.base} participants who answered both waves"
    if change.before is not None:
        return f"{change.measure} ({change.comparison}): {change.before} of {change.base} before, {change.after} after ({test})"
    moved = change.changes
    return (
        f"{change.measure} ({change.comparison}): {moved['higher']} higher, {moved['same']} the same, "
        f"{moved['lower']} lower ({test})"
    )


def change_json(change: WaveChange) -> dict:
    """The comparison as plain JSON types (``citybridge analyze --waves --json``)."""
    data = asdict(change)
    data["attrition"]["by_city"] = [{**asdict(c), "dropped": c.dropped} for c in change.attrition.by_city]
    for measure, entry in zip(change.measures, data["measures"], strict=True):
        entry["sentence"] = describe(measure)
    return data


def _p(value: float) -> str:
    return "< 0.001" if value < 0.001 else f"= {value:.3f}"
