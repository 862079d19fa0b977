"""Organiser pages."""

from __future__ import annotations

from django.shortcuts import render

from citybridge.web.accounts.access import Ability, requires, trainings


@requires(Ability.VIEW)
def home(request):
    found = trainings(request.user).select_related("organisation").order_by("-starts_on", "title")
    return render(request, "front/home.html", {"trainings": found})
