"""The city survey, written once per session as a real .xlsx and loaded through pyxform."""

from __future__ import annotations

import pytest

from citybridge.forms import Form, load_xlsform
from tests.forms.xlsform_builder import build_city_form


@pytest.fixture(scope="session")
def city_form_path(tmp_path_factory):
    return build_city_form(tmp_path_factory.mktemp("forms"))


@pytest.fixture(scope="session")
def city_form(city_form_path) -> Form:
    return load_xlsform(city_form_path)
