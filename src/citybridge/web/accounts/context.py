"""What templates need to know of the user's roles: which menus to show."""

from __future__ import annotations

from django.http import HttpRequest

from citybridge.web.accounts.access import Ability, is_admin, may_anywhere


def access(request: HttpRequest) -> dict:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"can_view": False, "can_manage": False, "is_partner": False, "is_admin": False}
    return {
        "can_view": may_anywhere(user, Ability.VIEW),
        "can_manage": may_anywhere(user, Ability.MANAGE),
        "is_partner": may_anywhere(user, Ability.PARTNER),
        "is_admin": is_admin(user),
    }
