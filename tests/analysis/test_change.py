"""Paired change between waves, on small data a reader can check by hand."""

from __future__ import annotations

import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from citybridge.analysis.change import MCNEMAR, PARTICIPANT, WILCOXON, attrition, describe, wave_change
from citybridge.analysis.declared import Measure
from citybridge.analysis.indicators import AnalysisError
from citybridge.forms.model import Choice, Form, Question

YESNO = tuple(Choice(n) for n in ("yes", "no"))
AGREE = tuple(Choice(n) for n in ("strongly_agree", "agree", "neutral", "disagree", "strongly_disagree"))


def form(form_id: str, *questions: Question) -> Form:
    return Form(form_id, "1", form_id, None, (), questions)


def select(name: str, choices=YESNO) -> Question:
    return Question(name, "select_one", name, {"default": name.title()}, choices=choices)


BASELINE = form("post", select("partner"), select("useful", AGREE), Question("staff", "integer", "staff"))
FOLLOW_UP = form(
    "follow_3m",
    select("partner"),
    select("useful_now", AGREE),
    Question("staff", "integer", "staff"),
    select("applied"),
)


def frame(rows: dict[str, list]) -> pl.DataFrame:
    return pl.DataFrame(rows, strict=False)


def change(earlier: pl.DataFrame, later: pl.DataFrame, measures, levels=None, cities=None):
    return wave_change(
        ("post", BASELINE, earlier),
        ("3 months", FOLLOW_UP, later),
        measures=measures,
        levels=levels or {},
        cities=cities or {},
    )


def test_six_participants_who_all_became_yes_give_exact_mcnemar_p_of_two_in_64():
    ids = [f"p{i}" for i in range(10)]
    before = ["no"] * 6 + ["yes", "yes", "no", "no"]
    after = ["yes"] * 6 + ["yes", "yes", "no", "no"]
    result = change(frame({PARTICIPANT: ids, "partner": before}), frame({PARTICIPANT: ids, "partner": after}),
                    [Measure("partner", "partner")])  # fmt: skip
    (yes_no,) = result.measures
    assert yes_no.test == MCNEMAR and yes_no.base == 10
    assert yes_no.changes == {
        "stayed_positive": 2,
        "became_positive": 6,
        "stopped_positive": 0,
        "stayed_other": 2,
    }
    assert (yes_no.before, yes_no.after) == (2, 8)
    assert yes_no.p_value == pytest.approx(2 / 2**6)  # both tails of six fair coin flips all one way


def test_a_scale_gets_top_box_mcnemar_and_wilcoxon_on_its_ranks_through_a_mapped_name():
    ids = [f"p{i}" for i in range(7)]
    before = ["disagree", "neutral", "neutral", "agree", "disagree", "neutral", "agree"]
    after = [
        "neutral",
        "agree",
        "strongly_agree",
        "strongly_agree",
        "strongly_agree",
        "strongly_disagree",
        "agree",
    ]
    result = change(frame({PARTICIPANT: ids, "useful": before}), frame({PARTICIPANT: ids, "useful_now": after}),
                    [Measure("useful_now", "useful")])  # fmt: skip
    top_box, ordinal = result.measures
    assert top_box.comparison == "top-box" and top_box.positive == ("strongly_agree", "agree")
    assert (top_box.before, top_box.after, top_box.base) == (2, 5, 7)
    assert top_box.p_value == pytest.approx(2 * 0.5**3)  # three became positive, none stopped
    # rank differences +1 +1 +2 +1 +3 -2 0: the zero leaves, six remain; W- is the rank of |-2|
    assert ordinal.test == WILCOXON and ordinal.changes == {"higher": 5, "same": 1, "lower": 1}
    assert ordinal.statistic == pytest.approx(4.5)  # ranks of 1,1,1,2,2,3 are 2,2,2,4.5,4.5,6


