"""The report's language: translated words and sentences, and numbers and dates in local form.

Sentences live in gettext catalogues (``locale/<lang>/LC_MESSAGES/citybridge.po``, English is
the msgid), read at run time through Babel, so a translator edits a .po file and nothing else.
Numbers, percentages, dates and lists ("A, B and C") are formatted by Babel for the locale: a
Russian report prints "94 %" with a no-break space, an English one "94%".

To add a string: use it as ``t.gettext("...")`` in the code, then run
``uv run python scripts/messages.py`` to add it to every catalogue; a test fails while any
catalogue lacks a translation.
"""

from __future__ import annotations

import datetime as dt
import gettext as gettext_module
import io
from functools import cache
from pathlib import Path

from babel import Locale
from babel.dates import format_date as babel_date
from babel.lists import format_list
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.numbers import format_decimal as babel_decimal
from babel.numbers import format_percent as babel_percent

from citybridge.analysis.rounding import percent

LOCALE_DIR = Path(__file__).parent / "locale"
LANGUAGES = ("en", "ru", "uz-Latn", "uz-Cyrl", "zh")
_BABEL_LOCALES = {"en": "en_GB", "ru": "ru", "uz-Latn": "uz_Latn", "uz-Cyrl": "uz_Cyrl", "zh": "zh_Hans"}
_CATALOGUES = {"ru": "ru", "uz-Latn": "uz_Latn", "uz-Cyrl": "uz_Cyrl"}


class Translator:
    """Everything language-dependent about one report."""

    def __init__(self, language: str = "en") -> None:
        if language not in LANGUAGES:
            raise ValueError(f"language '{language}': choose from {', '.join(LANGUAGES)}")
        self.language = language
        self.locale = Locale.parse(_BABEL_LOCALES[language])
        self._messages = _translations(_CATALOGUES.get(language))

    def gettext(self, message: str) -> str:
        return self._messages.gettext(message)

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        return self._messages.ngettext(singular, plural, n)

    def format_number(self, n: int | float) -> str:
        return babel_decimal(n, locale=self.locale)

    def format_decimal(self, x: float, digits: int = 1) -> str:
        pattern = "#,##0" + ("." + "0" * digits if digits else "")
        return babel_decimal(x, format=pattern, locale=self.locale)

    def format_percent(self, share: float) -> str:
        """A share (0..1) in whole percent, rounded half up."""
        return self.format_whole_percent(int(share * 100 + 0.5))

    def format_percent_whole(self, count: int, base: int) -> str:
        """``count`` of ``base`` in whole percent, rounded half up in exact arithmetic."""
        return self.format_whole_percent(percent(count, base))

    def format_whole_percent(self, points: int) -> str:
        return babel_percent(points / 100, locale=self.locale)

    def format_date(self, day: dt.date) -> str:
        return babel_date(day, format="long", locale=self.locale)

    def format_list(self, items: list[str]) -> str:
        return format_list(items, locale=self.locale)

    def count_of(self, n: int) -> str:
        """ "27 respondents", "1 respondent", in the plural form the language needs."""
        return self.ngettext("{n} respondent", "{n} respondents", n).format(n=self.format_number(n))


@cache
def _translations(catalogue: str | None) -> gettext_module.NullTranslations:
    if catalogue is None:
        return gettext_module.NullTranslations()
    path = LOCALE_DIR / catalogue / "LC_MESSAGES" / "citybridge.po"
    with path.open("rb") as handle:
        messages = read_po(handle, locale=catalogue)
    compiled = io.BytesIO()
    write_mo(compiled, messages)  # compiled in memory: no build step, no binary in the repository
    compiled.seek(0)
    return gettext_module.GNUTranslations(compiled)
