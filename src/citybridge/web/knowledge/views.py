"""Knowledge hub pages: thin views that scope every object to the user's organisations."""

from __future__ import annotations

import tempfile
from pathlib import Path

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from citybridge.knowledge.practices import PracticeError
from citybridge.web.accounts.access import Ability, check, may, requires, training_or_404, trainings
from citybridge.web.jobs import documents
from citybridge.web.jobs.queue import submit
from citybridge.web.knowledge import hub
from citybridge.web.knowledge.forms import BookletForm, ImportForm, PracticeForm, SearchForm
from citybridge.web.knowledge.models import Practice
from citybridge.web.knowledge.store import import_practices, save_practice
from citybridge.web.trainings.models import Speaker

# A practices file is a few dozen kilobytes; anything far larger is not one.
MAX_UPLOAD = 5 * 1024 * 1024


@requires(Ability.VIEW)
def home(request):
    visible = trainings(request.user, Ability.VIEW).order_by("-starts_on", "title")
    form = SearchForm(request.GET, trainings=visible, language=get_language())
    query = sector = ""
    scope = visible
    if form.is_valid():
        query, sector = form.cleaned_data["q"], form.cleaned_data["sector"]
        if form.cleaned_data["training"]:
            scope = visible.filter(slug=form.cleaned_data["training"])
    found = hub.find(scope, query, sector)
    managed = {t.pk for t in scope if may(request.user, Ability.MANAGE, t.organisation_id)}
    return render(
        request,
        "knowledge/home.html",
        {
            "form": form,
            "found": found,
            "trainings": [(t, t.pk in managed) for t in scope],
            "searching": bool(query or sector),
        },
    )


@requires(Ability.VIEW)
def speaker(request, pk: int):
    found = _visible_speaker(request, pk)
    lectures = (
        found.lectures.select_related("training")
        .filter(training__in=trainings(request.user, Ability.VIEW))
        .order_by("training__title", "number")
    )
    return render(request, "knowledge/speaker.html", {"speaker": found, "lectures": lectures})


def _visible_speaker(request, pk: int) -> Speaker:
    # A speaker belongs to no organisation: they are visible through a lecture in a visible training.
    return get_object_or_404(
        Speaker.objects.filter(lectures__training__in=trainings(request.user, Ability.VIEW)).distinct(), pk=pk
    )


@requires(Ability.VIEW)
def practice(request, pk: int):
    found = get_object_or_404(Practice.objects.select_related("training", "lecture__speaker"), pk=pk)
    check(request.user, Ability.VIEW, found.training.organisation_id)
    manages = may(request.user, Ability.MANAGE, found.training.organisation_id)
    return render(request, "knowledge/practice.html", {"practice": found, "manages": manages})


@requires(Ability.MANAGE)
@require_http_methods(["GET", "POST"])
def practice_new(request, slug: str):
    training = training_or_404(request.user, slug, Ability.MANAGE)
    return _practice_form(request, training, None)


@requires(Ability.MANAGE)
@require_http_methods(["GET", "POST"])
def practice_edit(request, pk: int):
    found = get_object_or_404(Practice.objects.select_related("training"), pk=pk)
    check(request.user, Ability.MANAGE, found.training.organisation_id)
    return _practice_form(request, found.training, found)


def _practice_form(request, training, found: Practice | None):
    initial = None
    if found is not None:
        initial = {
            "title": found.title, "lecture": str(found.lecture_id or ""), "speaker": found.speaker,
            "place": found.place, "sectors": found.sectors, "key_points": "\n".join(found.key_points),
            "source": found.source, "note": found.note,
        }  # fmt: skip
    form = PracticeForm(request.POST or None, training=training, language=get_language(), initial=initial)
    if request.method == "POST" and form.is_valid():
        saved = save_practice(training, form.cleaned_data, found)
        messages.success(request, _("Good practice “%(title)s” saved.") % {"title": saved.title})
        return redirect("knowledge:practice", pk=saved.pk)
    status = 400 if request.method == "POST" else 200
    context = {"training": training, "form": form, "practice": found}
    return render(request, "knowledge/practice_form.html", context, status=status)


@requires(Ability.MANAGE)
@require_http_methods(["GET", "POST"])
def practices_import(request, slug: str):
    training = training_or_404(request.user, slug, Ability.MANAGE)
    form = ImportForm(request.POST or None, request.FILES or None)
    problems: list[str] = []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        if upload.size > MAX_UPLOAD:
            problems = [
                _("%(name)s: the file is larger than 5 MB; is it really a practices file?")
                % {"name": upload.name}
            ]
        else:
            try:
                report = _import_upload(training, upload)
            except PracticeError as error:
                problems = error.problems
            else:
                messages.success(
                    request,
                    _("%(source)s: new practices: %(new)d, updated: %(updated)d.")
                    % {
                        "source": report.source,
                        "new": report.new,
                        "updated": report.updated,
                    },
                )
                return redirect(f"{reverse('knowledge:home')}?training={training.slug}")
    return render(
        request, "knowledge/import.html", {"training": training, "form": form, "problems": problems}
    )


def _import_upload(training, upload):
    """Import an uploaded file through a temporary copy, naming the upload in every problem."""
    name = Path(upload.name).name or "practices.json"
    with tempfile.TemporaryDirectory(prefix="citybridge-practices-") as folder:
        path = Path(folder) / name
        with path.open("wb") as copy:
            for chunk in upload.chunks():
                copy.write(chunk)
        return import_practices(training, path, name=name)


@requires(Ability.VIEW)
@require_http_methods(["GET", "POST"])
def booklet_job(request, slug: str):
    training = training_or_404(request.user, slug, Ability.VIEW)
    form = BookletForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        job = submit(
            "booklet",
            organisation=training.organisation,
            training=training,
            params=documents.params(
                languages=form.cleaned_data["languages"], formats=form.cleaned_data["formats"]
            ),
            user=request.user,
        )
        return redirect("jobs:detail", pk=job.pk)
    return render(
        request,
        "knowledge/booklet.html",
        {
            "training": training,
            "form": form,
            "practices": training.practices.count(),
        },
    )
