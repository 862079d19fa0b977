"""The translation catalogues: complete, and formatting numbers the way each locale writes them."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from pathlib import Path

import pytest

from citybridge.reports.i18n import Translator

ROOT = Path(__file__).resolve().parents[2]


def test_every_message_in_the_code_is_translated_in_every_catalogue():
    done = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "messages.py"), "--check"], capture_output=True, text=True
    )
    assert done.returncode == 0, done.stdout + done.stderr


@pytest.mark.parametrize(
    ("language", "heading"),
    [
        ("en", "Key results"),
        ("ru", "Основные результаты"),
        ("uz-Latn", "Asosiy natijalar"),
        ("uz-Cyrl", "Асосий натижалар"),
    ],
)
def test_headings_come_from_the_catalogue_of_the_language(language, heading):
    assert Translator(language).gettext("Key results") == heading


def test_russian_percent_has_a_no_break_space_and_english_none():
    assert Translator("ru").format_percent_whole(49, 52) == "94\u00a0%"
    assert Translator("en").format_percent_whole(49, 52) == "94%"


@pytest.mark.parametrize(
    ("n", "expected"),
    [
        (1, "1 респондент"),
        (3, "3 респондента"),
        (5, "5 респондентов"),
        (21, "21 респондент"),
        (12, "12 респондентов"),
    ],
)
def test_russian_counts_take_the_plural_form_the_number_needs(n, expected):
    assert Translator("ru").count_of(n) == expected


def test_dates_are_written_in_the_language():
    day = dt.date(2020, 12, 14)
    assert Translator("en").format_date(day) == "14 December 2020"
    assert "декабря" in Translator("ru").format_date(day)


def test_an_unknown_language_is_refused_with_the_choices():
    with pytest.raises(ValueError, match="choose from en, ru, uz-Latn, uz-Cyrl"):
        Translator("fr")
