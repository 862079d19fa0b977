"""Template filters of the knowledge hub: sector labels in the page's language, material links."""

from __future__ import annotations

from django import template
from django.utils.translation import get_language

from citybridge.web.knowledge import hub
from citybridge.web.knowledge.materials import Material, materials

register = template.Library()


@register.filter
def sector_labels(slugs) -> str:
    """``["ppp", "tourism"]`` -> "Public-private partnership, Tourism" in the page's language."""
    return ", ".join(hub.sector_labels(slugs, get_language() or "en"))


@register.filter
def material_links(entries) -> list[Material]:
    return materials(entries)
