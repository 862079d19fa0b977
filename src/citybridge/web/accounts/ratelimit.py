"""Failed log-ins counted per user name and per address, so that passwords cannot be guessed fast.

Every way of logging in (the site's form, the admin's, anything calling Django's ``authenticate``)
goes through :class:`citybridge.web.accounts.backends.LimitedModelBackend`, which takes an attempt
here *before* the password is checked. Taking one adds one to the counters atomically and tells
whether it is within the limit, so however many guesses arrive at the same moment, at most
``LOGIN_ATTEMPTS`` passwords are checked per user name in the window: counting after the check,
30 guesses sent together all passed a check that each saw under the limit.

The counters live in Django's cache: Redis when ``REDIS_URL`` is set (its INCR is atomic across
every process and machine), else files in the data folder, changed under an exclusive file lock
so that the server's processes on this machine count together.
"""

from __future__ import annotations

import fcntl
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from django.conf import settings
from django.core.cache import cache, caches
from django.core.cache.backends.filebased import FileBasedCache
from django.core.cache.backends.redis import RedisCache
from django.http import HttpRequest

WINDOW_SECONDS = 15 * 60
ADDRESS_FACTOR = 10  # the address limit is ten times looser: one office shares one address
_in_process = threading.Lock()


def _keys(request: HttpRequest | None, username: str) -> tuple[str, str | None]:
    address = request.META.get("REMOTE_ADDR", "") if request is not None else None
    user_key = f"login-fail:user:{username.strip().lower()}"
    return user_key, (f"login-fail:addr:{address}" if address is not None else None)


def attempt(request: HttpRequest | None, username: str) -> bool:
    """Take one log-in attempt for ``username`` from this address; False once over the limit
    (then the password must not be checked)."""
    user_key, address_key = _keys(request, username)
    limit = settings.LOGIN_ATTEMPTS
    within = _add(user_key, 1) <= limit
    if address_key is not None:
        within = _add(address_key, 1) <= ADDRESS_FACTOR * limit and within
    return within


def succeeded(request: HttpRequest | None, username: str) -> None:
    """The right password: this user name's count starts again, and the attempt is given back to
    the address (colleagues logging in one after another are not guessing)."""
    user_key, address_key = _keys(request, username)
    cache.delete(user_key)
    if address_key is not None:
        _add(address_key, -1)


def _add(key: str, delta: int) -> int:
    """Add ``delta`` to the counter ``key`` (kept WINDOW_SECONDS after its last change); its new value."""
    if isinstance(caches["default"], RedisCache):
        cache.add(key, 0, WINDOW_SECONDS)
        try:
            return cache.incr(key, delta)  # Redis INCRBY: atomic everywhere
        except ValueError:  # expired between add and incr
            cache.add(key, max(delta, 0), WINDOW_SECONDS)
            return max(delta, 0)
    with _exclusive():
        value = max((cache.get(key) or 0) + delta, 0)
        cache.set(key, value, WINDOW_SECONDS)
        return value


@contextmanager
def _exclusive() -> Iterator[None]:
    """One change at a time: across this machine's processes for the file cache (an flock on a file
    beside the cache's), within this process for any other cache."""
    backend = caches["default"]
    if not isinstance(backend, FileBasedCache):
        with _in_process:
            yield
        return
    folder = Path(backend._dir)
    folder.mkdir(parents=True, exist_ok=True)
    with (folder / "login-limit.lock").open("a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)
