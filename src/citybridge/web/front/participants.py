"""The registered participants of a training, and importing a registration list.

Names and contacts are personal data: only roles with PERSONAL_DATA see them; analysts see each
person as a pseudonym ("P-0007", the person's place in the registration order) with the city kept,
which is what an analysis by city needs.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.text import get_valid_filename
from django.utils.translation import gettext

from citybridge.submissions.tables import TableError
from citybridge.web.accounts.access import Ability, may, requires, training_or_404
from citybridge.web.errors import RegistrationsRejected
from citybridge.web.front.results_table import participant_pseudonym
from citybridge.web.trainings.models import Training
from citybridge.web.trainings.store import import_registrations

PER_PAGE = 50
REGISTRATION_SUFFIXES = (".csv", ".xlsx")
MAX_REGISTRATION_BYTES = 20 * 1024 * 1024


@requires(Ability.VIEW)
def participants(request: HttpRequest, slug: str) -> HttpResponse:
    training = training_or_404(request.user, slug)
    personal = may(request.user, Ability.PERSONAL_DATA, training.organisation_id)
    everyone = training.participants.select_related("city").order_by("pk")
    page = Paginator(everyone, PER_PAGE).get_page(request.GET.get("page"))
    rows = [(participant_pseudonym(page.start_index() + i), person) for i, person in enumerate(page.object_list)]
    context = {
        "training": training,
        "page": page,
        "rows": rows,
        "personal": personal,
        "manage": may(request.user, Ability.MANAGE, training.organisation_id),
    }
    return render(request, "front/participants.html", context)


@requires(Ability.MANAGE)
def participants_import(request: HttpRequest, slug: str) -> HttpResponse:
    training = training_or_404(request.user, slug, Ability.MANAGE)
    context: dict = {"training": training, "problems": None}
    if request.method == "POST":
        upload = request.FILES.get("registrations")
        error = _upload_error(upload)
        if error:
            context["error"] = error
        else:
            try:
                report = _import(training, upload)
            except RegistrationsRejected as rejected:
                context.update(problems=rejected.problems, filename=upload.name)
            except TableError as exc:  # not a table at all: one message, naming the file
                context["error"] = str(exc)
            else:
                messages.success(
                    request,
                    gettext("%(file)s: %(new)d new participants, %(present)d already registered.")
                    % {"file": upload.name, "new": report.new, "present": report.already_present},
                )
                return redirect("front:participants", slug=training.slug)
    return render(request, "front/participants_import.html", context)


def _upload_error(upload) -> str | None:
    if upload is None:
        return gettext("Choose a registration file (CSV or XLSX).")
    if Path(upload.name).suffix.lower() not in REGISTRATION_SUFFIXES:
        return gettext("%(name)s is not a CSV or XLSX file; save the list as one of those.") % {
            "name": upload.name
        }
    if upload.size > MAX_REGISTRATION_BYTES:
        return gettext("%(name)s is larger than 20 MB; split the list.") % {"name": upload.name}
    return None


def _import(training: Training, upload):
    """The store reads files by path and names problems by the file's name: keep the name."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / get_valid_filename(Path(upload.name).name)
        with path.open("wb") as out:
            for chunk in upload.chunks():
                out.write(chunk)
        return import_registrations(training, path)
