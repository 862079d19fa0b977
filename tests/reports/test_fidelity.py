"""Every figure the seed documents published, reproduced from the stored example training.

Each published figure is computed as of its publication day through the path that writes the
report (store → report inputs → figure reference, rounded as the narrative rounds), and compared
with the published value. The few that cannot be reproduced are listed with the reason.
"""

from __future__ import annotations

import csv
import datetime as dt
import tomllib
from pathlib import Path

import pytest

from citybridge.reports.figures import TrainingCounts, figure

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "uzbekistan-2020"
PUBLISHED = ROOT.parent / "shared" / "published-figures.csv"
MAPPING = tomllib.loads((EXAMPLE / "published-figures.toml").read_text(encoding="utf-8"))


def published() -> list[dict[str, str]]:
    with PUBLISHED.open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


_INPUTS: dict = {}  # as-of day -> ReportInputs, computed once per run from the stored example


@pytest.fixture
def inputs_as_of(db):
    """The report's inputs as of a day, through the store, as ``citybridge report`` computes them."""
    if not _INPUTS:
        from citybridge.web.example import load_training_folder
        from citybridge.web.reporting import report_inputs

        training = load_training_folder(EXAMPLE).training
        for day in {r["as_of"] for r in published()}:
            as_of = dt.date.fromisoformat(day) if day else None
            _INPUTS[as_of] = report_inputs(training, as_of=as_of, partnerships=False)
    return _INPUTS.__getitem__


def test_every_published_figure_has_a_reference_or_a_stated_reason():
    named = MAPPING["figures"].keys() | MAPPING["discrepancies"].keys()
    assert {row["id"] for row in published()} <= named


@pytest.mark.parametrize("row", [r for r in published() if r["id"] in MAPPING["figures"]], ids=lambda r: r["id"])
def test_published_figure_is_reproduced_as_of_its_day(row, inputs_as_of):
    day = dt.date.fromisoformat(row["as_of"]) if row["as_of"] else None
    inputs = inputs_as_of(day)
    counts = TrainingCounts(inputs.registered, inputs.cities, len(inputs.training.lectures))
    value = figure(inputs.analysis, MAPPING["figures"][row["id"]], counts)
    assert value.value == float(row["published_value"]), (row["id"], value)
