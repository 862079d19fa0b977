"""The city survey (every answer type, two groups, two languages) for reading and validating answers."""

from __future__ import annotations

import pytest

from citybridge.forms import Form, load_xlsform
from tests.forms.xlsform_builder import build_city_form


@pytest.fixture(scope="session")
def form(tmp_path_factory) -> Form:
    return load_xlsform(build_city_form(tmp_path_factory.mktemp("forms")))
