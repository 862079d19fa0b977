"""One way of writing a date per language on every organiser page: the reports' own (CLDR through
Babel, ``reports.i18n.Translator``): "6 November 2020", "6 ноября 2020 г.", "2020年11月6日".
A time, when there is one, follows as 24-hour HH:MM in the server's time zone."""

from __future__ import annotations

import datetime as dt
import functools

from django import template
from django.utils import timezone

from citybridge.reports.i18n import Translator
from citybridge.web.languages import core_language

register = template.Library()


@register.filter
def day(value: dt.date | dt.datetime | str | None) -> str:
    """The long date in the page's language; "" for none (templates add their own dash)."""
    found = _as_date(value)
    return _translator(core_language()).format_date(found) if found else ""


@register.filter
def moment(value: dt.datetime | None) -> str:
    """The long date and the time, "6 November 2020, 08:44"."""
    if not isinstance(value, dt.datetime):
        return day(value)
    local = timezone.localtime(value) if timezone.is_aware(value) else value
    return f"{day(local)}, {local:%H:%M}"


@functools.lru_cache(maxsize=8)
def _translator(language: str) -> Translator:
    return Translator(language)  # one per language: a page may write a hundred dates


def _as_date(value) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return (timezone.localtime(value) if timezone.is_aware(value) else value).date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str) and value:
        try:
            return dt.date.fromisoformat(value[:10])
        except ValueError:
            return None
    return None
