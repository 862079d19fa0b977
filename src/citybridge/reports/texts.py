"""The organisers' own text in the report's language, or the English one marked as such.

A piece missing in the report's language falls back to English with a visible marker, so a
reader of the Russian report sees that the foreword is "(in English)" rather than thinking it
was forgotten. Uzbek written in one script is converted to the other when only that one exists.
"""

from __future__ import annotations

from collections.abc import Mapping

from citybridge.forms.scripts import to_uzbek_latin
from citybridge.reports.i18n import Translator

FALLBACK = "en"
_OTHER_SCRIPT = {"uz-Cyrl": "uz-Latn", "uz-Latn": "uz-Cyrl"}


def text_in(texts: Mapping[str, Mapping[str, str]], key: str, t: Translator) -> str | None:
    """The piece ``key`` in ``t``'s language, else converted from the other Uzbek script, else the
    English one followed by the fallback marker; None when it is stored in neither."""
    own = texts.get(t.language, {}).get(key)
    if own:
        return own
    other = _OTHER_SCRIPT.get(t.language)
    if other and texts.get(other, {}).get(key):
        return in_uzbek_script(texts[other][key], t.language)
    english = texts.get(FALLBACK, {}).get(key)
    if not english:
        return None
    return english if t.language == FALLBACK else marked(english, t)


def in_uzbek_script(text: str, language: str) -> str:
    """Uzbek text in the script of ``language`` (uz-Latn or uz-Cyrl), converted with alifbo."""
    import alifbo

    if language == "uz-Cyrl":
        return alifbo.to_cyrillic(text).text
    return to_uzbek_latin(text)


def marked(text: str, t: Translator, language: str = FALLBACK) -> str:
    """``text`` followed by the name of the language it is written in: "Foreword text (in English)"."""
    return t.gettext("{text} (in {language})").format(text=text, language=t.language_name(language))
