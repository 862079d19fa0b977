"""The docs name everything a user can reach (as datasette's test_docs.py): every route of the API
in docs/api.md, every ``CITYBRIDGE_*`` setting the code reads in docs/deploy.md."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"
SETTING = re.compile(r"CITYBRIDGE_[A-Z0-9_]+")
# A documented endpoint is a heading: ### `GET /trainings/{slug}/leads?stage=&owner=`
DOCUMENTED_ROUTE = re.compile(r"^#+ `(GET|POST|PUT|PATCH|DELETE) (/[^`?\s]*)", re.MULTILINE)
API_PREFIX = "/api/v1"
PARAMETER = re.compile(r"\{[^}]*\}")


def _route(method: str, path: str) -> str:
    """``GET /trainings/{}``: the route without the API prefix, any path parameter written ``{}``."""
    return f"{method.upper()} {PARAMETER.sub('{}', path.removeprefix(API_PREFIX))}"


def settings_read_in_the_code() -> set[str]:
    """Every ``CITYBRIDGE_*`` name written as a string of its own in src (how the environment is read)."""
    found = set()
    for path in (ROOT / "src").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and SETTING.fullmatch(node.value):
                found.add(node.value)
    return found


def test_the_settings_are_found_where_the_code_reads_them():
    assert {"CITYBRIDGE_DATA_DIR", "CITYBRIDGE_SECRET_KEY", "CITYBRIDGE_DEBUG"} <= settings_read_in_the_code()


@pytest.mark.parametrize("setting", sorted(settings_read_in_the_code()))
def test_every_setting_is_documented_in_the_deploy_guide(setting):
    documented = set(SETTING.findall((DOCS / "deploy.md").read_text(encoding="utf-8")))
    assert setting in documented, f"{setting} is read in src/ but docs/deploy.md does not say what it does"


@pytest.fixture(scope="module")
def api_routes() -> set[str]:
    from django.test import Client

    schema = Client().get(f"{API_PREFIX}/openapi.json").json()  # the schema Ninja builds from its routers
    return {_route(method, path) for path, methods in schema["paths"].items() for method in methods}


def test_every_api_route_is_documented_in_the_api_guide(api_routes):
    documented = {_route(m, p) for m, p in DOCUMENTED_ROUTE.findall((DOCS / "api.md").read_text(encoding="utf-8"))}
    assert len(api_routes) >= 15
    assert api_routes - documented == set(), "routes of the API missing from docs/api.md"
    assert documented - api_routes == set(), "docs/api.md documents routes the API does not have"
