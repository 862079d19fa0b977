"""Every page carries the Content-Security-Policy (this site only, no inline script or style) and
``Cache-Control: no-store``; above all the pages and files with personal data."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from citybridge.web.headers import CONTENT_SECURITY_POLICY

WEB = Path(__file__).resolve().parents[2] / "src" / "citybridge" / "web"


@pytest.fixture
def organiser(client_as):
    return client_as("organiser")


def personal_pages(example) -> list[str]:
    from citybridge.web.participate.links import create_missing_links

    create_missing_links(example.survey)
    link = example.survey.links.filter(participant__isnull=False).first()
    slug, survey = example.training.slug, example.survey.slug
    return [
        f"/t/{slug}/participants/",
        f"/surveys/{survey}/submissions/",
        f"/surveys/{survey}/submissions/export?format=csv",
        f"/t/{slug}/",
        f"/t/{slug}/dashboard/",
        f"/s/{link.token}/",
    ]


def test_pages_with_personal_data_are_not_stored_and_carry_the_policy(organiser, example):
    for url in personal_pages(example):
        response = organiser.get(url)
        assert response.status_code == 200, url
        assert response["Cache-Control"] == "no-store", url
        assert response["Content-Security-Policy"] == CONTENT_SECURITY_POLICY, url


def test_the_policy_allows_this_site_only_and_no_inline_script():
    rules = dict(rule.split(" ", 1) for rule in CONTENT_SECURITY_POLICY.split("; "))
    assert rules["default-src"] == rules["script-src"] == rules["style-src"] == "'self'"
    assert "unsafe-inline" not in CONTENT_SECURITY_POLICY and "unsafe-eval" not in CONTENT_SECURITY_POLICY
    assert rules["frame-ancestors"] == "'none'" and rules["object-src"] == "'none'"


def test_api_answers_are_not_stored_either(client, example):
    response = client.get("/api/v1/trainings")
    assert response.status_code == 401 and response["Cache-Control"] == "no-store"


def test_a_view_that_sets_its_own_cache_control_keeps_it(organiser, example):
    chart = organiser.get(f"/t/{example.training.slug}/dashboard/chart.svg?chart=responses")
    assert chart.status_code == 200 and chart["Cache-Control"] == "private, no-cache"


def test_no_template_holds_inline_script_style_or_event_handlers():
    inline = re.compile(
        r"<script(?![^>]*\bsrc=)(?![^>]*application/json)[^>]*>|<style\b|\sstyle=|\son[a-z]+=", re.I
    )
    found = [f"{path.relative_to(WEB)}: {match.group(0)}" for path in WEB.rglob("templates/**/*.html")
             for match in inline.finditer(path.read_text(encoding="utf-8"))]  # fmt: skip
    assert found == []
