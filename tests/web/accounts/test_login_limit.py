"""One log-in limit for every way in (the site's form, the admin's), held when the guesses arrive
all at once: 30 wrong passwords sent together check at most LOGIN_ATTEMPTS of them, and the right
password is refused afterwards."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import pytest
from django.contrib.auth.hashers import MD5PasswordHasher
from django.test import Client

from citybridge.web.accounts.people import create_user
from tests.web.redis_server import need_redis, redis_url

pytestmark = pytest.mark.django_db(transaction=True)  # the guessing threads read committed users
PASSWORD = "a-long-test-password-42"
PATHS = ("/accounts/login/", "/admin/login/")


class CountingHasher(MD5PasswordHasher):
    """Django's test hasher, counting the passwords it checks: the tries that got through."""

    checked = 0

    def verify(self, password, encoded):
        CountingHasher.checked += 1
        return super().verify(password, encoded)


REDIS = redis_url(2)


@pytest.fixture(autouse=True, params=["files", "redis"])
def counted(request, settings, tmp_path):
    """The counters in the data folder's file cache (the embedded default), then in Redis."""
    from django.core.cache import cache

    if request.param == "redis":
        need_redis(REDIS)
        backend = {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS,
                   "KEY_PREFIX": tmp_path.name}  # fmt: skip
    else:
        backend = {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": tmp_path / "cache",
        }
    settings.CACHES = {"default": backend}
    settings.PASSWORD_HASHERS = [f"{__name__}.CountingHasher"]
    cache.clear()
    CountingHasher.checked = 0
    yield
    cache.clear()


def log_in(path: str, username: str, password: str) -> int:
    return Client().post(path, {"username": username, "password": password}).status_code


@pytest.mark.parametrize("path", PATHS)
def test_thirty_wrong_passwords_at_once_check_no_more_than_the_limit(path, settings):
    create_user("admin", PASSWORD, admin=True)
    with ThreadPoolExecutor(max_workers=30) as pool:
        list(pool.map(lambda n: log_in(path, "admin", f"wrong-{n}"), range(30)))
    assert CountingHasher.checked <= settings.LOGIN_ATTEMPTS
    assert log_in(path, "admin", PASSWORD) != 302  # the right password too, until the window ends
    assert CountingHasher.checked <= settings.LOGIN_ATTEMPTS


def test_failures_on_the_admin_count_against_the_site_and_back(settings):
    create_user("admin", PASSWORD, admin=True)
    for n in range(settings.LOGIN_ATTEMPTS):
        log_in(PATHS[n % 2], "admin", "wrong")
    assert log_in("/accounts/login/", "admin", PASSWORD) == 429
    assert log_in("/admin/login/", "admin", PASSWORD) == 200  # the admin's form again, not logged in


def test_a_user_under_the_limit_logs_in_on_the_admin(settings):
    create_user("admin", PASSWORD, admin=True)
    for _ in range(settings.LOGIN_ATTEMPTS - 1):
        log_in("/admin/login/", "admin", "wrong")
    assert log_in("/admin/login/", "admin", PASSWORD) == 302
