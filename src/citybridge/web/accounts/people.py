"""Creating users with their role: used by ``citybridge createuser`` and the tests."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.text import slugify

from citybridge.web.accounts.models import Membership, Role
from citybridge.web.trainings.models import Organisation


class PeopleError(ValueError):
    """A user that cannot be created as asked; nothing was stored."""


def create_user(
    username: str,
    password: str,
    *,
    email: str = "",
    admin: bool = False,
    organisation: str | None = None,
    role: str = Role.ORGANISER,
    partner_city: str = "",
):
    users = get_user_model()
    if users.objects.filter(username=username).exists():
        raise PeopleError(f"user '{username}' exists already; choose another name.")
    if role not in Role.values:
        raise PeopleError(f"role '{role}': choose from {', '.join(Role.values)}.")
    if role == Role.PARTNER and not partner_city:
        raise PeopleError("a partner contact needs --partner-city, the city whose leads they see.")
    user = users(username=username, email=email, is_superuser=admin, is_staff=admin)
    try:
        validate_password(password, user)
    except ValidationError as error:
        raise PeopleError("password: " + " ".join(error.messages)) from None
    user.set_password(password)
    with transaction.atomic():
        user.save()
        if organisation:
            found = organisation_named(organisation)
            Membership.objects.create(user=user, organisation=found, role=role, partner_city=partner_city)
    return user


def organisation_named(text: str) -> Organisation:
    """The organisation with this slug or name; a new one if there is none."""
    found = Organisation.objects.filter(slug=text).first() or Organisation.objects.filter(name=text).first()
    if found is not None:
        return found
    return Organisation.objects.create(name=text, slug=slugify(text)[:80] or "organisation")
