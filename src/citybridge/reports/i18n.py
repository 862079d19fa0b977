"""The report's language: translated words and sentences, and numbers and dates in local form.

Sentences live in gettext catalogues (``locale/<lang>/LC_MESSAGES/citybridge.po``, English is
the msgid), read at run time with Babel's ``read_po`` and cached, so a translator edits a .po file
and nothing else: no compiled .mo in the repository, no build step. Plural forms follow each
catalogue's ``Plural-Forms`` header (Russian has three). Numbers, percentages and dates are
formatted by Babel for the locale: a Russian report prints "94 %" with a no-break space, an
English one "94%". Chinese (zh, Simplified characters) has its own catalogue like the others.

To add a string: use it as ``t.gettext("...")`` (or ``t.ngettext``) in the code, then run
``uv run python scripts/messages.py``, which extracts every message with Babel and merges it into
each catalogue (the same as ``pybabel extract -k gettext -k ngettext:1,2 -o citybridge.pot src``
followed by ``pybabel update -i citybridge.pot -d src/citybridge/reports/locale -D citybridge``);
then fill the new ``msgstr`` lines. A test fails while any catalogue lacks a translation.
"""

from __future__ import annotations

import datetime as dt
import gettext as gettext_module
import io
from decimal import ROUND_HALF_UP, Decimal
from functools import cache
from pathlib import Path

from babel import Locale
from babel.dates import format_date as babel_date
from babel.lists import format_list as babel_list
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.numbers import format_decimal as babel_decimal
from babel.numbers import format_percent as babel_percent

from citybridge.analysis.rounding import percent

LOCALE_DIR = Path(__file__).parent / "locale"
LANGUAGES = ("en", "ru", "uz-Latn", "uz-Cyrl", "zh")  # the one list of report languages
# Each language's name in itself, for the choices offered in the web pages.
LANGUAGE_NAMES = {
    "en": "English", "ru": "Русский", "uz-Latn": "Oʻzbekcha (lotin)", "uz-Cyrl": "Ўзбекча (кирилл)",
    "zh": "中文（简体）",
}  # fmt: skip
CATALOGUES = {"ru": "ru", "uz-Latn": "uz_Latn", "uz-Cyrl": "uz_Cyrl", "zh": "zh_Hans"}  # language -> locale folder
_BABEL_LOCALES = {"en": "en_GB", "ru": "ru", "uz-Latn": "uz_Latn", "uz-Cyrl": "uz_Cyrl", "zh": "zh_Hans"}

# The headings and table words of the report and the booklet. Builders ask for them by their
# English text, t.gettext("Key results"); they are listed here (through an identity gettext, so
# the extractor sees each one) to keep them in every catalogue before a builder uses them, and so
# a test can check that each is translated.
_ENGLISH = gettext_module.NullTranslations()
REPORT_WORDS = (
    _ENGLISH.gettext("Evaluation and needs assessment report"),
    _ENGLISH.gettext("Knowledge booklet"),
    _ENGLISH.gettext("Executive summary"),
    _ENGLISH.gettext("Programme"),
    _ENGLISH.gettext("Key results"),
    _ENGLISH.gettext("Key points"),
    _ENGLISH.gettext("Needs assessment"),
    _ENGLISH.gettext("Voices"),
    _ENGLISH.gettext("Data notes"),
    _ENGLISH.gettext("What changed since {date}"),
    _ENGLISH.gettext("Suggested partnerships"),
    _ENGLISH.gettext("Good practices"),
    _ENGLISH.gettext("Practices by sector"),
    _ENGLISH.gettext("Place"),
    _ENGLISH.gettext("Source"),
    _ENGLISH.gettext("Lecture"),
    _ENGLISH.gettext("Speaker"),
    _ENGLISH.gettext("Affiliation"),
    _ENGLISH.gettext("Sectors"),
    _ENGLISH.gettext("Option"),
    _ENGLISH.gettext("Respondents"),
    _ENGLISH.gettext("Share"),
    _ENGLISH.gettext("95% interval"),
    _ENGLISH.gettext("Base"),
    _ENGLISH.gettext("Not answered"),
    _ENGLISH.gettext("Mean"),
    _ENGLISH.gettext("Median"),
    _ENGLISH.gettext("Minimum"),
    _ENGLISH.gettext("Maximum"),
    _ENGLISH.gettext("Question"),
    _ENGLISH.gettext("How it is computed"),
    _ENGLISH.gettext("Responses over time"),
    _ENGLISH.gettext("Cumulative responses"),
    _ENGLISH.gettext("Date"),
    _ENGLISH.gettext("Dates"),
    _ENGLISH.gettext("Registered participants"),
    _ENGLISH.gettext("Response rate"),
    _ENGLISH.gettext("Cities"),
    _ENGLISH.gettext("Hosts"),
    _ENGLISH.gettext("Partners"),
    _ENGLISH.gettext("Funders"),
    _ENGLISH.gettext("Languages"),
    _ENGLISH.gettext("Respondents per city"),
    _ENGLISH.gettext("Age profile"),
    _ENGLISH.gettext("Main industries"),
    _ENGLISH.gettext("Development priorities"),
    _ENGLISH.gettext("Partner-city preferences"),
    _ENGLISH.gettext("Cooperation areas"),
    _ENGLISH.gettext("City population"),
    _ENGLISH.gettext("Small base: read with care ({n} respondents)"),
    _ENGLISH.gettext("Figures as of {date}"),
    _ENGLISH.gettext("All submissions received"),
    _ENGLISH.gettext("interest"),
    _ENGLISH.gettext("contacted"),
    _ENGLISH.gettext("exchange or visit"),
    _ENGLISH.gettext("agreement"),
    _ENGLISH.gettext("project"),
    _ENGLISH.gettext("dropped"),
    _ENGLISH.gettext("MoU signed"),
    _ENGLISH.gettext("visit"),
    _ENGLISH.gettext("joint project"),
)


