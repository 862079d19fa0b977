"""One catalogue of messages for the CLI and the API: each template translated, its values kept."""

from __future__ import annotations

import re

import pytest
from typer.testing import CliRunner

from citybridge import messages
from citybridge.cli import app
from citybridge.commands.common import UserError
from citybridge.messages import TOKEN_SCOPES, say
from citybridge.reports.i18n import CATALOGUES

TEMPLATES = {
    name: value
    for name, value in vars(messages).items()
    if name.isupper() and isinstance(value, str) and name != "TOKEN_COMMAND"
}
FIELD = re.compile(r"(?<!\{)\{(\w+)\}(?!\})")  # {value}, not the literal {{slug}} of a URL


def test_the_catalogue_names_the_messages_the_cli_and_the_api_share():
    assert {"TOKEN_SCOPES", "HOW_TO_GET_A_TOKEN", "READ_TOKEN", "FILE_REJECTED", "SERVER_FAILED"} <= set(TEMPLATES)


@pytest.mark.parametrize("language", sorted(CATALOGUES))
@pytest.mark.parametrize("name", sorted(TEMPLATES))
def test_every_message_is_translated_and_keeps_every_value(name, language):
    template = TEMPLATES[name]
    values = {field: f"<{field}-value>" for field in FIELD.findall(template)}
    translated = say(template, language, **values)
    assert translated != say(template, "en", **values), f"{name} is not translated into {language}"
    for shown in values.values():
        assert shown in translated, f"{name} in {language} drops {shown}"


def test_english_is_the_template_with_its_values_filled_in():
    assert say(messages.NO_SUCH_FILE, path="survey.xlsx") == "survey.xlsx: no such file or folder."
    assert "{slug}" in say(messages.NO_SURVEY, survey=7)  # the URL's placeholder stays written


def test_the_cli_refuses_an_unknown_scope_in_the_catalogues_words():
    result = CliRunner().invoke(app, ["token", "create", "robot", "--training", "t", "--scope", "admin"])
    assert isinstance(result.exception, UserError)
    assert str(result.exception) == say(TOKEN_SCOPES, scope="admin")
