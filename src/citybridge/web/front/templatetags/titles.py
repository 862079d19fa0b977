"""What organisers typed, as an organiser page shows it: a training's title, a survey's title, a
lecture's title or summary, in the page's language where the organisers stored it (the report's
own texts, the links page's survey titles), else as typed and marked with its language."""

from __future__ import annotations

from django import template
from django.utils import translation

from citybridge.web.languages import core_language, typed_in_language

register = template.Library()


@register.filter
def title_here(item) -> str:
    """``{{ training|title_here }}``, ``{{ survey|title_here }}``: the title for the page's language."""
    from citybridge.web.surveys.models import Survey

    language = core_language(translation.get_language())
    if language == "en":
        return item.title
    if isinstance(item, Survey):
        from citybridge.web.waves.analysis import survey_title

        return survey_title(item, language)
    return typed_in_language(item.title, _stored(item, "title"), language)


@register.filter
def lecture_here(lecture, field: str) -> str:
    """``{{ lecture|lecture_here:"title" }}`` (or "summary"): as stored for the page's language."""
    typed = getattr(lecture, field)
    language = core_language(translation.get_language())
    if language == "en" or not typed:
        return typed
    return typed_in_language(typed, _stored(lecture.training, f"lecture-{lecture.number}.{field}"), language)


def _stored(training, key: str) -> dict[str, str]:
    return dict(training.texts.filter(key=key).values_list("language", "text"))
