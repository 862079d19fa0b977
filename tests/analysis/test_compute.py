"""Indicators computed from the example training's answers, and from small forms built here."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import polars as pl
import pytest
from hypothesis import given
from hypothesis import strategies as st

from citybridge.analysis.compute import analyze
from citybridge.analysis.data import from_export, from_stored
from citybridge.analysis.export import analysis_json
from citybridge.analysis.intervals import wilson
from citybridge.analysis.spec import SpecError, read_spec, spec_from_dict
from citybridge.forms import load_xlsform
from citybridge.submissions.sources import read_export
from citybridge.submissions.validate import answers_as_json, validate

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "uzbekistan-2020"
NEWS_DAY = dt.date(2020, 11, 10)
REPORT_DAY = dt.date(2020, 12, 14)


@pytest.fixture(scope="module")
def form():
    return load_xlsform(EXAMPLE / "survey.xlsx")


@pytest.fixture(scope="module")
def spec():
    return read_spec(EXAMPLE / "survey.indicators.toml")


@pytest.fixture(scope="module")
def frame(form):
    return from_export(form, EXAMPLE / "submissions.csv").frame


@pytest.fixture(scope="module")
def report(form, frame, spec):
    return analyze(form, frame, spec=spec, as_of=REPORT_DAY, language="en", registered=76)


def test_scale_positive_share_uses_the_declared_positive_points(report):
    materials = report.indicators["materials"]
    assert materials.kind == "scale"
    assert materials.positive_values == ("excellent", "very_good", "good")
    assert (materials.positive.count, materials.positive.base) == (49, 52)
    assert materials.top_box.count == materials.option("excellent").count == 10


def test_scale_without_declaration_counts_the_top_two_points_as_positive(report):
    expected = report.indicators["expected_info"]
    assert expected.positive_values == ("strongly_agree", "agree")
    assert expected.positive.count == expected.option("strongly_agree").count + expected.option("agree").count == 50


def test_select_options_keep_choice_list_order_including_unchosen_choices(form, report):
    materials = report.indicators["materials"]
    assert [o.value for o in materials.options] == list(form.question("materials").choice_names())
    assert sum(o.count for o in materials.options) == materials.base


def test_multiple_choice_options_are_ranked_by_respondents_naming_them(report):
    priorities = report.indicators["priorities"]
    counts = [o.count for o in priorities.options]
    assert counts == sorted(counts, reverse=True)
    assert priorities.option("sme").count == 27
    assert priorities.option("trade_investment").count == 25


def test_multiple_choice_counts_a_respondent_once_per_option(form):
    frame = pl.DataFrame(
        {
            "_instance_id": ["a", "b"],
            "_submitted_at": [dt.datetime(2020, 11, 7, tzinfo=dt.UTC)] * 2,
            "priorities": [["sme", "sme", "tourism"], ["sme"]],
        }
    )
    priorities = analyze(form, frame).indicators["priorities"]
    assert priorities.option("sme").count == 2
    assert priorities.option("sme").share == 1.0


def test_missing_counts_only_respondents_the_question_applied_to(report, frame):
    cities = report.indicators["china_cities"]
    said_yes = frame.filter(pl.col("china_interest") == "yes").height
    assert cities.base + cities.missing == said_yes
    assert report.indicators["good_practices"].missing == 52 - report.indicators["good_practices"].base


def test_as_of_keeps_only_submissions_received_by_that_day(form, frame, spec):
    news = analyze(form, frame, spec=spec, as_of=NEWS_DAY)
    assert news.respondents == 34
    assert news.responses_over_time[-1].cumulative == 34
    assert news.last_submission.date() <= NEWS_DAY
    assert round(news.indicators["china_interest"].yes.share * 100) == 71


def test_disaggregation_groups_cover_every_respondent_of_a_select_one(form, frame, spec):
    result = analyze(form, frame, spec=spec, by="position")
    assert sum(g.respondents for g in result.groups) == result.respondents
    assert all(g.indicators["materials"].base <= g.respondents for g in result.groups)


def test_disaggregation_flags_groups_below_the_minimum_base(form, frame, spec):
    result = analyze(form, frame, spec=spec, by="city")
    assert result.groups and all(g.small_base == (g.respondents < spec.min_base) for g in result.groups)


def test_disaggregation_by_a_question_that_is_not_a_select_is_refused(form, frame):
    with pytest.raises(ValueError, match="not a select question"):
        analyze(form, frame, by="age")


def test_number_summary_bands_and_bins_describe_the_same_answers(report):
    age = report.indicators["age"]
    assert age.summary.n == age.base == 50
    assert age.summary.min <= age.summary.q1 <= age.summary.median <= age.summary.q3 <= age.summary.max
    assert sum(b.count for b in age.bins) == age.base
    assert [b.value for b in age.bands] == ["under_35", "35_44", "45_54", "55_plus"]
    assert sum(b.count for b in age.bands) == age.base
    assert round(age.bands[0].share * 100) == 30


def test_respondents_per_city_are_ranked_and_add_up(report):
    counts = [o.count for o in report.respondents_per_city]
    assert counts == sorted(counts, reverse=True)
    assert sum(counts) == report.respondents


def test_labels_follow_the_requested_language(form, frame, spec):
    uzbek = analyze(form, frame, spec=spec, language="uz-Cyrl")
    assert uzbek.indicators["materials"].option("excellent").label == "Аъло"
    assert analyze(form, frame, spec=spec, language="en").indicators["materials"].option("excellent").label == "Excellent"


def test_stored_answers_give_the_same_figures_as_the_export(form, spec):
    validated = validate(form, read_export(EXAMPLE / "submissions.csv", form))
    stored = answers_as_json(validated)
    frame = from_stored(
        form,
        stored.get_column("_instance_id").to_list(),
        stored.get_column("_submitted_at").to_list(),
        stored.get_column("_answers").to_list(),
    )
    from_file = analysis_json(analyze(form, validated.frame, spec=spec, as_of=REPORT_DAY))
    from_store = analysis_json(analyze(form, frame, spec=spec, as_of=REPORT_DAY))
    assert from_store == from_file


def test_json_document_has_the_documented_shape(report):
    document = analysis_json(report)
    assert document["respondents"] == 52 and document["registered"] == 76
    materials = document["questions"]["materials"]
    assert {"type", "label", "base", "missing", "options"} <= materials.keys()
    assert {"value", "label", "count", "share", "ci95"} == materials["options"][0].keys()
    age = document["questions"]["age"]
    assert {"n", "mean", "median", "min", "max"} <= age.keys()


def test_an_empty_frame_gives_zero_bases_not_errors(form, frame, spec):
    result = analyze(form, frame.head(0), spec=spec)
    assert result.respondents == 0
    assert all(i.base == 0 for i in result.indicators.values())
    assert result.response_rate is None


def test_wilson_interval_of_zero_successes_is_not_degenerate():
    low, high = wilson(0, 10)
    assert low == 0.0 and high == pytest.approx(0.2775, abs=1e-4)


@given(st.integers(min_value=1, max_value=10_000), st.data())
def test_wilson_interval_contains_the_observed_share(base, data):
    count = data.draw(st.integers(min_value=0, max_value=base))
    low, high = wilson(count, base)
    assert 0.0 <= low <= count / base <= high <= 1.0


def test_indicators_file_errors_name_the_question_and_the_allowed_kinds():
    with pytest.raises(SpecError, match=r"questions\.materials: kind must be one of"):
        spec_from_dict({"questions": {"materials": {"kind": "likert"}}}, source="x.toml")


def test_indicators_file_positive_values_must_be_choices(form, frame):
    spec = spec_from_dict({"questions": {"materials": {"positive": ["superb"]}}})
    with pytest.raises(ValueError, match="superb"):
        analyze(form, frame, spec=spec)
