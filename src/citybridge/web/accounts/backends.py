"""The one way a password is checked: Django's model backend behind the log-in limit.

Set as the only authentication backend, it limits every way of logging in: the site's form, the
admin's, and anything else that calls ``django.contrib.auth.authenticate``.
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest

from citybridge.web.accounts import ratelimit

REFUSED = "citybridge_login_refused"  # set on a request whose attempt was over the limit


class LimitedModelBackend(ModelBackend):
    def authenticate(self, request: HttpRequest | None, username: str | None = None, password: str | None = None,
                     **kwargs):  # fmt: skip
        if username is None:
            username = kwargs.get(get_user_model().USERNAME_FIELD)
        if username is None or password is None:
            return None
        if not ratelimit.attempt(request, username):
            if request is not None:
                setattr(request, REFUSED, True)
            raise PermissionDenied  # authenticate() stops here: no backend checks the password
        user = super().authenticate(request, username=username, password=password, **kwargs)
        if user is not None:
            ratelimit.succeeded(request, username)
        return user
