"""Template filters of the knowledge hub: sector labels and practices in the page's language, material links."""

from __future__ import annotations

from django import template
from django.utils.translation import get_language

from citybridge.knowledge import GoodPractice, practice_in_language
from citybridge.reports.i18n import Translator
from citybridge.web.knowledge import hub
from citybridge.web.knowledge.materials import Material, materials
from citybridge.web.knowledge.models import Practice
from citybridge.web.knowledge.store import good_practice
from citybridge.web.languages import core_language

register = template.Library()


@register.filter
def sector_labels(slugs) -> str:
    """``["ppp", "tourism"]`` -> "Public-private partnership, Tourism" in the page's language."""
    return ", ".join(hub.sector_labels(slugs, get_language() or "en"))


@register.filter
def in_page_language(practice: Practice) -> GoodPractice:
    """The practice's texts in the page's language where translated; where not, as written, its
    title, source and note marked with their language ("(in English)"), as the booklet shows them."""
    language = core_language()
    return practice_in_language(good_practice(practice), Translator(language), language)


@register.filter
def material_links(entries) -> list[Material]:
    return materials(entries)
