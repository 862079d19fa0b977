"""Failed log-ins counted per user name and per address, so that passwords cannot be guessed fast."""

from __future__ import annotations

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest

WINDOW_SECONDS = 15 * 60


def _keys(request: HttpRequest, username: str) -> list[str]:
    address = request.META.get("REMOTE_ADDR", "")
    return [f"login-fail:user:{username.strip().lower()}", f"login-fail:addr:{address}"]


def blocked(request: HttpRequest, username: str) -> bool:
    """True once either the user name or the address has failed LOGIN_ATTEMPTS times in the window.
    The address limit is ten times looser: one office shares one address."""
    user_key, address_key = _keys(request, username)
    limit = settings.LOGIN_ATTEMPTS
    return cache.get(user_key, 0) >= limit or cache.get(address_key, 0) >= 10 * limit


def failed(request: HttpRequest, username: str) -> None:
    for key in _keys(request, username):
        if cache.add(key, 1, WINDOW_SECONDS):
            continue
        try:
            cache.incr(key)
        except ValueError:  # expired between add and incr
            cache.add(key, 1, WINDOW_SECONDS)


def succeeded(request: HttpRequest, username: str) -> None:
    cache.delete(_keys(request, username)[0])
