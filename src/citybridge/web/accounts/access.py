"""Who may see and change what. Every page and API endpoint asks here, never decides alone.

Abilities, by role within an organisation:
- ``VIEW``: organisers and analysts read the organisation's trainings, dashboards, submissions
  (pseudonymised), indicators, cities, matches, leads and the knowledge hub;
- ``MANAGE``: organisers change them (trainings, participants, surveys, catalogue, leads);
- ``PERSONAL_DATA``: organisers see participants' names and contacts in exports;
- ``PARTNER``: partner contacts see the leads addressed to their city (organisers see all leads).
Administrators (superusers) may do everything everywhere. An object of an organisation the user
has no role in answers 404, so that its existence does not leak; a role too weak answers 403.
"""

from __future__ import annotations

from collections.abc import Callable
from enum import StrEnum
from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404, HttpRequest

from citybridge.web.accounts.models import Membership, Role
from citybridge.web.surveys.models import Survey
from citybridge.web.trainings.models import Organisation, Training


class Ability(StrEnum):
    VIEW = "view"
    MANAGE = "manage"
    PERSONAL_DATA = "personal data"
    PARTNER = "partner"


ROLES_WITH: dict[Ability, frozenset[str]] = {
    Ability.VIEW: frozenset({Role.ORGANISER, Role.ANALYST}),
    Ability.MANAGE: frozenset({Role.ORGANISER}),
    Ability.PERSONAL_DATA: frozenset({Role.ORGANISER}),
    Ability.PARTNER: frozenset({Role.PARTNER}),
}
PUBLIC = "public"  # the access mark of pages anyone may open (login, participant links)
SIGNED_IN = "signed in"  # the access mark of pages any signed-in user may open (own password)


def is_admin(user) -> bool:
    return bool(user.is_authenticated and user.is_active and user.is_superuser)


def organisations(user, ability: Ability) -> QuerySet[Organisation]:
    """The organisations in which ``user`` has ``ability``."""
    if is_admin(user):
        return Organisation.objects.all()
    if not (user.is_authenticated and user.is_active):
        return Organisation.objects.none()
    return Organisation.objects.filter(
        memberships__user=user, memberships__role__in=ROLES_WITH[ability]
    ).distinct()


def roles(user) -> dict[int, str]:
    """Organisation id -> the user's role there, read once per request (the user object keeps it)."""
    if not (user.is_authenticated and user.is_active):
        return {}
    known = getattr(user, "_citybridge_roles", None)
    if known is None:
        known = dict(Membership.objects.filter(user=user).values_list("organisation_id", "role"))
        user._citybridge_roles = known
    return known


def may(user, ability: Ability, organisation: Organisation | int) -> bool:
    pk = organisation if isinstance(organisation, int) else organisation.pk
    if is_admin(user):
        return Organisation.objects.filter(pk=pk).exists()
    return roles(user).get(pk) in ROLES_WITH[ability]


def may_anywhere(user, ability: Ability) -> bool:
    """Whether the user has ``ability`` in some organisation; an administrator always has (even
    before the first organisation exists, so that a fresh installation can be set up)."""
    return is_admin(user) or any(role in ROLES_WITH[ability] for role in roles(user).values())


def trainings(user, ability: Ability = Ability.VIEW) -> QuerySet[Training]:
    return Training.objects.filter(organisation__in=organisations(user, ability))


def check(user, ability: Ability, organisation: Organisation | int) -> None:
    """404 when the user has no role in the organisation at all, 403 when the role is too weak."""
    if may(user, ability, organisation):
        return
    if ability != Ability.VIEW and may(user, Ability.VIEW, organisation):
        raise PermissionDenied(f"your role does not allow this ({ability})")
    raise Http404("not found")


def training_or_404(user, slug: str, ability: Ability = Ability.VIEW) -> Training:
    """The training with this slug, if the user may see it with ``ability``."""
    training = Training.objects.select_related("organisation").filter(slug=slug).first()
    if training is None:
        raise Http404("no such training")
    check(user, ability, training.organisation_id)
    return training


def survey_or_404(user, slug: str, ability: Ability = Ability.VIEW) -> Survey:
    """The survey with this slug, if the user may see (or change) it; 404 for another organisation."""
    found = Survey.objects.select_related("training__organisation").filter(slug=slug).first()
    if found is None:
        raise Http404("no such survey")
    check(user, ability, found.training.organisation_id)
    return found


def partner_cities(user) -> QuerySet[Membership]:
    """The partner contact memberships of ``user``: (organisation, partner city) pairs."""
    return Membership.objects.filter(user=user, role=Role.PARTNER).exclude(partner_city="")


def partner_leads_filter(user) -> Q:
    """A filter on leads: those addressed to a city the user is partner contact for."""
    query = Q(pk__in=[])
    for membership in partner_cities(user):
        query |= Q(
            training__organisation_id=membership.organisation_id,
            partner_city__iexact=membership.partner_city,
        )
    return query


def requires(ability: Ability) -> Callable:
    """Mark a view as needing ``ability`` in at least one organisation; the view itself must still
    scope every object it fetches (training_or_404, organisations, ...). The mark is read by the
    role-matrix test, which fails on any view without one."""

    def decorate(view: Callable) -> Callable:
        @login_required
        @wraps(view)
        def guarded(request: HttpRequest, *args, **kwargs):
            if not may_anywhere(request.user, ability):
                raise PermissionDenied(f"your role does not allow this ({ability})")
            return view(request, *args, **kwargs)

        guarded.access = ability
        return guarded

    return decorate


def public(view: Callable) -> Callable:
    """Mark a view anyone may open (its own checks, such as a survey link's token, still apply)."""
    view.access = PUBLIC
    return view


def signed_in(view: Callable) -> Callable:
    """Mark a view any signed-in user may open; it shows only the user's own things."""
    guarded = login_required(view)
    guarded.access = SIGNED_IN
    return guarded
