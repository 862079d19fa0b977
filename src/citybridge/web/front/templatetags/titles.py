"""A training's title as an organiser page shows it: in the page's language where the organisers
stored one (the report's own title), else as typed and marked with its language."""

from __future__ import annotations

from django import template
from django.utils import translation

from citybridge.web.languages import core_language, typed_in_language

register = template.Library()


@register.filter
def title_here(training) -> str:
    """``{{ training|title_here }}``: the title for the page's language."""
    language = core_language(translation.get_language())
    if language == "en":
        return training.title
    stored = {
        piece_language: text
        for piece_language, text in training.texts.filter(key="title").values_list("language", "text")
    }
    return typed_in_language(training.title, stored, language)
