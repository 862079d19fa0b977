"""The shipped learned weights, the evaluation stored with them, and the report's sentence built from it."""

from __future__ import annotations

import tomllib
from importlib import resources

import pytest

from citybridge.matching import learned, load_weights
from citybridge.matching.realeval import BASELINES, Evaluation, Figures
from citybridge.reports.i18n import LANGUAGES, Translator

SHIPPED = tomllib.loads(
    resources.files("citybridge.matching").joinpath("data", "learned.toml").read_text(encoding="utf-8")
)


def test_the_weights_in_use_are_the_shipped_learned_ones():
    weights = load_weights()
    assert all(weights[c] == pytest.approx(w) for c, w in SHIPPED["weights"].items())
    assert sum(SHIPPED["weights"].values()) == pytest.approx(learned.LEARNED_SHARE, abs=1e-3)


def test_the_shipped_learned_matcher_beats_every_baseline_at_hit10():
    stored = SHIPPED["evaluation"]
    assert not set(stored["learning_regions"]) & set(stored["judged_regions"])
    for baseline in BASELINES:
        assert stored["learned_hit10"] > stored[f"{baseline.replace('-', '_')}_hit10"]
    assert stored["learned_hit10"] >= 2 * stored["most_popular_hit10"]


def test_quality_is_read_from_the_stored_figures():
    found = learned.quality()
    stored = SHIPPED["evaluation"]
    assert found.hit10 == stored["learned_hit10"] and found.minimum_score == stored["minimum_score"]
    best = max(stored[f"{b.replace('-', '_')}_hit10"] for b in BASELINES)
    assert found.baseline_hit10 == best and stored[f"{found.baseline.replace('-', '_')}_hit10"] == best


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_report_sentence_states_the_stored_figures(language):
    t = Translator(language)
    found = learned.quality()
    sentence = learned.quality_sentence(
        {**found.__dict__, "judged_regions": list(found.judged_regions)}, found.minimum_score, t
    )
    for figure in (
        t.format_percent(found.hit10),
        t.format_percent(found.baseline_hit10),
        t.format_number(found.judged_pairs),
        t.format_decimal(found.minimum_score, 2),
    ):
        assert figure in sentence
    assert "{" not in sentence


def test_saved_figures_read_back_as_written(tmp_path):
    figures = {m: Figures({1: 0.01, 5: 0.02, 10: 0.03}, 0.02, 0.5) for m in ("learned", "hand-set", *BASELINES)}
    figures["learned"] = Figures({1: 0.1, 5: 0.2, 10: 0.3}, 0.15, 0.4)
    evaluation = Evaluation(
        pairs=10, hidden=2, judged_cities=2, judged_pairs=2, learning_pairs=2, candidates=10,
        learning_regions=("EU",), judged_regions=("AS",), weights={"size": 1.0, "distance": 3.0},
        intercept=-1.0, clipped=(), methods=figures, minimum_score=0.5,
    )  # fmt: skip
    path = tmp_path / "learned.toml"
    learned.save(evaluation, path, source="pairs.csv", command="uv run citybridge match evaluate")
    read = tomllib.loads(path.read_text(encoding="utf-8"))
    assert read["weights"] == {"size": 0.05, "distance": 0.15}
    assert read["evaluation"]["learned_hit10"] == 0.3 and read["evaluation"]["minimum_score"] == 0.1
