"""The core's language for the page's: the core writes reports, charts and explanations in en, ru,
uz-Latn, uz-Cyrl and zh; the site speaks Django's codes (settings.LANGUAGES)."""

from __future__ import annotations

from django.utils import translation

from citybridge.reports.i18n import LANGUAGES, Translator
from citybridge.reports.texts import marked

CORE_LANGUAGE = {"en": "en", "ru": "ru", "uz": "uz-Latn", "uz-cyrl": "uz-Cyrl", "zh-hans": "zh"}


def core_language(django_language: str | None = None) -> str:
    """The core language for a Django language code (the active one by default), or a core code
    given as it is ("zh", "uz-Latn"); English otherwise."""
    if django_language in LANGUAGES:
        return django_language
    code = (django_language or translation.get_language() or "en").lower()
    return CORE_LANGUAGE.get(code, CORE_LANGUAGE.get(code.split("-")[0], "en"))


def typed_in_language(typed: str, stored: dict[str, str], language: str | None) -> str:
    """A name an organiser typed (a wave's, a survey's title) for a reader of ``language`` (a core or
    a Django code): as ``stored`` for that language; else as typed, marked with its language
    ("3 months (in English)"). Without a language, as typed."""
    if language is None:
        return typed
    core = language if language in LANGUAGES else core_language(language)
    if core == "en":
        return typed
    return (stored or {}).get(core) or marked(typed, Translator(core))
