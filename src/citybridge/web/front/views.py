"""The organiser's start page: the trainings of the user's organisations with their response figures."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from citybridge.web.accounts.access import Ability, organisations, requires, trainings
from citybridge.web.status import training_status


@requires(Ability.VIEW)
def home(request: HttpRequest) -> HttpResponse:
    found = trainings(request.user).select_related("organisation").order_by("-starts_on", "title")
    rows = [(training, training_status(training)) for training in found]
    may_create = organisations(request.user, Ability.MANAGE).exists()
    return render(request, "front/home.html", {"rows": rows, "may_create": may_create})
