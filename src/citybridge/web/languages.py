"""The core's language for the page's: the core writes reports, charts and explanations in en, ru,
uz-Latn, uz-Cyrl and zh; the site speaks Django's codes (settings.LANGUAGES)."""

from __future__ import annotations

from django.utils import translation

CORE_LANGUAGE = {"en": "en", "ru": "ru", "uz": "uz-Latn", "uz-cyrl": "uz-Cyrl", "zh-hans": "zh"}


def core_language(django_language: str | None = None) -> str:
    """The core language for a Django language code (the active one by default); English otherwise."""
    code = (django_language or translation.get_language() or "en").lower()
    return CORE_LANGUAGE.get(code, CORE_LANGUAGE.get(code.split("-")[0], "en"))
