"""Knowledge hub pages."""

from __future__ import annotations

from django.shortcuts import render

from citybridge.web.accounts.access import Ability, requires


@requires(Ability.VIEW)
def home(request):
    return render(request, "knowledge/home.html", {})