class Translator:
    """Everything language-dependent about one report."""

    def __init__(self, language: str = "en") -> None:
        if language not in LANGUAGES:
            raise ValueError(f"language '{language}': choose from {', '.join(LANGUAGES)}")
        self.language = language
        self.locale = Locale.parse(_BABEL_LOCALES[language])
        self._messages = _translations(CATALOGUES.get(language))

    def gettext(self, message: str) -> str:
        return self._messages.gettext(message)

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        """The form of the message that ``n`` needs, by the catalogue's Plural-Forms rule."""
        return self._messages.ngettext(singular, plural, n)

    def format_number(self, n: int | float) -> str:
        """``790000`` as "790,000" (en), "790 000" (ru, uz: a no-break space)."""
        return babel_decimal(n, locale=self.locale)

    def format_decimal(self, x: float, digits: int = 1) -> str:
        """``x`` with exactly ``digits`` decimals, rounded half up: 41.38 -> "41.4", "41,4" (ru)."""
        pattern = "#,##0" + ("." + "0" * digits if digits else "")
        return babel_decimal(_half_up(x, digits), format=pattern, locale=self.locale)

    def format_percent(self, share: float) -> str:
        """A share (0..1) in whole percent, rounded half up: "94%", "94 %" (ru)."""
        return self.format_whole_percent(int(_half_up(100 * Decimal(repr(float(share))), 0)))

    def format_percent_whole(self, count: int, base: int) -> str:
        """``count`` of ``base`` in whole percent, rounded half up in exact arithmetic."""
        return self.format_whole_percent(percent(count, base))

    def format_whole_percent(self, points: int) -> str:
        """An already rounded percentage (``94``) in the locale's form."""
        return babel_percent(points / 100, locale=self.locale)

    def format_date(self, day: dt.date) -> str:
        """The long date: "14 December 2020", "14 декабря 2020 г.", "14-dekabr, 2020"."""
        return babel_date(day, format="long", locale=self.locale)

    def format_list(self, items: list[str]) -> str:
        """ "A, B and C" with the language's own "and", taken from the catalogue like any other word:
        Babel's list patterns have no conjunction for Uzbek Cyrillic and would join Chinese
        with 和 inside English text."""
        if len(items) < 2:
            return "".join(items)
        if self.language == "zh":  # CLDR's Chinese pattern has the enumeration comma: A、B和C
            return babel_list(items, locale=self.locale)
        return self.gettext("{items} and {last}").format(items=", ".join(items[:-1]), last=items[-1])

    def count_of(self, n: int) -> str:
        """ "27 respondents", "1 respondent", in the plural form the language needs."""
        return self.ngettext("{n} respondent", "{n} respondents", n).format(n=self.format_number(n))

    def quote(self, text: str) -> str:
        """``text`` in the language's quotation marks: “…” in English, «…» in Russian."""
        return self.gettext("“{text}”").format(text=text)

    def language_name(self, code: str | None = None) -> str:
        """The name of a language (a BCP 47 tag; default: the report's own) in the report's language."""
        tag = (code or self.language).replace("-", "_")
        return Locale.parse(tag).get_display_name(self.locale) or tag


def _half_up(x: float | Decimal, digits: int) -> Decimal:
    """Round half up on the decimal digits as written: float 2.675 is read as 2.675, not 2.67499…"""
    value = x if isinstance(x, Decimal) else Decimal(repr(float(x)))
    return value.quantize(Decimal(1).scaleb(-digits), rounding=ROUND_HALF_UP)


@cache
def _translations(catalogue: str | None) -> gettext_module.NullTranslations:
    if catalogue is None:
        return gettext_module.NullTranslations()
    path = LOCALE_DIR / catalogue / "LC_MESSAGES" / "citybridge.po"
    with path.open("rb") as handle:
        messages = read_po(handle, locale=catalogue)
    # Compiled in memory so that the standard library applies the catalogue's Plural-Forms rule;
    # nothing compiled is written to disk.
    compiled = io.BytesIO()
    write_mo(compiled, messages)
    compiled.seek(0)
    return gettext_module.GNUTranslations(compiled)
