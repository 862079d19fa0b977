"""Log in, log out, password change, and the rate limit on failed log-ins."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from tests.web.conftest import PASSWORD


@pytest.fixture(autouse=True)
def _clear_cache():
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


def test_pages_need_login_and_send_to_the_login_page(people):
    response = Client().get(reverse("front:home"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:login"))


def test_login_with_the_right_password_opens_the_trainings_page(people):
    client = Client()
    response = client.post(
        reverse("accounts:login"), {"username": "organiser", "password": PASSWORD}, follow=True
    )
    assert response.status_code == 200
    assert "Transforming" in response.content.decode() or "Trainings" in response.content.decode()
    assert response.wsgi_request.user.username == "organiser"


def test_login_is_refused_after_five_failures_even_with_the_right_password(people):
    client = Client()
    for _ in range(5):
        response = client.post(reverse("accounts:login"), {"username": "organiser", "password": "wrong"})
        assert response.status_code == 200
        assert "do not match" in response.content.decode()
    response = client.post(reverse("accounts:login"), {"username": "organiser", "password": PASSWORD})
    assert response.status_code == 429
    assert "Too many failed attempts" in response.content.decode()


def test_a_successful_login_resets_the_failure_count(people):
    client = Client()
    for _ in range(4):
        client.post(reverse("accounts:login"), {"username": "analyst", "password": "wrong"})
    client.post(reverse("accounts:login"), {"username": "analyst", "password": PASSWORD})
    client.post(reverse("accounts:logout"))
    for _ in range(4):
        response = client.post(reverse("accounts:login"), {"username": "analyst", "password": "wrong"})
    assert response.status_code == 200


def test_forms_refuse_a_post_without_csrf_token(people):
    client = Client(enforce_csrf_checks=True)
    response = client.post(reverse("accounts:login"), {"username": "organiser", "password": PASSWORD})
    assert response.status_code == 403


def test_logout_is_a_post_and_ends_the_session(client_as):
    client = client_as("organiser")
    assert client.get(reverse("front:home")).status_code == 200
    client.post(reverse("accounts:logout"))
    assert client.get(reverse("front:home")).status_code == 302


def test_password_change_needs_the_old_password(client_as, people):
    client = client_as("analyst")
    url = reverse("accounts:password_change")
    wrong = client.post(
        url, {"old_password": "nope", "new_password1": "x-new-pass-987", "new_password2": "x-new-pass-987"}
    )
    assert wrong.status_code == 200
    done = client.post(
        url, {"old_password": PASSWORD, "new_password1": "x-new-pass-987", "new_password2": "x-new-pass-987"}
    )
    assert done.status_code == 302
    people["analyst"].refresh_from_db()
    assert people["analyst"].check_password("x-new-pass-987")


def test_cookies_are_secure_behind_https(settings):
    # settings.py sets these from CITYBRIDGE_HTTPS; here we check the defaults a deployment relies on.
    assert settings.SESSION_COOKIE_HTTPONLY
    assert settings.SESSION_COOKIE_SAMESITE == "Lax"
