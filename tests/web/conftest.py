"""Fixtures for store-backed tests: a training with the mini evaluation survey."""

from __future__ import annotations

from pathlib import Path

import pytest

DATA = Path(__file__).parent / "data"
MINI_FORM = DATA / "mini_evaluation.md"

KOBO_HEADER = "_uuid,_submission_time,evaluation/materials,evaluation/expected,age,china,cities,comment,_id"


@pytest.fixture
def training(db):
    from citybridge.web.trainings.store import create_training

    return create_training("Transforming the Cities", slug="cities-2020")


@pytest.fixture
def survey(training):
    from citybridge.web.surveys.store import add_survey

    survey, _, _ = add_survey(training, MINI_FORM)
    return survey


@pytest.fixture
def write_csv(tmp_path):
    def write(name: str, *rows: str, header: str = KOBO_HEADER) -> Path:
        path = tmp_path / name
        path.write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")
        return path

    return write