def test_only_participants_who_answered_both_waves_make_the_base():
    earlier = frame({PARTICIPANT: ["a", "b", "c", "d"], "staff": [10, 20, 30, 40]})
    later = frame({PARTICIPANT: ["b", "c", "d", "e"], "staff": [21, None, 44, 5]})
    (number,) = change(earlier, later, [Measure("staff", "staff")]).measures
    assert number.base == 2 and number.changes == {"higher": 2, "same": 0, "lower": 0}
    assert number.test == WILCOXON


def test_nobody_changing_gives_p_of_one_and_no_statistic():
    ids = ["a", "b", "c"]
    data = frame({PARTICIPANT: ids, "partner": ["yes", "no", "yes"]})
    (yes_no,) = change(data, data, [Measure("partner", "partner")]).measures
    assert yes_no.p_value == 1.0 and yes_no.statistic is None


def test_attrition_names_who_dropped_out_by_city():
    result = attrition(
        ["a", "b", "c", "d"], ["a", "d", "z"], {"a": "Namangan", "b": "Namangan", "c": "Bukhara"}
    )
    assert result.dropped == ("b", "c") and (result.earlier, result.both) == (4, 2)
    assert [(c.city, c.earlier, c.both, c.dropped) for c in result.by_city] == [
        ("(unknown)", 1, 1, 0), ("Bukhara", 1, 0, 1), ("Namangan", 2, 1, 1),
    ]  # fmt: skip


def test_a_level_3_indicator_is_the_share_of_later_respondents_saying_yes():
    later = frame({PARTICIPANT: ["a", "b", "c", "d"], "applied": ["yes", "yes", "no", None]})
    earlier = frame({PARTICIPANT: ["a"], "partner": ["yes"]})
    (level,) = change(earlier, later, [], levels={"applied": 3}).levels
    assert (level.level, level.count, level.base, level.label) == (3, 2, 3, "Applied")


def test_a_measure_missing_from_a_wave_form_is_refused_naming_the_wave_and_question():
    data = frame({PARTICIPANT: ["a"], "partner": ["yes"]})
    with pytest.raises(AnalysisError, match=r"wave 'post'.*no question 'gone'"):
        change(data, data, [Measure("partner", "gone")])


def test_a_participant_answering_a_wave_twice_is_refused_not_dropped():
    data = frame({PARTICIPANT: ["a", "a"], "partner": ["yes", "no"]})
    with pytest.raises(AnalysisError, match="participant\\(s\\) a answered more than once"):
        change(data, data, [Measure("partner", "partner")])


answers = st.lists(
    st.tuples(st.sampled_from(["yes", "no", None]), st.sampled_from(["yes", "no", None])), max_size=40
)


@settings(max_examples=60, deadline=None)
@given(answers)
def test_paired_change_has_a_base_of_complete_pairs_and_a_p_value_that_does_not_depend_on_direction(pairs):
    ids = [str(i) for i in range(len(pairs))]
    earlier = frame({PARTICIPANT: ids, "partner": [b for b, _ in pairs]})
    later = frame({PARTICIPANT: ids, "partner": [a for _, a in pairs]})
    (forward,) = change(earlier, later, [Measure("partner", "partner")]).measures
    (backward,) = change(later, earlier, [Measure("partner", "partner")]).measures
    assert forward.base == sum(b is not None and a is not None for b, a in pairs)
    assert sum(forward.changes.values()) == forward.base
    assert 0 <= forward.p_value <= 1 and forward.p_value == pytest.approx(backward.p_value)
    assert (forward.before, forward.after) == (backward.after, backward.before)


def test_the_sentence_names_the_test_its_p_value_and_base_from_the_figures():
    ids = [f"p{i}" for i in range(12)]
    result = change(frame({PARTICIPANT: ids, "partner": ["no"] * 12}), frame({PARTICIPANT: ids, "partner": ["yes"] * 12}),
                    [Measure("partner", "partner")])  # fmt: skip
    assert describe(result.measures[0]) == (
        "partner (yes/no): 0 of 12 before, 12 after (exact McNemar, p < 0.001, base 12 participants who answered both waves)"
    )
