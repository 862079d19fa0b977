"""Fixtures of the partnership pages' tests: a data folder of their own, leads to Suzhou and Shanghai."""

from __future__ import annotations

import pytest


@pytest.fixture
def leads(example):
    """Two leads of the example training: Namangan → Suzhou and Bukhara → Shanghai."""
    from citybridge.web.pipeline.store import create_lead

    suzhou, _ = create_lead("Namangan", "Suzhou", who="organiser", training=example.training)
    shanghai, _ = create_lead("Bukhara", "Shanghai", who="organiser", training=example.training)
    return {"suzhou": suzhou, "shanghai": shanghai}
