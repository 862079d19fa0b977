"""Fixtures for the participant form: links to the example survey, a client without an account."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.test import Client

ALL_TYPES_FORM = Path(__file__).parent / "data" / "all_types.md"


@pytest.fixture
def personal_link(example):
    """The personal link of the example training's first registered participant."""
    from citybridge.web.participate.links import create_missing_links

    create_missing_links(example.survey)
    return example.survey.links.filter(participant__isnull=False).select_related("participant").first()


@pytest.fixture
def open_link(example):
    from citybridge.web.participate.links import open_link

    return open_link(example.survey)


@pytest.fixture
def all_types_link(example):
    """The open link of a survey with one question of every type the form model knows."""
    from citybridge.web.participate.links import open_link
    from citybridge.web.surveys.store import add_survey

    survey, _, _ = add_survey(example.training, ALL_TYPES_FORM)
    return open_link(survey)


@pytest.fixture
def participant() -> Client:
    """A browser without an account, as a participant opening a link."""
    return Client()


def form_url(link) -> str:
    return f"/s/{link.token}/"


# A complete, valid answer to the example form (choice names as the form posts them).
GOOD_ANSWERS = {
    "city": "namangan",
    "position": "khokim",
    "age": "45",
    "population": "500000",
    "industries": ["tourism", "agriculture"],
    "priorities": ["tourism"],
    "materials": "very_good",
    "expected_info": "agree",
    "new_knowledge": "strongly_agree",
    "partnerships": "agree",
    "good_practices": "neutral",
    "future_training": "strongly_agree",
    "collaborate": "agree",
    "china_interest": "no",
    "comments": "Very useful",
    "consent_quote": "yes",
}
