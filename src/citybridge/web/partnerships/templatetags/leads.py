"""Template filters of the partnership pages: a lead's stage in the reader's language."""

from __future__ import annotations

from django import template

from citybridge.web.partnerships.board import STAGE_NAMES

register = template.Library()


@register.filter
def stage_name(stage: str | None) -> str:
    """The stage's name in the page's language ("—" for none; an unknown stage as it is stored)."""
    if not stage:
        return "—"
    return str(STAGE_NAMES.get(stage, stage))
